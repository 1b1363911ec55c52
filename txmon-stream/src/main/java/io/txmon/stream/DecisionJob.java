package io.txmon.stream;

import io.txmon.model.AnomalyModel;
import io.txmon.transaction.Account;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The decision path as a Flink job, built from the core with no copy of its logic: transactions become events of
 * their accounts (the payer's, and the payee's for a transfer), keyed by account and observed in event-time order
 * ({@link AccountStates}); the halves of each transaction's features meet keyed by transaction and are decided on
 * ({@link DecisionJoin}). The same history gives the decisions {@code bin/txmon score} gives.
 *
 * <p>Sources and sinks are the caller's: {@link #decisions} turns a stream of transactions into a stream of
 * decisions, so that tests run it on bounded input and production on Kafka.
 */
public final class DecisionJob {
    /** How late, in event time, a transaction may arrive behind the latest one seen and still be decided in order. */
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofMinutes(2);

    private final WhatDecides decides;
    private final HashMap<String, ReferenceAccount> reference = new HashMap<>();
    private final Duration outOfOrderness;

    private DecisionJob(WhatDecides decides, Map<String, Account> accounts, Duration outOfOrderness) {
        this.decides = decides;
        accounts.forEach((id, account) -> reference.put(id, ReferenceAccount.of(account)));
        this.outOfOrderness = outOfOrderness;
    }

    /**
     * A job deciding with {@code ruleFile} (the shipped defaults when empty) and {@code model} (the rules alone when
     * empty), opening accounts from {@code accounts} as {@code score --accounts} does, and waiting {@code
     * outOfOrderness} of event time for transactions that arrive out of order.
     */
    public static DecisionJob of(
            Optional<String> ruleFile,
            Optional<AnomalyModel> model,
            Map<String, Account> accounts,
            Duration outOfOrderness) {
        Objects.requireNonNull(accounts, "accounts");
        if (outOfOrderness.isNegative()) {
            throw new IllegalArgumentException("out-of-orderness must not be negative, was " + outOfOrderness);
        }
        WhatDecides decides = WhatDecides.of(ruleFile, model);
        decides.rules(); // A bad rule file fails here, in the caller, not later in every task.
        return new DecisionJob(decides, accounts, outOfOrderness);
    }

    /** The decisions on {@code transactions}, in no particular order across transactions. */
    public SingleOutputStreamOperator<StreamDecision> decisions(DataStream<SequencedTransaction> transactions) {
        WatermarkStrategy<SequencedTransaction> time = WatermarkStrategy.<SequencedTransaction>forBoundedOutOfOrderness(
                        outOfOrderness)
                .withTimestampAssigner(
                        (tx, previous) -> tx.transaction().timestamp().toEpochMilli());
        return transactions
                .assignTimestampsAndWatermarks(time)
                .name("event time")
                .flatMap((SequencedTransaction tx, org.apache.flink.util.Collector<AccountEvent> out) ->
                        AccountEvent.of(tx).forEach(out::collect))
                .returns(TypeInformation.of(AccountEvent.class))
                .name("accounts of each transaction")
                .keyBy(AccountEvent::accountId)
                .process(new AccountStates(decides, reference))
                .name("account states")
                .keyBy(FeatureHalf::transactionId)
                .process(new DecisionJoin(decides))
                .name("decisions");
    }
}

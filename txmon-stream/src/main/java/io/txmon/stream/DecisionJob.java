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
import org.apache.flink.util.Collector;

/**
 * The decision path as a Flink job, built from the core with no copy of its logic: transactions become events of
 * their accounts (the payer's, and the payee's for a transfer), keyed by account and observed in event-time order
 * ({@link AccountStates}); the halves of each transaction's features meet keyed by transaction and are decided on
 * ({@link DecisionJoin}). The same history gives the decisions {@code bin/txmon score} gives.
 *
 * <p>Sources and sinks are the caller's: {@link #decide} turns a stream of transactions into a stream of
 * decisions, so that tests run it on bounded input and production on Kafka.
 */
public final class DecisionJob {
    /** How late, in event time, a transaction may arrive behind the latest one seen and still be decided in order. */
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofMinutes(2);

    /** How long a transaction id is remembered, so that a copy sent again within it is not decided twice. */
    public static final Duration REMEMBERED_IDS = Duration.ofDays(7);

    private final WhatDecides decides;
    private final HashMap<String, ReferenceAccount> reference;
    private final Duration outOfOrderness;
    private final boolean watermarkEveryEvent;
    private final boolean eventTimeFromSource;

    private DecisionJob(
            WhatDecides decides,
            HashMap<String, ReferenceAccount> reference,
            Duration outOfOrderness,
            boolean watermarkEveryEvent,
            boolean eventTimeFromSource) {
        this.decides = decides;
        this.reference = reference;
        this.outOfOrderness = outOfOrderness;
        this.watermarkEveryEvent = watermarkEveryEvent;
        this.eventTimeFromSource = eventTimeFromSource;
    }

    /**
     * The same job with a watermark after every transaction instead of Flink's periodic ones: what a test needs to
     * make a transaction late on purpose, at a cost per event no production job should pay.
     */
    DecisionJob withWatermarkAfterEveryTransaction() {
        return new DecisionJob(decides, reference, outOfOrderness, true, false);
    }

    /**
     * The same job taking event time and watermarks from its source, as a Kafka source gives them per partition,
     * instead of assigning its own (with the same out-of-orderness) after the source.
     */
    public DecisionJob withEventTimeFromSource() {
        return new DecisionJob(decides, reference, outOfOrderness, false, true);
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
        // A HashMap of serializable records: Flink ships it to every task with the functions that read it.
        HashMap<String, ReferenceAccount> reference = new HashMap<>();
        accounts.forEach((id, account) -> reference.put(id, ReferenceAccount.of(account)));
        return new DecisionJob(decides, reference, outOfOrderness, false, false);
    }

    /** What the job puts out: every decision, and what it could not decide. */
    public record Outputs(
            DataStream<DecidedTransaction> decided,
            DataStream<LateTransaction> late,
            DataStream<SequencedTransaction> duplicates) {

        /** The decisions alone, as the decisions topic and {@code bin/txmon score} give them. */
        public DataStream<StreamDecision> decisions() {
            return decided.map(DecidedTransaction::decision)
                    .returns(StreamDecision.class)
                    .name("decision");
        }
    }

    /**
     * The decisions on {@code transactions}, in no particular order across transactions; a transaction id seen before
     * (within {@link #REMEMBERED_IDS}) goes to {@code duplicates}, and one later than the out-of-orderness to {@code
     * late}, with why.
     */
    public Outputs decide(DataStream<SequencedTransaction> transactions) {
        Duration bound = outOfOrderness; // Captured alone: Flink serializes the strategy, not this job.
        WatermarkStrategy<SequencedTransaction> bounded = watermarkEveryEvent
                ? WatermarkStrategy.forGenerator(context -> new WatermarkAfterEveryEvent<>(bound))
                : WatermarkStrategy.forBoundedOutOfOrderness(outOfOrderness);
        WatermarkStrategy<SequencedTransaction> time = bounded.withTimestampAssigner(
                (tx, previous) -> tx.transaction().timestamp().toEpochMilli());
        DataStream<SequencedTransaction> timed = eventTimeFromSource
                ? transactions
                : transactions.assignTimestampsAndWatermarks(time).name("event time");
        SingleOutputStreamOperator<SequencedTransaction> firsts = timed.keyBy(
                        tx -> tx.transaction().transactionId())
                .process(new FirstOfEachTransaction(REMEMBERED_IDS))
                .name("each transaction once");
        SingleOutputStreamOperator<FeatureHalf> halves = firsts.flatMap(
                        (SequencedTransaction tx, Collector<AccountEvent> out) ->
                                AccountEvent.of(tx).forEach(out::collect))
                .returns(TypeInformation.of(AccountEvent.class))
                .name("accounts of each transaction")
                .keyBy(AccountEvent::accountId)
                .process(new AccountStates(decides, reference))
                .name("account states");
        SingleOutputStreamOperator<DecidedTransaction> decisions = halves.keyBy(FeatureHalf::transactionId)
                .process(new DecisionJoin(decides))
                .name("decisions");
        return new Outputs(
                decisions,
                halves.getSideOutput(AccountStates.LATE).union(decisions.getSideOutput(DecisionJoin.HALF_ALONE)),
                firsts.getSideOutput(FirstOfEachTransaction.DUPLICATES));
    }
}

package io.txmon.stream;

import io.txmon.boosting.SupervisedModel;
import io.txmon.labels.LabelTimeline;
import io.txmon.model.AnomalyModel;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The decision path as a Flink job, built from the core with no copy of its logic: transactions become events of
 * their accounts (the payer's, and the payee's for a transfer) and of their merchant and device, keyed by account or
 * entity and observed in event-time order ({@link AccountStates}); the parts of each transaction's features meet
 * keyed by transaction and are decided on ({@link DecisionJoin}), with a supervised model when given one. Labels, when
 * given, become outcomes the entities learn at the instant each became known ({@link LabelledTransactions}). The same
 * history gives the decisions {@code bin/txmon score} gives.
 *
 * <p>Sources and sinks are the caller's: {@link #decide} turns a stream of transactions into a stream of
 * decisions, so that tests run it on bounded input and production on Kafka.
 */
public final class DecisionJob {
    /** How late, in event time, a transaction may arrive behind the latest one seen and still be decided in order. */
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofMinutes(2);

    /**
     * Two years: far beyond every window a feature looks back over (the default rules call an account dormant after
     * 180 days), so that forgetting changes no decision but for accounts quiet that long, which then start afresh from
     * their reference data, as if new; batch scoring never forgets. Bounds the state of accounts that are closed.
     */
    public static final Duration DEFAULT_QUIET_ACCOUNT_TTL = Duration.ofDays(730);

    /**
     * How long after a transaction its outcome is known at the latest, for the purpose of keeping it to meet its
     * label: {@code bin/txmon score --labels}'s default label delay ({@code LabelTimeline.DEFAULT_DELAY}).
     */
    public static final Duration DEFAULT_LABEL_DELAY = LabelTimeline.DEFAULT_DELAY;

    /**
     * How long a transaction is kept to meet its labels ({@link LabelledTransactions}): the 30 days the entity
     * features look back over, plus the label delay. A label known later than that is set aside: its transaction is
     * then out of every window of every later transaction, so batch scoring's learning it changes no feature (but for
     * which accounts a full memory of an entity's fraud accounts keeps).
     */
    public static final Duration LABELLED_TRANSACTIONS_KEPT_FOR =
            Duration.ofDays(30).plus(DEFAULT_LABEL_DELAY);

    /**
     * After how long without a label (in processing time) the labels input stops holding back event time. While
     * labels come, their watermark (the latest instant known minus the out-of-orderness) holds the job's event time
     * back, so that a label is learned at the instant it became known; a labels input quiet for this long is idle
     * and no longer does, and a label that then arrives behind event time is set aside with why rather than learned
     * out of order. Labels are mostly learned as they happen, ahead of the transactions' watermark, which trails the
     * newest transaction by the out-of-orderness: those are on time after any quiet spell.
     */
    public static final Duration LABELS_IDLE_AFTER = Duration.ofMinutes(1);

    private final WhatDecides decides;
    private final HashMap<String, ReferenceAccount> reference;
    private final Duration outOfOrderness;
    private final boolean watermarkEveryEvent;
    private final boolean eventTimeFromSource;
    private final Duration quietAccountTtl;
    private final Duration labelDelay;

    private DecisionJob(
            WhatDecides decides,
            HashMap<String, ReferenceAccount> reference,
            Duration outOfOrderness,
            boolean watermarkEveryEvent,
            boolean eventTimeFromSource,
            Duration quietAccountTtl,
            Duration labelDelay) {
        this.decides = decides;
        this.reference = reference;
        this.outOfOrderness = outOfOrderness;
        this.watermarkEveryEvent = watermarkEveryEvent;
        this.eventTimeFromSource = eventTimeFromSource;
        this.quietAccountTtl = quietAccountTtl;
        this.labelDelay = labelDelay;
    }

    /**
     * The same job with a watermark after every transaction instead of Flink's periodic ones: what a test needs to
     * make a transaction late on purpose, at a cost per event no production job should pay.
     */
    DecisionJob withWatermarkAfterEveryTransaction() {
        return new DecisionJob(decides, reference, outOfOrderness, true, false, quietAccountTtl, labelDelay);
    }

    /**
     * The same job taking event time and watermarks from its source, as a Kafka source gives them per partition,
     * instead of assigning its own (with the same out-of-orderness) after the source.
     */
    public DecisionJob withEventTimeFromSource() {
        return new DecisionJob(decides, reference, outOfOrderness, false, true, quietAccountTtl, labelDelay);
    }

    /**
     * The same job forgetting an account's state once nothing has changed it for {@code ttl} of processing time
     * (Flink's state TTL), instead of after {@link #DEFAULT_QUIET_ACCOUNT_TTL}.
     */
    public DecisionJob withQuietAccountsForgottenAfter(Duration ttl) {
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("a quiet account's state must be kept at least 1ms, was " + ttl);
        }
        return new DecisionJob(
                decides, reference, outOfOrderness, watermarkEveryEvent, eventTimeFromSource, ttl, labelDelay);
    }

    /**
     * The same job deciding with {@code supervised} (none when empty) beside the rules and the anomaly model, as
     * {@code TransactionScorer.useSupervised} does before its first transaction; a {@link ControlMessage#supervised}
     * message replaces it while the job runs.
     */
    public DecisionJob withSupervised(Optional<SupervisedModel> supervised) {
        return new DecisionJob(
                decides.withSupervised(supervised),
                reference,
                outOfOrderness,
                watermarkEveryEvent,
                eventTimeFromSource,
                quietAccountTtl,
                labelDelay);
    }

    /**
     * The same job taking an undated label (one whose source did not say when it was learned) to be known {@code
     * delay} after its transaction, as {@code bin/txmon score --label-delay} does, instead of after {@link
     * #DEFAULT_LABEL_DELAY}; transactions are kept to meet their labels for the entity windows' 30 days plus the
     * longer of the two.
     */
    public DecisionJob withLabelDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("label delay must not be negative, was " + delay);
        }
        return new DecisionJob(
                decides, reference, outOfOrderness, watermarkEveryEvent, eventTimeFromSource, quietAccountTtl, delay);
    }

    /** Labels' event time: the instant each became known, undated ones aside ({@link TimedEventWatermarks}). */
    public static WatermarkStrategy<OutcomeLabel> labelEventTime(Duration outOfOrderness, Duration idleAfter) {
        return WatermarkStrategy.<OutcomeLabel>forGenerator(
                        context -> TimedEventWatermarks.activeFromStart(outOfOrderness, idleAfter, context))
                .withTimestampAssigner((label, previous) -> label.eventTimeMillis());
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
        return new DecisionJob(
                decides, reference, outOfOrderness, false, false, DEFAULT_QUIET_ACCOUNT_TTL, DEFAULT_LABEL_DELAY);
    }

    /**
     * What the job puts out: every decision, what it could not decide, the control messages it refused, and the
     * labels it could not learn.
     */
    public record Outputs(
            DataStream<DecidedTransaction> decided,
            DataStream<LateTransaction> late,
            DataStream<SequencedTransaction> duplicates,
            DataStream<ControlError> controlErrors,
            DataStream<SetAsideLabel> setAsideLabels) {

        /** The decisions alone, as the decisions topic and {@code bin/txmon score} give them. */
        public DataStream<StreamDecision> decisions() {
            return decided.map(DecidedTransaction::decision)
                    .returns(StreamDecision.class)
                    .name("decision");
        }
    }

    /**
     * The decisions on {@code transactions} with the rules, model and reference data the job was built with, none
     * changing while it runs: {@link #decide(DataStream, DataStream, DataStream)} with no account updates and no
     * control messages.
     */
    public Outputs decide(DataStream<SequencedTransaction> transactions) {
        // No updates stream at all rather than an empty one: an empty source still holds the accounts' event time
        // back until it has finished, so whether a transaction is late would depend on how fast it started. Control
        // messages are outside event time (BroadcastOutsideEventTime); an empty stream made from the transactions
        // ends when they do (Flink 2.2's fromData fails on an empty collection).
        DataStream<ControlMessage> noControl = transactions
                .flatMap((SequencedTransaction tx, Collector<ControlMessage> none) -> {})
                .returns(ControlMessage.class)
                .name("no control messages");
        return decide(transactions, Optional.empty(), noControl, Optional.empty());
    }

    /**
     * The decisions on {@code transactions} as {@link #decide(DataStream)} makes them, with the entities learning the
     * outcomes {@code labels} tell, each at the instant it became known, as {@code bin/txmon score --labels} learns
     * them: see {@link #decide(DataStream, DataStream, DataStream, DataStream)}.
     */
    public Outputs decideLearning(DataStream<SequencedTransaction> transactions, DataStream<OutcomeLabel> labels) {
        Objects.requireNonNull(labels, "labels");
        DataStream<ControlMessage> noControl = transactions
                .flatMap((SequencedTransaction tx, Collector<ControlMessage> none) -> {})
                .returns(ControlMessage.class)
                .name("no control messages");
        return decide(transactions, Optional.empty(), noControl, Optional.of(labels));
    }

    /**
     * The decisions on {@code transactions}, in no particular order across transactions; a second copy of a
     * transaction its accounts are still holding for the watermark goes to {@code duplicates}, and a transaction later
     * than the out-of-orderness (a copy of one already decided included) to {@code late}, with why.
     *
     * @param accountUpdates reference data from the {@code accounts} topic: an account opens from the newest update
     *     received before its first transaction, else from the job's reference data
     * @param control new rule files and models: each is checked, then applies to every task from the moment it
     *     arrives there (in processing time), or goes to {@code controlErrors} with why
     */
    public Outputs decide(
            DataStream<SequencedTransaction> transactions,
            DataStream<ReferenceAccount> accountUpdates,
            DataStream<ControlMessage> control) {
        Objects.requireNonNull(accountUpdates, "accountUpdates");
        return decide(transactions, Optional.of(accountUpdates), control, Optional.empty());
    }

    /**
     * The decisions as {@link #decide(DataStream, DataStream, DataStream)} makes them, with the entities learning the
     * outcomes {@code labels} tell.
     *
     * @param labels what became known of transactions' outcomes, in event time at the instant each became known
     *     ({@link OutcomeLabel#knownAt}): every key of the labelled transaction learns it after its transactions of
     *     that instant and before its later ones. Their watermark holds the job's event time back until the input has
     *     been quiet for {@link #LABELS_IDLE_AFTER}; with {@link #withEventTimeFromSource} their source gives it. A
     *     label that cannot be learned so goes to {@code setAsideLabels} with why.
     */
    public Outputs decide(
            DataStream<SequencedTransaction> transactions,
            DataStream<ReferenceAccount> accountUpdates,
            DataStream<ControlMessage> control,
            DataStream<OutcomeLabel> labels) {
        Objects.requireNonNull(accountUpdates, "accountUpdates");
        Objects.requireNonNull(labels, "labels");
        return decide(transactions, Optional.of(accountUpdates), control, Optional.of(labels));
    }

    private Outputs decide(
            DataStream<SequencedTransaction> transactions,
            Optional<DataStream<ReferenceAccount>> accountUpdates,
            DataStream<ControlMessage> control,
            Optional<DataStream<OutcomeLabel>> labels) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(control, "control");
        configure(transactions.getExecutionEnvironment());
        Duration bound = outOfOrderness; // Captured alone: Flink serializes the strategy, not this job.
        WatermarkStrategy<SequencedTransaction> bounded = watermarkEveryEvent
                ? WatermarkStrategy.forGenerator(context -> new WatermarkAfterEveryEvent<>(bound))
                : WatermarkStrategy.forBoundedOutOfOrderness(outOfOrderness);
        WatermarkStrategy<SequencedTransaction> time = bounded.withTimestampAssigner(
                (tx, previous) -> tx.transaction().timestamp().toEpochMilli());
        SingleOutputStreamOperator<ControlMessage> checked = control.process(new ControlCheck(decides))
                .returns(ControlMessage.class)
                .setParallelism(1)
                .name("control check")
                .uid("control-check");
        // Each task gets every accepted message; BroadcastOutsideEventTime keeps it in broadcast state.
        DataStream<ControlMessage> accepted = checked.broadcast();
        DataStream<SequencedTransaction> timed = eventTimeFromSource
                ? transactions
                : transactions.assignTimestampsAndWatermarks(time).name("event time");
        // At the transactions' parallelism, chained to them. Spread over more tasks, one reader's records and
        // watermarks would reach the accounts by several channels, and after a quiet spell one channel could become
        // active with a watermark while another, still idle, carried older transactions: they came late
        // (KafkaDecisionJobIT, the quiet spell on a one-partition topic).
        DataStream<AccountInput> events = timed.flatMap((SequencedTransaction tx, Collector<AccountInput> out) ->
                        AccountEvent.of(tx).forEach(out::collect))
                .returns(SerializedType.ACCOUNT_INPUT)
                .setParallelism(timed.getParallelism())
                .name("accounts of each transaction");
        if (accountUpdates.isPresent()) {
            DataStream<ReferenceAccount> received = accountUpdates.get();
            // At the parallelism of the updates' source, so chained to it: with fewer source tasks than the job's
            // (fewer partitions on the accounts topic), a rebalance here stalled event time for the whole job.
            int parallelism = received.getParallelism();
            DataStream<AccountInput> updates = received.map(
                            (ReferenceAccount update) -> (AccountInput) new AccountUpdate(update))
                    .returns(SerializedType.ACCOUNT_INPUT)
                    .setParallelism(parallelism)
                    .name("account updates")
                    .assignTimestampsAndWatermarks(WatermarkStrategy.forGenerator(context -> new OutsideEventTime<>()))
                    .setParallelism(parallelism)
                    .name("account updates outside event time");
            events = events.union(updates);
        }
        DataStream<SetAsideLabel> setAsideLabels;
        if (labels.isPresent()) {
            WatermarkStrategy<OutcomeLabel> labelTime = labelEventTime(outOfOrderness, LABELS_IDLE_AFTER);
            DataStream<OutcomeLabel> timedLabels = eventTimeFromSource
                    ? labels.get()
                    : labels.get().assignTimestampsAndWatermarks(labelTime).name("labels in event time");
            // Keyed by transaction, a second copy of every transaction: each label needs its transaction's keys.
            SingleOutputStreamOperator<AccountInput> outcomes = timed.keyBy(
                            (SequencedTransaction tx) -> tx.transaction().transactionId(), Types.STRING)
                    .connect(timedLabels.keyBy(OutcomeLabel::transactionId, Types.STRING))
                    .process(new LabelledTransactions(keptToMeetLabels(), labelDelay), SerializedType.ACCOUNT_INPUT)
                    .name("labelled transactions")
                    .uid("labelled-transactions");
            events = events.union(outcomes);
            setAsideLabels = outcomes.getSideOutput(LabelledTransactions.SET_ASIDE);
        } else {
            setAsideLabels = transactions
                    .flatMap((SequencedTransaction tx, Collector<SetAsideLabel> none) -> {})
                    .returns(SetAsideLabel.class)
                    .name("no labels");
        }
        SingleOutputStreamOperator<FeatureHalf> halves = events.keyBy(AccountInput::accountId)
                .connect(accepted)
                .transform(
                        "account states",
                        SerializedType.FEATURE_HALF,
                        new BroadcastOutsideEventTime<>(new AccountStates(decides, reference, quietAccountTtl)))
                // Fixed ids on every operator with state, so that a checkpoint restores into a later version of the
                // graph (one more input, one more stateless step) instead of being refused for ids derived from it.
                .uid("account-states");
        SingleOutputStreamOperator<DecidedTransaction> decisions = halves.keyBy(FeatureHalf::transactionId)
                .connect(accepted)
                .transform(
                        "decisions",
                        TypeInformation.of(DecidedTransaction.class),
                        new BroadcastOutsideEventTime<>(new DecisionJoin(decides)))
                .uid("decisions");
        // One task: a day's review line is drawn from every task's scores of the days before (ReviewLines).
        SingleOutputStreamOperator<DecidedTransaction> judged = decisions
                .keyBy(decided -> ReviewLines.ALL, Types.INT)
                .connect(accepted)
                .transform(
                        "review line",
                        TypeInformation.of(DecidedTransaction.class),
                        new BroadcastOutsideEventTime<>(new ReviewLines(decides)))
                .uid("review-line")
                .setParallelism(1)
                .setMaxParallelism(1);
        return new Outputs(
                judged,
                halves.getSideOutput(AccountStates.LATE).union(decisions.getSideOutput(DecisionJoin.HALF_ALONE)),
                halves.getSideOutput(AccountStates.DUPLICATES),
                checked.getSideOutput(ControlCheck.REFUSED),
                setAsideLabels);
    }

    /** {@link #LABELLED_TRANSACTIONS_KEPT_FOR}, or longer for a label delay longer than the default. */
    private Duration keptToMeetLabels() {
        Duration longer = labelDelay.compareTo(DEFAULT_LABEL_DELAY) > 0 ? labelDelay : DEFAULT_LABEL_DELAY;
        return Duration.ofDays(30).plus(longer);
    }

    /**
     * Registers the job's own Kryo serializer for transactions, which Flink cannot treat as POJOs, so that Kryo does not
     * reflect over them on every shuffle, and turns object reuse on: no function of the job changes what it is given or
     * keeps it beyond the call but in keyed state, which records arriving over the network go to, so Flink need not
     * copy each record for every operator chained after the one that made it (the decisions for the topic, the
     * alerts and the database: 10 % of the decisions task on the stream benchmark).
     */
    private static void configure(StreamExecutionEnvironment env) {
        List<String> registered = new ArrayList<>(env.getConfiguration()
                .getOptional(PipelineOptions.SERIALIZATION_CONFIG)
                .orElse(List.of()));
        registered.add(kryo(Transaction.class, TransactionKryoSerializer.class));
        Configuration config = new Configuration();
        config.set(PipelineOptions.SERIALIZATION_CONFIG, registered);
        config.set(PipelineOptions.OBJECT_REUSE, true);
        env.configure(config);
    }

    private static String kryo(Class<?> type, Class<?> serializer) {
        return type.getName() + ": {type: kryo, kryo-type: registered, class: " + serializer.getName() + "}";
    }
}

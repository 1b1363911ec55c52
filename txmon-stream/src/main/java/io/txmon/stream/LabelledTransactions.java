package io.txmon.stream;

import io.txmon.transaction.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by transaction: meets each label with the transaction it labels and, once the watermark passes the instant
 * it became known, turns it into the change of the transaction's known outcome every key of the transaction learns
 * ({@link AccountOutcome}), as {@code KnownOutcomes} does for {@code bin/txmon score --labels}: +1 when it becomes
 * known as fraud, -1 when a later label says it was not, nothing when a label repeats what was known.
 *
 * <p>Labels wait for the watermark, so that one transaction's labels are learned in the order they became known
 * whatever order they arrive in, and the outcome leaves before the watermark that passes its instant: downstream, it
 * is learned after the transactions of that instant and before every later one. A label that arrives after the
 * watermark has passed the instant it became known goes to {@link #SET_ASIDE}, as does one known before its
 * transaction happened or after the transaction is forgotten.
 *
 * <p>An undated label (its source did not say when the bank learned it) is known {@code labelDelay} after its
 * transaction, as {@code LabelTimeline} takes it to be: once it meets the transaction it is dated so and waits like any
 * other. One that arrives before its transaction waits for it until the watermark has moved {@code keptFor} past the
 * instant it arrived (when there was no watermark yet: until the transaction comes or the input ends), then is set
 * aside: a transaction that came later would have been late for it.
 *
 * <p>State: each transaction for {@code keptFor} of event time after it happened (then an event-time timer clears it),
 * whether it is known as fraud, and the labels waiting for the watermark. {@code keptFor} is the entity windows' 30
 * days plus the label delay: an outcome known later than that is of a transaction older than every window by the time
 * it is known, so learning it would change no later feature (DecisionJob#DEFAULT_LABEL_DELAY). This keeps every
 * transaction of that span, some 200 bytes each: the cost of learning outcomes in the stream.
 */
final class LabelledTransactions
        extends KeyedCoProcessFunction<String, SequencedTransaction, OutcomeLabel, AccountInput> {
    /** Labels that could not be learned in event time, with why. */
    static final OutputTag<SetAsideLabel> SET_ASIDE =
            new OutputTag<>("set-aside-labels", TypeInformation.of(SetAsideLabel.class));

    private static final long serialVersionUID = 1L;
    /** The labelled transaction, until {@code keptFor} after it happened. */
    private static final ValueStateDescriptor<Transaction> TRANSACTION =
            new ValueStateDescriptor<>("labelled-transaction", TypeInformation.of(Transaction.class));
    /** Whether the latest label learned says fraud; cleared with the transaction. */
    private static final ValueStateDescriptor<Boolean> KNOWN_AS_FRAUD =
            new ValueStateDescriptor<>("known-as-fraud", Types.BOOLEAN);
    /** Labels by the instant they became known, each list in arrival order, until the watermark passes it. */
    private static final MapStateDescriptor<Long, List<OutcomeLabel>> WAITING =
            new MapStateDescriptor<>("waiting-labels", Types.LONG, Types.LIST(TypeInformation.of(OutcomeLabel.class)));

    /** Undated labels whose transaction has not come yet, in arrival order; cleared when it comes or at give-up. */
    private static final ValueStateDescriptor<List<OutcomeLabel>> UNDATED =
            new ValueStateDescriptor<>("undated-labels", Types.LIST(TypeInformation.of(OutcomeLabel.class)));
    /** When the waiting undated labels are set aside if their transaction has still not come. */
    private static final ValueStateDescriptor<Long> UNDATED_GIVE_UP =
            new ValueStateDescriptor<>("undated-labels-give-up", Types.LONG);

    private final Duration keptFor;
    private final Duration labelDelay;

    private transient ValueState<Transaction> transaction;
    private transient ValueState<Boolean> knownAsFraud;
    private transient MapState<Long, List<OutcomeLabel>> waiting;
    private transient ValueState<List<OutcomeLabel>> undated;
    private transient ValueState<Long> undatedGiveUp;
    private transient Counter setAside;

    LabelledTransactions(Duration keptFor, Duration labelDelay) {
        this.keptFor = keptFor;
        this.labelDelay = labelDelay;
    }

    @Override
    public void open(OpenContext context) {
        transaction = getRuntimeContext().getState(TRANSACTION);
        knownAsFraud = getRuntimeContext().getState(KNOWN_AS_FRAUD);
        waiting = getRuntimeContext().getMapState(WAITING);
        undated = getRuntimeContext().getState(UNDATED);
        undatedGiveUp = getRuntimeContext().getState(UNDATED_GIVE_UP);
        setAside = getRuntimeContext().getMetricGroup().counter(JobMetrics.LABELS_SET_ASIDE);
    }

    @Override
    public void processElement1(SequencedTransaction sequenced, Context context, Collector<AccountInput> out)
            throws Exception {
        if (transaction.value() != null) {
            return; // a second copy: the keys decide on the first, and its outcome is the same transaction's
        }
        Transaction tx = sequenced.transaction();
        transaction.update(tx);
        context.timerService().registerEventTimeTimer(forgetAt(tx));
        List<OutcomeLabel> arrivedFirst = undated.value();
        if (arrivedFirst != null) {
            undated.clear();
            undatedGiveUp.clear();
            for (OutcomeLabel label : arrivedFirst) {
                await(label.datedAfter(tx.timestamp(), labelDelay), context);
            }
        }
    }

    @Override
    public void processElement2(OutcomeLabel label, Context context, Collector<AccountInput> out) throws Exception {
        if (label.dated()) {
            await(label, context);
            return;
        }
        Transaction tx = transaction.value();
        if (tx != null) {
            await(label.datedAfter(tx.timestamp(), labelDelay), context);
            return;
        }
        List<OutcomeLabel> before = undated.value();
        List<OutcomeLabel> updated = before == null ? new ArrayList<>(1) : new ArrayList<>(before);
        updated.add(label);
        undated.update(updated);
        if (undatedGiveUp.value() == null) {
            long watermark = context.timerService().currentWatermark();
            long giveUp = watermark == Long.MIN_VALUE || watermark > Long.MAX_VALUE - keptFor.toMillis()
                    ? Long.MAX_VALUE
                    : watermark + keptFor.toMillis();
            undatedGiveUp.update(giveUp);
            context.timerService().registerEventTimeTimer(giveUp);
        }
    }

    /** Holds a dated label until the watermark passes the instant it became known, or sets it aside if it has. */
    private void await(OutcomeLabel label, Context context) throws Exception {
        long at = label.knownAt().toEpochMilli();
        long watermark = context.timerService().currentWatermark();
        if (at <= watermark) {
            setAside(
                    label,
                    "arrived after event time had passed " + label.knownAt() + ", when it became known: the"
                            + " transactions since were decided without it",
                    context);
            return;
        }
        List<OutcomeLabel> sameInstant = waiting.get(at);
        List<OutcomeLabel> updated = sameInstant == null ? new ArrayList<>(1) : new ArrayList<>(sameInstant);
        updated.add(label);
        waiting.put(at, updated);
        context.timerService().registerEventTimeTimer(at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<AccountInput> out) throws Exception {
        Transaction tx = transaction.value();
        List<OutcomeLabel> due = waiting.get(timestamp);
        if (due != null) {
            waiting.remove(timestamp);
            for (OutcomeLabel label : due) {
                learn(label, tx, timestamp, context, out);
            }
        }
        Long giveUp = undatedGiveUp.value();
        if (giveUp != null && giveUp == timestamp) {
            for (OutcomeLabel label : undated.value()) {
                setAside(
                        label,
                        "undated, and its transaction had not come by the time event time moved " + keptFor
                                + " past the label's arrival",
                        context);
            }
            undated.clear();
            undatedGiveUp.clear();
        }
        if (tx != null && forgetAt(tx) == timestamp) {
            transaction.clear();
            knownAsFraud.clear();
        }
    }

    private void learn(OutcomeLabel label, Transaction tx, long at, OnTimerContext context, Collector<AccountInput> out)
            throws Exception {
        if (tx == null) {
            setAside(
                    label,
                    "its transaction was not seen by the time the label became known, or happened more than " + keptFor
                            + " before",
                    context);
            return;
        }
        if (label.knownAt().isBefore(tx.timestamp())) {
            setAside(
                    label,
                    "became known at " + label.knownAt() + ", before its transaction happened at " + tx.timestamp(),
                    context);
            return;
        }
        boolean wasFraud = Boolean.TRUE.equals(knownAsFraud.value());
        if (label.suspicious() == wasFraud) {
            return; // what was known already
        }
        knownAsFraud.update(label.suspicious());
        for (AccountOutcome outcome : AccountOutcome.of(tx, label.suspicious() ? 1 : -1, at)) {
            out.collect(outcome);
        }
    }

    private void setAside(OutcomeLabel label, String reason, Context context) {
        setAside.inc();
        context.output(SET_ASIDE, new SetAsideLabel(label, reason));
    }

    private long forgetAt(Transaction tx) {
        return tx.timestamp().plus(keptFor).toEpochMilli();
    }
}

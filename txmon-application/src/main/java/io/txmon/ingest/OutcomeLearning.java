package io.txmon.ingest;

import io.txmon.transaction.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Teaches the entity states each known outcome when it becomes known, for the doors that decide as transactions come
 * (docs/features.md, "Entities"): before a transaction with event time t is decided, every outcome known before t is
 * learned, and none known later, as the batch replay does ({@code LabelledReplay}: strictly before, since an outcome
 * known at the very instant is the transaction's own at the earliest).
 *
 * <p>The rule is {@code KnownOutcomes}'s: a label is known at its {@code labelled_at}, else its transaction's time
 * plus the label delay; labels are learned in the order they became known, of two known at once the one reported
 * later last; a suspicious label makes its transaction count as fraud (+1) unless it does already, an ordinary one
 * takes it back (-1) if it did. {@code KnownOutcomes} walks a fixed timeline; here labels keep arriving while the door
 * decides, and a labelled transaction joins only once it is decided, so the walk is kept incrementally: each label
 * waits for its transaction, then for its instant.
 *
 * <p>A label that arrives, or whose transaction arrives, after its instant has passed (a dated label sent late, a
 * chargeback for a transaction ingested later) is learned at the next decision, and only if no label of the same
 * transaction that became known after it is in force. A replay of the same history would have learned it earlier. That,
 * and a transaction sent after later ones (which finds the outcomes learned for them: the walk only goes forward), are
 * the differences between a door and {@code score --labels}; both come only from lateness.
 *
 * <p>Not thread-safe: used by the door's deciding thread.
 */
final class OutcomeLearning {
    /** A label as stored: what it says, when it was known if its source said, and its place among the reports. */
    record Report(String transactionId, boolean suspicious, Optional<Instant> labelledAt, Order order) {
        Report {
            Objects.requireNonNull(transactionId, "transactionId");
            Objects.requireNonNull(labelledAt, "labelledAt");
            Objects.requireNonNull(order, "order");
        }
    }

    /** The order labels were reported in: recorded first, then labels before reviews, then by row. */
    record Order(Instant recordedAt, int source, long row) implements Comparable<Order> {
        private static final Comparator<Order> NATURAL = Comparator.comparing(Order::recordedAt)
                .thenComparingInt(Order::source)
                .thenComparingLong(Order::row);

        @Override
        public int compareTo(Order other) {
            return NATURAL.compare(this, other);
        }
    }

    /** A label whose transaction is decided, with the instant it is known from. */
    private record Known(Report report, Transaction transaction, Instant knownAt) {
        static final Comparator<Known> BY_KNOWLEDGE = Comparator.comparing(Known::knownAt)
                .thenComparing(known -> known.report().order());
    }

    /** Receives each change, to teach the entity states: {@code TransactionScorer.learnOutcome}. */
    @FunctionalInterface
    interface Learner {
        void learnOutcome(Transaction tx, int delta);
    }

    private final Duration delay;
    /** Labels of transactions not decided yet, by transaction id. */
    private final Map<String, List<Report>> awaiting = new HashMap<>();
    /** Labels of decided transactions not learned yet, the earliest known first. */
    private final PriorityQueue<Known> upcoming = new PriorityQueue<>(Known.BY_KNOWLEDGE);
    /** The latest label learned of each transaction. */
    private final Map<String, Known> inForce = new HashMap<>();
    /** The transactions the entity states count as fraud. */
    private final Set<String> counted;
    /** Changes to make before anything else: what the saved states count and the labels say disagree on. */
    private final List<Known> corrections = new ArrayList<>();

    private final Set<String> countedSinceCheckpoint = new HashSet<>();
    private final Set<String> uncountedSinceCheckpoint = new HashSet<>();
    private Instant learnedBefore;

    /**
     * Learning that goes on from saved states which count {@code counted} as fraud and have learned every outcome
     * known before {@code learnedBefore} (empty: none yet).
     */
    OutcomeLearning(Duration delay, Collection<String> counted, Optional<Instant> learnedBefore) {
        this.delay = Objects.requireNonNull(delay, "delay");
        this.counted = new HashSet<>(counted);
        this.learnedBefore = learnedBefore.orElse(Instant.MIN);
    }

    /** The instant before which every outcome has been learned; {@link Instant#MIN} when none has. */
    Instant learnedBefore() {
        return learnedBefore;
    }

    /**
     * Takes in the labels stored when the door opens, each with its transaction when that transaction was decided
     * before (empty when not yet). Those known before {@link #learnedBefore} were learned by earlier runs: their
     * verdicts are compared with what the saved states count, and what differs is learned at the next decision.
     */
    void open(List<Report> reports, Map<String, Transaction> decided) {
        List<Known> past = new ArrayList<>();
        for (Report report : reports) {
            Transaction tx = decided.get(report.transactionId());
            if (tx == null) {
                awaiting.computeIfAbsent(report.transactionId(), id -> new ArrayList<>(1))
                        .add(report);
                continue;
            }
            Known known = known(report, tx);
            if (known == null) {
                continue;
            }
            if (known.knownAt().isBefore(learnedBefore)) {
                past.add(known);
            } else {
                upcoming.add(known);
            }
        }
        past.sort(Known.BY_KNOWLEDGE);
        for (Known known : past) {
            inForce.put(known.report().transactionId(), known);
        }
        for (Known known : inForce.values()) {
            boolean fraud = known.report().suspicious();
            if (fraud != counted.contains(known.report().transactionId())) {
                corrections.add(known);
            }
        }
        Set<String> labelled = inForce.keySet();
        for (String id : counted) {
            if (!labelled.contains(id)) {
                // Counted, yet no label known by then says so (a longer label delay now, say): taken back.
                Transaction tx = decided.get(id);
                if (tx != null) {
                    corrections.add(new Known(
                            new Report(id, false, Optional.empty(), new Order(Instant.MIN, 0, 0)), tx, Instant.MIN));
                }
            }
        }
    }

    /** Takes in labels stored since, with their transactions where decided; a label arriving late is learned next. */
    void report(Report report, Optional<Transaction> decided) {
        if (decided.isEmpty()) {
            awaiting.computeIfAbsent(report.transactionId(), id -> new ArrayList<>(1))
                    .add(report);
        } else {
            Known known = known(report, decided.get());
            if (known != null) {
                upcoming.add(known);
            }
        }
    }

    /** The ids of labelled transactions not decided yet. */
    Set<String> awaitingTransactions() {
        return awaiting.keySet();
    }

    /** Tells that {@code tx} was decided: its labels wait for their instant from now on. */
    void decided(Transaction tx) {
        List<Report> reports = awaiting.remove(tx.transactionId());
        if (reports != null) {
            for (Report report : reports) {
                report(report, Optional.of(tx));
            }
        }
    }

    /**
     * The labelled transactions whose outcomes may be learned before {@code until}: their entities' states must be at
     * hand by then.
     */
    List<Transaction> dueBefore(Instant until) {
        List<Transaction> due = new ArrayList<>();
        corrections.forEach(known -> due.add(known.transaction()));
        for (Known known : upcoming) {
            if (known.knownAt().isBefore(until) || known.knownAt().isBefore(learnedBefore)) {
                due.add(known.transaction());
            }
        }
        return due;
    }

    /** Teaches {@code learner} every outcome known before {@code eventTime} and not learned yet. */
    void learnBefore(Instant eventTime, Learner learner) {
        for (Known correction : corrections) {
            apply(correction, learner);
        }
        corrections.clear();
        if (eventTime.isAfter(learnedBefore)) {
            learnedBefore = eventTime;
        }
        while (!upcoming.isEmpty() && upcoming.peek().knownAt().isBefore(learnedBefore)) {
            Known known = upcoming.poll();
            Known before = inForce.get(known.report().transactionId());
            // A label that came late may have been overtaken by one of the same transaction known after it.
            if (before == null || Known.BY_KNOWLEDGE.compare(known, before) > 0) {
                inForce.put(known.report().transactionId(), known);
                apply(known, learner);
            }
        }
    }

    private void apply(Known known, Learner learner) {
        String id = known.report().transactionId();
        if (known.report().suspicious()) {
            if (counted.add(id)) {
                learner.learnOutcome(known.transaction(), 1);
                note(id, true);
            }
        } else if (counted.remove(id)) {
            learner.learnOutcome(known.transaction(), -1);
            note(id, false);
        }
    }

    private void note(String id, boolean nowCounted) {
        if (nowCounted) {
            uncountedSinceCheckpoint.remove(id);
            countedSinceCheckpoint.add(id);
        } else {
            countedSinceCheckpoint.remove(id);
            uncountedSinceCheckpoint.add(id);
        }
    }

    /** Transactions counted as fraud since the last checkpoint, to save. */
    Set<String> countedSinceCheckpoint() {
        return countedSinceCheckpoint;
    }

    /** Transactions no longer counted as fraud since the last checkpoint, to save. */
    Set<String> uncountedSinceCheckpoint() {
        return uncountedSinceCheckpoint;
    }

    /** Forgets what was saved: after the checkpoint's transaction committed. */
    void checkpointed() {
        countedSinceCheckpoint.clear();
        uncountedSinceCheckpoint.clear();
    }

    /** The report as known from its instant, or null when it is dated before its transaction, as no timeline takes. */
    private Known known(Report report, Transaction tx) {
        Instant knownAt = report.labelledAt().orElseGet(() -> tx.timestamp().plus(delay));
        return knownAt.isBefore(tx.timestamp()) ? null : new Known(report, tx, knownAt);
    }
}

package io.txmon.labels;

import io.txmon.evaluation.Label;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a bank knew of its transactions' outcomes, instant by instant.
 *
 * <p>Each label is known from its {@code labelled_at}, or, when its source did not say, from its transaction's time
 * plus the {@linkplain #delay() label delay} (seven days by default: a card's chargeback takes days, an analyst's
 * verdict hours to weeks). A transaction may be labelled more than once (an analyst clears it, a chargeback later
 * says fraud): at any instant the label in force is the latest known by then, and of two known at the same instant
 * the one reported later. A transaction no source has labelled counts as ordinary once the delay has passed since
 * it happened, as a chargeback feed that lists only fraud means; before that its outcome is not known.
 *
 * <p>What learns from outcomes is to ask this timeline with the instant of the decision it serves: then replaying
 * history with every label, or with only the labels known by some instant ({@link #knownBy}), gives the same answers
 * before that instant.
 */
public final class LabelTimeline {
    /** How long after a transaction its outcome is taken to be known when its source does not say. */
    public static final Duration DEFAULT_DELAY = Duration.ofDays(7);

    /** Oldest knowledge first; of two known at the same instant, the one reported first. */
    private static final Comparator<KnownLabel> BY_KNOWLEDGE = Comparator.comparing(KnownLabel::knownAt);

    private final Duration delay;
    private final List<KnownLabel> inOrderOfKnowledge;
    private final Map<String, List<KnownLabel>> byTransaction;

    private LabelTimeline(Duration delay, List<KnownLabel> inOrderOfKnowledge) {
        this.delay = delay;
        this.inOrderOfKnowledge = List.copyOf(inOrderOfKnowledge);
        Map<String, List<KnownLabel>> index = new HashMap<>();
        for (KnownLabel known : this.inOrderOfKnowledge) {
            index.computeIfAbsent(known.label().transactionId(), id -> new ArrayList<>(1))
                    .add(known);
        }
        this.byTransaction = index;
    }

    /** A timeline without labels: every transaction counts as ordinary once {@code delay} has passed. */
    public static LabelTimeline empty(Duration delay) {
        return builder(delay).build();
    }

    /** Starts a timeline whose undated labels are known {@code delay} after their transaction. */
    public static Builder builder(Duration delay) {
        return new Builder(delay);
    }

    /** How long after its transaction an undated label, or the absence of one, is known. */
    public Duration delay() {
        return delay;
    }

    /** Every label, in the order the bank learned them (stable: of two learned at once, the one reported first). */
    public List<KnownLabel> inOrderOfKnowledge() {
        return inOrderOfKnowledge;
    }

    /** How many labels the timeline holds, whenever known. */
    public int size() {
        return inOrderOfKnowledge.size();
    }

    /**
     * What was known at {@code at} of the transaction {@code transactionId}, which happened at {@code
     * transactionTime}: its latest label known by then, else ordinary once the delay has passed, else nothing yet.
     */
    public Optional<Label> labelAt(String transactionId, Instant transactionTime, Instant at) {
        Objects.requireNonNull(transactionTime, "transactionTime");
        Objects.requireNonNull(at, "at");
        List<KnownLabel> reports = byTransaction.getOrDefault(transactionId, List.of());
        for (int i = reports.size() - 1; i >= 0; i--) {
            if (reports.get(i).isKnownAt(at)) {
                return Optional.of(reports.get(i).label());
            }
        }
        if (!transactionTime.plus(delay).isAfter(at)) {
            return Optional.of(Label.ordinary(transactionId));
        }
        return Optional.empty();
    }

    /** The labels learned in {@code (after, upTo]}, in the order the bank learned them. */
    public List<KnownLabel> learnedBetween(Instant after, Instant upTo) {
        int from = firstKnownAfter(after);
        int to = firstKnownAfter(upTo);
        return from >= to ? List.of() : inOrderOfKnowledge.subList(from, to);
    }

    /** This timeline as it stood at {@code at}: the labels known by then, the same delay. */
    public LabelTimeline knownBy(Instant at) {
        return new LabelTimeline(delay, inOrderOfKnowledge.subList(0, firstKnownAfter(at)));
    }

    /** The index of the first label known after {@code instant}, or the size when none is. */
    private int firstKnownAfter(Instant instant) {
        int low = 0;
        int high = inOrderOfKnowledge.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (inOrderOfKnowledge.get(middle).knownAt().isAfter(instant)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    /** Collects labels with their transactions' times. */
    public static final class Builder {
        private final Duration delay;
        private final List<KnownLabel> labels = new ArrayList<>();

        private Builder(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("label delay must not be negative, was " + delay);
            }
            this.delay = delay;
        }

        /**
         * Adds {@code reported}, a label of a transaction that happened at {@code transactionTime}.
         *
         * @throws io.txmon.transaction.InvalidFieldException naming {@code labelled_at} when it is before the
         *     transaction
         */
        public Builder add(ReportedLabel reported, Instant transactionTime) {
            Instant knownAt = reported.labelledAt().orElseGet(() -> transactionTime.plus(delay));
            labels.add(new KnownLabel(reported.label(), transactionTime, knownAt));
            return this;
        }

        public LabelTimeline build() {
            List<KnownLabel> ordered = new ArrayList<>(labels);
            // List.sort is stable: labels learned at the same instant keep the order they were reported in.
            ordered.sort(BY_KNOWLEDGE);
            return new LabelTimeline(delay, Collections.unmodifiableList(ordered));
        }
    }
}

package io.txmon.labels;

import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Walks a {@link LabelTimeline} forward in time and reports each change of a transaction's known outcome between
 * fraud and not fraud, so that what learns from outcomes (entity states) counts each fraud once, and uncounts it when
 * a later label overrules it. Not thread-safe: one walk follows one ordered replay.
 */
public final class KnownOutcomes {
    private final LabelTimeline timeline;
    private final Set<String> knownAsFraud = new HashSet<>();
    private Instant learnedUpTo;

    /** A walk that has learned nothing yet. */
    public KnownOutcomes(LabelTimeline timeline) {
        this.timeline = Objects.requireNonNull(timeline, "timeline");
    }

    /** Receives a change of a transaction's known outcome. */
    @FunctionalInterface
    public interface Change {
        /**
         * @param transactionId the transaction whose outcome changed
         * @param delta +1 when it became known as fraud, -1 when a later label said it was not
         */
        void outcomeChanged(String transactionId, int delta);
    }

    /**
     * Learns every label known after the previous call's instant and by {@code upTo}, that instant included, in
     * the order the bank learned them, telling {@code changes} of each change. Instants must not go back.
     */
    public void learnUpTo(Instant upTo, Change changes) {
        Objects.requireNonNull(upTo, "upTo");
        if (learnedUpTo != null && upTo.isBefore(learnedUpTo)) {
            throw new IllegalArgumentException(
                    "outcomes are learned forward in time: " + upTo + " is before " + learnedUpTo);
        }
        Instant after = learnedUpTo == null ? Instant.MIN : learnedUpTo;
        for (KnownLabel known : timeline.learnedBetween(after, upTo)) {
            String id = known.label().transactionId();
            if (known.label().suspicious()) {
                if (knownAsFraud.add(id)) {
                    changes.outcomeChanged(id, 1);
                }
            } else if (knownAsFraud.remove(id)) {
                changes.outcomeChanged(id, -1);
            }
        }
        learnedUpTo = upTo;
    }
}

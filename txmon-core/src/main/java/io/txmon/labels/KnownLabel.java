package io.txmon.labels;

import io.txmon.evaluation.Label;
import io.txmon.transaction.InvalidFieldException;
import java.time.Instant;
import java.util.Objects;

/**
 * A label with the instant from which it may be used.
 *
 * @param label what became known
 * @param transactionTime when the labelled transaction happened
 * @param knownAt when the bank learned it: never before the transaction
 * @throws InvalidFieldException naming {@code labelled_at} when it is
 */
public record KnownLabel(Label label, Instant transactionTime, Instant knownAt) {
    public KnownLabel {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(transactionTime, "transactionTime");
        Objects.requireNonNull(knownAt, "knownAt");
        if (knownAt.isBefore(transactionTime)) {
            throw new InvalidFieldException(
                    "labelled_at",
                    "must not be before the transaction, but " + label.transactionId() + " is labelled at " + knownAt
                            + " and happened at " + transactionTime);
        }
    }

    /** Whether it was known at {@code instant}, that instant included. */
    public boolean isKnownAt(Instant instant) {
        return !knownAt.isAfter(instant);
    }
}

package io.txmon.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What a model was trained on.
 *
 * @param from the earliest training transaction's time
 * @param to the latest training transaction's time
 * @param transactions how many transactions it learned from
 */
public record TrainingSummary(Instant from, Instant to, long transactions) {
    public TrainingSummary {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from) || transactions < 1) {
            throw new IllegalArgumentException("a training window needs from <= to and at least one transaction, got "
                    + from + ".." + to + " with " + transactions);
        }
    }
}

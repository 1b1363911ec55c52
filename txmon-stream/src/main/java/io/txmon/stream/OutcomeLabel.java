package io.txmon.stream;

import java.time.Instant;
import java.util.Objects;

/**
 * What became known of a transaction's outcome, from the labels input: its event time is {@code knownAt}, when the
 * bank learned it, as a dated label in {@code bin/txmon score --labels} ({@code KnownLabel}).
 *
 * @param transactionId the labelled transaction
 * @param suspicious whether it was fraud (or laundering); a later label may overrule an earlier one
 * @param typology what kind, when the source says, or null
 * @param knownAt when the bank learned it: never before the transaction
 */
public record OutcomeLabel(String transactionId, boolean suspicious, String typology, Instant knownAt) {
    public OutcomeLabel {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(knownAt, "knownAt");
    }
}

package io.txmon.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What became known of a transaction's outcome, from the labels input: its event time is {@code knownAt}, when the
 * bank learned it, as a dated label in {@code bin/txmon score --labels} ({@code KnownLabel}). An undated label (its
 * source did not say when) has no {@code knownAt} until it meets its transaction: it is then known the job's label
 * delay after the transaction, as {@code LabelTimeline} takes an undated label to be ({@link LabelledTransactions}).
 *
 * @param transactionId the labelled transaction
 * @param suspicious whether it was fraud (or laundering); a later label may overrule an earlier one
 * @param typology what kind, when the source says, or null
 * @param knownAt when the bank learned it, never before the transaction; null for an undated label
 */
public record OutcomeLabel(String transactionId, boolean suspicious, String typology, Instant knownAt) {
    public OutcomeLabel {
        Objects.requireNonNull(transactionId, "transactionId");
    }

    /** A label whose source did not say when the bank learned it. */
    public static OutcomeLabel undated(String transactionId, boolean suspicious, String typology) {
        return new OutcomeLabel(transactionId, suspicious, typology, null);
    }

    /** Whether the source said when the bank learned it. */
    public boolean dated() {
        return knownAt != null;
    }

    /**
     * This label dated: as it is when dated, else known {@code delay} after its transaction, which happened at
     * {@code transactionTime}.
     */
    public OutcomeLabel datedAfter(Instant transactionTime, Duration delay) {
        return dated() ? this : new OutcomeLabel(transactionId, suspicious, typology, transactionTime.plus(delay));
    }

    /** Event time: the instant it became known, or none (the oldest instant, which moves no watermark) if undated. */
    long eventTimeMillis() {
        return dated() ? knownAt.toEpochMilli() : Long.MIN_VALUE;
    }
}

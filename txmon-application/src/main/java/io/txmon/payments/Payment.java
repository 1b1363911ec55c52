package io.txmon.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/**
 * A payment and what became of it. {@code sequenceNumber} is that of its screening decision; {@code settledAt} and
 * {@code settledBy} say when and by whom a HELD payment was posted or rejected.
 */
public record Payment(
        String paymentId,
        String fromAccount,
        String toAccount,
        BigDecimal amount,
        Currency currency,
        Status status,
        String reason,
        long sequenceNumber,
        Instant createdAt,
        Instant settledAt,
        String settledBy) {

    /** Where a payment stands. */
    public enum Status {
        /** Posted: its two ledger entries moved the money. */
        POSTED,
        /** Refused, by screening, for want of funds, or in review: nothing moved. */
        REJECTED,
        /** Held for an analyst: nothing moved until its alert's review posts or rejects it. */
        HELD
    }
}

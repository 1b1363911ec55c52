package io.txmon.payments;

import java.math.BigDecimal;
import java.time.Instant;

/** One side of a posted payment: the amount it moved for the account (negative when paid out) and the balance after. */
public record LedgerEntry(
        long entryId,
        String paymentId,
        String userId,
        String counterparty,
        BigDecimal amount,
        BigDecimal balanceAfter,
        Instant postedAt) {}

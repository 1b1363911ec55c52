package io.txmon.analytics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Transactions over {@code [from, to)}: how many, how many were anomalies (REVIEW or BLOCK), how many blocked, and
 * their amounts.
 */
public record ActivityCounts(
        Instant from,
        Instant to,
        long transactions,
        long anomalies,
        long blocks,
        BigDecimal amount,
        BigDecimal anomalyAmount) {}

package io.txmon.analytics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * All-time risk of one merchant, country or account: flagged = REVIEW or BLOCK; scores over decided transactions
 * (null when none was decided); the average rounded to six decimals.
 */
public record RiskSummary(
        String key,
        long transactions,
        long flagged,
        long blocked,
        BigDecimal averageRiskScore,
        BigDecimal maxRiskScore,
        BigDecimal amount,
        Instant lastSeen) {}

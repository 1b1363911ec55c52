package io.txmon.analytics;

import java.math.BigDecimal;
import java.time.Instant;

/** One account's transactions (of every type) in the UTC five minutes from {@code bucketStart}. */
public record FiveMinuteFeatures(
        String userId,
        Instant bucketStart,
        long transactions,
        BigDecimal amount,
        BigDecimal maxAmount,
        int distinctLocations) {}

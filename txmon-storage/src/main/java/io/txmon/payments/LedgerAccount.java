package io.txmon.payments;

import java.math.BigDecimal;
import java.time.Instant;

/** An account that holds money: its balance now, its limits and the risk score of its latest decision. */
public record LedgerAccount(
        String userId,
        String accountType,
        String currency,
        BigDecimal openingBalance,
        BigDecimal balance,
        BigDecimal overdraftLimit,
        Instant openedAt,
        BigDecimal riskScore) {}

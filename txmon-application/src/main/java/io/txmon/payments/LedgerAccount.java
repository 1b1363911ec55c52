package io.txmon.payments;

import io.txmon.transaction.AccountType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/** An account that holds money: its balance now, its limits and the risk score of its latest decision. */
public record LedgerAccount(
        String userId,
        AccountType accountType,
        Currency currency,
        BigDecimal openingBalance,
        BigDecimal balance,
        BigDecimal overdraftLimit,
        Instant openedAt,
        BigDecimal riskScore) {}

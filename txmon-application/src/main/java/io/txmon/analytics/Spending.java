package io.txmon.analytics;

import java.math.BigDecimal;

/**
 * Outflows (CARD, TRANSFER, CASH_OUT) over one UTC period, {@code "2026-01"} for a month or {@code "2026"} for a
 * year; {@code accounts} is how many accounts spent (1 for one account's spending).
 */
public record Spending(String period, long transactions, long accounts, BigDecimal amount) {}

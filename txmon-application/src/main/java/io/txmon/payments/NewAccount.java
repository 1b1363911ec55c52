package io.txmon.payments;

import io.txmon.transaction.AccountType;
import io.txmon.transaction.Identifiers;
import io.txmon.transaction.InvalidFieldException;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * An account to open: its id (the {@code user_id} its transactions carry, an {@link Identifiers identifier}), type, currency, opening balance and
 * overdraft limit (zero unless given).
 *
 * @throws InvalidFieldException naming the field that is missing or wrong
 */
public record NewAccount(
        String userId,
        AccountType accountType,
        Currency currency,
        BigDecimal openingBalance,
        BigDecimal overdraftLimit) {
    public NewAccount {
        Identifiers.require("user_id", userId);
        if (accountType == null) {
            throw new InvalidFieldException("account_type", "must be PERSONAL or BUSINESS");
        }
        if (currency == null) {
            throw new InvalidFieldException("currency", "is required, an ISO 4217 code such as EUR");
        }
        openingBalance = Money.amount("opening_balance", openingBalance, currency);
        if (openingBalance.signum() < 0) {
            throw new InvalidFieldException("opening_balance", "must not be negative");
        }
        overdraftLimit =
                Money.amount("overdraft_limit", overdraftLimit == null ? BigDecimal.ZERO : overdraftLimit, currency);
        if (overdraftLimit.signum() < 0) {
            throw new InvalidFieldException("overdraft_limit", "must not be negative");
        }
    }
}

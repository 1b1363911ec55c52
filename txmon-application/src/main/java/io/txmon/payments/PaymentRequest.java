package io.txmon.payments;

import io.txmon.transaction.Identifiers;
import io.txmon.transaction.InvalidFieldException;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * What a payer asks for: {@code amount} of {@code currency} from one account to another, checked field by field.
 *
 * @throws InvalidFieldException naming the field: a missing account or one that is not an identifier, the same account on both sides,
 *     a missing, zero, negative or over-precise amount (more decimals than the currency has), a missing currency
 */
public record PaymentRequest(String fromAccount, String toAccount, BigDecimal amount, Currency currency) {
    public PaymentRequest {
        Identifiers.require("from_account", fromAccount);
        Identifiers.require("to_account", toAccount);
        if (fromAccount.equals(toAccount)) {
            throw new InvalidFieldException("to_account", "is the same account as from_account");
        }
        if (currency == null) {
            throw new InvalidFieldException("currency", "is required, an ISO 4217 code such as EUR");
        }
        amount = Money.amount("amount", amount, currency);
        if (amount.signum() <= 0) {
            throw new InvalidFieldException("amount", "must be greater than zero, was " + amount.toPlainString());
        }
    }
}

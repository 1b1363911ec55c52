package io.txmon.payments;

import io.txmon.transaction.InvalidFieldException;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** Amounts as the ledger keeps them: exact, with no more decimals than their currency has. */
final class Money {
    private Money() {}

    /**
     * {@code value} checked for {@code currency}, with its trailing zeros past the currency's decimals dropped.
     *
     * @throws InvalidFieldException naming {@code field} when missing, over-precise or too large
     */
    static BigDecimal amount(String field, BigDecimal value, Currency currency) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required, a decimal number");
        }
        int decimals = Math.max(currency.getDefaultFractionDigits(), 0);
        BigDecimal exact = value.scale() > decimals ? value.stripTrailingZeros() : value;
        if (exact.scale() > decimals) {
            throw new InvalidFieldException(
                    field,
                    "has more decimals than " + currency.getCurrencyCode() + " has (" + decimals + "): "
                            + value.toPlainString());
        }
        if (exact.precision() - exact.scale() > Transaction.MAX_AMOUNT_INTEGER_DIGITS) {
            throw new InvalidFieldException(
                    field, "has more than " + Transaction.MAX_AMOUNT_INTEGER_DIGITS + " digits before the point");
        }
        return exact.setScale(decimals);
    }

    /**
     * {@code stored} (a NUMERIC of six decimals) with its currency's decimals again, so that an amount reads the same
     * when answered first and when read back.
     */
    static BigDecimal stored(BigDecimal stored, Currency currency) {
        if (stored == null) {
            return null;
        }
        int decimals = Math.max(currency.getDefaultFractionDigits(), 0);
        return stored.setScale(decimals, RoundingMode.UNNECESSARY);
    }

    /** The currency of a stored ISO 4217 code, a {@code CHAR(3)} that one engine pads. */
    static Currency currency(String stored) {
        return Currency.getInstance(stored.strip());
    }
}

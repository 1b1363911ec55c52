package io.txmon.payments;

import io.txmon.transaction.InvalidFieldException;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Currency;
import java.util.HexFormat;

/**
 * What a payer asks for: {@code amount} of {@code currency} from one account to another, checked field by field.
 *
 * @throws InvalidFieldException naming the field: a missing or too long account, the same account on both sides,
 *     a missing, zero, negative or over-precise amount (more decimals than the currency has), a missing currency
 */
public record PaymentRequest(String fromAccount, String toAccount, BigDecimal amount, Currency currency) {
    public PaymentRequest {
        fromAccount = account("from_account", fromAccount);
        toAccount = account("to_account", toAccount);
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

    /**
     * The same request, whatever way its amount was written (10, 10.0, "10.00"): what an idempotency key is bound
     * to.
     */
    String fingerprint() {
        String canonical = fromAccount + "\n" + toAccount + "\n"
                + amount.stripTrailingZeros().toPlainString() + "\n" + currency.getCurrencyCode();
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String account(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        if (id.length() > Transaction.MAX_ID_LENGTH) {
            throw new InvalidFieldException(field, "is longer than " + Transaction.MAX_ID_LENGTH + " characters");
        }
        return id;
    }
}

package io.txmon.formats.datasets;

import io.txmon.evaluation.Label;
import io.txmon.transaction.FieldSource;
import io.txmon.transaction.InvalidFieldException;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fraud handbook's card transactions: a customer pays at a terminal.
 *
 * <ul>
 *   <li>{@code transaction_id} is kept; {@code customer_id} becomes {@code user_id}, {@code terminal_id}
 *       becomes {@code merchant_id}; the type is {@code CARD}; channel, city and country are not given.
 *   <li>{@code tx_datetime} is a local time without a zone; it is read as UTC, the features' default
 *       time zone, so the hour of day is the source's.
 *   <li>Amounts carry binary floating-point noise ({@code 914.1500000000001}, from the simulator's
 *       arithmetic in doubles), so they are rounded half-even to cents; an amount of 0 is then rejected
 *       like any other, as the contract wants amounts above zero.
 *   <li>{@code fraud_scenario} names the typology; {@code label} must agree with it (1 exactly when the
 *       scenario is not 0).
 * </ul>
 */
final class CcfdHandbookMapping implements Mapping {
    /** Scenario 1: any payment over 220 is fraud, a baseline every detector should catch. */
    static final String AMOUNT_OVER_220 = "AMOUNT_OVER_220";
    /** Scenario 2: every payment at a compromised terminal in the next 28 days is fraud. */
    static final String COMPROMISED_TERMINAL = "COMPROMISED_TERMINAL";
    /** Scenario 3: a third of a compromised customer's payments in the next 14 days, at five times the amount. */
    static final String COMPROMISED_CUSTOMER = "COMPROMISED_CUSTOMER";

    private static final List<String> TYPOLOGIES = List.of(AMOUNT_OVER_220, COMPROMISED_TERMINAL, COMPROMISED_CUSTOMER);

    private final Currency currency;

    CcfdHandbookMapping(Currency currency) {
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    @Override
    public List<String> columns() {
        return List.of(
                "transaction_id", "tx_datetime", "customer_id", "terminal_id", "amount", "fraud_scenario", "label");
    }

    @Override
    public Row map(FieldSource row, long number) {
        String id = SourceFields.text(row, "transaction_id");
        Instant timestamp = localTimeAsUtc(SourceFields.text(row, "tx_datetime"));
        String customer = SourceFields.text(row, "customer_id");
        String terminal = SourceFields.text(row, "terminal_id");
        BigDecimal amount = SourceFields.cents(row, "amount");
        long scenario = SourceFields.wholeNumber(row, "fraud_scenario");
        if (scenario < 0 || scenario > TYPOLOGIES.size()) {
            throw new InvalidFieldException(
                    "fraud_scenario", "must be 0 (genuine) or 1 to " + TYPOLOGIES.size() + ", was " + scenario);
        }
        boolean fraud = SourceFields.flag(row, "label");
        if (fraud != (scenario > 0)) {
            throw new InvalidFieldException("label", "is " + (fraud ? 1 : 0) + " but fraud_scenario is " + scenario);
        }
        Transaction transaction = Transaction.builder(id, timestamp, customer, amount)
                .currency(currency)
                .type(TransactionType.CARD)
                .merchantId(terminal)
                .build();
        Label label = fraud ? Label.suspicious(id, TYPOLOGIES.get((int) scenario - 1)) : Label.ordinary(id);
        return new Row(transaction, label);
    }

    @Override
    public void finish(Optional<Path> accountsFile, ConvertedData out) {
        // The handbook describes customers and terminals only through their transactions.
    }

    private static Instant localTimeAsUtc(String text) {
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(
                    "tx_datetime",
                    "must be a local date-time such as 2018-06-01T00:01:11, was '" + SourceFields.shown(text) + "'");
        }
    }
}

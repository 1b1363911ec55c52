package io.txmon.formats.datasets;

import io.txmon.evaluation.Label;
import io.txmon.transaction.Account;
import io.txmon.transaction.AccountType;
import io.txmon.transaction.FieldSource;
import io.txmon.transaction.InvalidFieldException;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * PaySim's mobile-money log. Its customers ({@code C...}) move money among themselves and pay merchants
 * ({@code M...}); cash goes in and out through agents, which PaySim also names {@code C...}.
 *
 * <ul>
 *   <li>A row has no id, so the transaction id is the row's number. A step is an hour: step n is n hours
 *       after the chosen start, so with a start at midnight the hour of day is {@code step mod 24}.
 *   <li>{@code nameOrig} is always {@code user_id}. {@code type}: {@code PAYMENT} becomes {@code CARD} with
 *       {@code nameDest} as {@code merchant_id}; {@code TRANSFER} stays, with {@code nameDest} as
 *       {@code counterparty_id}; {@code CASH_IN} and {@code CASH_OUT} stay, and {@code DEBIT} (money out to
 *       a bank account) becomes {@code CASH_OUT}, each with {@code nameDest}, the agent or bank, as
 *       {@code merchant_id}, since the contract gives cash movements no receiving account.
 *   <li>{@code label} 1 is PaySim's one fraud pattern, an account taken over and emptied by a transfer to a
 *       mule and a cash-out; the typology is {@code TAKEOVER_} and the source type.
 *   <li>Accounts: every {@code nameOrig}, and every {@code nameDest} of a transfer, with the balance before
 *       its earliest transaction ({@code oldbalanceOrg} or {@code oldbalanceDest}; ties in row order) as
 *       opening balance, and opened a year before the start: PaySim's customers hold money before the log
 *       begins, so none is new. Merchants, agents and banks get no account. {@code newbalance...} and
 *       {@code isFlaggedFraud} (PaySim's own rule) are not used.
 * </ul>
 */
final class PaySimMapping implements Mapping {
    /** How long one step of PaySim's clock is. */
    static final Duration STEP = Duration.ofHours(1);

    static final String TYPOLOGY_PREFIX = "TAKEOVER_";

    private final Instant start;
    private final Currency currency;
    private final Map<String, Opening> openings = new LinkedHashMap<>();

    PaySimMapping(Instant start, Currency currency) {
        this.start = Objects.requireNonNull(start, "start");
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    @Override
    public List<String> columns() {
        return List.of("step", "type", "amount", "nameOrig", "oldbalanceOrg", "nameDest", "oldbalanceDest", "label");
    }

    @Override
    public Row map(FieldSource row, long number) {
        String id = Long.toString(number);
        Instant timestamp = SourceFields.step(row, "step", start, STEP);
        String sourceType = SourceFields.text(row, "type").toUpperCase(Locale.ROOT);
        BigDecimal amount = SourceFields.money(row, "amount");
        String origin = SourceFields.text(row, "nameOrig");
        BigDecimal originBalance = SourceFields.money(row, "oldbalanceOrg");
        String destination = SourceFields.text(row, "nameDest");
        boolean fraud = SourceFields.flag(row, "label");
        Transaction.Builder builder =
                Transaction.builder(id, timestamp, origin, amount).currency(currency);
        BigDecimal destinationBalance = null;
        switch (sourceType) {
            case "PAYMENT" -> builder.type(TransactionType.CARD).merchantId(destination);
            case "TRANSFER" -> {
                builder.type(TransactionType.TRANSFER).counterpartyId(destination);
                destinationBalance = SourceFields.money(row, "oldbalanceDest");
            }
            case "CASH_IN" -> builder.type(TransactionType.CASH_IN).merchantId(destination);
            case "CASH_OUT", "DEBIT" -> builder.type(TransactionType.CASH_OUT).merchantId(destination);
            default ->
                throw new InvalidFieldException(
                        "type",
                        "must be PAYMENT, TRANSFER, CASH_IN, CASH_OUT or DEBIT, was '" + SourceFields.shown(sourceType)
                                + "'");
        }
        Transaction transaction = builder.build();
        opened(origin, timestamp, originBalance);
        if (destinationBalance != null) {
            opened(destination, timestamp, destinationBalance);
        }
        Label label = fraud ? Label.suspicious(id, TYPOLOGY_PREFIX + sourceType) : Label.ordinary(id);
        return new Row(transaction, label);
    }

    @Override
    public void finish(Optional<Path> accountsFile, ConvertedData out) {
        Instant openedAt = start.minus(Conversion.ACCOUNT_AGE_AT_START);
        openings.forEach((account, opening) ->
                out.account(new Account(account, openedAt, AccountType.PERSONAL, null, null, opening.balance())));
    }

    /**
     * Keeps the balance an account had before its earliest transaction; rows come in no particular time
     * order, and of two rows at the same time the first one counts, as txmon orders ties by row.
     */
    private void opened(String account, Instant time, BigDecimal balance) {
        Opening known = openings.get(account);
        if (known == null || time.isBefore(known.time())) {
            openings.put(account, new Opening(time, balance));
        }
    }

    /**
     * An account's balance before its earliest transaction seen so far.
     *
     * @param time when that transaction happened
     * @param balance the balance before it
     */
    private record Opening(Instant time, BigDecimal balance) {}
}

package io.txmon.formats.datasets;

import io.txmon.evaluation.AccountLabel;
import io.txmon.evaluation.Label;
import io.txmon.formats.ForeignCsvFiles;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * IBM AMLSim's transfers between accounts, and its accounts file.
 *
 * <ul>
 *   <li>A row has no id, so the transaction id is the row's number; {@code step} is a day after the chosen
 *       start, and every transaction of a step is stamped at the step's start, in row order: the source
 *       says nothing finer, so windows shorter than a day see a day's transfers as simultaneous.
 *   <li>Every row is a {@code TRANSFER} from {@code source_account} ({@code user_id}) to
 *       {@code target_account} ({@code counterparty_id}).
 *   <li>The transaction {@code label} is derived in the data set: 1 exactly when both accounts are SAR
 *       accounts. It is approximate (an ordinary transfer between two SAR accounts counts too) and names no
 *       pattern, so the typology says only that: {@value #BETWEEN_SAR_ACCOUNTS}.
 *   <li>The accounts file ({@code account, init_balance, label}) gives each account, opened a year before
 *       the start with {@code init_balance} as opening balance, and its SAR flag, the authoritative truth.
 *       AMLSim gives every account its balance at step 0, so none is new when the transfers begin.
 * </ul>
 */
final class AmlSimMapping implements Mapping {
    /** How long one step of AMLSim's clock is. */
    static final Duration STEP = Duration.ofDays(1);

    static final String BETWEEN_SAR_ACCOUNTS = "BETWEEN_SAR_ACCOUNTS";

    private static final List<String> ACCOUNT_COLUMNS = List.of("account", "init_balance", "label");

    private final Instant start;
    private final Currency currency;

    AmlSimMapping(Instant start, Currency currency) {
        this.start = Objects.requireNonNull(start, "start");
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    @Override
    public List<String> columns() {
        return List.of("step", "source_account", "target_account", "amount", "label");
    }

    @Override
    public Row map(FieldSource row, long number) {
        String id = Long.toString(number);
        Transaction transaction = Transaction.builder(
                        id,
                        SourceFields.step(row, "step", start, STEP),
                        SourceFields.text(row, "source_account"),
                        SourceFields.money(row, "amount"))
                .currency(currency)
                .type(TransactionType.TRANSFER)
                .counterpartyId(SourceFields.text(row, "target_account"))
                .build();
        Label label = SourceFields.flag(row, "label") ? Label.suspicious(id, BETWEEN_SAR_ACCOUNTS) : Label.ordinary(id);
        return new Row(transaction, label);
    }

    @Override
    public void finish(Optional<Path> accountsFile, ConvertedData out) {
        if (accountsFile.isEmpty()) {
            return;
        }
        Instant openedAt = start.minus(Conversion.ACCOUNT_AGE_AT_START);
        Map<String, Long> firstLine = new HashMap<>();
        ForeignCsvFiles.read(
                accountsFile.get(),
                ACCOUNT_COLUMNS,
                row -> {
                    String id = SourceFields.text(row, "account");
                    Long earlier = firstLine.get(id);
                    if (earlier != null) {
                        throw new InvalidFieldException(
                                "account", "'" + SourceFields.shown(id) + "' already appeared on line " + earlier);
                    }
                    BigDecimal balance = SourceFields.money(row, "init_balance");
                    boolean sar = SourceFields.flag(row, "label");
                    return new Described(
                            new Account(id, openedAt, AccountType.PERSONAL, null, null, balance),
                            new AccountLabel(id, sar));
                },
                described -> {
                    firstLine.put(described.value().account().userId(), described.line());
                    out.account(described.value().account());
                    out.accountLabel(described.value().label());
                },
                out::rejected);
    }

    /** One row of the accounts file. */
    private record Described(Account account, AccountLabel label) {}
}

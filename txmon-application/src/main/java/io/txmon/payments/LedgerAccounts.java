package io.txmon.payments;

import io.txmon.storage.Database;
import io.txmon.storage.Jdbc;
import io.txmon.storage.StorageException;
import io.txmon.transaction.AccountType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Accounts that hold money: opened with a balance, read with their balance, risk score and ledger. */
public final class LedgerAccounts {
    private final Database database;
    private final Clock clock;

    public LedgerAccounts(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens {@code account}: an account its transactions already name keeps its history and risk score, and gains a
     * balance.
     *
     * @throws AccountExistsException when it holds money already
     */
    public LedgerAccount open(NewAccount account) {
        try {
            Instant now = clock.instant();
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(false);
                try {
                    boolean known;
                    try (PreparedStatement select =
                            connection.prepareStatement("SELECT 1 FROM accounts WHERE user_id = ? FOR UPDATE")) {
                        select.setString(1, account.userId());
                        try (ResultSet rs = select.executeQuery()) {
                            known = rs.next();
                        }
                    }
                    try (PreparedStatement write = connection.prepareStatement(
                            known
                                    ? "UPDATE accounts SET account_type = ?, opening_balance = ?,"
                                            + " opened_at = COALESCE(opened_at, ?) WHERE user_id = ?"
                                    : "INSERT INTO accounts (account_type, opening_balance, opened_at, user_id)"
                                            + " VALUES (?, ?, ?, ?)")) {
                        write.setString(1, account.accountType().name());
                        write.setBigDecimal(2, account.openingBalance());
                        Jdbc.setInstant(write, 3, now);
                        write.setString(4, account.userId());
                        write.executeUpdate();
                    }
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_accounts (user_id,"
                            + " currency, balance, overdraft_limit, opened_at) VALUES (?, ?, ?, ?, ?)")) {
                        insert.setString(1, account.userId());
                        insert.setString(2, account.currency().getCurrencyCode());
                        insert.setBigDecimal(3, account.openingBalance());
                        insert.setBigDecimal(4, account.overdraftLimit());
                        Jdbc.setInstant(insert, 5, now);
                        insert.executeUpdate();
                    }
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    if (Jdbc.isUniqueViolation(e)) {
                        throw new AccountExistsException(account.userId());
                    }
                    throw e;
                } catch (RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
            return find(account.userId()).orElseThrow();
        } catch (SQLException e) {
            throw new StorageException("could not open account " + account.userId(), e);
        }
    }

    /** The account {@code userId}, if it holds money. */
    public Optional<LedgerAccount> find(String userId) {
        try {
            try (Connection connection = database.connect();
                    PreparedStatement select = connection.prepareStatement("SELECT a.account_type, l.currency,"
                            + " a.opening_balance, l.balance, l.overdraft_limit, l.opened_at, a.risk_score"
                            + " FROM ledger_accounts l JOIN accounts a ON a.user_id = l.user_id WHERE l.user_id = ?")) {
                select.setString(1, userId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Currency currency = Money.currency(rs.getString(2));
                    return Optional.of(new LedgerAccount(
                            userId,
                            AccountType.valueOf(rs.getString(1).strip()),
                            currency,
                            Money.stored(rs.getBigDecimal(3), currency),
                            Money.stored(rs.getBigDecimal(4), currency),
                            Money.stored(rs.getBigDecimal(5), currency),
                            Jdbc.instant(rs, 6),
                            rs.getBigDecimal(7)));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("could not read account " + userId, e);
        }
    }

    /** The account's ledger entries in the order they posted, {@code limit} from {@code offset}: its balance history. */
    public List<LedgerEntry> entries(String userId, int limit, int offset) {
        try {
            List<LedgerEntry> entries = new ArrayList<>();
            try (Connection connection = database.connect();
                    PreparedStatement select = connection.prepareStatement("SELECT e.entry_id, e.payment_id,"
                            + " CASE WHEN p.from_account = e.user_id THEN p.to_account ELSE p.from_account END,"
                            + " e.amount, e.balance_after, e.posted_at, p.currency FROM ledger_entries e"
                            + " JOIN payments p ON p.payment_id = e.payment_id WHERE e.user_id = ?"
                            + " ORDER BY e.entry_id LIMIT ? OFFSET ?")) {
                select.setString(1, userId);
                select.setInt(2, limit);
                select.setInt(3, offset);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new LedgerEntry(
                                rs.getLong(1),
                                rs.getString(2),
                                userId,
                                rs.getString(3),
                                Money.stored(rs.getBigDecimal(4), Money.currency(rs.getString(7))),
                                Money.stored(rs.getBigDecimal(5), Money.currency(rs.getString(7))),
                                Jdbc.instant(rs, 6)));
                    }
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new StorageException("could not read the ledger of account " + userId, e);
        }
    }
}

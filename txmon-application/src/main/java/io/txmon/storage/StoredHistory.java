package io.txmon.storage;

import io.txmon.transaction.Account;
import io.txmon.transaction.AccountType;
import io.txmon.transaction.Channel;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads stored transactions and reference data back as the core's values, in the order they were scored. */
public final class StoredHistory {
    private final Database database;

    public StoredHistory(Database database) {
        this.database = database;
    }

    /** The columns of {@code transactions} that {@link #transaction(ResultSet)} reads. */
    public static final List<String> TRANSACTION_COLUMNS = List.of(
            "transaction_id",
            "event_time",
            "user_id",
            "amount",
            "currency",
            "type",
            "counterparty_id",
            "merchant_id",
            "merchant_type",
            "location",
            "country",
            "channel",
            "device_id");

    private static final String SELECT_TRANSACTIONS =
            "SELECT " + String.join(", ", TRANSACTION_COLUMNS) + " FROM transactions";

    /**
     * The stored transactions whose event time lies in [from, to] (either end open when empty), in the
     * order they were scored.
     */
    public List<Transaction> between(Optional<Instant> from, Optional<Instant> to) {
        try {
            return transactions(
                    SELECT_TRANSACTIONS + " WHERE event_time >= ? AND event_time <= ? ORDER BY sequence_number",
                    query -> {
                        query.setTimestamp(1, Timestamp.from(from.orElse(Instant.EPOCH)));
                        query.setTimestamp(2, Timestamp.from(to.orElse(Instant.parse("9999-12-31T23:59:59Z"))));
                    });
        } catch (SQLException e) {
            throw new StorageException("could not read the stored transactions", e);
        }
    }

    /** The stored transactions after sequence number {@code sequence}, in the order they were scored. */
    public List<Transaction> afterSequence(long sequence) {
        try {
            return transactions(
                    SELECT_TRANSACTIONS + " WHERE sequence_number > ? ORDER BY sequence_number",
                    query -> query.setLong(1, sequence));
        } catch (SQLException e) {
            throw new StorageException("could not read the stored transactions after " + sequence, e);
        }
    }

    /**
     * Hands {@code visit} the stored transactions whose event time lies in [from, to], in event-time order (ties in
     * the order they were scored, as training sorts them), one at a time: however many there are, none is held after
     * its visit.
     */
    public void forEachBetween(Instant from, Instant to, Consumer<Transaction> visit) {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(SELECT_TRANSACTIONS
                        + " WHERE event_time >= ? AND event_time <= ? ORDER BY event_time, sequence_number")) {
            query.setTimestamp(1, Timestamp.from(from));
            query.setTimestamp(2, Timestamp.from(to));
            query.setFetchSize(10_000);
            // PostgreSQL streams with a fetch size only inside a transaction; without it, it reads everything first.
            connection.setAutoCommit(false);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    visit.accept(transaction(rs));
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new StorageException("could not read the stored transactions of [" + from + ", " + to + "]", e);
        }
    }

    /** The latest event time of any stored transaction; empty when none is stored. */
    public Optional<Instant> latestEventTime() {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT MAX(event_time) FROM transactions")) {
            Timestamp latest = rs.next() ? rs.getTimestamp(1) : null;
            return latest == null ? Optional.empty() : Optional.of(latest.toInstant());
        } catch (SQLException e) {
            throw new StorageException("could not read the latest event time", e);
        }
    }

    private List<Transaction> transactions(String sql, Parameters parameters) throws SQLException {
        List<Transaction> transactions = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(sql)) {
            parameters.bind(query);
            query.setFetchSize(10_000);
            // PostgreSQL streams with a fetch size only inside a transaction; without it, it reads everything first.
            connection.setAutoCommit(false);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    transactions.add(transaction(rs));
                }
            }
            connection.commit();
        }
        return transactions;
    }

    @FunctionalInterface
    private interface Parameters {
        void bind(PreparedStatement query) throws SQLException;
    }

    /** The reference data of every account stored, by user id. */
    public Map<String, Account> accounts() {
        try {
            Map<String, Account> accounts = new HashMap<>();
            try (Connection connection = database.connect();
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT " + ACCOUNT_COLUMNS + " FROM accounts")) {
                while (rs.next()) {
                    Account account = account(rs);
                    accounts.put(account.userId(), account);
                }
            }
            return accounts;
        } catch (SQLException e) {
            throw new StorageException("could not read the stored accounts", e);
        }
    }

    /** The columns of {@code accounts} that {@link #account(ResultSet)} reads. */
    public static final String ACCOUNT_COLUMNS = "user_id, opened_at, account_type, country, city, opening_balance";

    /**
     * The reference data of the current row of a query that selected {@link #ACCOUNT_COLUMNS}: for storage's own
     * packages, inside their JDBC code; nothing outside txmon-application calls it.
     */
    public static Account account(ResultSet rs) throws SQLException {
        String type = rs.getString("account_type");
        String country = rs.getString("country");
        Timestamp opened = rs.getTimestamp("opened_at");
        return new Account(
                rs.getString("user_id"),
                opened == null ? null : opened.toInstant(),
                type == null ? null : AccountType.valueOf(type.trim()),
                country == null ? null : country.trim(),
                rs.getString("city"),
                rs.getBigDecimal("opening_balance"));
    }

    /**
     * The transaction of the current row of a query that selected {@link #TRANSACTION_COLUMNS} by those names: for
     * storage's own packages, inside their JDBC code; nothing outside txmon-application calls it.
     */
    public static Transaction transaction(ResultSet rs) throws SQLException {
        String channel = rs.getString("channel");
        return new Transaction(
                rs.getString("transaction_id"),
                rs.getTimestamp("event_time").toInstant(),
                rs.getString("user_id"),
                rs.getBigDecimal("amount"),
                Currency.getInstance(rs.getString("currency")),
                TransactionType.valueOf(rs.getString("type")),
                rs.getString("counterparty_id"),
                rs.getString("merchant_id"),
                rs.getString("merchant_type"),
                rs.getString("location"),
                rs.getString("country"),
                channel == null ? null : Channel.valueOf(channel),
                rs.getString("device_id"));
    }
}

package io.txmon.payments;

import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.Jdbc;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The balances of a payment's two accounts, locked for the rest of the database transaction. */
final class Funds {
    private final Map<String, BigDecimal> balances;
    private final Map<String, BigDecimal> overdrafts;

    private Funds(Map<String, BigDecimal> balances, Map<String, BigDecimal> overdrafts) {
        this.balances = balances;
        this.overdrafts = overdrafts;
    }

    /**
     * Locks both accounts, the smaller id first (H2, and PostgreSQL when a review settles a held payment): every posting takes its locks in this one order, so none waits
     * for a lock held by a posting that waits for one of its own.
     *
     * <p>On PostgreSQL the lock is {@code FOR NO KEY UPDATE}, the one its own {@code UPDATE} of a balance takes:
     * {@code FOR UPDATE} would also conflict with the key-share locks that the foreign keys of every inserted
     * payment take on its two accounts, payer first, in the payment's direction rather than in id order; held and
     * blocked payments then deadlocked with postings (found by {@code PaymentsStressIT}, 36 to 138 deadlocks a run,
     * each stalling its accounts for PostgreSQL's one-second deadlock timeout). H2 takes no locks for foreign keys
     * and knows only {@code FOR UPDATE}.
     */
    static Funds lock(Connection connection, DatabaseEngine engine, String one, String other) throws SQLException {
        Map<String, BigDecimal> balances = new HashMap<>();
        Map<String, BigDecimal> overdrafts = new HashMap<>();
        // By the ids' UTF-8 bytes, the order PostgreSQL's txmon_record_payment locks in too (collation "C").
        boolean oneFirst =
                Arrays.compareUnsigned(one.getBytes(StandardCharsets.UTF_8), other.getBytes(StandardCharsets.UTF_8))
                        < 0;
        String lock = engine == DatabaseEngine.POSTGRESQL ? "FOR NO KEY UPDATE" : "FOR UPDATE";
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT balance, overdraft_limit FROM ledger_accounts WHERE user_id = ? " + lock)) {
            for (String account : oneFirst ? new String[] {one, other} : new String[] {other, one}) {
                select.setString(1, account);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("account " + account + " is not open for payments");
                    }
                    balances.put(account, rs.getBigDecimal(1));
                    overdrafts.put(account, rs.getBigDecimal(2));
                }
            }
        }
        return new Funds(balances, overdrafts);
    }

    /** What {@code payer}'s funds, as locked, decide for a payment of {@code amount}: see {@link PaymentPolicy#funded}. */
    PaymentPolicy.Verdict pay(String payer, BigDecimal amount) {
        return PaymentPolicy.funded(payer, amount, balances.get(payer), overdrafts.get(payer));
    }

    /** Moves {@code amount}: both balances, and one ledger entry each with the balance after it. */
    void move(Connection connection, String paymentId, String payer, String payee, BigDecimal amount, Instant now)
            throws SQLException {
        BigDecimal payerAfter = balances.get(payer).subtract(amount);
        BigDecimal payeeAfter = balances.get(payee).add(amount);
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE ledger_accounts SET balance = ? WHERE user_id = ?")) {
            update.setBigDecimal(1, payerAfter);
            update.setString(2, payer);
            update.addBatch();
            update.setBigDecimal(1, payeeAfter);
            update.setString(2, payee);
            update.addBatch();
            update.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_entries (payment_id, user_id,"
                + " amount, balance_after, posted_at) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)")) {
            insert.setString(1, paymentId);
            insert.setString(2, payer);
            insert.setBigDecimal(3, amount.negate());
            insert.setBigDecimal(4, payerAfter);
            Jdbc.setInstant(insert, 5, now);
            insert.setString(6, paymentId);
            insert.setString(7, payee);
            insert.setBigDecimal(8, amount);
            insert.setBigDecimal(9, payeeAfter);
            Jdbc.setInstant(insert, 10, now);
            insert.executeUpdate();
        }
        balances.put(payer, payerAfter);
        balances.put(payee, payeeAfter);
    }
}

package io.txmon.payments;

import io.txmon.alerts.Alerts;
import io.txmon.decisions.DecisionColumns;
import io.txmon.ingest.Detection;
import io.txmon.payments.Payment.Status;
import io.txmon.storage.Database;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.Jdbc;
import io.txmon.storage.StorageException;
import io.txmon.transaction.InvalidFieldException;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Payments: each request is screened by the decision path as a {@code TRANSFER}, then posted, rejected or held, in
 * one database transaction with its ledger entries.
 *
 * <p>Concurrency control is row locks taken in one order: a posting locks its two accounts ({@code SELECT ... FOR
 * UPDATE}, on PostgreSQL {@code FOR NO KEY UPDATE}: see {@link Funds}) in the order of their ids, so two payments between the same accounts, either way round, queue behind
 * each other instead of deadlocking, and a balance is read, checked and written under its lock. Locks rather than
 * serializable transactions because every payment between two accounts conflicts by design: under serializable
 * isolation most would fail and be retried, where a lock makes them wait their turn, on PostgreSQL and H2 alike.
 * The database refuses a broken state by itself too (db/migration/V7, V7_1, V7_2): no balance below its overdraft,
 * no idempotency key twice, ledger entries only as sides of posted payments and never changed, a payment settled
 * once.
 *
 * <p>What becomes of a payment is {@link PaymentPolicy}'s to say, and how a key makes it idempotent {@link
 * PaymentIdempotency}'s; this class keeps both in the database. The unique key makes a second posting impossible
 * even for two copies of a request in flight at once.
 */
public final class Payments {
    /** Longest idempotency key taken. */
    public static final int MAX_KEY_LENGTH = PaymentIdempotency.MAX_KEY_LENGTH;

    /** Attempts at posting when the database reports a lock timeout or a conflict to retry. */
    private static final int ATTEMPTS = 8;

    private static final String COLUMNS = "p.payment_id, p.request_hash, p.from_account, p.to_account, p.amount,"
            + " p.currency, p.status, p.reason, p.sequence_number, p.created_at, p.settled_at, p.settled_by, "
            + DecisionColumns.SELECTED + " FROM payments p"
            + " JOIN decisions d ON d.sequence_number = p.sequence_number"
            + " JOIN transactions t ON t.sequence_number = p.sequence_number";

    private final Database database;
    private final Clock clock;
    private final Screening screening;
    /**
     * Each open account's currency, as read: an account never changes currency nor closes, and reading both
     * accounts for every payment was one query in three of those a payment makes before it posts.
     */
    private final Map<String, String> currencies = new ConcurrentHashMap<>();

    public Payments(Database database, Clock clock, Screening screening) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.screening = Objects.requireNonNull(screening, "screening");
    }

    /**
     * Screens and then posts, rejects or holds {@code request}; a key used before is answered with that payment as
     * it stands now.
     *
     * @throws InvalidFieldException naming the field: a missing or too long key, an account that is not open, a
     *     currency other than the accounts'
     * @throws IdempotencyConflictException when the key was used for a different request
     */
    public PaymentOutcome pay(String idempotencyKey, PaymentRequest request) {
        String key = checkedKey(idempotencyKey);
        try {
            return pay(key, PaymentIdempotency.fingerprint(request), request);
        } catch (SQLException e) {
            throw new StorageException("could not record a payment from " + request.fromAccount(), e);
        }
    }

    private PaymentOutcome pay(String key, String fingerprint, PaymentRequest request) throws SQLException {
        Optional<PaymentOutcome> earlier;
        try (Connection connection = database.connect()) {
            earlier = replay(connection, key, fingerprint);
            if (earlier.isEmpty()) {
                checkAccounts(connection, request, currencies);
            }
        }
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Transaction transfer = Transaction.builder(
                        PaymentIdempotency.transactionId(key, fingerprint),
                        clock.instant(),
                        request.fromAccount(),
                        request.amount())
                .currency(request.currency())
                .type(TransactionType.TRANSFER)
                .counterpartyId(request.toAccount())
                .build();
        Detection decision = screening.screen(transfer);
        for (int attempt = 1; ; attempt++) {
            try {
                return new PaymentOutcome(record(key, fingerprint, request, decision), decision, false);
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    // The same key, in flight at once: the first to commit won. Not found yet means it is still
                    // deciding; wait for it like any other conflict.
                    try (Connection connection = database.connect()) {
                        earlier = replay(connection, key, fingerprint);
                    }
                    if (earlier.isPresent()) {
                        return earlier.get();
                    }
                }
                if (attempt >= ATTEMPTS || !(Jdbc.isUniqueViolation(e) || isRetryable(e))) {
                    throw e;
                }
            }
        }
    }

    /** The payment {@code paymentId}, with its decision. */
    public Optional<PaymentOutcome> find(String paymentId) {
        try (Connection connection = database.connect();
                PreparedStatement select =
                        connection.prepareStatement("SELECT " + COLUMNS + " WHERE p.payment_id = ?")) {
            select.setString(1, paymentId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(outcome(rs, true)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("could not read payment " + paymentId, e);
        }
    }

    /**
     * What closing a held payment's alert does to it, in the review's own database transaction: a false positive
     * posts the payment (or rejects it, should the payer no longer have the funds), a true positive rejects it.
     */
    public Alerts.ClosingHook settlement() {
        return this::settle;
    }

    private void settle(Connection connection, long sequenceNumber, Alerts.Label label, String actor)
            throws SQLException {
        String paymentId;
        String from;
        String to;
        BigDecimal amount;
        try (PreparedStatement select = connection.prepareStatement("SELECT payment_id, from_account, to_account,"
                + " amount FROM payments WHERE sequence_number = ? AND status = 'HELD' FOR UPDATE")) {
            select.setLong(1, sequenceNumber);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                paymentId = rs.getString(1);
                from = rs.getString(2);
                to = rs.getString(3);
                amount = rs.getBigDecimal(4);
            }
        }
        Instant now = clock.instant();
        // Funds are locked only for a payment they may post.
        Funds funds = PaymentPolicy.releases(label) ? Funds.lock(connection, database.engine(), from, to) : null;
        PaymentPolicy.Verdict verdict =
                PaymentPolicy.settled(label, actor, Optional.ofNullable(funds).map(locked -> locked.pay(from, amount)));
        // The status first: the database takes entries only for a payment that is POSTED.
        try (PreparedStatement update = connection.prepareStatement("UPDATE payments SET status = ?, reason = ?,"
                + " settled_at = ?, settled_by = ? WHERE payment_id = ?")) {
            update.setString(1, verdict.status().name());
            update.setString(2, verdict.reason());
            Jdbc.setInstant(update, 3, now);
            update.setString(4, actor);
            update.setString(5, paymentId);
            update.executeUpdate();
        }
        if (verdict.status() == Status.POSTED) {
            funds.move(connection, paymentId, from, to, amount, now);
        }
    }

    /** Stores the screened payment and, when approved and affordable, moves the money: one database transaction. */
    private Payment record(String key, String fingerprint, PaymentRequest request, Detection decision)
            throws SQLException {
        return database.engine() == DatabaseEngine.POSTGRESQL
                ? recordInOneCall(key, fingerprint, request, decision)
                : recordStepByStep(key, fingerprint, request, decision);
    }

    /**
     * PostgreSQL: the same steps as {@link #recordStepByStep}, in its function {@code txmon_record_payment}
     * (db/postgresql/V7_2), one round trip in auto-commit instead of six. In-process H2 has no round trips to save.
     */
    private Payment recordInOneCall(String key, String fingerprint, PaymentRequest request, Detection decision)
            throws SQLException {
        Instant now = clock.instant();
        String paymentId = PaymentIdempotency.paymentId(key);
        Status status;
        String reason;
        try (Connection connection = database.connect();
                PreparedStatement call = connection.prepareStatement(
                        "SELECT status, reason FROM txmon_record_payment(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            // The call is its own transaction only in auto-commit: a pool handing out connections without it
            // would roll the payment back when the connection goes back, after it was answered.
            connection.setAutoCommit(true);
            call.setString(1, paymentId);
            call.setString(2, key);
            call.setString(3, fingerprint);
            call.setString(4, request.fromAccount());
            call.setString(5, request.toAccount());
            call.setBigDecimal(6, request.amount());
            call.setString(7, request.amount().toPlainString());
            call.setString(8, request.currency().getCurrencyCode());
            call.setLong(9, decision.decision().sequenceNumber());
            Jdbc.setInstant(call, 10, now);
            call.setString(11, decision.decision().recommendation().name());
            call.setString(12, String.join(", ", decision.decision().reasonCodes()));
            try (ResultSet rs = call.executeQuery()) {
                rs.next();
                status = Status.valueOf(rs.getString(1));
                reason = rs.getString(2);
            }
        }
        return unsettled(paymentId, request, status, reason, decision, now);
    }

    /** The steps one by one in one database transaction: H2's way, and what PostgreSQL's function does. */
    private Payment recordStepByStep(String key, String fingerprint, PaymentRequest request, Detection decision)
            throws SQLException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                Instant now = clock.instant();
                Optional<PaymentPolicy.Verdict> screened = PaymentPolicy.screened(
                        decision.decision().recommendation(),
                        decision.decision().reasonCodes());
                // Funds are locked only for a payment that screening leaves to them.
                Funds funds = screened.isPresent()
                        ? null
                        : Funds.lock(connection, database.engine(), request.fromAccount(), request.toAccount());
                PaymentPolicy.Verdict verdict =
                        screened.orElseGet(() -> funds.pay(request.fromAccount(), request.amount()));
                Payment payment = unsettled(
                        PaymentIdempotency.paymentId(key), request, verdict.status(), verdict.reason(), decision, now);
                insert(connection, key, fingerprint, payment);
                if (verdict.status() == Status.POSTED) {
                    funds.move(
                            connection,
                            payment.paymentId(),
                            request.fromAccount(),
                            request.toAccount(),
                            request.amount(),
                            now);
                }
                connection.commit();
                return payment;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** A payment as just recorded: settled later, if ever, by a review. */
    private static Payment unsettled(
            String paymentId, PaymentRequest request, Status status, String reason, Detection decision, Instant now) {
        return new Payment(
                paymentId,
                request.fromAccount(),
                request.toAccount(),
                request.amount(),
                request.currency(),
                status,
                reason,
                decision.decision().sequenceNumber(),
                now,
                null,
                null);
    }

    private static void insert(Connection connection, String key, String fingerprint, Payment payment)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO payments (payment_id,"
                + " idempotency_key, request_hash, from_account, to_account, amount, currency, status, reason,"
                + " sequence_number, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, payment.paymentId());
            insert.setString(2, key);
            insert.setString(3, fingerprint);
            insert.setString(4, payment.fromAccount());
            insert.setString(5, payment.toAccount());
            insert.setBigDecimal(6, payment.amount());
            insert.setString(7, payment.currency().getCurrencyCode());
            insert.setString(8, payment.status().name());
            insert.setString(9, payment.reason());
            insert.setLong(10, payment.sequenceNumber());
            Jdbc.setInstant(insert, 11, payment.createdAt());
            insert.executeUpdate();
        }
    }

    private static Optional<PaymentOutcome> replay(Connection connection, String key, String fingerprint)
            throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT " + COLUMNS + " WHERE p.idempotency_key = ?")) {
            select.setString(1, key);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                PaymentIdempotency.requireReplay(rs.getString(2), fingerprint, rs.getString(1));
                return Optional.of(outcome(rs, true));
            }
        }
    }

    /** Both accounts open, in the request's currency: checked before screening, so nothing is scored in vain. */
    private static void checkAccounts(Connection connection, PaymentRequest request, Map<String, String> currencies)
            throws SQLException {
        if (!currencies.containsKey(request.fromAccount()) || !currencies.containsKey(request.toAccount())) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT user_id, currency FROM ledger_accounts WHERE user_id IN (?, ?)")) {
                select.setString(1, request.fromAccount());
                select.setString(2, request.toAccount());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        currencies.put(rs.getString(1), rs.getString(2).strip());
                    }
                }
            }
        }
        for (String field : List.of("from_account", "to_account")) {
            String account = field.equals("from_account") ? request.fromAccount() : request.toAccount();
            String currency = currencies.get(account);
            if (currency == null) {
                throw new InvalidFieldException(field, "no account " + account + " is open for payments");
            }
            if (!currency.equals(request.currency().getCurrencyCode())) {
                throw new InvalidFieldException(
                        "currency",
                        "is " + request.currency().getCurrencyCode() + " but " + field + " " + account + " holds "
                                + currency);
            }
        }
    }

    private static PaymentOutcome outcome(ResultSet rs, boolean replayed) throws SQLException {
        Currency currency = Money.currency(rs.getString(6));
        Payment payment = new Payment(
                rs.getString(1),
                rs.getString(3),
                rs.getString(4),
                Money.stored(rs.getBigDecimal(5), currency),
                currency,
                Status.valueOf(rs.getString(7)),
                rs.getString(8),
                rs.getLong(9),
                Jdbc.instant(rs, 10),
                Jdbc.instant(rs, 11),
                rs.getString(12));
        Detection decision = new Detection(DecisionColumns.read(rs, 13), List.of(), true);
        return new PaymentOutcome(payment, decision, replayed);
    }

    /**
     * {@code key} itself when it is 1 to {@value #MAX_KEY_LENGTH} visible ASCII characters ({@code !} to {@code ~}):
     * see {@link PaymentIdempotency#checkedKey}.
     *
     * @throws InvalidFieldException naming the header when the key is missing or not such a string
     */
    public static String checkedKey(String key) {
        return PaymentIdempotency.checkedKey(key);
    }

    /** Lock timeouts (H2), deadlocks and serialization failures: the attempt is rolled back and can be repeated. */
    private static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state);
    }
}

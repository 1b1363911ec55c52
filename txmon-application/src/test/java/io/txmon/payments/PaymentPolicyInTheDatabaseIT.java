package io.txmon.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.payments.Payment.Status;
import io.txmon.payments.PaymentPolicy.Verdict;
import io.txmon.scoring.Recommendation;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.Jdbc;
import io.txmon.storage.TestDatabase;
import io.txmon.transaction.AccountType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The database's own copies of {@link PaymentPolicy} say what it says: PostgreSQL's {@code txmon_record_payment}
 * (db/postgresql/V7_2), for every recommendation and state of the payer's funds, and the triggers that let a payment
 * change status only as it settles (PostgreSQL's {@code txmon_payment_settles_once}, H2's {@link
 * PaymentSettlesOnceTrigger}), for every pair of statuses.
 */
class PaymentPolicyInTheDatabaseIT {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");
    private static final List<String> CODES = List.of("HUGE_TRANSFER", "LARGE_TRANSFER");

    /** Balance, overdraft limit and amount: well within, exactly down to the limit, one cent past it, none at all. */
    private static final String[][] FUNDS = {
        {"100.00", "40.00", "10.00"},
        {"100.00", "40.00", "140.00"},
        {"100.00", "40.00", "140.01"},
        {"0", "0", "0.01"},
        {"5.00", "0", "5.00"},
    };

    @TempDir
    Path folder;

    @Test
    void postgresqlRecordsEveryPaymentAsThePolicySaysForEveryRecommendationAndStateOfFunds() throws SQLException {
        try (TestDatabase test = TestDatabase.create(DatabaseEngine.POSTGRESQL, folder)) {
            LedgerAccounts accounts = new LedgerAccounts(test.database(), Clock.systemUTC());
            int n = 0;
            for (Recommendation recommendation : Recommendation.values()) {
                for (String[] funds : FUNDS) {
                    n++;
                    BigDecimal balance = new BigDecimal(funds[0]);
                    BigDecimal overdraft = new BigDecimal(funds[1]);
                    PaymentRequest request =
                            new PaymentRequest("payer-" + n, "payee-" + n, new BigDecimal(funds[2]), EUR);
                    accounts.open(new NewAccount(request.fromAccount(), AccountType.PERSONAL, EUR, balance, overdraft));
                    accounts.open(
                            new NewAccount(request.toAccount(), AccountType.PERSONAL, EUR, BigDecimal.ZERO, null));
                    Verdict expected = PaymentPolicy.screened(recommendation, CODES)
                            .orElseGet(() -> PaymentPolicy.funded(
                                    request.fromAccount(),
                                    request.amount(),
                                    accounts.find(request.fromAccount())
                                            .orElseThrow()
                                            .balance(),
                                    accounts.find(request.fromAccount())
                                            .orElseThrow()
                                            .overdraftLimit()));

                    Verdict recorded = recordInPostgresql(test, "k-" + n, request, recommendation, n);

                    String asked = recommendation + " of " + request.amount() + " from " + funds[0] + " with an"
                            + " overdraft limit of " + funds[1];
                    assertThat(recorded).as(asked).isEqualTo(expected);
                    assertThat(test.string("SELECT status FROM payments WHERE idempotency_key = 'k-" + n + "'"))
                            .as(asked)
                            .isEqualTo(expected.status().name());
                    BigDecimal moved = expected.status() == Status.POSTED ? request.amount() : BigDecimal.ZERO;
                    assertThat(accounts.find(request.fromAccount())
                                    .orElseThrow()
                                    .balance())
                            .as(asked)
                            .isEqualByComparingTo(balance.subtract(moved));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void theDatabaseLetsAPaymentChangeStatusExactlyWhenThePolicySaysItSettles(DatabaseEngine engine)
            throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            LedgerAccounts accounts = new LedgerAccounts(test.database(), Clock.systemUTC());
            accounts.open(new NewAccount("alice", AccountType.PERSONAL, EUR, new BigDecimal("100.00"), null));
            accounts.open(new NewAccount("bob", AccountType.PERSONAL, EUR, BigDecimal.ZERO, null));
            for (Status from : Status.values()) {
                for (Status to : Status.values()) {
                    assertThat(changes(test, from, to))
                            .as(engine + ": " + from + " to " + to)
                            .isEqualTo(PaymentPolicy.settles(from, to));
                }
            }
        }
    }

    private static Verdict recordInPostgresql(
            TestDatabase test, String key, PaymentRequest request, Recommendation recommendation, long sequenceNumber)
            throws SQLException {
        // The call as Payments makes it.
        try (Connection connection = test.database().connect();
                PreparedStatement call = connection.prepareStatement(
                        "SELECT status, reason FROM txmon_record_payment(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            call.setString(1, PaymentIdempotency.paymentId(key));
            call.setString(2, key);
            call.setString(3, PaymentIdempotency.fingerprint(request));
            call.setString(4, request.fromAccount());
            call.setString(5, request.toAccount());
            call.setBigDecimal(6, request.amount());
            call.setString(7, request.amount().toPlainString());
            call.setString(8, request.currency().getCurrencyCode());
            call.setLong(9, sequenceNumber);
            Jdbc.setInstant(call, 10, NOON);
            call.setString(11, recommendation.name());
            call.setString(12, String.join(", ", CODES));
            try (ResultSet rs = call.executeQuery()) {
                rs.next();
                return new Verdict(Status.valueOf(rs.getString(1)), rs.getString(2));
            }
        }
    }

    /**
     * Whether the database lets a payment that is {@code from} become {@code to}: tried in a transaction rolled back
     * afterwards, so that PostgreSQL's deferred check of a posted payment's entries never runs.
     */
    private static boolean changes(TestDatabase test, Status from, Status to) throws SQLException {
        try (Connection connection = test.database().connect()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO payments (payment_id,"
                        + " idempotency_key, request_hash, from_account, to_account, amount, currency, status, reason,"
                        + " sequence_number, created_at) VALUES ('p-1', 'k-1', ?, 'alice', 'bob', 10, 'EUR', ?,"
                        + " 'as tested', 1, ?)")) {
                    insert.setString(1, "0".repeat(64));
                    insert.setString(2, from.name());
                    Jdbc.setInstant(insert, 3, NOON);
                    insert.executeUpdate();
                }
                try (PreparedStatement update =
                        connection.prepareStatement("UPDATE payments SET status = ? WHERE payment_id = 'p-1'")) {
                    update.setString(1, to.name());
                    update.executeUpdate();
                    return true;
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).as(e.getMessage()).startsWith("23");
                    return false;
                }
            } finally {
                connection.rollback();
            }
        }
    }
}

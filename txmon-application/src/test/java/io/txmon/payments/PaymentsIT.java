package io.txmon.payments;

import static io.txmon.testkit.InvalidFields.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.alerts.Alerts;
import io.txmon.formats.rules.RuleFile;
import io.txmon.ingest.OnlineIngestion;
import io.txmon.payments.Payment.Status;
import io.txmon.scoring.Recommendation;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.DecisionSetup;
import io.txmon.storage.TestDatabase;
import io.txmon.transaction.AccountType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Currency;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PaymentsIT {
    private static final Currency EUR = Currency.getInstance("EUR");

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void postsAnApprovedPaymentAsTwoBalancingEntriesAndAnswersARepeatedKeyWithTheSamePayment(DatabaseEngine engine)
            throws Exception {
        try (Ledger ledger = new Ledger(engine)) {
            ledger.open("alice", "100.00");
            ledger.open("bob", "5.00");

            PaymentOutcome first = ledger.pay("k-1", "alice", "bob", "40.50");
            PaymentOutcome again = ledger.pay("k-1", "alice", "bob", "40.5");

            assertThat(first.payment().status()).isEqualTo(Status.POSTED);
            assertThat(first.replayed()).isFalse();
            assertThat(first.decision().decision().recommendation()).isEqualTo(Recommendation.APPROVE);
            assertThat(again.replayed()).isTrue();
            assertThat(again.payment().paymentId()).isEqualTo(first.payment().paymentId());
            assertThat(again.payment().status()).isEqualTo(Status.POSTED);
            assertThat(ledger.balance("alice")).isEqualByComparingTo("59.50");
            assertThat(ledger.balance("bob")).isEqualByComparingTo("45.50");
            assertThat(ledger.accounts.entries("alice", 10, 0)).singleElement().satisfies(entry -> {
                assertThat(entry.amount()).isEqualByComparingTo("-40.50");
                assertThat(entry.balanceAfter()).isEqualByComparingTo("59.50");
                assertThat(entry.counterparty()).isEqualTo("bob");
            });
            assertThat(ledger.test.count("SELECT COUNT(*) FROM payments")).isOne();
            assertThat(ledger.test.count("SELECT COUNT(*) FROM transactions WHERE type = 'TRANSFER'"
                            + " AND user_id = 'alice' AND counterparty_id = 'bob'"))
                    .isOne();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void refusesAKeyReusedForADifferentPaymentAndPaysNothingForIt(DatabaseEngine engine) throws Exception {
        try (Ledger ledger = new Ledger(engine)) {
            ledger.open("alice", "100.00");
            ledger.open("bob", "0");
            ledger.pay("k-1", "alice", "bob", "10.00");

            assertThatThrownBy(() -> ledger.pay("k-1", "alice", "bob", "11.00"))
                    .isInstanceOf(IdempotencyConflictException.class)
                    .hasMessageContaining("different payment");
            assertThat(ledger.balance("alice")).isEqualByComparingTo("90.00");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void rejectsAPaymentBeyondTheBalanceAndOverdraftWithItsReasonAndMovesNothing(DatabaseEngine engine)
            throws Exception {
        try (Ledger ledger = new Ledger(engine)) {
            ledger.open("alice", "100.00", "50.00");
            ledger.open("bob", "0");

            PaymentOutcome withinOverdraft = ledger.pay("k-1", "alice", "bob", "140.00");
            PaymentOutcome beyond = ledger.pay("k-2", "alice", "bob", "10.01");

            assertThat(withinOverdraft.payment().status()).isEqualTo(Status.POSTED);
            assertThat(ledger.balance("alice")).isEqualByComparingTo("-40.00");
            assertThat(beyond.payment().status()).isEqualTo(Status.REJECTED);
            assertThat(beyond.payment().reason())
                    .startsWith("insufficient funds")
                    .contains("overdraft limit of 50");
            assertThat(ledger.balance("alice")).isEqualByComparingTo("-40.00");
            assertThat(ledger.test.count("SELECT COUNT(*) FROM ledger_entries")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void rejectsWhatScreeningBlocksWithTheDecisionAndAnAlertStored(DatabaseEngine engine) throws Exception {
        try (Ledger ledger = new Ledger(engine)) {
            ledger.open("alice", "10000.00");
            ledger.open("bob", "0");

            PaymentOutcome blocked = ledger.pay("k-1", "alice", "bob", "6000.00");

            assertThat(blocked.payment().status()).isEqualTo(Status.REJECTED);
            assertThat(blocked.payment().reason()).isEqualTo("blocked by screening: HUGE_TRANSFER, LARGE_TRANSFER");
            assertThat(blocked.decision().decision().recommendation()).isEqualTo(Recommendation.BLOCK);
            assertThat(ledger.balance("alice")).isEqualByComparingTo("10000.00");
            assertThat(ledger.test.count("SELECT COUNT(*) FROM alerts WHERE sequence_number = "
                            + blocked.payment().sequenceNumber()))
                    .isOne();
            assertThat(ledger.test.count("SELECT COUNT(*) FROM ledger_entries")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void holdsWhatScreeningSendsToReviewUntilTheAlertIsClosedThenPostsOrRejectsIt(DatabaseEngine engine)
            throws Exception {
        try (Ledger ledger = new Ledger(engine)) {
            ledger.open("alice", "10000.00");
            ledger.open("bob", "0");

            PaymentOutcome released = ledger.pay("k-1", "alice", "bob", "2000.00");
            PaymentOutcome refused = ledger.pay("k-2", "alice", "bob", "3000.00");
            assertThat(released.payment().status()).isEqualTo(Status.HELD);
            assertThat(released.payment().reason()).isEqualTo("held for review: LARGE_TRANSFER");
            assertThat(ledger.balance("alice")).isEqualByComparingTo("10000.00");

            ledger.close(released, Alerts.Label.FALSE_POSITIVE);
            ledger.close(refused, Alerts.Label.TRUE_POSITIVE);

            Payment posted = ledger.payments
                    .find(released.payment().paymentId())
                    .orElseThrow()
                    .payment();
            assertThat(posted.status()).isEqualTo(Status.POSTED);
            assertThat(posted.settledBy()).isEqualTo("analyst-1");
            assertThat(posted.settledAt()).isNotNull();
            Payment rejected = ledger.payments
                    .find(refused.payment().paymentId())
                    .orElseThrow()
                    .payment();
            assertThat(rejected.status()).isEqualTo(Status.REJECTED);
            assertThat(rejected.reason()).isEqualTo("rejected in review by analyst-1");
            assertThat(ledger.balance("alice")).isEqualByComparingTo("8000.00");
            assertThat(ledger.balance("bob")).isEqualByComparingTo("2000.00");
            assertThat(ledger.pay("k-1", "alice", "bob", "2000.00").payment().status())
                    .isEqualTo(Status.POSTED);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void refusesBadPaymentsNamingTheFieldBeforeAnythingIsScoredOrPosted(DatabaseEngine engine) throws Exception {
        try (Ledger ledger = new Ledger(engine)) {
            ledger.open("alice", "100.00");
            ledger.open("bob", "0");
            ledger.open("yen", "JPY", "1000", "0");

            assertInvalidField(() -> ledger.pay("k", "alice", "carol", "1.00"), "to_account", "no account carol");
            assertInvalidField(() -> ledger.pay("k", "nobody", "bob", "1.00"), "from_account", "no account nobody");
            assertInvalidField(() -> ledger.pay("k", "alice", "alice", "1.00"), "to_account", "same account");
            assertInvalidField(() -> ledger.pay("k", "alice", "bob", "0"), "amount", "greater than zero");
            assertInvalidField(() -> ledger.pay("k", "alice", "bob", "-5"), "amount", "greater than zero");
            assertInvalidField(() -> ledger.pay("k", "alice", "bob", "1.005"), "amount", "more decimals than EUR");
            assertInvalidField(() -> ledger.pay("k", "alice", "yen", "1.00"), "currency", "holds JPY");
            assertInvalidField(() -> ledger.pay(" ", "alice", "bob", "1.00"), "Idempotency-Key", "required");
            assertInvalidField(
                    () -> new NewAccount("dave", AccountType.PERSONAL, EUR, new BigDecimal("1.001"), null),
                    "opening_balance",
                    "more decimals");
            assertInvalidField(
                    () -> new NewAccount("dave", null, EUR, BigDecimal.ONE, null), "account_type", "PERSONAL");
            assertThatThrownBy(() -> ledger.open("alice", "1.00")).isInstanceOf(AccountExistsException.class);

            assertThat(ledger.test.count("SELECT COUNT(*) FROM payments")).isZero();
            assertThat(ledger.test.count("SELECT COUNT(*) FROM transactions")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void theDatabaseItselfRefusesANegativeBalanceAChangedEntryAndAPaymentSettledTwice(DatabaseEngine engine)
            throws Exception {
        try (Ledger ledger = new Ledger(engine)) {
            ledger.open("alice", "100.00");
            ledger.open("bob", "0");
            ledger.pay("k-1", "alice", "bob", "10.00");

            assertRefused(ledger, "UPDATE ledger_accounts SET balance = -1 WHERE user_id = 'bob'");
            assertRefused(ledger, "UPDATE ledger_entries SET amount = 1");
            assertRefused(ledger, "DELETE FROM ledger_entries");
            assertRefused(ledger, "UPDATE payments SET status = 'REJECTED'");
            assertRefused(ledger, "DELETE FROM payments");
            assertThat(ledger.balance("bob")).isEqualByComparingTo("10.00");
        }
    }

    private static void assertRefused(Ledger ledger, String sql) throws SQLException {
        try (Connection connection = ledger.test.database().connect();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate(sql)).as(sql).isInstanceOf(SQLException.class);
        }
    }

    /** A database with the payments ledger, screened by the decision path with the test's rules. */
    private final class Ledger implements AutoCloseable {
        final TestDatabase test;
        final OnlineIngestion online;
        final LedgerAccounts accounts;
        final Payments payments;
        final Alerts alerts;

        Ledger(DatabaseEngine engine) throws IOException {
            test = TestDatabase.create(engine, folder);
            online = OnlineIngestion.start(
                    test.database(), DecisionSetup.of(rules(), Optional.empty()), Clock.systemUTC(), detection -> {});
            accounts = new LedgerAccounts(test.database(), Clock.systemUTC());
            payments = new Payments(test.database(), Clock.systemUTC(), tx -> {
                try {
                    return online.detect(tx).get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            alerts = new Alerts(test.database(), Clock.systemUTC(), payments.settlement());
        }

        void open(String account, String balance) throws SQLException {
            open(account, balance, "0");
        }

        void open(String account, String balance, String overdraft) throws SQLException {
            accounts.open(new NewAccount(
                    account, AccountType.PERSONAL, EUR, new BigDecimal(balance), new BigDecimal(overdraft)));
        }

        void open(String account, String currency, String balance, String overdraft) throws SQLException {
            accounts.open(new NewAccount(
                    account,
                    AccountType.PERSONAL,
                    Currency.getInstance(currency),
                    new BigDecimal(balance),
                    new BigDecimal(overdraft)));
        }

        PaymentOutcome pay(String key, String from, String to, String amount) throws SQLException {
            return payments.pay(key, new PaymentRequest(from, to, new BigDecimal(amount), EUR));
        }

        BigDecimal balance(String account) throws SQLException {
            return accounts.find(account).orElseThrow().balance();
        }

        void close(PaymentOutcome held, Alerts.Label label) throws SQLException {
            long alertId = test.count("SELECT alert_id FROM alerts WHERE sequence_number = "
                    + held.payment().sequenceNumber());
            alerts.review(alertId, new Alerts.Review(Alerts.Status.CLOSED, null, "checked", label), "analyst-1");
        }

        @Override
        public void close() {
            online.close();
            test.close();
        }

        private static io.txmon.rules.RuleSet rules() throws IOException {
            try (InputStream in = PaymentsIT.class.getResourceAsStream("screening-rules.yaml")) {
                return RuleFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "screening-rules.yaml");
            }
        }
    }
}

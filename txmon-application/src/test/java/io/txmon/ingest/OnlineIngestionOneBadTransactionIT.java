package io.txmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.features.AccountStateCodec;
import io.txmon.formats.rules.RuleFile;
import io.txmon.rules.RuleSet;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.DecisionSetup;
import io.txmon.storage.TestDatabase;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One transaction that cannot be decided fails alone, and leaves no trace in the accounts' or entities' states. */
class OnlineIngestionOneBadTransactionIT {
    private static final RuleSet RULES = RuleFile.defaults();
    private static final Instant NINE = Instant.parse("2026-01-14T09:00:00Z");
    private static final Transaction COFFEE =
            Transaction.builder("t1", NINE, "alice", new BigDecimal("4.50")).build();
    /** To an account whose saved state {@code saveState} makes unreadable. */
    private static final Transaction TRANSFER = Transaction.builder(
                    "t2", NINE.plusSeconds(60), "alice", new BigDecimal("900"))
            .type(TransactionType.TRANSFER)
            .counterpartyId("mule")
            .build();

    private static final Transaction LUNCH = Transaction.builder(
                    "t3", NINE.plusSeconds(120), "alice", new BigDecimal("12"))
            .build();

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aTransferToAnAccountWhoseSavedStateIsUnreadableFailsAloneAndThePayerForgetsIt(DatabaseEngine engine)
            throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            saveState(test, "mule", new byte[] {99, 1, 2, 3});
            try (OnlineIngestion online = OnlineIngestion.start(
                    test.database(), DecisionSetup.of(RULES, Optional.empty()), Clock.systemUTC(), d -> {})) {
                assertThat(online.detect(COFFEE).get(30, TimeUnit.SECONDS).duplicate())
                        .isFalse();
                assertThatThrownBy(() -> online.detect(TRANSFER).get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause()
                        .isInstanceOf(TransactionNotDecidedException.class)
                        .hasMessageContaining("t2");
                assertThat(online.detect(LUNCH).get(30, TimeUnit.SECONDS).duplicate())
                        .isFalse();
                assertThat(online.failure()).isEmpty();
            }

            assertThat(DecisionsInStore.stored(test))
                    .isEqualTo(DecisionsInStore.expected(RULES, List.of(COFFEE, LUNCH)));
            // Had the payer's half of the failed transfer stayed, alice would remember three movements.
            assertThat(AccountStateCodec.fromBytes(savedState(test, "alice")).movementCount())
                    .isEqualTo(2);
            assertThat(test.string("SELECT status FROM ingestion_runs")).isEqualTo("SUCCEEDED");
            assertThat(test.count("SELECT rows_rejected FROM ingestion_runs")).isOne();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aPayerWhoseSavedStateWasFirstReadForAFailedTransferKeepsWhatItHadLearned(DatabaseEngine engine)
            throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            try (OnlineIngestion first = OnlineIngestion.start(
                    test.database(), DecisionSetup.of(RULES, Optional.empty()), Clock.systemUTC(), d -> {})) {
                first.detect(COFFEE).get(30, TimeUnit.SECONDS);
            }
            saveState(test, "mule", new byte[] {99, 1, 2, 3});
            // A new start: alice's state is saved, and read for the first time by the transfer that fails.
            try (OnlineIngestion online = OnlineIngestion.start(
                    test.database(), DecisionSetup.of(RULES, Optional.empty()), Clock.systemUTC(), d -> {})) {
                assertThatThrownBy(() -> online.detect(TRANSFER).get(30, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOf(TransactionNotDecidedException.class);
                online.detect(LUNCH).get(30, TimeUnit.SECONDS);
            }

            // Had putting the states back dropped alice's saved state, she would remember only the lunch.
            assertThat(AccountStateCodec.fromBytes(savedState(test, "alice")).movementCount())
                    .isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aTransferToAPayeeWhoseSavedEntityStateIsUnreadableFailsAloneAndItsDeviceAndPayerForgetIt(DatabaseEngine engine)
            throws Exception {
        RuleSet busyDevice = RuleFile.parse("""
                name: busy-device
                rules:
                  - id: BUSY_DEVICE
                    reason_code: BUSY_DEVICE
                    description: A third payment from one device today.
                    weight: 0.5
                    enabled: true
                    condition: device_tx_count_1d > 2
                """, "busy-device.yaml");
        Transaction coffee = onPhone(COFFEE, "cafe");
        // The payee is the last entity a transaction teaches: had its device learned it first, the lunch would show.
        Transaction broken = Transaction.builder("t2", NINE.plusSeconds(60), "alice", new BigDecimal("30"))
                .type(TransactionType.TRANSFER)
                .counterpartyId("mule")
                .deviceId("alices-phone")
                .build();
        Transaction lunch = onPhone(LUNCH, "canteen");
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            try (Connection connection = test.database().connect();
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO entity_states (kind, entity_id, state, updated_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, "PAYEE");
                insert.setString(2, "mule");
                insert.setBytes(3, new byte[] {99, 1, 2, 3});
                insert.setObject(4, java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z"));
                insert.executeUpdate();
            }
            try (OnlineIngestion online = OnlineIngestion.start(
                    test.database(), DecisionSetup.of(busyDevice, Optional.empty()), Clock.systemUTC(), d -> {})) {
                online.detect(coffee).get(30, TimeUnit.SECONDS);
                assertThatThrownBy(() -> online.detect(broken).get(30, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOf(TransactionNotDecidedException.class)
                        .hasMessageContaining("payee mule");
                online.detect(lunch).get(30, TimeUnit.SECONDS);
                assertThat(online.failure()).isEmpty();
            }

            // Had the phone counted the failed payment, the lunch would be its third today.
            assertThat(DecisionsInStore.stored(test))
                    .isEqualTo(DecisionsInStore.expected(busyDevice, List.of(coffee, lunch)))
                    .allSatisfy((id, decision) -> assertThat(decision).doesNotContain("BUSY_DEVICE"));
            assertThat(AccountStateCodec.fromBytes(savedState(test, "alice")).movementCount())
                    .isEqualTo(2);
        }
    }

    private static Transaction onPhone(Transaction tx, String merchant) {
        return Transaction.builder(tx.transactionId(), tx.timestamp(), tx.userId(), tx.amount())
                .merchantId(merchant)
                .deviceId("alices-phone")
                .build();
    }

    private static void saveState(TestDatabase test, String account, byte[] state) throws Exception {
        try (Connection connection = test.database().connect();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO account_states (account_id, state, updated_at) VALUES (?, ?, ?)")) {
            insert.setString(1, account);
            insert.setBytes(2, state);
            insert.setObject(3, java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z"));
            insert.executeUpdate();
        }
    }

    private static byte[] savedState(TestDatabase test, String account) throws Exception {
        try (Connection connection = test.database().connect();
                PreparedStatement select =
                        connection.prepareStatement("SELECT state FROM account_states WHERE account_id = ?")) {
            select.setString(1, account);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }
}

package io.txmon.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.features.FeatureSettings;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.StoredModels;
import io.txmon.storage.TestDatabase;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainingFromHistoryIT {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final SimulatedData BANK = Simulator.simulate(
            SimulationSettings.builder().seed(5).customers(150).days(10).build());

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void trainsTheSameModelFromStoredHistoryAsFromTheTransactionsThemselvesAndKeepsIt(DatabaseEngine engine)
            throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            store(test, BANK.transactions());
            TrainingFromHistory training = training(test);

            TrainingFromHistory.Trained trained = training.train(Optional.empty(), Optional.empty(), 7);

            Map<String, Account> accounts = new HashMap<>();
            BANK.accounts().forEach(a -> accounts.put(a.userId(), a));
            AnomalyModel direct = AnomalyModelTrainer.builder(7)
                    .build()
                    .train(
                            BANK.transactions(),
                            id -> accounts.getOrDefault(id, Account.unknown(id)),
                            FeatureSettings.DEFAULTS);
            assertThat(trained.newVersion()).isTrue();
            assertThat(trained.model().version()).isEqualTo(direct.version());
            StoredModels models = new StoredModels(test.database());
            assertThat(models.forScoring()).map(AnomalyModel::version).contains(direct.version());
            assertThat(models.versions()).singleElement().satisfies(v -> {
                assertThat(v.trainingRows()).isEqualTo(BANK.transactions().size());
                assertThat(v.metricsJson()).contains("\"trees\":150");
                assertThat(v.createdAt()).isEqualTo(NOW);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void leavesTransactionsAnalystsConfirmedAsFraudOutOfWhatTheModelLearnsAsUsual(DatabaseEngine engine)
            throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            List<Transaction> all = BANK.transactions();
            store(test, all);
            java.util.Set<String> confirmed = new java.util.HashSet<>();
            try (Connection connection = test.database().connect();
                    PreparedStatement decision = connection.prepareStatement("INSERT INTO decisions (sequence_number,"
                            + " risk_score, risk_level, recommendation, reason_codes, rule_set_version, decided_at)"
                            + " VALUES (?, 0.9, 'HIGH', 'REVIEW', 'HIGH_AMOUNT', 'test', CURRENT_TIMESTAMP)");
                    PreparedStatement alert = connection.prepareStatement("INSERT INTO alerts (sequence_number,"
                            + " user_id, status, label, created_at, updated_at) VALUES (?, ?, 'CLOSED', ?,"
                            + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
                for (int i = 0; i < all.size(); i += 40) {
                    decision.setLong(1, i + 1);
                    decision.executeUpdate();
                    alert.setLong(1, i + 1);
                    alert.setString(2, all.get(i).userId());
                    // Every other reviewed alert a true positive: false positives stay in what is learned.
                    boolean fraud = i % 80 == 0;
                    alert.setString(3, fraud ? "TRUE_POSITIVE" : "FALSE_POSITIVE");
                    alert.executeUpdate();
                    if (fraud) {
                        confirmed.add(all.get(i).transactionId());
                    }
                }
            }

            TrainingFromHistory.Trained trained = training(test).train(Optional.empty(), Optional.empty(), 7);

            Map<String, Account> accounts = new HashMap<>();
            BANK.accounts().forEach(a -> accounts.put(a.userId(), a));
            AnomalyModelTrainer trainer = AnomalyModelTrainer.builder(7).build();
            AnomalyModel withoutConfirmed = trainer.train(
                    all,
                    id -> accounts.getOrDefault(id, Account.unknown(id)),
                    FeatureSettings.DEFAULTS,
                    tx -> confirmed.contains(tx.transactionId()));
            AnomalyModel withEverything =
                    trainer.train(all, id -> accounts.getOrDefault(id, Account.unknown(id)), FeatureSettings.DEFAULTS);
            assertThat(confirmed).isNotEmpty();
            assertThat(trained.model().version()).isEqualTo(withoutConfirmed.version());
            assertThat(trained.model().version()).isNotEqualTo(withEverything.version());
            assertThat(new StoredModels(test.database()).versions().get(0).metricsJson())
                    .contains("\"left_out_confirmed_fraud\":" + confirmed.size());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void keepsTheSameModelOnceAndTrainsOnlyOnTheWindowAskedFor(DatabaseEngine engine) throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            store(test, BANK.transactions());
            TrainingFromHistory training = training(test);
            Instant from = BANK.transactions().get(0).timestamp().plusSeconds(3 * 86_400);
            Instant to = from.plusSeconds(4 * 86_400);

            TrainingFromHistory.Trained first = training.train(Optional.of(from), Optional.of(to), 7);
            TrainingFromHistory.Trained again = training.train(Optional.of(from), Optional.of(to), 7);

            long inWindow = BANK.transactions().stream()
                    .filter(tx ->
                            !tx.timestamp().isBefore(from) && !tx.timestamp().isAfter(to))
                    .count();
            assertThat(first.model().training().transactions()).isEqualTo(inWindow);
            assertThat(again.newVersion()).isFalse();
            assertThat(new StoredModels(test.database()).versions()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void refusesAWindowWithTooFewTransactionsSayingHowManyItHolds(DatabaseEngine engine) throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            store(test, BANK.transactions().subList(0, 100));

            assertThatThrownBy(() -> training(test).train(Optional.empty(), Optional.empty(), 7))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "the window [the first, the last] holds 100 stored transactions; training needs at least "
                                    + AnomalyModelTrainer.MIN_TRANSACTIONS);
            assertThat(new StoredModels(test.database()).forScoring()).isEmpty();
        }
    }

    private static TrainingFromHistory training(TestDatabase test) {
        return new TrainingFromHistory(test.database(), FeatureSettings.DEFAULTS, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Stores transactions and the bank's accounts as ingestion would, with plain SQL. */
    private static void store(TestDatabase test, List<Transaction> transactions) throws SQLException {
        try (Connection connection = test.database().connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO ingestion_runs (run_id, source, started_at, status)"
                        + " VALUES (1, 'test', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', 'SUCCEEDED')");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO accounts (user_id, opened_at, account_type, country, city, opening_balance)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Account a : BANK.accounts()) {
                    insert.setString(1, a.userId());
                    insert.setTimestamp(2, a.openedAt() == null ? null : Timestamp.from(a.openedAt()));
                    insert.setString(3, a.accountType().name());
                    insert.setString(4, a.country());
                    insert.setString(5, a.city());
                    insert.setBigDecimal(6, a.openingBalance());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO transactions (transaction_id, event_time, user_id, amount, currency, type,"
                            + " counterparty_id, merchant_id, merchant_type, location, country, channel, device_id,"
                            + " sequence_number, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
                long sequence = 0;
                for (Transaction tx : transactions) {
                    insert.setString(1, tx.transactionId());
                    insert.setTimestamp(2, Timestamp.from(tx.timestamp()));
                    insert.setString(3, tx.userId());
                    insert.setBigDecimal(4, tx.amount());
                    insert.setString(5, tx.currency().getCurrencyCode());
                    insert.setString(6, tx.type().name());
                    insert.setString(7, tx.counterpartyId());
                    insert.setString(8, tx.merchantId());
                    insert.setString(9, tx.merchantType());
                    insert.setString(10, tx.location());
                    insert.setString(11, tx.country());
                    insert.setString(
                            12, tx.channel() == null ? null : tx.channel().name());
                    insert.setString(13, tx.deviceId());
                    insert.setLong(14, ++sequence);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }
}

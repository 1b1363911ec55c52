package io.txmon.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.boosting.SupervisedModel;
import io.txmon.features.FeatureSettings;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.formats.rules.RuleFile;
import io.txmon.learning.SupervisedTraining;
import io.txmon.model.AnomalyModel;
import io.txmon.scoring.TransactionScorer;
import io.txmon.storage.Database;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.StoredSupervisedModels;
import io.txmon.storage.StoredSupervisedModels.Registration;
import io.txmon.storage.SupervisedModelVersion;
import io.txmon.storage.SupervisedModelVersion.Metrics;
import io.txmon.storage.TestDatabase;
import io.txmon.storage.UnknownModelVersionException;
import io.txmon.testkit.Instants;
import io.txmon.testkit.Transactions;
import io.txmon.training.ModelDrift.Drift;
import io.txmon.training.ModelDrift.InputDrift;
import io.txmon.training.ModelDrift.Verdict;
import io.txmon.training.boosting.BoostedTreesTrainer;
import io.txmon.transaction.Account;
import io.txmon.transaction.InvalidFieldException;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelDriftIT {
    /**
     * The first stored transaction's day. The model is trained on the three weeks from day 30, after a month of
     * history, as a bank trains on a window of its records: then both windows' accounts have a month behind them.
     */
    private static final Instant DAY_0 = Instant.parse("2026-01-02T00:00:00Z");

    private static final Instant TRAINED_FROM = Instants.days(DAY_0, 30);
    private static final Instant TRAINED_TO = Instants.days(DAY_0, 51);
    private static final int ACCOUNTS = 40;
    private static final String[] CITIES = {"Pune", "Leeds", "Lyon", "Osaka"};

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void anUnchangedPopulationIsStableOnEveryInputAndOnTheScore(DatabaseEngine engine) throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            store(test.database(), traffic(1, DAY_0, 65, 1.0));
            AnomalyModel model = train(test.database());

            Drift drift = new ModelDrift(test.database(), FeatureSettings.DEFAULTS)
                    .measure(model.version(), Optional.empty(), Optional.empty());

            assertThat(drift.modelVersion()).isEqualTo(model.version());
            assertThat(drift.scoreVerdict())
                    .as("score PSI %s", drift.scorePsi())
                    .isEqualTo(Verdict.STABLE);
            assertThat(drift.inputs()).hasSize(model.inputs().size()).allSatisfy(input -> assertThat(input.verdict())
                    .as("%s", input)
                    .isEqualTo(Verdict.STABLE));
            assertThat(drift.atOrOver(0.25)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void amountsTwentyTimesLargerInTheLastWeekShiftTheAmountInputsAndTheScore(DatabaseEngine engine)
            throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            List<Transaction> usual = traffic(1, DAY_0, 58, 1.0);
            List<Transaction> larger = traffic(2, Instants.days(DAY_0, 58), 7, 20.0);
            store(test.database(), concat(usual, larger));
            AnomalyModel model = train(test.database());

            Drift drift = new ModelDrift(test.database(), FeatureSettings.DEFAULTS)
                    .measure(model.version(), Optional.empty(), Optional.empty());

            assertThat(input(drift, "log(amount)").psi()).isGreaterThan(1.0);
            assertThat(input(drift, "log(amount)").verdict()).isEqualTo(Verdict.SHIFTED);
            assertThat(drift.scorePsi()).isGreaterThanOrEqualTo(0.25);
            assertThat(drift.scoreVerdict()).isEqualTo(Verdict.SHIFTED);
            assertThat(drift.atOrOver(0.25)).contains("log(amount)", "score");
            assertThat(input(drift, "is_recent_device").verdict())
                    .as("what did not move stays stable")
                    .isEqualTo(Verdict.STABLE);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void theRecentWindowIsTheLastWeekUpToTheLatestTransactionAndItsSampleIsBounded(DatabaseEngine engine)
            throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            List<Transaction> all = traffic(1, DAY_0, 65, 1.0);
            store(test.database(), all);
            AnomalyModel model = train(test.database());
            Instant latest = all.get(all.size() - 1).timestamp();

            Drift drift = new ModelDrift(test.database(), FeatureSettings.DEFAULTS, 100, ModelDrift.DEFAULT_WARM_UP, 7)
                    .measure(model.version(), Optional.empty(), Optional.empty());

            long lastWeek = all.stream()
                    .filter(tx -> !tx.timestamp().isBefore(latest.minus(Duration.ofDays(7))))
                    .count();
            assertThat(drift.recent().to()).isEqualTo(latest);
            assertThat(drift.recent().from()).isEqualTo(latest.minus(Duration.ofDays(7)));
            assertThat(drift.recent().transactions()).isEqualTo(lastWeek);
            assertThat(drift.recent().sampled()).isEqualTo(100);
            assertThat(drift.training().from()).isEqualTo(model.training().from());
            assertThat(drift.training().to()).isEqualTo(model.training().to());
            assertThat(drift.training().transactions())
                    .isEqualTo(model.training().transactions());
            assertThat(drift.training().sampled()).isEqualTo(100);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void transactionsStoredAfterAWindowDoNotChangeItsDriftAndTheSameHistoryGivesTheSameIndex(DatabaseEngine engine)
            throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            store(test.database(), traffic(1, DAY_0, 58, 1.0));
            AnomalyModel model = train(test.database());
            ModelDrift drift = new ModelDrift(test.database(), FeatureSettings.DEFAULTS, 300, Duration.ofDays(30), 7);
            Optional<Instant> from = Optional.of(Instants.days(DAY_0, 51));
            Optional<Instant> to = Optional.of(Instants.days(DAY_0, 58));

            Drift before = drift.measure(model.version(), from, to);
            store(test.database(), traffic(3, Instants.days(DAY_0, 58), 7, 20.0));
            Drift after = drift.measure(model.version(), from, to);

            assertThat(after).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void anUnknownVersionAnEmptyWindowAndAnEndBeforeTheStartAreRefusedNamingWhatIsWrong(DatabaseEngine engine)
            throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            store(test.database(), traffic(1, DAY_0, 52, 1.0));
            AnomalyModel model = train(test.database());
            ModelDrift drift = new ModelDrift(test.database(), FeatureSettings.DEFAULTS);
            Optional<Instant> later = Optional.of(Instants.days(DAY_0, 100));

            assertThatThrownBy(() -> drift.measure("if-nosuchmodel", Optional.empty(), Optional.empty()))
                    .isInstanceOf(UnknownModelVersionException.class)
                    .hasMessage("no model version if-nosuchmodel is kept");
            assertThatThrownBy(() -> drift.measure(model.version(), later, Optional.of(Instants.days(DAY_0, 101))))
                    .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field())
                            .isEqualTo("from"))
                    .hasMessageContaining("holds no stored transactions");
            assertThatThrownBy(() -> drift.measure(model.version(), later, Optional.of(DAY_0)))
                    .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field())
                            .isEqualTo("to"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aSupervisedChampionIsStableOnAnUnchangedPopulationAndShiftsWhenAmountsGrowTwentyFold(DatabaseEngine engine)
            throws SQLException {
        try (TestDatabase unchanged = TestDatabase.create(engine, folder.resolve("unchanged"));
                TestDatabase larger = TestDatabase.create(engine, folder.resolve("larger"))) {
            List<Transaction> usual = traffic(1, DAY_0, 58, 1.0);
            store(unchanged.database(), concat(usual, traffic(2, Instants.days(DAY_0, 58), 7, 1.0)));
            store(larger.database(), concat(usual, traffic(2, Instants.days(DAY_0, 58), 7, 20.0)));
            String stable = keepSupervisedChampion(unchanged.database(), usual);
            String shifted = keepSupervisedChampion(larger.database(), usual);
            Clock clock = Clock.fixed(Instants.days(DAY_0, 70), ZoneOffset.UTC);

            Drift same = new SupervisedDrift(unchanged.database(), Duration.ofDays(7), clock)
                    .measure(stable, Optional.empty(), Optional.empty(), ModelDrift.DEFAULT_RECENT);
            Drift moved = new SupervisedDrift(larger.database(), Duration.ofDays(7), clock)
                    .measure(shifted, Optional.empty(), Optional.empty(), ModelDrift.DEFAULT_RECENT);

            assertThat(same.modelVersion()).isEqualTo(stable);
            assertThat(same.training().from()).isEqualTo(TRAINED_FROM);
            assertThat(same.training().to()).isEqualTo(TRAINED_TO);
            assertThat(same.inputs()).extracting(InputDrift::feature).contains("amount");
            assertThat(input(same, "amount").verdict())
                    .as("%s", input(same, "amount"))
                    .isEqualTo(Verdict.STABLE);
            // Not stable on every input as the forest is: the trees also read account_age_days and prior_tx_count,
            // which grow with any bank's history, and the probability follows them a little (PSI 0.20 here).
            assertThat(same.scoreVerdict())
                    .as("probability PSI %s", same.scorePsi())
                    .isNotEqualTo(Verdict.SHIFTED);
            assertThat(same.scorePsi()).isLessThan(moved.scorePsi());
            assertThat(input(moved, "amount").verdict()).isEqualTo(Verdict.SHIFTED);
            assertThat(moved.scoreVerdict())
                    .as("probability PSI %s", moved.scorePsi())
                    .isEqualTo(Verdict.SHIFTED);
            assertThat(moved.atOrOver(0.25)).contains("amount", "score");
        }
    }

    /**
     * Trains a supervised model on {@code history}'s training window as decided with the shipped rules (amounts over
     * 110 mostly taken as fraud, so that the trees lean on the amount) and keeps it as the champion.
     */
    private static String keepSupervisedChampion(Database database, List<Transaction> history) {
        TransactionScorer scorer = new TransactionScorer(
                RuleFile.defaults(), Optional.empty(), new InMemoryAccountStates(Account::unknown));
        List<float[]> rows = new ArrayList<>();
        List<Boolean> fraud = new ArrayList<>();
        SplittableRandom noise = new SplittableRandom(3);
        for (Transaction tx : history) {
            scorer.score(tx);
            if (!tx.timestamp().isBefore(TRAINED_FROM) && !tx.timestamp().isAfter(TRAINED_TO)) {
                double[] features = scorer.lastFeatures();
                float[] row = new float[features.length];
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) features[i];
                }
                rows.add(row);
                // One label in ten flipped: outcomes are noisy, and a perfect split would stop training at one tree.
                fraud.add(tx.amount().compareTo(BigDecimal.valueOf(110)) > 0 ^ noise.nextInt(10) == 0);
            }
        }
        boolean[] labels = new boolean[fraud.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = fraud.get(i);
        }
        SupervisedModel model = new SupervisedTraining(
                        BoostedTreesTrainer.builder(7).maxRounds(40).build(), SupervisedTraining.DEFAULT_ALERT_QUANTILE)
                .train(rows, labels)
                .model();
        SupervisedModelVersion.Window window =
                new SupervisedModelVersion.Window(TRAINED_FROM, TRAINED_TO, rows.size(), 0);
        Instant kept = Instants.days(DAY_0, 65);
        new StoredSupervisedModels(database)
                .keepAsChampion(
                        new Registration(
                                model,
                                kept,
                                kept,
                                window,
                                window,
                                new Metrics(0.5, 0.5, 0.01, 0.5),
                                "set up by the test"),
                        "test",
                        kept);
        return model.version();
    }

    private static InputDrift input(Drift drift, String name) {
        return drift.inputs().stream()
                .filter(i -> i.input().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static AnomalyModel train(Database database) {
        return new TrainingFromHistory(
                        database, FeatureSettings.DEFAULTS, Clock.fixed(Instants.WEDNESDAY_3PM, ZoneOffset.UTC))
                .train(Optional.of(TRAINED_FROM), Optional.of(TRAINED_TO), 7)
                .model();
    }

    /**
     * Card payments of {@value #ACCOUNTS} accounts, each in its own city, about four an hour in all over {@code days}
     * from {@code start}, of amounts spread log-normally around 40 times {@code scale}.
     */
    private static List<Transaction> traffic(long seed, Instant start, int days, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        Transactions fixtures = new Transactions();
        List<Transaction> out = new ArrayList<>();
        long millis = start.toEpochMilli();
        long end = Instants.days(start, days).toEpochMilli();
        while (true) {
            millis += random.nextLong(1, 30 * 60_000L);
            if (millis >= end) {
                return out;
            }
            int account = random.nextInt(ACCOUNTS);
            double amount = scale * 40 * Math.exp(0.6 * random.nextGaussian());
            Transaction tx = fixtures.card(
                            "acct-" + account,
                            Instant.ofEpochMilli(millis),
                            BigDecimal.valueOf(amount)
                                    .setScale(2, RoundingMode.HALF_UP)
                                    .toPlainString(),
                            CITIES[account % CITIES.length])
                    .build();
            out.add(renamed(tx, "s" + seed + "-"));
        }
    }

    /** The same transaction under an id unique across the streams of different seeds. */
    private static Transaction renamed(Transaction tx, String prefix) {
        return new Transaction(
                prefix + tx.transactionId(),
                tx.timestamp(),
                tx.userId(),
                tx.amount(),
                tx.currency(),
                tx.type(),
                tx.counterpartyId(),
                tx.merchantId(),
                tx.merchantType(),
                tx.location(),
                tx.country(),
                tx.channel(),
                tx.deviceId());
    }

    private static List<Transaction> concat(List<Transaction> first, List<Transaction> then) {
        List<Transaction> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    /** Stores transactions after any already stored, as ingestion would, with plain SQL. */
    private static void store(Database database, List<Transaction> transactions) throws SQLException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            long sequence;
            try (Statement statement = connection.createStatement()) {
                try (ResultSet stored = statement.executeQuery("SELECT MAX(sequence_number) FROM transactions")) {
                    stored.next();
                    sequence = stored.getLong(1);
                }
                if (sequence == 0) {
                    statement.execute("INSERT INTO ingestion_runs (run_id, source, started_at, status)"
                            + " VALUES (1, 'test', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', 'SUCCEEDED')");
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO transactions (transaction_id, event_time, user_id, amount, currency, type,"
                            + " counterparty_id, merchant_id, merchant_type, location, country, channel, device_id,"
                            + " sequence_number, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
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

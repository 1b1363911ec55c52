package io.txmon.ingest;

import static io.txmon.ingest.OnlineDetections.detectAll;
import static io.txmon.ingest.OnlineDetections.ordered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.boosting.SupervisedModel;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.formats.rules.RuleFile;
import io.txmon.learning.SupervisedTraining;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.TransactionScorer;
import io.txmon.shadow.ChallengerSetup;
import io.txmon.shadow.Shadow;
import io.txmon.shadow.ShadowComparison;
import io.txmon.shadow.UnknownChallengerVersionException;
import io.txmon.storage.ActiveRuleSet;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.DecisionSetup;
import io.txmon.storage.StoredSupervisedModels;
import io.txmon.storage.StoredSupervisedModels.Registration;
import io.txmon.storage.SupervisedModelVersion.Metrics;
import io.txmon.storage.SupervisedModelVersion.Window;
import io.txmon.storage.TestDatabase;
import io.txmon.testkit.RandomTransactions;
import io.txmon.training.boosting.BoostedTreesTrainer;
import io.txmon.transaction.InvalidFieldException;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Champion and challenger through the decision log, on both engines: the champion is the shipped rule set, the
 * challenger the same rules with a review line of 0.01 (same features settings, so its decisions are those it would
 * make alone, and it flags a superset of the champion's alerts).
 */
class ChampionAndChallengerIT {
    private static final RuleSet CHAMPION = RuleFile.defaults();
    private static final String LOW_LINE_RULES = RuleFile.format(CHAMPION.definition())
            .replace("review_at: 0.6", "review_at: 0.01")
            .replace("review_floor: 0.3", "review_floor: 0.01");
    private static final RuleSet LOW_LINE = RuleFile.parse(LOW_LINE_RULES, "low line");
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void theChampionDecidesAsWithoutAChallengerWhileTheChallengersDecisionsAreStoredApart(DatabaseEngine engine)
            throws Exception {
        List<Transaction> all = ordered(new RandomTransactions(4).generate(600, 30));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            ChallengerSetup setup = startLowLineChallenger(test);
            try (OnlineIngestion online = OnlineIngestion.start(
                    test.database(), DecisionSetup.of(CHAMPION, Optional.empty()), Clock.systemUTC(), d -> {})) {
                assertThat(online.challenger().orElseThrow().challenger().id())
                        .as("a door that opens resumes the running challenger")
                        .isEqualTo(setup.challenger().id());
                detectAll(online, all);
            }

            assertThat(DecisionsInStore.stored(test)).isEqualTo(DecisionsInStore.expected(CHAMPION, all));
            assertThat(shadowStored(test, setup.challenger().id())).isEqualTo(DecisionsInStore.expected(LOW_LINE, all));
            assertThat(test.count("SELECT COUNT(*) FROM alerts"))
                    .as("the challenger's decisions open no alert")
                    .isEqualTo(test.count("SELECT COUNT(*) FROM decisions WHERE recommendation <> 'APPROVE'"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aChallengerWithALowerReviewLineFlagsMoreAndTheLabelsKnownNowMakeTheChampionTheMorePrecise(
            DatabaseEngine engine) throws Exception {
        List<Transaction> all = ordered(new RandomTransactions(4).generate(600, 30));
        Map<String, String> champion = DecisionsInStore.expected(CHAMPION, all);
        Map<String, String> challenger = DecisionsInStore.expected(LOW_LINE, all);
        List<String> championAlerts = flagged(champion);
        List<String> challengerOnly = new ArrayList<>(flagged(challenger));
        challengerOnly.removeAll(championAlerts);
        assertThat(championAlerts).as("the crafted case").isNotEmpty();
        assertThat(challengerOnly).as("the crafted case").hasSizeGreaterThan(1);
        long sameRecommendation = champion.keySet().stream()
                .filter(id -> recommendation(champion, id).equals(recommendation(challenger, id)))
                .count();
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            long id;
            try (OnlineIngestion online = OnlineIngestion.start(
                    test.database(), DecisionSetup.of(CHAMPION, Optional.empty()), Clock.systemUTC(), d -> {})) {
                ChallengerSetup setup = startLowLineChallenger(test);
                online.useChallenger(Optional.of(setup)).get(30, TimeUnit.SECONDS);
                id = setup.challenger().id();
                detectAll(online, all);
            }
            for (String alert : championAlerts) {
                label(test, alert, true, 1);
            }
            // The latest label recorded is in force: the first challenger-only alert was first thought suspicious.
            label(test, challengerOnly.get(0), true, 1);
            label(test, challengerOnly.get(0), false, 2);

            ShadowComparison comparison = Shadow.compare(test.database(), id).orElseThrow();

            int n = all.size();
            assertThat(comparison.decided()).isEqualTo(n);
            assertThat(comparison.agreement().sameOutcome()).isEqualTo(n - challengerOnly.size());
            assertThat(comparison.agreement().outcomeShare()).hasValue((double) (n - challengerOnly.size()) / n);
            assertThat(comparison.agreement().sameRecommendation()).isEqualTo(sameRecommendation);
            assertThat(comparison.champion().alerts()).isEqualTo(championAlerts.size());
            assertThat(comparison.shadow().alerts()).isEqualTo(championAlerts.size() + challengerOnly.size());
            assertThat(comparison.shadow().alertShare())
                    .hasValue((double) (championAlerts.size() + challengerOnly.size()) / n);
            assertThat(comparison.labelled()).isEqualTo(championAlerts.size() + 1);
            assertThat(comparison.champion().labelledAlerts()).isEqualTo(championAlerts.size());
            assertThat(comparison.champion().precision()).hasValue(1.0);
            assertThat(comparison.shadow().labelledAlerts()).isEqualTo(championAlerts.size() + 1);
            assertThat(comparison.shadow().suspiciousAlerts()).isEqualTo(championAlerts.size());
            assertThat(comparison.shadow().precision())
                    .hasValue((double) championAlerts.size() / (championAlerts.size() + 1));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aRestartedLogResumesTheChallengerAndAStoppedOneDecidesNoMore(DatabaseEngine engine) throws Exception {
        List<Transaction> all = ordered(new RandomTransactions(9).generate(300, 20));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            long id;
            try (OnlineIngestion online = OnlineIngestion.start(
                    test.database(), DecisionSetup.of(CHAMPION, Optional.empty()), Clock.systemUTC(), d -> {})) {
                ChallengerSetup setup = startLowLineChallenger(test);
                online.useChallenger(Optional.of(setup)).get(30, TimeUnit.SECONDS);
                id = setup.challenger().id();
                detectAll(online, all.subList(0, 100));
            }
            try (OnlineIngestion online = OnlineIngestion.start(
                    test.database(), DecisionSetup.of(CHAMPION, Optional.empty()), Clock.systemUTC(), d -> {})) {
                assertThat(online.challenger().orElseThrow().rules().version()).isEqualTo(LOW_LINE.version());
                detectAll(online, all.subList(100, 200));
                assertThat(Shadow.stop(test.database(), "test", NOW.plusSeconds(60)))
                        .hasValueSatisfying(
                                stopped -> assertThat(stopped.stoppedBy()).hasValue("test"));
                online.useChallenger(Optional.empty()).get(30, TimeUnit.SECONDS);
                detectAll(online, all.subList(200, 300));
            }

            assertThat(shadowStored(test, id)).isEqualTo(firstOf(DecisionsInStore.expected(LOW_LINE, all), 200));
            assertThat(DecisionsInStore.stored(test)).isEqualTo(DecisionsInStore.expected(CHAMPION, all));
            assertThat(Shadow.running(test.database())).isEmpty();
            assertThat(Shadow.compare(test.database(), id).orElseThrow().decided())
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aChallengerNamesAKeptVersionAndTheErrorNamesTheFieldThatDidNot(DatabaseEngine engine) throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            ActiveRuleSet.resolve(test.database(), "test", NOW);

            assertThatThrownBy(() -> Shadow.start(
                            test.database(), Optional.empty(), Optional.empty(), CHAMPION, Optional.empty(), "t", NOW))
                    .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field())
                            .isEqualTo("model_version"));
            assertThatThrownBy(() -> Shadow.start(
                            test.database(),
                            Optional.of("if-none"),
                            Optional.empty(),
                            CHAMPION,
                            Optional.empty(),
                            "t",
                            NOW))
                    .isInstanceOfSatisfying(UnknownChallengerVersionException.class, e -> {
                        assertThat(e.field()).isEqualTo("model_version");
                        assertThat(e.getMessage()).isEqualTo("no model version if-none is kept");
                    });
            assertThatThrownBy(() -> Shadow.start(
                            test.database(),
                            Optional.empty(),
                            Optional.of("0123456789abcdef"),
                            CHAMPION,
                            Optional.empty(),
                            "t",
                            NOW))
                    .isInstanceOfSatisfying(UnknownChallengerVersionException.class, e -> {
                        assertThat(e.field()).isEqualTo("rule_set_version");
                        assertThat(e.getMessage()).isEqualTo("no rule set version 0123456789abcdef is kept");
                    });
            assertThat(Shadow.running(test.database())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aSupervisedModelKeptAsChallengerDecidesInTheShadowWhileTheChampionDecidesWithoutIt(DatabaseEngine engine)
            throws Exception {
        List<Transaction> all = ordered(new RandomTransactions(4).generate(600, 30));
        SupervisedModel model = trainedToFlagLargeAmounts(all);
        Map<String, String> withModel = DecisionsInStore.expectedInTheShadow(CHAMPION, Optional.of(model), all);
        assertThat(withModel).as("the crafted case").isNotEqualTo(DecisionsInStore.expected(CHAMPION, all));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            ActiveRuleSet.resolve(test.database(), "test", NOW);
            Window window =
                    new Window(all.get(0).timestamp(), all.get(all.size() - 1).timestamp(), all.size(), 0);
            new StoredSupervisedModels(test.database())
                    .keepAsChallenger(new Registration(
                            model, NOW, NOW, window, window, new Metrics(0.5, 0.5, 0.01, 0.5), "kept by the test"));

            ChallengerSetup setup = Shadow.start(
                    test.database(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(model.version()),
                    CHAMPION,
                    Optional.empty(),
                    "test",
                    NOW);
            try (OnlineIngestion online = OnlineIngestion.start(
                    test.database(), DecisionSetup.of(CHAMPION, Optional.empty()), Clock.systemUTC(), d -> {})) {
                assertThat(online.challenger().orElseThrow().challenger().supervisedModelVersion())
                        .as("a door that opens resumes it with its supervised model")
                        .contains(model.version());
                detectAll(online, all);
            }

            assertThat(setup.challenger().ruleSetVersion()).isEqualTo(CHAMPION.version());
            assertThat(DecisionsInStore.stored(test)).isEqualTo(DecisionsInStore.expected(CHAMPION, all));
            assertThat(shadowStored(test, setup.challenger().id())).isEqualTo(withModel);
            assertThatThrownBy(() -> Shadow.start(
                            test.database(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of("sl-none"),
                            CHAMPION,
                            Optional.empty(),
                            "t",
                            NOW))
                    .isInstanceOfSatisfying(UnknownChallengerVersionException.class, e -> {
                        assertThat(e.field()).isEqualTo("supervised_model_version");
                        assertThat(e.getMessage()).isEqualTo("no supervised model version sl-none is kept");
                    });
        }
    }

    /** A supervised model trained on {@code history}'s features, amounts over 10,000 (mostly) taken as fraud. */
    private static SupervisedModel trainedToFlagLargeAmounts(List<Transaction> history) {
        TransactionScorer scorer = new TransactionScorer(CHAMPION, Optional.empty(), new InMemoryAccountStates());
        List<float[]> rows = new ArrayList<>();
        boolean[] fraud = new boolean[history.size()];
        SplittableRandom noise = new SplittableRandom(5);
        for (int i = 0; i < history.size(); i++) {
            scorer.score(history.get(i));
            double[] features = scorer.lastFeatures();
            float[] row = new float[features.length];
            for (int f = 0; f < row.length; f++) {
                row[f] = (float) features[f];
            }
            rows.add(row);
            fraud[i] = history.get(i).amount().compareTo(BigDecimal.valueOf(10_000)) > 0 ^ noise.nextInt(10) == 0;
        }
        return new SupervisedTraining(
                        BoostedTreesTrainer.builder(7).maxRounds(30).build(), SupervisedTraining.DEFAULT_ALERT_QUANTILE)
                .train(rows, fraud)
                .model();
    }

    /** Keeps the low-line rule set (not active) and starts it as the challenger. */
    private static ChallengerSetup startLowLineChallenger(TestDatabase test) {
        ActiveRuleSet.resolve(test.database(), "test", NOW);
        new io.txmon.storage.StoredRuleSets(test.database())
                .saveAndActivate(LOW_LINE.version(), LOW_LINE.name(), LOW_LINE_RULES, LOW_LINE.size(), "test", NOW);
        new io.txmon.storage.StoredRuleSets(test.database())
                .saveAndActivate(
                        CHAMPION.version(),
                        CHAMPION.name(),
                        RuleFile.format(CHAMPION.definition()),
                        CHAMPION.size(),
                        "test",
                        NOW);
        ChallengerSetup setup = Shadow.start(
                test.database(),
                Optional.empty(),
                Optional.of(LOW_LINE.version()),
                CHAMPION,
                Optional.empty(),
                "test",
                NOW);
        assertThat(setup.challenger().ruleSetVersion()).isEqualTo(LOW_LINE.version());
        assertThat(setup.challenger().modelVersion()).isEmpty();
        return setup;
    }

    /** The challenger's stored decisions in the form of {@link DecisionsInStore}, in sequence order. */
    private static Map<String, String> shadowStored(TestDatabase test, long challengerId) throws SQLException {
        Map<String, String> decisions = new LinkedHashMap<>();
        try (Connection connection = test.database().connect();
                PreparedStatement select = connection.prepareStatement("SELECT t.transaction_id, s.risk_score,"
                        + " s.recommendation, s.reason_codes, s.review_threshold FROM shadow_decisions s"
                        + " JOIN transactions t ON t.sequence_number = s.sequence_number"
                        + " WHERE s.challenger_id = ? ORDER BY t.sequence_number")) {
            select.setLong(1, challengerId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    decisions.put(
                            rs.getString(1),
                            rs.getBigDecimal(2).setScale(4).toPlainString() + " " + rs.getString(3) + " "
                                    + rs.getString(4) + " "
                                    + rs.getBigDecimal(5).setScale(4).toPlainString());
                }
            }
        }
        return decisions;
    }

    private static void label(TestDatabase test, String transactionId, boolean suspicious, int second)
            throws SQLException {
        try (Connection connection = test.database().connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO labels (transaction_id,"
                        + " suspicious, source, recorded_at, recorded_by) VALUES (?, ?, 'API', ?, 'test')")) {
            insert.setString(1, transactionId);
            insert.setBoolean(2, suspicious);
            insert.setObject(3, NOW.plusSeconds(second).atOffset(java.time.ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private static List<String> flagged(Map<String, String> decisions) {
        return decisions.keySet().stream()
                .filter(id -> !recommendation(decisions, id).equals("APPROVE"))
                .toList();
    }

    private static String recommendation(Map<String, String> decisions, String id) {
        return decisions.get(id).split(" ")[1];
    }

    private static Map<String, String> firstOf(Map<String, String> decisions, int count) {
        Map<String, String> first = new LinkedHashMap<>();
        decisions.entrySet().stream().limit(count).forEach(e -> first.put(e.getKey(), e.getValue()));
        return first;
    }
}

package io.txmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.boosting.BoostedTrees;
import io.txmon.boosting.RegressionTree;
import io.txmon.boosting.SupervisedModel;
import io.txmon.evaluation.Label;
import io.txmon.features.Feature;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.formats.RecordWriter;
import io.txmon.formats.TransactionFiles;
import io.txmon.formats.rules.RuleFile;
import io.txmon.labelling.StoredLabels;
import io.txmon.labels.KnownOutcomes;
import io.txmon.labels.LabelTimeline;
import io.txmon.labels.ReportedLabel;
import io.txmon.learning.LabelledReplay;
import io.txmon.learning.SupervisedTraining;
import io.txmon.model.ScoreCalibration;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.TransactionScorer;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.DecisionSetup;
import io.txmon.storage.StoredSupervisedModels;
import io.txmon.storage.SupervisedModelVersion.Metrics;
import io.txmon.storage.SupervisedModelVersion.Window;
import io.txmon.storage.TestDatabase;
import io.txmon.testkit.RandomTransactions;
import io.txmon.training.boosting.BoostedTreesTrainer;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Entity states behind the doors that decide as transactions come (file ingestion, the online door), on both engines:
 * kept in the database from one run to the next, taught every stored label once it is known and none earlier, so
 * that they decide as one scorer over the whole history, and as the labelled replay of {@code score --labels}, would.
 *
 * <p>The rules read entity features only, so that what the entity states hold shows in each stored decision.
 */
class EntityStatesIngestionIT {
    private static final RuleSet RULES = RuleFile.parse("""
            name: entity-test
            decision:
              medium_risk_at: 0.3
              high_risk_at: 0.7
              review_at: 0.6
              block_at: 0.85
            rules:
              - id: BUSY_MERCHANT
                reason_code: BUSY_MERCHANT
                description: Many payments at one merchant this week.
                weight: 0.2
                enabled: true
                condition: merchant_tx_count_7d > 30
              - id: SHARED_DEVICE
                reason_code: SHARED_DEVICE
                description: A device many accounts used this week.
                weight: 0.25
                enabled: true
                condition: device_accounts_7d > 20
              - id: MERCHANT_KNOWN_FRAUD
                reason_code: MERCHANT_KNOWN_FRAUD
                description: Fraud known at this merchant in the last 30 days.
                weight: 0.5
                enabled: true
                condition: merchant_known_frauds_30d > 0
              - id: MERCHANT_MANY_FRAUDS
                reason_code: MERCHANT_MANY_FRAUDS
                description: More than one.
                weight: 0.15
                enabled: true
                condition: merchant_known_frauds_30d > 1
              - id: ACCOUNT_KNOWN_FRAUD
                reason_code: ACCOUNT_KNOWN_FRAUD
                description: Fraud known on this account in the last 30 days.
                weight: 0.3
                enabled: true
                condition: account_known_frauds_30d > 0
            """, "entity-test.yaml");
    private static final String KNOWN_FRAUD = "MERCHANT_KNOWN_FRAUD";
    private static final Duration DELAY = LabelTimeline.DEFAULT_DELAY;
    private static final Instant RECORDED = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path folder;

    private final StringWriter progress = new StringWriter();

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void entityStatesGoOnFromOneRunToTheNextAsInOneRun(DatabaseEngine engine) throws Exception {
        List<Transaction> all = days(6, 300);
        Path first = write("a.csv", all.subList(0, 1_000));
        Path second = write("b.csv", all.subList(1_000, all.size()));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            ingestion(test).chunkSize(300).run(first, null);
            ingestion(test).chunkSize(300).run(second, null);

            Map<String, String> expected = DecisionsInStore.expected(RULES, all);
            assertThat(DecisionsInStore.stored(test)).isEqualTo(expected);
            assertThat(expected.values().stream().skip(1_000)).anyMatch(d -> d.contains("BUSY_MERCHANT"));
            assertThat(test.count("SELECT COUNT(*) FROM entity_states WHERE kind = 'MERCHANT'"))
                    .isEqualTo(60);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aLabelCountsFromTheInstantItIsKnownAndNotBefore(DatabaseEngine engine) throws Exception {
        List<Transaction> all = days(6, 300);
        Instant known = all.get(900).timestamp();
        List<ReportedLabel> labels = new ArrayList<>();
        Set<String> labelledMerchants = new HashSet<>();
        for (int i = 0; i < 900; i += 150) {
            labels.add(ReportedLabel.learnedAt(Label.suspicious(all.get(i).transactionId()), known));
            labelledMerchants.add(all.get(i).merchantId());
        }
        Path file = write("transactions.csv", all);
        Map<String, String> withoutLabels = DecisionsInStore.expected(RULES, all);
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            labels(test).record(labels, StoredLabels.Source.IMPORT, "test");

            ingestion(test).chunkSize(250).run(file, null);

            Map<String, String> stored = DecisionsInStore.stored(test);
            for (Transaction tx : all) {
                String decision = stored.get(tx.transactionId());
                if (!tx.timestamp().isAfter(known)) {
                    assertThat(decision).as(tx.transactionId()).isEqualTo(withoutLabels.get(tx.transactionId()));
                } else if (labelledMerchants.contains(tx.merchantId())) {
                    assertThat(decision).as(tx.transactionId()).contains(KNOWN_FRAUD);
                }
            }
            assertThat(withoutLabels.values()).noneMatch(d -> d.contains(KNOWN_FRAUD));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void ingestingWithStoredLabelsDecidesAsTheLabelledReplayThroughRestartsAndACrash(DatabaseEngine engine)
            throws Exception {
        List<Transaction> all = days(12, 250);
        Path first = write("a.csv", all.subList(0, 1_200));
        Path second = write("b.csv", all.subList(1_200, all.size()));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            labels(test).record(mixedLabels(all), StoredLabels.Source.IMPORT, "test");

            ingestion(test).chunkSize(200).run(first, null);
            assertThatThrownBy(() -> ingestion(test)
                            .chunkSize(200)
                            .listener(chunk -> {
                                if (chunk == 4) {
                                    throw new IllegalStateException("killed");
                                }
                            })
                            .run(second, null))
                    .hasMessageContaining("killed");
            ingestion(test).chunkSize(200).run(second, null);

            LabelTimeline timeline = labels(test).timeline(DELAY);
            Map<String, String> replayed = replayed(all, timeline);
            assertThat(DecisionsInStore.stored(test)).isEqualTo(replayed);
            assertThat(replayed).isNotEqualTo(DecisionsInStore.expected(RULES, all));
            assertThat(replayed.values()).anyMatch(d -> d.contains("MERCHANT_MANY_FRAUDS"));
            assertThat(progress.toString()).contains("replayed");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void fileIngestionDecidesWithTheSupervisedChampionOnTheOutcomesLearnedInTwoRunsAsInOne(DatabaseEngine engine)
            throws Exception {
        List<Transaction> all = days(10, 250);
        Path first = write("a.csv", all.subList(0, 1_400));
        Path second = write("b.csv", all.subList(1_400, all.size()));
        SupervisedModel champion = fraudShareModel();
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            labels(test).record(mixedLabels(all), StoredLabels.Source.IMPORT, "test");
            keepAsChampion(test, champion);

            ingestion(test).chunkSize(400).run(first, null);
            ingestion(test).chunkSize(400).run(second, null);

            LabelTimeline timeline = labels(test).timeline(DELAY);
            Map<String, String> expected = learning(all, timeline, Optional.of(champion));
            assertThat(DecisionsInStore.stored(test)).isEqualTo(expected);
            assertThat(expected).isNotEqualTo(learning(all, timeline, Optional.empty()));
            assertThat(expected.values().stream().skip(1_400))
                    .as("the second run judged by the alert budget's line, primed as an unbroken run's")
                    .anyMatch(decision -> !decision.endsWith(" 0.6000"));
            assertThat(progress.toString()).contains("deciding with the supervised champion " + champion);
            assertThat(DecisionsInStore.stored(test).values())
                    .as("each stored with the champion's version and fraud probability")
                    .allMatch(decision -> decision.contains(" " + champion.version() + " 0."));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aNewSupervisedChampionsLineIsPrimedByItsOwnStoredScoresNotByThoseOfTheChampionBefore(DatabaseEngine engine)
            throws Exception {
        List<Transaction> all = days(10, 250);
        int switched = 1_500;
        // The same trees under another version: only the version tells the two champions' scores apart.
        SupervisedModel before = fraudShareModel();
        SupervisedModel after = fraudShareModel("sl-entity00002");
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            keepAsChampion(test, before);
            ingestion(test).chunkSize(400).run(write("a.csv", all.subList(0, switched)), null);
            keepAsChampion(test, after);
            ingestion(test).chunkSize(400).run(write("b.csv", all.subList(switched, all.size())), null);

            // An unbroken run whose champion changed at the same transaction: the new one starts a line of its own.
            TransactionScorer scorer = new TransactionScorer(RULES, Optional.empty(), new InMemoryAccountStates());
            Map<String, String> expected = new LinkedHashMap<>();
            for (int i = 0; i < all.size(); i++) {
                scorer.useSupervised(Optional.of(i < switched ? before : after));
                expected.put(all.get(i).transactionId(), DecisionsInStore.of(scorer.score(all.get(i))));
            }
            assertThat(DecisionsInStore.stored(test)).isEqualTo(expected);
            List<String> nextDay = new ArrayList<>(expected.values()).subList(switched, switched + 250);
            assertThat(nextDay)
                    .as("the new champion's first day, before its warm-up: the fixed review_at")
                    .allMatch(
                            decision -> decision.contains(" " + after.version() + " ") && decision.endsWith(" 0.6000"));
            Map<String, String> primedByTheOldScores = DecisionsInStore.expected(RULES, Optional.of(before), all);
            assertThat(new ArrayList<>(primedByTheOldScores.values()).subList(switched, switched + 250))
                    .as("what a line primed by the champion before would have drawn")
                    .anyMatch(decision -> !decision.endsWith(" 0.6000"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void theOnlineDoorLearnsLabelsStoredWhileItRunsOnceKnownAndOnceOnlyAcrossARestart(DatabaseEngine engine)
            throws Exception {
        List<Transaction> all = days(10, 200);
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            DecisionSetup setup = DecisionSetup.of(RULES, Optional.empty());
            try (OnlineIngestion online = OnlineIngestion.start(test.database(), setup, clock(), d -> {})) {
                for (Transaction tx : all.subList(0, 800)) {
                    online.decide(tx, Duration.ofSeconds(30));
                }
                // Told now of transactions already decided: learned once their instant is reached, on both sides
                // of the restart.
                labels(test).record(laterLabels(all.subList(400, 800)), StoredLabels.Source.API, "analyst");
                for (Transaction tx : all.subList(800, 1_300)) {
                    online.decide(tx, Duration.ofSeconds(30));
                }
            }
            try (OnlineIngestion online = OnlineIngestion.start(test.database(), setup, clock(), d -> {})) {
                for (Transaction tx : all.subList(1_300, all.size())) {
                    online.decide(tx, Duration.ofSeconds(30));
                }
            }

            LabelTimeline timeline = labels(test).timeline(DELAY);
            Map<String, String> expected = learning(all, timeline, Optional.empty());
            assertThat(DecisionsInStore.stored(test)).isEqualTo(expected);
            assertThat(expected.values().stream().skip(800)).anyMatch(d -> d.contains(KNOWN_FRAUD));
            assertThat(test.count("SELECT COUNT(*) FROM entity_outcomes")).isPositive();
        }
    }

    /**
     * Every 37th transaction of the first two thirds known as fraud: some dated two hours after, some undated (known
     * the label delay after), and one of them cleared by a later label, as an analyst's verdict overruled.
     */
    private static List<ReportedLabel> mixedLabels(List<Transaction> all) {
        List<ReportedLabel> labels = new ArrayList<>();
        for (int i = 0; i < all.size() * 2 / 3; i += 37) {
            Transaction tx = all.get(i);
            Label fraud = Label.suspicious(tx.transactionId());
            labels.add(
                    i % 2 == 0
                            ? ReportedLabel.learnedAt(fraud, tx.timestamp().plus(Duration.ofHours(2)))
                            : ReportedLabel.undated(fraud));
            if (i % 5 == 0) {
                labels.add(ReportedLabel.learnedAt(
                        Label.ordinary(tx.transactionId()), tx.timestamp().plus(Duration.ofDays(1))));
            }
        }
        return labels;
    }

    /** Every 23rd transaction known as fraud three days after it, every third of those cleared a day later. */
    private static List<ReportedLabel> laterLabels(List<Transaction> decided) {
        List<ReportedLabel> labels = new ArrayList<>();
        for (int i = 0; i < decided.size(); i += 23) {
            Transaction tx = decided.get(i);
            labels.add(ReportedLabel.learnedAt(
                    Label.suspicious(tx.transactionId()), tx.timestamp().plus(Duration.ofDays(3))));
            if (i % 3 == 0) {
                labels.add(ReportedLabel.learnedAt(
                        Label.ordinary(tx.transactionId()), tx.timestamp().plus(Duration.ofDays(4))));
            }
        }
        return labels;
    }

    /** What {@code score --labels} makes of {@code all}, without a supervised model: the labelled replay. */
    private static Map<String, String> replayed(List<Transaction> all, LabelTimeline timeline) {
        LabelledReplay replay = new LabelledReplay(
                RULES,
                Optional.empty(),
                Account::unknown,
                timeline,
                Instant.parse("2100-01-01T00:00:00Z"),
                Duration.ofDays(7),
                new SupervisedTraining(BoostedTreesTrainer.builder(7).build(), 0.99),
                line -> {});
        Map<String, String> decisions = new LinkedHashMap<>();
        replay.run(all, d -> decisions.put(d.transactionId(), DecisionsInStore.of(d)));
        return decisions;
    }

    /** One scorer, taught each outcome by {@link KnownOutcomes} before the first transaction after it is known. */
    private static Map<String, String> learning(
            List<Transaction> all, LabelTimeline timeline, Optional<SupervisedModel> supervised) {
        TransactionScorer scorer = new TransactionScorer(RULES, Optional.empty(), new InMemoryAccountStates());
        scorer.useSupervised(supervised);
        KnownOutcomes outcomes = new KnownOutcomes(timeline);
        Map<String, Transaction> seen = new HashMap<>();
        Map<String, String> decisions = new LinkedHashMap<>();
        for (Transaction tx : all) {
            outcomes.learnUpTo(tx.timestamp().minusNanos(1), (id, delta) -> {
                if (seen.containsKey(id)) {
                    scorer.learnOutcome(seen.get(id), delta);
                }
            });
            decisions.put(tx.transactionId(), DecisionsInStore.of(scorer.score(tx)));
            seen.put(tx.transactionId(), tx);
        }
        return decisions;
    }

    /** A champion that finds fraud where the merchant's known fraud share of the last 30 days is above zero. */
    private static SupervisedModel fraudShareModel() {
        return fraudShareModel("sl-entity00001");
    }

    /** As {@link #fraudShareModel()}, under {@code version}. */
    private static SupervisedModel fraudShareModel(String version) {
        RegressionTree tree = new RegressionTree(
                new int[] {0, -1, -1},
                new float[] {0.0001f, 0, 0},
                new int[] {1, -1, -1},
                new int[] {2, -1, -1},
                new boolean[] {true, false, false},
                new float[] {0, -4f, 3f},
                new float[] {100, 90, 10});
        return new SupervisedModel(
                version,
                new BoostedTrees(List.of(tree), 0, 1),
                List.of(Feature.MERCHANT_FRAUD_SHARE_30D),
                new ScoreCalibration(0.02, 0.5, 0.99));
    }

    private static void keepAsChampion(TestDatabase test, SupervisedModel model) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        Window window = new Window(at, at.plusSeconds(60), 100, 10);
        new StoredSupervisedModels(test.database())
                .keepAsChampion(
                        new StoredSupervisedModels.Registration(
                                model, at, at, window, window, new Metrics(0.9, 0.5, 0.01, 0.3), "test champion"),
                        "test",
                        at);
    }

    /** {@code perDay} transactions a day, spread evenly, among 100 accounts, 60 merchants and 12 devices. */
    private static List<Transaction> days(int days, int perDay) {
        return new RandomTransactions(11).busyDays(Instant.parse("2026-06-01T00:00:00Z"), days, perDay, 100);
    }

    private Ingestion ingestion(TestDatabase test) {
        return new Ingestion(
                test.database(),
                DecisionSetup.of(RULES, Optional.empty()),
                new TransactionParser(Currency.getInstance("USD")),
                new PrintWriter(progress, true));
    }

    private static StoredLabels labels(TestDatabase test) {
        return new StoredLabels(test.database(), clock());
    }

    private static Clock clock() {
        return Clock.fixed(RECORDED, ZoneOffset.UTC);
    }

    private Path write(String name, List<Transaction> transactions) {
        Path file = folder.resolve(name);
        try (RecordWriter<Transaction> writer = TransactionFiles.newWriter(file)) {
            transactions.forEach(writer::write);
        }
        return file;
    }
}

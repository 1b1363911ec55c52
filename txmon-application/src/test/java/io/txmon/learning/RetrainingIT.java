package io.txmon.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.evaluation.Label;
import io.txmon.formats.RecordWriter;
import io.txmon.formats.TransactionFiles;
import io.txmon.formats.rules.RuleFile;
import io.txmon.ingest.Ingestion;
import io.txmon.labelling.StoredLabels;
import io.txmon.labels.LabelTimeline;
import io.txmon.labels.ReportedLabel;
import io.txmon.rules.RuleSet;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.DecisionSetup;
import io.txmon.storage.StoredHistory;
import io.txmon.storage.StoredModels.Activation;
import io.txmon.storage.StoredSupervisedModels;
import io.txmon.storage.StoredSupervisedModels.Registration;
import io.txmon.storage.SupervisedModelVersion;
import io.txmon.storage.SupervisedModelVersion.Metrics;
import io.txmon.storage.SupervisedModelVersion.Role;
import io.txmon.storage.SupervisedModelVersion.Window;
import io.txmon.storage.TestDatabase;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retraining on a simulated bank of 24 days whose chargeback feed lists its frauds only, each known two days after
 * it happened; retraining runs the morning after the last day.
 */
class RetrainingIT {
    private static final RuleSet RULES = RuleFile.defaults();
    private static final Duration DELAY = Duration.ofDays(2);
    private static final SimulatedData BANK = Simulator.simulate(
            SimulationSettings.builder().seed(21).customers(150).days(24).build());
    private static final Instant AS_OF = Instant.parse("2026-01-25T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-01-25T06:00:00Z");

    @TempDir
    Path folder;

    @Test
    void theFirstModelBecomesChampionWithItsWindowsLabelCountsMetricsAndWhoActivatedIt() {
        try (TestDatabase test = bank()) {
            Retraining.Outcome outcome = retraining(test).run(Optional.of(AS_OF), "nightly retraining");

            assertThat(outcome.verdict()).isEqualTo(Retraining.Verdict.FIRST_CHAMPION);
            assertThat(outcome.champion()).isEmpty();
            SupervisedModelVersion kept = outcome.model();
            assertThat(kept.role()).isEqualTo(Role.CHAMPION);
            assertThat(kept.activation()).contains(new Activation("nightly retraining", NOW));
            assertThat(kept.labelsAsOf()).isEqualTo(AS_OF);
            assertThat(kept.createdAt()).isEqualTo(NOW);
            assertThat(kept.training().to()).isBeforeOrEqualTo(kept.validation().from());
            assertThat(kept.validation().to()).isBefore(AS_OF);
            long labelled = kept.training().rows() + kept.validation().rows();
            assertThat(kept.validation().rows()).isEqualTo(Math.round(labelled * Retraining.HOLDOUT_SHARE));
            assertThat(kept.validation().positives()).isGreaterThanOrEqualTo(Retraining.MIN_HOLDOUT_POSITIVES);
            assertThat(kept.metrics().rocAuc()).isGreaterThan(0.5);
            assertThat(kept.metrics().alertShare()).isEqualTo(0.01);
            assertThat(kept.decision()).startsWith("first champion: no champion before it; PR-AUC ");
            assertThat(new StoredSupervisedModels(test.database()).champion())
                    .hasValueSatisfying(m -> assertThat(m.version()).isEqualTo(kept.version()));
        }
    }

    @Test
    void aModelThatBeatsTheChampionOnTheLatestLabelledWindowIsPromotedAndTheOldChampionRetires() {
        try (TestDatabase test = bank()) {
            LabelledHistory.Rows rows = rows(test, AS_OF);
            int trainEnd = rows.size() - (int) Math.round(rows.size() * Retraining.HOLDOUT_SHARE);
            boolean[] shuffled = shuffle(Arrays.copyOfRange(rows.positive(), 0, trainEnd));
            String luckless = keepAsChampion(test, rows.features().subList(0, trainEnd), shuffled);

            Retraining.Outcome outcome = retraining(test).run(Optional.of(AS_OF), "nightly retraining");

            assertThat(outcome.verdict()).isEqualTo(Retraining.Verdict.PROMOTED);
            assertThat(outcome.champion().orElseThrow().version()).isEqualTo(luckless);
            assertThat(outcome.model().metrics().prAuc())
                    .isGreaterThan(outcome.champion().orElseThrow().metrics().prAuc());
            assertThat(outcome.model().role()).isEqualTo(Role.CHAMPION);
            assertThat(outcome.model().decision())
                    .startsWith("promoted: PR-AUC ")
                    .contains(luckless);
            StoredSupervisedModels registry = new StoredSupervisedModels(test.database());
            assertThat(registry.version(luckless).orElseThrow().role()).isEqualTo(Role.RETIRED);
            assertThat(registry.champion().orElseThrow().version())
                    .isEqualTo(outcome.model().version());
        }
    }

    @Test
    void aModelThatDoesNotBeatTheChampionOnTheSameWindowStaysChallengerAndTheChampionStays() {
        try (TestDatabase test = bank()) {
            // A champion that learned the held-out window itself: the new model cannot rank it better.
            LabelledHistory.Rows rows = rows(test, AS_OF);
            String seer = keepAsChampion(test, rows.features(), rows.positive());

            Retraining.Outcome outcome = retraining(test).run(Optional.of(AS_OF), "nightly retraining");

            assertThat(outcome.verdict()).isEqualTo(Retraining.Verdict.CHALLENGER);
            assertThat(outcome.champion().orElseThrow().version()).isEqualTo(seer);
            assertThat(outcome.model().metrics().prAuc())
                    .isLessThanOrEqualTo(
                            outcome.champion().orElseThrow().metrics().prAuc());
            assertThat(outcome.model().role()).isEqualTo(Role.CHALLENGER);
            assertThat(outcome.model().activation()).isEmpty();
            assertThat(outcome.model().decision())
                    .startsWith("challenger: PR-AUC ")
                    .contains(seer);
            assertThat(new StoredSupervisedModels(test.database())
                            .champion()
                            .orElseThrow()
                            .version())
                    .isEqualTo(seer);
        }
    }

    @Test
    void labelsLearnedAfterAsOfAreNotUsedThoughTheyAreKnownWhenItRuns() {
        try (TestDatabase test = bank()) {
            Retraining.Outcome before = retraining(test).run(Optional.of(AS_OF), "nightly retraining");
            // An hour after as-of the bank learns that 200 transactions it took as ordinary were fraud.
            List<ReportedLabel> late = BANK.transactions().stream()
                    .filter(tx -> tx.timestamp().isBefore(AS_OF.minus(Duration.ofDays(5))))
                    .filter(tx -> !fraud(tx))
                    .limit(200)
                    .map(tx -> ReportedLabel.learnedAt(
                            Label.suspicious(tx.transactionId()), AS_OF.plus(Duration.ofHours(1))))
                    .toList();
            new StoredLabels(test.database(), Clock.fixed(NOW, ZoneOffset.UTC))
                    .record(late, StoredLabels.Source.IMPORT, "test");

            Retraining.Outcome again = retraining(test).run(Optional.of(AS_OF), "nightly retraining");
            Retraining.Outcome atNow = retraining(test).run(Optional.empty(), "nightly retraining");

            assertThat(again.verdict()).isEqualTo(Retraining.Verdict.ALREADY_KEPT);
            assertThat(again.model().version()).isEqualTo(before.model().version());
            assertThat(atNow.model().version())
                    .as("the late labels change the model once they are known")
                    .isNotEqualTo(before.model().version());
            assertThat(atNow.model().training().positives()
                            + atNow.model().validation().positives())
                    .isGreaterThanOrEqualTo(before.model().training().positives()
                            + before.model().validation().positives()
                            + 200);
        }
    }

    @Test
    void withTooFewFraudsKnownItRefusesSayingHowManyAndKeepsNothing() {
        try (TestDatabase test = TestDatabase.create(DatabaseEngine.H2, folder)) {
            ingest(test);
            record(test, frauds().subList(0, 5));

            assertThatThrownBy(() -> retraining(test).run(Optional.of(AS_OF), "nightly retraining"))
                    .isInstanceOf(TooFewLabelsException.class)
                    .hasMessageStartingWith("retraining needs at least 20 transactions known as fraud, but by " + AS_OF
                            + " (label delay PT48H) 5 of ");
            assertThat(new StoredSupervisedModels(test.database()).versions()).isEmpty();
        }
    }

    @Test
    void anAsOfInTheFutureIsRefused() {
        try (TestDatabase test = TestDatabase.create(DatabaseEngine.H2, folder)) {
            assertThatThrownBy(() -> retraining(test).run(Optional.of(NOW.plusSeconds(1)), "nightly retraining"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("as-of must not be after now");
        }
    }

    private TestDatabase bank() {
        TestDatabase test = TestDatabase.create(DatabaseEngine.H2, folder);
        ingest(test);
        record(test, frauds());
        return test;
    }

    private static Retraining retraining(TestDatabase test) {
        return new Retraining(
                test.database(),
                DELAY,
                new SupervisedTraining(
                        BoostedTreesTrainer.builder(7).maxRounds(40).build(),
                        SupervisedTraining.DEFAULT_ALERT_QUANTILE),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The rows retraining sees, as the stored history and labels give them. */
    private static LabelledHistory.Rows rows(TestDatabase test, Instant asOf) {
        StoredHistory history = new StoredHistory(test.database());
        LabelTimeline labels = new StoredLabels(test.database(), Clock.fixed(NOW, ZoneOffset.UTC)).timeline(DELAY);
        return LabelledHistory.replay(
                history.between(Optional.empty(), Optional.of(asOf)),
                Account::unknown,
                RULES,
                Optional.empty(),
                labels,
                asOf);
    }

    /** Trains a model on {@code features} labelled {@code positive} and keeps it as the champion. */
    private static String keepAsChampion(TestDatabase test, List<float[]> features, boolean[] positive) {
        SupervisedTraining.Trained trained = new SupervisedTraining(
                        BoostedTreesTrainer.builder(7).maxRounds(60).build(), SupervisedTraining.DEFAULT_ALERT_QUANTILE)
                .train(features, positive);
        Window any = new Window(AS_OF.minus(Duration.ofDays(20)), AS_OF, features.size(), 0);
        new StoredSupervisedModels(test.database())
                .keepAsChampion(
                        new Registration(
                                trained.model(),
                                NOW.minus(Duration.ofDays(1)),
                                AS_OF,
                                any,
                                any,
                                new Metrics(0.5, 0.5, 0.01, 0.5),
                                "set up by the test"),
                        "test",
                        NOW.minus(Duration.ofDays(1)));
        return trained.model().version();
    }

    private static boolean[] shuffle(boolean[] labels) {
        List<Boolean> list = new ArrayList<>();
        for (boolean label : labels) {
            list.add(label);
        }
        Collections.shuffle(list, new Random(11));
        boolean[] shuffled = new boolean[labels.length];
        for (int i = 0; i < shuffled.length; i++) {
            shuffled[i] = list.get(i);
        }
        return shuffled;
    }

    private static boolean fraud(Transaction tx) {
        return frauds().stream().anyMatch(r -> r.label().transactionId().equals(tx.transactionId()));
    }

    private static List<ReportedLabel> frauds() {
        return BANK.labels().stream()
                .filter(Label::suspicious)
                .map(ReportedLabel::undated)
                .toList();
    }

    private void ingest(TestDatabase test) {
        Path file = folder.resolve("transactions.csv");
        try (RecordWriter<Transaction> writer = TransactionFiles.newWriter(file)) {
            BANK.transactions().forEach(writer::write);
        }
        new Ingestion(
                        test.database(),
                        DecisionSetup.of(RULES, Optional.empty()),
                        new TransactionParser(Currency.getInstance("USD")),
                        new PrintWriter(new StringWriter(), true))
                .run(file, null);
    }

    private static void record(TestDatabase test, List<ReportedLabel> labels) {
        new StoredLabels(test.database(), Clock.fixed(NOW, ZoneOffset.UTC))
                .record(labels, StoredLabels.Source.IMPORT, "test");
    }
}

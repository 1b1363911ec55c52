package io.txmon.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.evaluation.Label;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.formats.rules.RuleFile;
import io.txmon.labels.LabelTimeline;
import io.txmon.labels.ReportedLabel;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.TransactionScorer;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.training.boosting.BoostedTreesTrainer;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LabelledReplayTest {
    private static final RuleSet RULES = RuleFile.defaults();
    private static final Duration DELAY = Duration.ofDays(2);

    private static SimulatedData bank;
    private static List<Transaction> ordered;
    private static Function<String, Account> directory;
    private static LabelTimeline everyLabel;
    private static Instant firstTraining;

    @BeforeAll
    static void simulateABankWhoseLabelsArriveLate() {
        bank = Simulator.simulate(
                SimulationSettings.builder().seed(21).customers(150).days(24).build());
        ordered = bank.transactions();
        Map<String, Account> accounts = new HashMap<>();
        bank.accounts().forEach(a -> accounts.put(a.userId(), a));
        directory = id -> accounts.getOrDefault(id, Account.unknown(id));
        Map<String, Instant> timeOf = new HashMap<>();
        ordered.forEach(tx -> timeOf.put(tx.transactionId(), tx.timestamp()));
        LabelTimeline.Builder labels = LabelTimeline.builder(DELAY);
        int n = 0;
        for (Label label : bank.labels()) {
            Instant happened = timeOf.get(label.transactionId());
            // Like a chargeback feed, only the frauds are listed; every other one dated by its source a day later.
            if (label.suspicious()) {
                labels.add(
                        n++ % 2 == 0
                                ? ReportedLabel.undated(label)
                                : ReportedLabel.learnedAt(label, happened.plus(Duration.ofDays(1))),
                        happened);
            }
        }
        everyLabel = labels.build();
        Instant first = ordered.get(0).timestamp();
        firstTraining = first.plus(Duration.ofDays(8));
    }

    private static LabelledReplay replayer(LabelTimeline labels) {
        return new LabelledReplay(
                RULES,
                Optional.empty(),
                directory,
                labels,
                firstTraining,
                Duration.ofDays(4),
                new SupervisedTraining(
                        BoostedTreesTrainer.builder(7).maxRounds(40).build(), 0.99),
                line -> {});
    }

    private static Map<String, Decision> replay(LabelTimeline labels) {
        LabelledReplay replay = replayer(labels);
        Map<String, Decision> decisions = new HashMap<>();
        replay.run(ordered, d -> decisions.put(d.transactionId(), d));
        return decisions;
    }

    @Test
    void replayingWithEveryLabelOrOnlyThoseKnownByAnInstantDecidesAlikeBeforeThatInstant() {
        Instant cut = firstTraining.plus(Duration.ofDays(9));
        Map<String, Decision> withEveryLabel = replay(everyLabel);
        Map<String, Decision> withWhatWasKnown = replay(everyLabel.knownBy(cut));

        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (Transaction tx : ordered) {
            (tx.timestamp().isBefore(cut) ? before : after).add(tx.transactionId());
        }
        for (String id : before) {
            assertThat(withWhatWasKnown.get(id)).as(id).isEqualTo(withEveryLabel.get(id));
        }
        assertThat(before.stream()
                        .filter(id -> withEveryLabel.get(id).supervised().isPresent()))
                .as("decisions before the cut that a supervised model took part in")
                .isNotEmpty();
        assertThat(after.stream().filter(id -> !withWhatWasKnown.get(id).equals(withEveryLabel.get(id))))
                .as("decisions after the cut that labels learned later changed")
                .isNotEmpty();
    }

    @Test
    void withoutLabelsItDecidesExactlyAsScoringWithoutThem() {
        Map<String, Decision> replayed = replay(LabelTimeline.empty(DELAY));
        TransactionScorer plain = new TransactionScorer(RULES, Optional.empty(), new InMemoryAccountStates(directory));

        for (Transaction tx : ordered) {
            assertThat(replayed.get(tx.transactionId())).isEqualTo(plain.score(tx));
        }
    }

    @Test
    void theSupervisedModelExplainsTheDecisionsItDrivesWithItsOwnReasons() {
        Map<String, Decision> replayed = replay(everyLabel);

        long supervisedAlerts = replayed.values().stream()
                .filter(d -> d.reasons().stream().anyMatch(r -> r.code().startsWith("SL_")))
                .count();
        assertThat(supervisedAlerts)
                .as("decisions the supervised model explained")
                .isPositive();
    }

    @Test
    void eachRetrainingMeasuresHowFarTheInputsOfTheModelInForceHaveDrifted() {
        List<LabelledReplay.Training> trainings = replayer(everyLabel).run(ordered, d -> {});

        int firstModel = 0;
        while (trainings.get(firstModel).model().isEmpty()) {
            firstModel++;
        }
        LabelledReplay.Training first = trainings.get(firstModel);
        assertThat(trainings).as("a training after the first model").hasSizeGreaterThan(firstModel + 1);
        LabelledReplay.Training second = trainings.get(firstModel + 1);
        assertThat(first.driftSincePrevious())
                .as("no model in force before the first")
                .isEmpty();
        assertThat(second.driftSincePrevious())
                .extracting(LabelledReplay.InputDrift::input)
                .containsExactlyInAnyOrderElementsOf(first.model().get().inputs());
        assertThat(second.driftSincePrevious())
                .extracting(LabelledReplay.InputDrift::psi)
                .allSatisfy(psi -> assertThat(psi).isFinite().isNotNegative())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(second.driftSincePrevious().get(0).psi())
                .as("a month of a growing bank moves its counts and ages")
                .isGreaterThan(0.0);
    }
}

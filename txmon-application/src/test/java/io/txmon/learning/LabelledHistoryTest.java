package io.txmon.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.evaluation.Label;
import io.txmon.features.Feature;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.formats.rules.RuleFile;
import io.txmon.labels.LabelTimeline;
import io.txmon.labels.ReportedLabel;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.TransactionScorer;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelledHistoryTest {
    private static final RuleSet RULES = RuleFile.defaults();
    private static final Duration DELAY = Duration.ofDays(2);

    @Test
    void retrainingRowsCarryTheAnomalyScoreAndPopulationPlacesTheirDecisionsSaw() {
        SimulatedData bank = Simulator.simulate(
                SimulationSettings.builder().seed(5).customers(100).days(12).build());
        List<Transaction> ordered = bank.transactions();
        Map<String, Account> accounts = new HashMap<>();
        bank.accounts().forEach(a -> accounts.put(a.userId(), a));
        Map<String, Instant> timeOf = new HashMap<>();
        ordered.forEach(tx -> timeOf.put(tx.transactionId(), tx.timestamp()));
        LabelTimeline.Builder frauds = LabelTimeline.builder(DELAY);
        for (Label label : bank.labels()) {
            if (label.suspicious()) {
                frauds.add(ReportedLabel.undated(label), timeOf.get(label.transactionId()));
            }
        }
        AnomalyModel forest = AnomalyModelTrainer.builder(7)
                .build()
                .train(
                        ordered.subList(0, ordered.size() / 3),
                        id -> accounts.getOrDefault(id, Account.unknown(id)),
                        RULES.features());
        Instant asOf = ordered.get(ordered.size() - 1).timestamp().plus(DELAY);

        LabelledHistory.Rows rows = LabelledHistory.replay(
                ordered,
                id -> accounts.getOrDefault(id, Account.unknown(id)),
                RULES,
                Optional.of(forest),
                frauds.build(),
                asOf);

        // Every transaction's outcome is known by then (a fraud listed, the others ordinary after the delay).
        assertThat(rows.size()).isEqualTo(ordered.size());
        TransactionScorer scorer = new TransactionScorer(
                RULES,
                Optional.of(forest),
                new InMemoryAccountStates(id -> accounts.getOrDefault(id, Account.unknown(id))));
        List<Feature> decisionWritten =
                List.of(Feature.ANOMALY_SCORE, Feature.AMOUNT_POPULATION_PCT, Feature.TX_COUNT_5M_POPULATION_PCT);
        int scored = 0;
        for (int i = 0; i < ordered.size(); i++) {
            scorer.score(ordered.get(i));
            double[] seen = scorer.lastFeatures();
            for (Feature feature : decisionWritten) {
                assertThat(rows.features().get(i)[feature.ordinal()])
                        .as("%s of %s", feature.featureName(), ordered.get(i).transactionId())
                        .isEqualTo((float) seen[feature.ordinal()]);
            }
            scored += seen[Feature.ANOMALY_SCORE.ordinal()] > 0 ? 1 : 0;
        }
        assertThat(scored).as("transactions the forest scored").isEqualTo(ordered.size());
    }
}

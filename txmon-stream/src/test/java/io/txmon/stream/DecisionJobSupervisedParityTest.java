package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.boosting.SupervisedModel;
import io.txmon.evaluation.Label;
import io.txmon.features.EntityFeatures;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.formats.rules.RuleFile;
import io.txmon.learning.SupervisedTraining;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.TransactionScorer;
import io.txmon.training.boosting.BoostedTreesTrainer;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job with a supervised model against batch scoring with the same model ({@code TransactionScorer.useSupervised}):
 * a model trained on the world's labels, reading its entity features among others, gives the same decisions in the
 * stream at parallelism 1 and 2, judged by the same moving review line.
 */
class DecisionJobSupervisedParityTest {
    /** The entity rules with the default alert budget, so that the review line moves under the supervised model. */
    private static final String RULES =
            DecisionJobEntityParityTest.ENTITY_RULES.replace("decision:\n  alert_budget: off\n", "");

    private static ScoredWorld scored;
    private static SupervisedModel supervised;
    private static Map<String, StreamDecision> batch;

    @BeforeAll
    static void trainOnTheWorldAndScoreItInBatch() {
        assertThat(RULES).doesNotContain("alert_budget");
        RuleSet rules = RuleFile.parse(RULES, "supervised-parity.yaml");
        scored = ScoredWorld.of(11, 300, 14, rules);
        Map<String, Boolean> suspicious = new HashMap<>();
        for (Label label : scored.world().labels()) {
            suspicious.put(label.transactionId(), label.suspicious());
        }
        TransactionScorer learning = scorer(rules);
        List<float[]> vectors = new ArrayList<>();
        boolean[] labels = new boolean[scored.inEventTimeOrder().size()];
        for (Transaction tx : scored.inEventTimeOrder()) {
            learning.score(tx);
            double[] features = learning.lastFeatures();
            float[] vector = new float[features.length];
            for (int i = 0; i < features.length; i++) {
                vector[i] = (float) features[i];
            }
            labels[vectors.size()] = suspicious.get(tx.transactionId());
            vectors.add(vector);
        }
        // Rows in a seeded random order rather than in event time: the world's frauds bunch early, and the trainer's
        // validation part (its latest rows) would hold none. This model need only read the features, not be good.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(7));
        List<float[]> shuffled = new ArrayList<>();
        boolean[] shuffledLabels = new boolean[labels.length];
        for (int i : order) {
            shuffledLabels[shuffled.size()] = labels[i];
            shuffled.add(vectors.get(i));
        }
        supervised = new SupervisedTraining(
                        BoostedTreesTrainer.builder(7).threads(1).build(), SupervisedTraining.DEFAULT_ALERT_QUANTILE)
                .train(shuffled, shuffledLabels)
                .model();
        TransactionScorer scorer = scorer(rules);
        scorer.useSupervised(Optional.of(supervised));
        batch = new HashMap<>();
        scored.inEventTimeOrder().forEach(tx -> batch.put(tx.transactionId(), StreamDecision.of(scorer.score(tx))));
    }

    private static TransactionScorer scorer(RuleSet rules) {
        Map<String, Account> accounts = scored.accounts();
        return new TransactionScorer(
                rules,
                Optional.of(scored.model()),
                new InMemoryAccountStates(id -> accounts.getOrDefault(id, Account.unknown(id))));
    }

    @Test
    void theSupervisedModelReadsEntityFeaturesAndChangesDecisions() {
        assertThat(supervised.inputs()).anyMatch(EntityFeatures::writes);
        assertThat(batch.values()).allMatch(decision -> supervised.version().equals(decision.supervisedModelVersion()));
        long changed = batch.values().stream()
                .filter(decision -> decision.riskScore()
                        != scored.batch().get(decision.transactionId()).riskScore())
                .count();
        assertThat(changed)
                .as("decisions whose risk the supervised model changed")
                .isGreaterThan(100);
    }

    @Test
    void decidesEveryTransactionAsBatchScoringDoesOnOneTask() throws Exception {
        assertThat(streamed(1)).isEqualTo(batch);
    }

    @Test
    void decidesEveryTransactionAsBatchScoringDoesOnTwoTasks() throws Exception {
        assertThat(streamed(2)).isEqualTo(batch);
    }

    private static Map<String, StreamDecision> streamed(int parallelism) throws Exception {
        DecisionJob job = DecisionJob.of(
                        Optional.of(RULES), Optional.of(scored.model()), scored.accounts(), Duration.ofDays(1))
                .withSupervised(Optional.of(supervised));
        return StreamedWorld.decisions(job, scored.world().transactions(), parallelism);
    }
}

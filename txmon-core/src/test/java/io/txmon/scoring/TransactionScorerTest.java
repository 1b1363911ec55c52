package io.txmon.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.features.FeatureSettings;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.rules.RuleDefinition;
import io.txmon.rules.RuleSet;
import io.txmon.rules.RuleSetDefinition;
import io.txmon.testkit.RandomTransactions;
import io.txmon.testkit.SavedAccountStates;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionScorerTest {
    private static final RuleSet RULES = RuleSet.compile(RuleSetDefinition.of(
            "test",
            List.of(
                    new RuleDefinition("VELOCITY", "VELOCITY", "busy minute", 0.4, true, "tx_count_1m > 3.0"),
                    new RuleDefinition("FAN_IN", "FAN_IN", "many senders", 0.5, true, "cp_fan_in_24h >= 3.0"),
                    new RuleDefinition(
                            "OUTLIER", "OUTLIER", "far above usual", 0.3, true, "amount_zscore_30d > 3.0"))));

    @Test
    void scoringOneByOneFromSavedStatesGivesExactlyTheBatchDecisions() {
        List<Transaction> transactions = new RandomTransactions(21).generate(12_000, 40);
        AnomalyModel model = AnomalyModelTrainer.builder(4)
                .trees(50)
                .build()
                .train(
                        AnomalyModelTrainer.earliestShare(transactions, 0.25),
                        Account::unknown,
                        FeatureSettings.DEFAULTS);

        TransactionScorer batch = new TransactionScorer(RULES, Optional.of(model), new InMemoryAccountStates());
        List<Decision> batchDecisions = transactions.stream().map(batch::score).toList();

        SavedAccountStates saved = new SavedAccountStates();
        for (int i = 0; i < transactions.size(); i++) {
            // A fresh scorer per request, as a stateless service would use, over states kept only as bytes.
            TransactionScorer oneByOne = new TransactionScorer(RULES, Optional.of(model), saved);
            assertThat(oneByOne.score(transactions.get(i))).isEqualTo(batchDecisions.get(i));
        }
        assertThat(batchDecisions).extracting(Decision::recommendation).contains(Recommendation.REVIEW);
    }
}

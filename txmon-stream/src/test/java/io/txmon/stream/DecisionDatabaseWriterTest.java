package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.decisions.DecisionColumns;
import io.txmon.decisions.StoredDecision;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.SupervisedOpinion;
import io.txmon.scoring.TransactionScorer;
import io.txmon.testkit.RandomTransactions;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The stream's decision turned back into what the database keeps: the same stored decision ingestion stores for the
 * same core decision, field for field.
 */
class DecisionDatabaseWriterTest {
    private static final RuleSet RULES = RuleFile.defaults();

    @Test
    void storesEveryFieldOfTheDecisionAsIngestionStoresItWithAModel() {
        List<Transaction> transactions = new RandomTransactions(21).generate(1_500, 25);
        AnomalyModel model = AnomalyModelTrainer.builder(3)
                .build()
                .train(AnomalyModelTrainer.earliestShare(transactions, 0.5), Account::unknown, RULES.features());

        List<Decision> decisions = decide(transactions, Optional.of(model));

        assertThat(decisions).anyMatch(d -> d.reasonCodes().size() > 1);
        assertThat(decisions).anyMatch(d -> d.recommendation().flags());
        assertThat(decisions).allMatch(d -> d.model().isPresent());
        assertStoredAsIngestionStores(transactions, decisions);
    }

    @Test
    void storesADecisionOfTheRulesAloneWithNoModelAndNoAnomalyScore() {
        List<Transaction> transactions = new RandomTransactions(22).generate(400, 10);

        List<Decision> decisions = decide(transactions, Optional.empty());

        assertThat(decisions).anyMatch(d -> d.reasonCodes().isEmpty());
        assertStoredAsIngestionStores(transactions, decisions);
        StoredDecision stored = DecisionDatabaseWriter.external(decided(0, transactions.get(0), decisions.get(0)))
                .stored(1);
        assertThat(stored.modelVersion()).isEmpty();
        assertThat(stored.anomalyScore()).isEmpty();
        assertThat(stored.supervisedModelVersion()).isEmpty();
        assertThat(stored.fraudProbability()).isEmpty();
    }

    @Test
    void storesTheSupervisedModelsVersionAndItsProbabilityRoundedAsIngestionStoresThem() {
        List<Transaction> transactions = new RandomTransactions(24).generate(50, 5);
        List<Decision> decisions = decide(transactions, Optional.empty()).stream()
                .map(d -> new Decision(
                        d.transactionId(),
                        d.riskScore(),
                        d.riskLevel(),
                        d.recommendation(),
                        d.reasons(),
                        d.ruleSetVersion(),
                        d.model(),
                        Optional.of(new SupervisedOpinion("sl-writer0001", d.riskScore() / 3, d.riskScore())),
                        d.reviewThreshold()))
                .toList();

        assertStoredAsIngestionStores(transactions, decisions);
        StoredDecision stored = DecisionDatabaseWriter.external(decided(0, transactions.get(0), decisions.get(0)))
                .stored(1);
        assertThat(stored.supervisedModelVersion()).contains("sl-writer0001");
        assertThat(stored.fraudProbability())
                .contains(DecisionColumns.fraudProbability(decisions.get(0).riskScore() / 3));
        assertThat(stored.fraudProbability().orElseThrow().scale()).isEqualTo(4);
    }

    @Test
    void refusesADecisionThatCameWithAnotherTransaction() {
        List<Transaction> transactions = new RandomTransactions(23).generate(2, 2);
        List<Decision> decisions = decide(transactions, Optional.empty());

        assertThatThrownBy(() -> DecisionDatabaseWriter.external(decided(0, transactions.get(1), decisions.get(0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(transactions.get(0).transactionId())
                .hasMessageContaining(transactions.get(1).transactionId());
    }

    private static void assertStoredAsIngestionStores(List<Transaction> transactions, List<Decision> decisions) {
        for (int i = 0; i < transactions.size(); i++) {
            long sequenceNumber = 1_000 + i;
            DecidedTransaction decided = decided(i, transactions.get(i), decisions.get(i));

            assertThat(DecisionDatabaseWriter.external(decided).stored(sequenceNumber))
                    .isEqualTo(DecisionColumns.stored(decisions.get(i), sequenceNumber));
            assertThat(DecisionDatabaseWriter.external(decided).transaction()).isSameAs(transactions.get(i));
        }
    }

    private static List<Decision> decide(List<Transaction> transactions, Optional<AnomalyModel> model) {
        TransactionScorer scorer = new TransactionScorer(RULES, model, new InMemoryAccountStates());
        List<Decision> decisions = new ArrayList<>();
        for (Transaction tx : transactions) {
            decisions.add(scorer.score(tx));
        }
        return decisions;
    }

    private static DecidedTransaction decided(long sequence, Transaction tx, Decision decision) {
        return new DecidedTransaction(new SequencedTransaction(sequence, tx), StreamDecision.of(decision));
    }
}

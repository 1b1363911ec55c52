package io.txmon.ingest;

import io.txmon.boosting.SupervisedModel;
import io.txmon.decisions.DecisionColumns;
import io.txmon.decisions.ReasonCodes;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.SupervisedOpinion;
import io.txmon.scoring.TransactionScorer;
import io.txmon.storage.TestDatabase;
import io.txmon.transaction.Transaction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decisions as the tests compare them: transaction id to "risk recommendation codes line" (line: the review line it was
 * judged by), in the stored order; a decision the supervised model took part in has its version and fraud probability
 * before the line ("risk recommendation codes version probability line").
 */
final class DecisionsInStore {
    private DecisionsInStore() {}

    /** What one scorer deciding {@code inOrder} in that order, from fresh states, makes of each. */
    static Map<String, String> expected(RuleSet rules, List<Transaction> inOrder) {
        return expected(rules, Optional.empty(), inOrder);
    }

    /** As above, with the {@code supervised} model deciding beside the rules. */
    static Map<String, String> expected(
            RuleSet rules, Optional<SupervisedModel> supervised, List<Transaction> inOrder) {
        TransactionScorer scorer = new TransactionScorer(rules, Optional.empty(), new InMemoryAccountStates());
        scorer.useSupervised(supervised);
        Map<String, String> decisions = new LinkedHashMap<>();
        for (Transaction tx : inOrder) {
            decisions.put(tx.transactionId(), of(scorer.score(tx)));
        }
        return decisions;
    }

    /**
     * As {@link #expected(RuleSet, Optional, List)}, in the form a challenger's shadow decisions take: without the
     * supervised model's version and probability, which the challenger's own row holds.
     */
    static Map<String, String> expectedInTheShadow(
            RuleSet rules, Optional<SupervisedModel> supervised, List<Transaction> inOrder) {
        TransactionScorer scorer = new TransactionScorer(rules, Optional.empty(), new InMemoryAccountStates());
        scorer.useSupervised(supervised);
        Map<String, String> decisions = new LinkedHashMap<>();
        for (Transaction tx : inOrder) {
            Decision decision = scorer.score(tx);
            decisions.put(tx.transactionId(), withoutSupervised(decision));
        }
        return decisions;
    }

    /** One decision in the stored form. */
    static String of(Decision decision) {
        if (decision.supervised().isEmpty()) {
            return withoutSupervised(decision);
        }
        SupervisedOpinion supervised = decision.supervised().get();
        return DecisionColumns.riskScore(decision).toPlainString() + " " + decision.recommendation() + " "
                + ReasonCodes.encode(decision.reasonCodes()) + " " + supervised.modelVersion() + " "
                + DecisionColumns.fraudProbability(supervised.probability()).toPlainString() + " "
                + DecisionColumns.riskScore(decision.reviewThreshold()).toPlainString();
    }

    private static String withoutSupervised(Decision decision) {
        return DecisionColumns.riskScore(decision).toPlainString() + " " + decision.recommendation() + " "
                + ReasonCodes.encode(decision.reasonCodes()) + " "
                + DecisionColumns.riskScore(decision.reviewThreshold()).toPlainString();
    }

    /** What the database holds, in sequence order. */
    static Map<String, String> stored(TestDatabase test) throws SQLException {
        Map<String, String> decisions = new LinkedHashMap<>();
        try (Connection connection = test.database().connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT t.transaction_id, d.risk_score, d.recommendation,"
                        + " d.reason_codes, d.review_threshold, d.supervised_model_version, d.fraud_probability"
                        + " FROM decisions d JOIN transactions t ON t.sequence_number = d.sequence_number"
                        + " ORDER BY t.sequence_number")) {
            while (rs.next()) {
                String version = rs.getString(6);
                String supervised = version == null
                        ? ""
                        : version + " " + rs.getBigDecimal(7).toPlainString() + " ";
                decisions.put(
                        rs.getString(1),
                        rs.getBigDecimal(2).setScale(4).toPlainString() + " " + rs.getString(3) + " " + rs.getString(4)
                                + " " + supervised
                                + rs.getBigDecimal(5).setScale(4).toPlainString());
            }
        }
        return decisions;
    }
}

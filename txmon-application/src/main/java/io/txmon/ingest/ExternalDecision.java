package io.txmon.ingest;

import io.txmon.decisions.DecisionColumns;
import io.txmon.decisions.StoredDecision;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import io.txmon.transaction.Transaction;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction with the decision made on it outside the decision log (by the Flink job), in the fields the
 * database keeps of a decision: what {@link ExternalDecisions} stores. It has no sequence number yet: storing gives
 * it the next one.
 *
 * @param transaction the transaction decided on
 * @param riskScore 0 to 1, as decided; stored rounded as the log rounds ({@link DecisionColumns#riskScore(double)})
 * @param riskLevel the band the score fell in
 * @param recommendation what to do
 * @param reasonCodes strongest first, each once
 * @param ruleSetVersion content hash of the rule set that decided
 * @param modelVersion the anomaly model that took part, empty when none did
 * @param anomalyScore that model's score, empty when none took part
 * @param reviewThreshold the review line it was judged by
 */
public record ExternalDecision(
        Transaction transaction,
        double riskScore,
        RiskLevel riskLevel,
        Recommendation recommendation,
        List<String> reasonCodes,
        String ruleSetVersion,
        Optional<String> modelVersion,
        Optional<Double> anomalyScore,
        double reviewThreshold) {

    public ExternalDecision {
        Objects.requireNonNull(transaction, "transaction");
        if (!(riskScore >= 0 && riskScore <= 1)) {
            throw new IllegalArgumentException("riskScore must be within [0, 1], was " + riskScore);
        }
        Objects.requireNonNull(riskLevel, "riskLevel");
        Objects.requireNonNull(recommendation, "recommendation");
        reasonCodes = List.copyOf(reasonCodes);
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(anomalyScore, "anomalyScore");
    }

    /** The decision as stored on the transaction numbered {@code sequenceNumber}. */
    public StoredDecision stored(long sequenceNumber) {
        return new StoredDecision(
                transaction.transactionId(),
                sequenceNumber,
                DecisionColumns.riskScore(riskScore),
                riskLevel,
                recommendation,
                reasonCodes,
                ruleSetVersion,
                modelVersion,
                anomalyScore,
                Optional.of(DecisionColumns.riskScore(reviewThreshold)));
    }
}

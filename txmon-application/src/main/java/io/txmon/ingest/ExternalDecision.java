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
 * @param supervisedModelVersion the supervised model that decided beside the rules, empty when none did
 * @param fraudProbability that model's fraud probability, 0 to 1, empty exactly when the version is; stored rounded
 *     as the log rounds ({@link DecisionColumns#fraudProbability})
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
        double reviewThreshold,
        Optional<String> supervisedModelVersion,
        Optional<Double> fraudProbability) {

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
        Objects.requireNonNull(supervisedModelVersion, "supervisedModelVersion");
        Objects.requireNonNull(fraudProbability, "fraudProbability");
        if (supervisedModelVersion.isPresent() != fraudProbability.isPresent()) {
            throw new IllegalArgumentException("supervisedModelVersion and fraudProbability must be both present or"
                    + " both empty, were " + supervisedModelVersion + " and " + fraudProbability);
        }
        fraudProbability.ifPresent(p -> {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("fraudProbability must be within [0, 1], was " + p);
            }
        });
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
                Optional.of(DecisionColumns.riskScore(reviewThreshold)),
                supervisedModelVersion,
                fraudProbability.map(DecisionColumns::fraudProbability));
    }
}

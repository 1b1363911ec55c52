package io.txmon.decisions;

import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decision as the database keeps it: what {@code POST /detect}, payments, alerts, account profiles and the demo's
 * report all read back. Reasons are kept as their codes; descriptions and weights live only in the answer given
 * when the decision was made.
 *
 * @param transactionId the transaction decided on
 * @param sequenceNumber its place in the stored order
 * @param riskScore as stored: four decimals, rounded half up ({@link DecisionColumns#riskScore})
 * @param riskLevel the band the score fell in
 * @param recommendation what to do
 * @param reasonCodes strongest first, each once
 * @param ruleSetVersion content hash of the rule set that decided
 * @param modelVersion the anomaly model that took part, empty when none did
 * @param anomalyScore that model's score, empty when none took part
 * @param reviewThreshold the review line it was judged by (four decimals), empty for decisions stored before lines
 *     were recorded
 * @param supervisedModelVersion the supervised model that decided beside the rules, empty when none did (and for
 *     decisions stored before the column)
 * @param fraudProbability that model's fraud probability (four decimals, {@link DecisionColumns#fraudProbability}),
 *     empty exactly when the version is
 */
public record StoredDecision(
        String transactionId,
        long sequenceNumber,
        BigDecimal riskScore,
        RiskLevel riskLevel,
        Recommendation recommendation,
        List<String> reasonCodes,
        String ruleSetVersion,
        Optional<String> modelVersion,
        Optional<Double> anomalyScore,
        Optional<BigDecimal> reviewThreshold,
        Optional<String> supervisedModelVersion,
        Optional<BigDecimal> fraudProbability) {

    public StoredDecision {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(riskScore, "riskScore");
        Objects.requireNonNull(riskLevel, "riskLevel");
        Objects.requireNonNull(recommendation, "recommendation");
        reasonCodes = List.copyOf(reasonCodes);
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(anomalyScore, "anomalyScore");
        Objects.requireNonNull(reviewThreshold, "reviewThreshold");
        Objects.requireNonNull(supervisedModelVersion, "supervisedModelVersion");
        Objects.requireNonNull(fraudProbability, "fraudProbability");
        // The table holds both or neither (V16): a probability without its model would tell an audit nothing.
        if (supervisedModelVersion.isPresent() != fraudProbability.isPresent()) {
            throw new IllegalArgumentException("supervisedModelVersion and fraudProbability must be both present or"
                    + " both empty, were " + supervisedModelVersion + " and " + fraudProbability);
        }
    }

    /** Whether an analyst is asked to look at it: every REVIEW and BLOCK opens an alert. */
    public boolean opensAlert() {
        return recommendation.flags();
    }
}

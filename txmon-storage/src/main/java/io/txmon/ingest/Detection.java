package io.txmon.ingest;

import io.txmon.scoring.Reason;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The stored decision on a transaction sent on its own, as {@link OnlineIngestion} answers it.
 *
 * @param transactionId the transaction
 * @param sequenceNumber its place in the stored order
 * @param riskScore as stored: four decimals
 * @param riskLevel {@code LOW}, {@code MEDIUM} or {@code HIGH}
 * @param recommendation {@code APPROVE}, {@code REVIEW} or {@code BLOCK}
 * @param reasonCodes strongest first
 * @param reasons the reasons with their descriptions and weights; for a duplicate, only what is stored (the codes)
 * @param ruleSetVersion content hash of the rule set that decided
 * @param modelVersion the anomaly model that took part, or null
 * @param anomalyScore its score, or null
 * @param duplicate whether the transaction was stored before and this is the decision made then
 */
public record Detection(
        String transactionId,
        long sequenceNumber,
        BigDecimal riskScore,
        String riskLevel,
        String recommendation,
        List<String> reasonCodes,
        List<Reason> reasons,
        String ruleSetVersion,
        String modelVersion,
        Double anomalyScore,
        boolean duplicate) {

    public Detection {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(riskScore, "riskScore");
        Objects.requireNonNull(riskLevel, "riskLevel");
        Objects.requireNonNull(recommendation, "recommendation");
        reasonCodes = List.copyOf(reasonCodes);
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
    }

    /** The same decision, answered again for a transaction sent twice. */
    Detection asDuplicate() {
        return new Detection(
                transactionId,
                sequenceNumber,
                riskScore,
                riskLevel,
                recommendation,
                reasonCodes,
                reasons,
                ruleSetVersion,
                modelVersion,
                anomalyScore,
                true);
    }
}

package io.txmon.service.detect;

import io.txmon.decisions.StoredDecision;
import io.txmon.ingest.Detection;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import java.math.BigDecimal;
import java.util.List;

/**
 * The response of the systems txmon replaces, field for field (docs/service.md) ({@code transaction_id}, {@code risk_score}, {@code risk_level}, {@code
 * reason_codes}, {@code recommendation}), and what txmon adds: each reason explained, the versions that decided, the
 * review line the decision was judged by ({@code review_threshold}: the alert budget's for its day, or the rule set's
 * fixed one; absent for decisions stored before lines were recorded), the supervised champion's version and fraud
 * probability (four decimals, as stored) when one took part, also when the answer is for a transaction sent before,
 * and whether this was the answer to a transaction sent before.
 */
public record DetectionResponse(
        String transactionId,
        BigDecimal riskScore,
        RiskLevel riskLevel,
        List<String> reasonCodes,
        Recommendation recommendation,
        List<Explanation> explanations,
        String ruleSetVersion,
        String modelVersion,
        Double anomalyScore,
        BigDecimal reviewThreshold,
        String supervisedModelVersion,
        BigDecimal fraudProbability,
        long sequenceNumber,
        boolean duplicate) {

    /** One reason: its code, whether a rule or the model gave it, what it means and the weight it carried. */
    public record Explanation(String code, String source, String description, double weight) {}

    /** The answer for {@code detection}. */
    public static DetectionResponse of(Detection detection) {
        StoredDecision decision = detection.decision();
        return new DetectionResponse(
                decision.transactionId(),
                decision.riskScore(),
                decision.riskLevel(),
                decision.reasonCodes(),
                decision.recommendation(),
                detection.reasons().stream()
                        .map(r -> new Explanation(r.code(), r.source().name(), r.description(), r.weight()))
                        .toList(),
                decision.ruleSetVersion(),
                decision.modelVersion().orElse(null),
                decision.anomalyScore().orElse(null),
                decision.reviewThreshold().orElse(null),
                decision.supervisedModelVersion().orElse(null),
                decision.fraudProbability().orElse(null),
                decision.sequenceNumber(),
                detection.duplicate());
    }
}

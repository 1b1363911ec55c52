package io.txmon.service.detect;

import io.txmon.ingest.Detection;
import java.math.BigDecimal;
import java.util.List;

/**
 * Seed 001's response, field for field ({@code transaction_id}, {@code risk_score}, {@code risk_level}, {@code
 * reason_codes}, {@code recommendation}), and what txmon adds: each reason explained, the versions that decided,
 * and whether this was the answer to a transaction sent before.
 */
public record DetectionResponse(
        String transactionId,
        BigDecimal riskScore,
        String riskLevel,
        List<String> reasonCodes,
        String recommendation,
        List<Explanation> explanations,
        String ruleSetVersion,
        String modelVersion,
        Double anomalyScore,
        long sequenceNumber,
        boolean duplicate) {

    /** One reason: its code, whether a rule or the model gave it, what it means and the weight it carried. */
    public record Explanation(String code, String source, String description, double weight) {}

    /** The answer for {@code detection}. */
    public static DetectionResponse of(Detection detection) {
        return new DetectionResponse(
                detection.transactionId(),
                detection.riskScore(),
                detection.riskLevel(),
                detection.reasonCodes(),
                detection.recommendation(),
                detection.reasons().stream()
                        .map(r -> new Explanation(r.code(), r.source().name(), r.description(), r.weight()))
                        .toList(),
                detection.ruleSetVersion(),
                detection.modelVersion(),
                detection.anomalyScore(),
                detection.sequenceNumber(),
                detection.duplicate());
    }
}

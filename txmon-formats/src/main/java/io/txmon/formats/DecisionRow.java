package io.txmon.formats;

import io.txmon.scoring.Decision;
import io.txmon.scoring.ModelOpinion;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import java.util.List;
import java.util.Objects;

/**
 * One row of a decisions file, without the reasons' descriptions: what a decision looks like once it has travelled
 * as a message (the stream's decisions topic) and is written to the file {@code bin/txmon score} writes.
 *
 * @param reasonCodes strongest first
 * @param modelVersion the model that took part, or null
 * @param anomalyScore its score, or null
 * @param reviewThreshold the review line it was judged by, or null where the message did not say
 */
public record DecisionRow(
        String transactionId,
        double riskScore,
        RiskLevel riskLevel,
        Recommendation recommendation,
        List<String> reasonCodes,
        String ruleSetVersion,
        String modelVersion,
        Double anomalyScore,
        Double reviewThreshold) {

    public DecisionRow {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(riskLevel, "riskLevel");
        Objects.requireNonNull(recommendation, "recommendation");
        reasonCodes = List.copyOf(reasonCodes);
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
    }

    /** The row {@code decision} makes. */
    public static DecisionRow of(Decision decision) {
        return new DecisionRow(
                decision.transactionId(),
                decision.riskScore(),
                decision.riskLevel(),
                decision.recommendation(),
                decision.reasonCodes(),
                decision.ruleSetVersion(),
                decision.model().map(ModelOpinion::modelVersion).orElse(null),
                decision.model().map(ModelOpinion::anomalyScore).orElse(null),
                decision.reviewThreshold());
    }
}

package io.txmon.stream;

import io.txmon.scoring.Decision;
import io.txmon.scoring.ModelOpinion;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.SupervisedOpinion;
import java.util.Optional;

/**
 * A decision as the stream emits it: the fields {@code bin/txmon score} writes (docs/file-formats.md, "Decisions"),
 * in types Flink serializes without a generic fallback.
 *
 * @param reasonCodes strongest first, joined by {@code ;} as the decisions file writes them
 * @param modelVersion the model that took part, or null
 * @param anomalyScore its score, or null
 * @param reviewThreshold the review line it was judged by: the alert budget's for its day once {@link ReviewLines} has
 *     applied it, else the rule set's fixed one
 * @param supervisedModelVersion the supervised model that took part, or null
 * @param fraudProbability its probability that the transaction is fraud, or null
 */
public record StreamDecision(
        String transactionId,
        double riskScore,
        String riskLevel,
        String recommendation,
        String reasonCodes,
        String ruleSetVersion,
        String modelVersion,
        Double anomalyScore,
        double reviewThreshold,
        String supervisedModelVersion,
        Double fraudProbability) {

    /** The stream's form of {@code decision}. */
    public static StreamDecision of(Decision decision) {
        Optional<ModelOpinion> model = decision.model();
        return new StreamDecision(
                decision.transactionId(),
                decision.riskScore(),
                decision.riskLevel().name(),
                decision.recommendation().name(),
                String.join(";", decision.reasonCodes()),
                decision.ruleSetVersion(),
                model.map(ModelOpinion::modelVersion).orElse(null),
                model.map(ModelOpinion::anomalyScore).orElse(null),
                decision.reviewThreshold(),
                decision.supervised().map(SupervisedOpinion::modelVersion).orElse(null),
                decision.supervised().map(SupervisedOpinion::probability).orElse(null));
    }

    /** This decision judged by the review line {@code line} instead, with what to do at it. */
    public StreamDecision judgedBy(double line, Recommendation now) {
        return new StreamDecision(
                transactionId,
                riskScore,
                riskLevel,
                now.name(),
                reasonCodes,
                ruleSetVersion,
                modelVersion,
                anomalyScore,
                line,
                supervisedModelVersion,
                fraudProbability);
    }

    /** Whether it opens an alert: REVIEW or BLOCK, as the decision log stores them. */
    public boolean flagged() {
        return Recommendation.valueOf(recommendation).flags();
    }
}

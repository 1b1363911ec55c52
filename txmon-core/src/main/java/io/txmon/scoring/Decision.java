package io.txmon.scoring;

import io.txmon.rules.DecisionThresholds;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one transaction (docs/file-formats.md, "Decisions"), with the versions of the rule set and model that
 * reached it, so that every decision can be audited and reproduced.
 *
 * @param transactionId the transaction decided on
 * @param riskScore 0 to 1, higher is riskier
 * @param riskLevel the band {@code riskScore} falls in
 * @param recommendation what to do
 * @param reasons why, strongest first
 * @param ruleSetVersion content hash of the rule set that was applied
 * @param model the anomaly model's opinion, empty when no model was in use
 * @param supervised the supervised model's opinion, empty when none was in use
 * @param reviewThreshold the review line in force: the risk score from which a transaction is sent to review (the
 *     alert budget's line, see {@link ReviewLine}, or the rule set's fixed {@code review_at})
 */
public record Decision(
        String transactionId,
        double riskScore,
        RiskLevel riskLevel,
        Recommendation recommendation,
        List<Reason> reasons,
        String ruleSetVersion,
        Optional<ModelOpinion> model,
        Optional<SupervisedOpinion> supervised,
        double reviewThreshold) {

    /** A decision reached without a supervised model, at the default fixed review line (0.6). */
    public Decision(
            String transactionId,
            double riskScore,
            RiskLevel riskLevel,
            Recommendation recommendation,
            List<Reason> reasons,
            String ruleSetVersion,
            Optional<ModelOpinion> model) {
        this(
                transactionId,
                riskScore,
                riskLevel,
                recommendation,
                reasons,
                ruleSetVersion,
                model,
                Optional.empty(),
                DecisionThresholds.DEFAULT_REVIEW_AT);
    }

    public Decision {
        Objects.requireNonNull(transactionId, "transactionId");
        if (!(riskScore >= 0 && riskScore <= 1)) {
            throw new IllegalArgumentException("riskScore must be within [0, 1], was " + riskScore);
        }
        Objects.requireNonNull(riskLevel, "riskLevel");
        Objects.requireNonNull(recommendation, "recommendation");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(supervised, "supervised");
        if (!(reviewThreshold > 0 && reviewThreshold <= 1)) {
            throw new IllegalArgumentException("reviewThreshold must be within (0, 1], was " + reviewThreshold);
        }
    }

    /** The reason codes, strongest first, each once, as the contract lists them. */
    public List<String> reasonCodes() {
        return reasons.stream().map(Reason::code).distinct().toList();
    }
}

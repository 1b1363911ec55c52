package io.txmon.formats;

import io.txmon.scoring.Decision;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import io.txmon.transaction.InvalidFieldException;
import java.util.List;

/**
 * A decision as a decisions file records it (docs/file-formats.md, "Decisions"): what evaluation needs, without the
 * explanations and versions that only the full {@link Decision} carries.
 *
 * @param transactionId the transaction decided on
 * @param riskScore 0 to 1, higher is riskier
 * @param riskLevel the band the score falls in
 * @param recommendation what was recommended
 * @param reasonCodes the reason codes, strongest first
 */
public record RecordedDecision(
        String transactionId,
        double riskScore,
        RiskLevel riskLevel,
        Recommendation recommendation,
        List<String> reasonCodes) {

    public RecordedDecision {
        if (transactionId == null || transactionId.isBlank()) {
            throw new InvalidFieldException("transaction_id", "is required");
        }
        if (!(riskScore >= 0 && riskScore <= 1)) {
            throw new InvalidFieldException("risk_score", "must be from 0 to 1, was " + riskScore);
        }
        if (riskLevel == null) {
            throw new InvalidFieldException("risk_level", "is required");
        }
        if (recommendation == null) {
            throw new InvalidFieldException("recommendation", "is required");
        }
        reasonCodes = List.copyOf(reasonCodes);
        for (String code : reasonCodes) {
            if (code.isBlank() || code.indexOf(RecordFields.LIST_SEPARATOR) >= 0) {
                throw new InvalidFieldException(
                        "reason_codes",
                        "codes must be non-blank and free of '" + RecordFields.LIST_SEPARATOR + "', was '" + code
                                + "'");
            }
        }
    }

    /** What a decisions file records of {@code decision}, before its numbers are rounded for writing. */
    public static RecordedDecision of(Decision decision) {
        return new RecordedDecision(
                decision.transactionId(),
                decision.riskScore(),
                decision.riskLevel(),
                decision.recommendation(),
                decision.reasonCodes());
    }
}

package io.txmon.evaluation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision next to the truth about its transaction.
 *
 * @param riskScore the decision's risk score
 * @param flagged whether the decision asked for action (review or block)
 * @param reasonCodes the decision's reason codes
 * @param suspicious whether the transaction was in fact suspicious
 * @param typology the pattern it was part of, when known
 */
public record Outcome(
        double riskScore, boolean flagged, List<String> reasonCodes, boolean suspicious, Optional<String> typology) {
    public Outcome {
        reasonCodes = List.copyOf(reasonCodes);
        Objects.requireNonNull(typology, "typology");
        if (Double.isNaN(riskScore)) {
            throw new IllegalArgumentException("risk score is NaN");
        }
    }
}

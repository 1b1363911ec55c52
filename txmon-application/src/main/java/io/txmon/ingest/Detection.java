package io.txmon.ingest;

import io.txmon.decisions.StoredDecision;
import io.txmon.scoring.Reason;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a transaction sent on its own ({@link OnlineIngestion}): its stored decision, why, and whether it was
 * stored before.
 *
 * @param decision as stored
 * @param reasons the reasons with their descriptions and weights; for a duplicate, none (only the codes are stored)
 * @param duplicate whether the transaction was stored before and this is the decision made then
 */
public record Detection(StoredDecision decision, List<Reason> reasons, boolean duplicate) {

    public Detection {
        Objects.requireNonNull(decision, "decision");
        reasons = List.copyOf(reasons);
    }

    /** The same decision, answered again for a transaction sent twice. */
    Detection asDuplicate() {
        return new Detection(decision, reasons, true);
    }
}

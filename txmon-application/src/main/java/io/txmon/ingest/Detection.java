package io.txmon.ingest;

import io.txmon.decisions.StoredDecision;
import io.txmon.scoring.Reason;
import io.txmon.scoring.SupervisedOpinion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a transaction sent on its own ({@link OnlineIngestion}): its stored decision, why, and whether it was
 * stored before.
 *
 * @param decision as stored
 * @param reasons the reasons with their descriptions and weights; for a duplicate, none (only the codes are stored)
 * @param duplicate whether the transaction was stored before and this is the decision made then
 * @param supervised the supervised model's opinion when one took part; empty for a duplicate (it is not stored)
 */
public record Detection(
        StoredDecision decision, List<Reason> reasons, boolean duplicate, Optional<SupervisedOpinion> supervised) {

    /** An answer without the supervised model's opinion: a stored decision read back. */
    public Detection(StoredDecision decision, List<Reason> reasons, boolean duplicate) {
        this(decision, reasons, duplicate, Optional.empty());
    }

    public Detection {
        Objects.requireNonNull(decision, "decision");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(supervised, "supervised");
    }

    /** The same decision, answered again for a transaction sent twice. */
    Detection asDuplicate() {
        return new Detection(decision, reasons, true, supervised);
    }
}

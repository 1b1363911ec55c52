package io.txmon.ingest;

import io.txmon.decisions.DecisionColumns;
import io.txmon.decisions.StoredDecision;
import io.txmon.scoring.Decision;
import io.txmon.transaction.Transaction;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction with the decision made on it and its place in the stored order: what the decision log hands its
 * {@link DecisionSink}.
 *
 * @param shadow the running challenger's decision on it, which decides nothing and is stored apart; empty when none
 *     runs
 */
public record Scored(Transaction transaction, Decision decision, long sequenceNumber, Optional<ShadowDecision> shadow) {
    public Scored {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(shadow, "shadow");
    }

    /** The champion's decision alone, with no challenger beside it. */
    public Scored(Transaction transaction, Decision decision, long sequenceNumber) {
        this(transaction, decision, sequenceNumber, Optional.empty());
    }

    /** Whether storing it opens an alert. */
    public boolean opensAlert() {
        return decision.recommendation().flags();
    }

    /** The decision as it is stored. */
    public StoredDecision stored() {
        return DecisionColumns.stored(decision, sequenceNumber);
    }

    /** A challenger's decision, made beside the champion's on the same features. */
    public record ShadowDecision(long challengerId, Decision decision) {
        public ShadowDecision {
            Objects.requireNonNull(decision, "decision");
        }
    }
}

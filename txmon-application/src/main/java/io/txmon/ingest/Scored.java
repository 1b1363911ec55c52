package io.txmon.ingest;

import io.txmon.decisions.DecisionColumns;
import io.txmon.decisions.StoredDecision;
import io.txmon.scoring.Decision;
import io.txmon.transaction.Transaction;
import java.util.Objects;

/**
 * A transaction with the decision made on it and its place in the stored order: what the decision log hands its
 * {@link DecisionSink}.
 */
public record Scored(Transaction transaction, Decision decision, long sequenceNumber) {
    public Scored {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(decision, "decision");
    }

    /** Whether storing it opens an alert. */
    public boolean opensAlert() {
        return decision.recommendation().flags();
    }

    /** The decision as it is stored. */
    public StoredDecision stored() {
        return DecisionColumns.stored(decision, sequenceNumber);
    }
}

package io.txmon.stream;

import java.util.Objects;

/**
 * A transaction with its decision: what the database sink stores (the transaction, its decision, an alert for REVIEW
 * and BLOCK) and what the decisions topic carries the decision of.
 */
public record DecidedTransaction(SequencedTransaction transaction, StreamDecision decision) {
    public DecidedTransaction {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(decision, "decision");
    }
}

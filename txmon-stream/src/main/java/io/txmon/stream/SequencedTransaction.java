package io.txmon.stream;

import io.txmon.transaction.Transaction;
import java.util.Objects;

/**
 * A transaction and its place in the input: what breaks ties in event time, as the stable sort of batch scoring
 * keeps file order.
 */
public record SequencedTransaction(long sequence, Transaction transaction) {
    public SequencedTransaction {
        Objects.requireNonNull(transaction, "transaction");
    }
}

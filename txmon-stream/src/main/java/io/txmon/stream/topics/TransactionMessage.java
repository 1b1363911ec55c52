package io.txmon.stream.topics;

import io.txmon.stream.SequencedTransaction;

/**
 * What one message on the transactions topic held: a transaction, or the reason it is none (the message kept whole,
 * for the rejected topic).
 *
 * @param transaction the transaction, or null when rejected
 * @param source where the rejected message was (topic-partition@offset), or null
 * @param value the rejected message's text, or null
 * @param reason why it was rejected, naming the field, or null
 */
public record TransactionMessage(SequencedTransaction transaction, String source, String value, String reason) {

    static TransactionMessage accepted(SequencedTransaction transaction) {
        return new TransactionMessage(transaction, null, null, null);
    }

    static TransactionMessage rejected(String source, String value, String reason) {
        return new TransactionMessage(null, source, value, reason);
    }

    /** Event time for the watermark: a rejected message has none, so it never moves event time. */
    long eventTimeMillis() {
        return transaction == null
                ? Long.MIN_VALUE
                : transaction.transaction().timestamp().toEpochMilli();
    }
}

package io.txmon.stream;

/**
 * The features one account contributes to a transaction's decision: the payer's half (the transaction's own features
 * and its payer's) or the payee's ({@code cp_} features).
 *
 * @param accountId the account that gave it
 * @param expectsPayee whether a payee's half will follow (a transfer to an account)
 * @param transaction the transaction and its input sequence, which the decision carries on to its sinks
 *     <p>Public only so that Flink serializes it as a POJO rather than with Kryo.
 */
public record FeatureHalf(
        String accountId,
        AccountEvent.Side side,
        boolean expectsPayee,
        SequencedTransaction transaction,
        double[] features) {

    public String transactionId() {
        return transaction.transaction().transactionId();
    }

    public long eventTimeMillis() {
        return transaction.transaction().timestamp().toEpochMilli();
    }
}

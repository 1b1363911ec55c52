package io.txmon.stream;

/**
 * The features one account contributes to a transaction's decision: the payer's half (the transaction's own features
 * and its payer's) or the payee's ({@code cp_} features).
 *
 * @param accountId the account that gave it
 * @param expectsPayee whether a payee's half will follow (a transfer to an account)
 * @param eventTimeMillis the transaction's event time
 */
record FeatureHalf(
        String transactionId,
        String accountId,
        AccountEvent.Side side,
        boolean expectsPayee,
        long eventTimeMillis,
        double[] features) {}

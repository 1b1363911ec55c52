package io.txmon.stream;

/**
 * The features one account contributes to a transaction's decision: the payer's half (the transaction's own features
 * and its payer's) or the payee's ({@code cp_} features).
 *
 * @param expectsPayee whether a payee's half will follow (a transfer to an account)
 */
record FeatureHalf(String transactionId, AccountEvent.Side side, boolean expectsPayee, double[] features) {}

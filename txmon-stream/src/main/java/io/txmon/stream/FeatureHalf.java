package io.txmon.stream;

import io.txmon.features.Feature;
import java.util.Objects;

/**
 * The features one account contributes to a transaction's decision: the payer's half (the transaction's own features
 * and its payer's) or the payee's ({@code cp_} features, {@link #PAYEE_FROM} to {@link #PAYEE_TO}).
 *
 * @param accountId the account that gave it
 * @param expectsPayee whether a payee's half will follow (a transfer to an account)
 * @param transaction the transaction and its input sequence, which the decision carries on to its sinks: in the
 *     payer's half only, null in the payee's, which needs no more than the id and event time to meet its partner
 * @param features a whole vector; in the payee's half, only the {@code cp_} features are set
 */
record FeatureHalf(
        String accountId,
        AccountEvent.Side side,
        boolean expectsPayee,
        String transactionId,
        long eventTimeMillis,
        SequencedTransaction transaction,
        double[] features) {
    /** The payee's features are the contiguous {@code cp_} block of the vector, from this index. */
    static final int PAYEE_FROM = Feature.CP_PRIOR_TX_COUNT.ordinal();

    /** ... to this one, included. */
    static final int PAYEE_TO = Feature.CP_SENT_SIMILAR_7D.ordinal();

    /** How many features the payee's half gives. */
    static final int PAYEE_COUNT = PAYEE_TO - PAYEE_FROM + 1;

    FeatureHalf {
        Objects.requireNonNull(transactionId, "transactionId");
        if ((side == AccountEvent.Side.PAYER) != (transaction != null)) {
            throw new IllegalArgumentException("a payer's half carries its transaction, a payee's does not");
        }
    }

    /** The payer's half of {@code sequenced}; {@code expectsPayee} when it is a transfer to an account. */
    static FeatureHalf payer(
            String accountId, boolean expectsPayee, SequencedTransaction sequenced, double[] features) {
        return new FeatureHalf(
                accountId,
                AccountEvent.Side.PAYER,
                expectsPayee,
                sequenced.transaction().transactionId(),
                sequenced.transaction().timestamp().toEpochMilli(),
                sequenced,
                features);
    }

    /** The payee's half of {@code sequenced}: its {@code cp_} features, the id and the event time. */
    static FeatureHalf payee(String accountId, SequencedTransaction sequenced, double[] features) {
        return new FeatureHalf(
                accountId,
                AccountEvent.Side.PAYEE,
                true,
                sequenced.transaction().transactionId(),
                sequenced.transaction().timestamp().toEpochMilli(),
                null,
                features);
    }
}

package io.txmon.stream;

import io.txmon.features.EntityFeatures;
import io.txmon.features.EntityKind;
import io.txmon.features.Feature;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The features one key contributes to a transaction's decision: the payer's part (the transaction's own features, its
 * payer's and the payer's {@code account_} outcome features), a payee's ({@code cp_} and {@code payee_} features), a
 * merchant's ({@code merchant_}) or a device's ({@code device_}). Named for when a transaction had two halves at most.
 *
 * @param accountId the key that gave it
 * @param parts how many parts the transaction's decision waits for ({@link AccountEvent#partsOf}), 1 to 4
 * @param transaction the transaction and its input sequence, which the decision carries on to its sinks: in the
 *     payer's part only, null in the others, which need no more than the id and event time to meet their partners
 * @param features a whole vector; in a part other than the payer's, only the features {@link #carried} by its side
 *     are set
 */
record FeatureHalf(
        String accountId,
        AccountEvent.Side side,
        int parts,
        String transactionId,
        long eventTimeMillis,
        SequencedTransaction transaction,
        double[] features) {
    private static final Map<AccountEvent.Side, int[]> CARRIED = carriedBySide();

    FeatureHalf {
        Objects.requireNonNull(transactionId, "transactionId");
        if ((side == AccountEvent.Side.PAYER) != (transaction != null)) {
            throw new IllegalArgumentException("a payer's part carries its transaction, the others do not");
        }
        if (parts < 1 || parts > AccountEvent.Side.values().length) {
            throw new IllegalArgumentException("a transaction has 1 to 4 parts, not " + parts);
        }
    }

    /** The payer's part of {@code sequenced}, one of {@code parts}. */
    static FeatureHalf payer(String accountId, int parts, SequencedTransaction sequenced, double[] features) {
        return new FeatureHalf(
                accountId,
                AccountEvent.Side.PAYER,
                parts,
                sequenced.transaction().transactionId(),
                sequenced.transaction().timestamp().toEpochMilli(),
                sequenced,
                features);
    }

    /** Another key's part of {@code sequenced}: its {@link #carried} features, the id and the event time. */
    static FeatureHalf of(
            String accountId, AccountEvent.Side side, int parts, SequencedTransaction sequenced, double[] features) {
        return new FeatureHalf(
                accountId,
                side,
                parts,
                sequenced.transaction().transactionId(),
                sequenced.transaction().timestamp().toEpochMilli(),
                null,
                features);
    }

    /**
     * The ordinals of the features a part of {@code side} other than the payer's sets and the decision takes from it:
     * the payee's {@code cp_} block and {@code payee_} features, a merchant's or device's entity features. Shared, not
     * copied, as the serializer reads it for every part: callers only read it.
     */
    static int[] carried(AccountEvent.Side side) {
        int[] carried = CARRIED.get(side);
        if (carried == null) {
            throw new IllegalArgumentException("the payer's part carries the whole vector");
        }
        return carried;
    }

    private static Map<AccountEvent.Side, int[]> carriedBySide() {
        Map<AccountEvent.Side, int[]> carried = new EnumMap<>(AccountEvent.Side.class);
        for (AccountEvent.Side side : AccountEvent.Side.values()) {
            if (side == AccountEvent.Side.PAYER) {
                continue;
            }
            List<Feature> features = new ArrayList<>();
            if (side == AccountEvent.Side.PAYEE) {
                for (int i = Feature.CP_PRIOR_TX_COUNT.ordinal(); i <= Feature.CP_SENT_SIMILAR_7D.ordinal(); i++) {
                    features.add(Feature.values()[i]);
                }
            }
            EntityKind entity = side.entity();
            features.addAll(EntityFeatures.featuresWritten(entity));
            carried.put(side, features.stream().mapToInt(Feature::ordinal).toArray());
        }
        return carried;
    }
}

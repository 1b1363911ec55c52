package io.txmon.features;

import io.txmon.transaction.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reads and teaches the states of the entities a transaction touches ({@link EntityKind}): the {@code account_},
 * {@code merchant_}, {@code device_} and {@code payee_} features of docs/features.md, "Entities". The one place where
 * entity behaviour and known outcomes are learned, so that every path sees the same numbers.
 *
 * <p>Each entity's features are read before it learns the transaction, except its counts, which include it, as the
 * account's windows do. Outcomes are learned through {@link #learnOutcome} at the instant they became known: the
 * caller must tell it every outcome known by a transaction's event time before deciding that transaction, and none
 * known later, for the decision to use only what was known then.
 */
public final class EntityFeatures {
    private static final Feature[] ACCOUNT = {
        null,
        null,
        null,
        null,
        Feature.ACCOUNT_FRAUD_SHARE_1D,
        Feature.ACCOUNT_FRAUD_SHARE_7D,
        Feature.ACCOUNT_FRAUD_SHARE_30D,
        Feature.ACCOUNT_KNOWN_FRAUDS_30D,
        Feature.ACCOUNT_FRAUD_SHARE_SETTLED_1D,
        Feature.ACCOUNT_FRAUD_SHARE_SETTLED_7D,
        null
    };
    private static final Feature[] MERCHANT = {
        Feature.MERCHANT_TX_COUNT_1D,
        Feature.MERCHANT_TX_COUNT_7D,
        Feature.MERCHANT_ACCOUNTS_7D,
        Feature.MERCHANT_AGE_DAYS,
        Feature.MERCHANT_FRAUD_SHARE_1D,
        Feature.MERCHANT_FRAUD_SHARE_7D,
        Feature.MERCHANT_FRAUD_SHARE_30D,
        Feature.MERCHANT_KNOWN_FRAUDS_30D,
        Feature.MERCHANT_FRAUD_SHARE_SETTLED_1D,
        Feature.MERCHANT_FRAUD_SHARE_SETTLED_7D,
        Feature.MERCHANT_FRAUD_ACCOUNTS_30D
    };
    private static final Feature[] DEVICE = {
        Feature.DEVICE_TX_COUNT_1D,
        Feature.DEVICE_TX_COUNT_7D,
        Feature.DEVICE_ACCOUNTS_7D,
        Feature.DEVICE_AGE_DAYS,
        Feature.DEVICE_FRAUD_SHARE_1D,
        Feature.DEVICE_FRAUD_SHARE_7D,
        Feature.DEVICE_FRAUD_SHARE_30D,
        Feature.DEVICE_KNOWN_FRAUDS_30D,
        Feature.DEVICE_FRAUD_SHARE_SETTLED_1D,
        Feature.DEVICE_FRAUD_SHARE_SETTLED_7D,
        Feature.DEVICE_FRAUD_ACCOUNTS_30D
    };
    private static final Feature[] PAYEE = {
        Feature.PAYEE_TX_COUNT_1D,
        Feature.PAYEE_TX_COUNT_7D,
        Feature.PAYEE_ACCOUNTS_7D,
        Feature.PAYEE_AGE_DAYS,
        Feature.PAYEE_FRAUD_SHARE_1D,
        Feature.PAYEE_FRAUD_SHARE_7D,
        Feature.PAYEE_FRAUD_SHARE_30D,
        Feature.PAYEE_KNOWN_FRAUDS_30D,
        Feature.PAYEE_FRAUD_SHARE_SETTLED_1D,
        Feature.PAYEE_FRAUD_SHARE_SETTLED_7D,
        Feature.PAYEE_FRAUD_ACCOUNTS_30D
    };
    private static final EntityKind[] KINDS = EntityKind.values();

    /**
     * Days after which the "settled" shares take a day's outcomes as mostly known: the default label delay. The
     * shares over the latest days count only the outcomes known so far, which with labels a week late is none; the
     * settled ones read the days whose outcomes are in, as the Fraud Detection Handbook's delayed terminal risk does.
     */
    static final int SETTLED_AFTER_DAYS = 7;

    private final EntityStateStore states;

    /** Whether {@code feature} is one this class writes, read from an entity's state rather than an account's. */
    public static boolean writes(Feature feature) {
        for (EntityKind kind : KINDS) {
            for (Feature written : featuresOf(kind)) {
                if (written == feature) {
                    return true;
                }
            }
        }
        return false;
    }

    public EntityFeatures(EntityStateStore states) {
        this.states = Objects.requireNonNull(states, "states");
    }

    /** Writes every entity feature of {@code tx} into {@code features}, then teaches the entities the transaction. */
    public void observe(Transaction tx, double[] features) {
        for (EntityKind kind : KINDS) {
            observe(kind, tx, features);
        }
    }

    /**
     * Writes the features of {@code tx}'s entity of {@code kind} into {@code features} (zeros when it names none),
     * then teaches that entity the transaction: what {@link #observe(Transaction, double[])} does for each kind, for a
     * caller that keeps each entity's state where the entity is, such as a stream keyed by entity.
     */
    public void observe(EntityKind kind, Transaction tx, double[] features) {
        Feature[] named = featuresOf(kind);
        String id = kind.idOf(tx);
        if (id == null) {
            for (Feature f : named) {
                if (f != null) {
                    features[f.ordinal()] = 0;
                }
            }
            return;
        }
        Instant at = tx.timestamp();
        long millis = at.toEpochMilli();
        long day = EntityState.dayOf(millis);
        int minute = (int) Math.floorDiv(millis, 60_000L);
        EntityState state = states.stateOf(kind, id, at);
        state.countTransaction(day);
        if (state.tracksAccounts()) {
            state.accounts.touch(Keys.of(tx.userId()), minute);
            features[named[0].ordinal()] = state.transactions(day, 1);
            features[named[1].ordinal()] = state.transactions(day, 7);
            features[named[2].ordinal()] = state.accounts.countSeenAfter(minute - 7 * 24 * 60);
            features[named[3].ordinal()] =
                    Math.max(0, millis - state.firstSeenMillis) / (double) EntityState.DAY_MILLIS;
        }
        features[named[4].ordinal()] = share(state, day, 1);
        features[named[5].ordinal()] = share(state, day, 7);
        features[named[6].ordinal()] = share(state, day, EntityState.DAYS_BACK);
        features[named[7].ordinal()] = state.frauds(day, EntityState.DAYS_BACK);
        features[named[8].ordinal()] = share(state, day - SETTLED_AFTER_DAYS, 1);
        features[named[9].ordinal()] = share(state, day - SETTLED_AFTER_DAYS, 7);
        if (state.tracksAccounts()) {
            features[named[10].ordinal()] = state.fraudAccounts.countSeenAfter(minute - 30 * 24 * 60);
        }
        states.changed(kind, id, state);
    }

    /**
     * Learns that {@code tx}, decided earlier, became known as fraud ({@code delta} +1) or stopped being so ({@code
     * delta} -1, when a later label overrules an earlier one).
     */
    public void learnOutcome(Transaction tx, int delta) {
        for (EntityKind kind : KINDS) {
            learnOutcome(kind, tx, delta);
        }
    }

    /** What {@link #learnOutcome(Transaction, int)} does for {@code tx}'s entity of {@code kind} alone. */
    public void learnOutcome(EntityKind kind, Transaction tx, int delta) {
        if (delta != 1 && delta != -1) {
            throw new IllegalArgumentException("an outcome changes a fraud count by 1 or -1, not " + delta);
        }
        String id = kind.idOf(tx);
        EntityState state = id == null ? null : states.find(kind, id);
        if (state == null) {
            return;
        }
        long millis = tx.timestamp().toEpochMilli();
        state.countOutcome(EntityState.dayOf(millis), delta);
        if (delta > 0 && state.tracksAccounts()) {
            // A verdict withdrawn later is not taken back here: the account's other frauds may remain.
            state.fraudAccounts.touch(Keys.of(tx.userId()), (int) Math.floorDiv(millis, 60_000L));
        }
        states.changed(kind, id, state);
    }

    /** The features {@link #observe(EntityKind, Transaction, double[])} writes for {@code kind}, in ordinal order. */
    public static List<Feature> featuresWritten(EntityKind kind) {
        List<Feature> written = new ArrayList<>();
        for (Feature f : featuresOf(kind)) {
            if (f != null) {
                written.add(f);
            }
        }
        written.sort(Comparator.naturalOrder());
        return List.copyOf(written);
    }

    private static double share(EntityState state, long day, int days) {
        int transactions = state.transactions(day, days);
        return transactions == 0 ? 0 : (double) state.frauds(day, days) / transactions;
    }

    private static Feature[] featuresOf(EntityKind kind) {
        return switch (kind) {
            case ACCOUNT -> ACCOUNT;
            case MERCHANT -> MERCHANT;
            case DEVICE -> DEVICE;
            case PAYEE -> PAYEE;
        };
    }
}

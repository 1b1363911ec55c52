package io.txmon.features;

import io.txmon.transaction.Transaction;
import java.util.Objects;

/**
 * Follows every account's behaviour through a sequence of transactions and turns each one into its
 * feature vector: the paying account first, then the receiving one, each read before it learns the
 * transaction. Call it in event-time order (ties in arrival order) for the semantics docs/features.md describes.
 */
public final class FeatureTracker {
    private final FeatureExtractor extractor;
    private final AccountStateStore states;
    /** Null when only the accounts are followed. */
    private final EntityFeatures entities;

    /** Tracks accounts in {@code states}, and the other entities in memory from this tracker's first transaction. */
    public FeatureTracker(FeatureExtractor extractor, AccountStateStore states) {
        this(extractor, states, new InMemoryEntityStates());
    }

    public FeatureTracker(FeatureExtractor extractor, AccountStateStore states, EntityStateStore entityStates) {
        this(extractor, states, new EntityFeatures(entityStates));
    }

    private FeatureTracker(FeatureExtractor extractor, AccountStateStore states, EntityFeatures entities) {
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.states = Objects.requireNonNull(states, "states");
        this.entities = entities;
    }

    /**
     * A tracker of the accounts alone, leaving the entity features as the vector holds them: for what needs only the
     * accounts' states or the anomaly model's inputs (training it, recovering states), which would otherwise build
     * entity states only to drop them.
     */
    public static FeatureTracker accountsOnly(FeatureExtractor extractor, AccountStateStore states) {
        return new FeatureTracker(extractor, states, (EntityFeatures) null);
    }

    /** A new feature vector, to pass to {@link #observe}. */
    public static double[] newVector() {
        return new double[Feature.COUNT];
    }

    /** Writes the transaction's features into {@code features} and teaches the accounts the transaction. */
    public void observe(Transaction tx, double[] features) {
        String payerId = tx.userId();
        AccountState payer = states.stateOf(payerId, tx.timestamp());
        extractor.observePayer(tx, payer, features);
        states.changed(payerId, payer);
        String payeeId = tx.payeeAccount();
        if (payeeId == null) {
            FeatureExtractor.clearPayeeSide(features);
        } else {
            AccountState payee = states.stateOf(payeeId, tx.timestamp());
            extractor.observePayee(tx, payee, features);
            states.changed(payeeId, payee);
        }
        if (entities != null) {
            entities.observe(tx, features);
        }
    }

    /**
     * Learns that {@code tx}, observed earlier, became known as fraud ({@code delta} +1) or stopped being so
     * ({@code delta} -1): the entity features of later transactions count it.
     */
    public void learnOutcome(Transaction tx, int delta) {
        if (entities == null) {
            throw new IllegalStateException("this tracker follows the accounts only; it learns no outcomes");
        }
        entities.learnOutcome(tx, delta);
    }

    public FeatureExtractor extractor() {
        return extractor;
    }
}

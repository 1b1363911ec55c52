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
    private final EntityFeatures entities;

    /** Tracks accounts in {@code states}, and the other entities in memory from this tracker's first transaction. */
    public FeatureTracker(FeatureExtractor extractor, AccountStateStore states) {
        this(extractor, states, new InMemoryEntityStates());
    }

    public FeatureTracker(FeatureExtractor extractor, AccountStateStore states, EntityStateStore entityStates) {
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.states = Objects.requireNonNull(states, "states");
        this.entities = new EntityFeatures(entityStates);
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
        entities.observe(tx, features);
    }

    /**
     * Learns that {@code tx}, observed earlier, became known as fraud ({@code delta} +1) or stopped being so
     * ({@code delta} -1): the entity features of later transactions count it.
     */
    public void learnOutcome(Transaction tx, int delta) {
        entities.learnOutcome(tx, delta);
    }

    public FeatureExtractor extractor() {
        return extractor;
    }
}

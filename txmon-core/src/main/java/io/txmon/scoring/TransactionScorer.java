package io.txmon.scoring;

import io.txmon.features.AccountStateStore;
import io.txmon.features.FeatureExtractor;
import io.txmon.features.FeatureTracker;
import io.txmon.features.PeerProfile;
import io.txmon.model.AnomalyModel;
import io.txmon.rules.RuleSet;
import io.txmon.transaction.Transaction;
import java.util.Objects;
import java.util.Optional;

/**
 * The decision path for a stream of transactions: each one's features from the accounts' behaviour so
 * far, then the decision. Batch scoring, ingestion and the HTTP API all score through this, so the
 * same transactions in the same order get the same decisions everywhere (docs/features.md, "Semantics").
 *
 * <p>Not thread-safe: one scorer follows one ordered stream.
 */
public final class TransactionScorer {
    private final FeatureTracker tracker;
    private final DecisionEngine engine;
    private final double[] features = FeatureTracker.newVector();

    /** Scores with the rule set's feature settings and the model's peer baseline, on {@code states}. */
    public TransactionScorer(RuleSet rules, Optional<AnomalyModel> model, AccountStateStore states) {
        PeerProfile peers = model.map(AnomalyModel::peers).orElse(PeerProfile.EMPTY);
        this.tracker = new FeatureTracker(new FeatureExtractor(rules.features(), peers), states);
        this.engine = new DecisionEngine(rules, model);
    }

    /** Decides on the next transaction and teaches the accounts involved that it happened. */
    public Decision score(Transaction tx) {
        Objects.requireNonNull(tx, "tx");
        tracker.observe(tx, features);
        return engine.decide(tx.transactionId(), features);
    }

    /** The features the latest {@link #score} call decided on, as a copy. */
    public double[] lastFeatures() {
        return features.clone();
    }

    public DecisionEngine engine() {
        return engine;
    }
}

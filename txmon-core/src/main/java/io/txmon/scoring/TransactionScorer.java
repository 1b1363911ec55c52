package io.txmon.scoring;

import io.txmon.boosting.SupervisedModel;
import io.txmon.features.AccountStateStore;
import io.txmon.features.EntityStateStore;
import io.txmon.features.FeatureExtractor;
import io.txmon.features.FeatureTracker;
import io.txmon.features.InMemoryEntityStates;
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
 * <p>The alert budget's {@link ReviewLine} follows the same stream: each decision is judged by the line its day was
 * given, and counts towards the lines of the days after. A scorer given another model starts a new line, as the
 * budget is kept per model version.
 *
 * <p>Not thread-safe: one scorer follows one ordered stream.
 */
public final class TransactionScorer {
    private final FeatureTracker tracker;
    private DecisionEngine engine;
    private ReviewLine reviewLine;
    private final double[] features = FeatureTracker.newVector();

    /**
     * Scores with the rule set's feature settings and the model's peer baseline, on {@code states}; other entities
     * are tracked in memory from the first transaction this scorer sees.
     */
    public TransactionScorer(RuleSet rules, Optional<AnomalyModel> model, AccountStateStore states) {
        this(rules, model, states, new InMemoryEntityStates());
    }

    /** Scores as above, with the entities' states in {@code entityStates}. */
    public TransactionScorer(
            RuleSet rules, Optional<AnomalyModel> model, AccountStateStore states, EntityStateStore entityStates) {
        PeerProfile peers = model.map(AnomalyModel::peers).orElse(PeerProfile.EMPTY);
        this.tracker = new FeatureTracker(new FeatureExtractor(rules.features(), peers), states, entityStates);
        this.engine = new DecisionEngine(rules, model);
        this.reviewLine = newReviewLine(rules);
    }

    private static ReviewLine newReviewLine(RuleSet rules) {
        return new ReviewLine(rules.decision(), rules.features().timeZone());
    }

    /** Decides on the next transaction and teaches the accounts involved that it happened. */
    public Decision score(Transaction tx) {
        Objects.requireNonNull(tx, "tx");
        tracker.observe(tx, features);
        Decision decision = engine.decide(tx.transactionId(), features, reviewLine.at(tx.timestamp()));
        reviewLine.record(tx.timestamp(), decision.riskScore());
        return decision;
    }

    /**
     * Learns that {@code tx}, scored earlier, became known as fraud ({@code delta} +1) or stopped being so ({@code
     * delta} -1). Tell it every outcome known by a transaction's event time before scoring that transaction, and none
     * known later: then a decision uses only what was known when it was made.
     */
    public void learnOutcome(Transaction tx, int delta) {
        tracker.learnOutcome(tx, delta);
    }

    /**
     * Decides the following transactions with {@code supervised} (or none) beside the rules and the anomaly model,
     * as when a retrained model is activated; what the accounts and entities learned is kept.
     */
    public void useSupervised(Optional<SupervisedModel> supervised) {
        if (!engine.supervised().map(SupervisedModel::version).equals(supervised.map(SupervisedModel::version))) {
            reviewLine = newReviewLine(engine.rules());
        }
        engine = new DecisionEngine(engine.rules(), engine.model(), supervised);
    }

    /**
     * The alert budget's line for this scorer's model version; a door that restarts primes it with the scores it
     * stored under the same versions ({@link ReviewLine#record}), so that its lines are those of an unbroken run.
     */
    public ReviewLine reviewLine() {
        return reviewLine;
    }

    /** The features the latest {@link #score} call decided on, as a copy. */
    public double[] lastFeatures() {
        return features.clone();
    }

    public DecisionEngine engine() {
        return engine;
    }
}

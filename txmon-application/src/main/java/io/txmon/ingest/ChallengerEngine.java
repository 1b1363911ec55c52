package io.txmon.ingest;

import io.txmon.boosting.SupervisedModel;
import io.txmon.model.AnomalyModel;
import io.txmon.scoring.Decision;
import io.txmon.scoring.DecisionEngine;
import io.txmon.scoring.ReviewLine;
import io.txmon.shadow.ChallengerSetup;
import io.txmon.transaction.Transaction;
import java.util.Optional;

/**
 * The challenger as the decision log runs it: a second {@link DecisionEngine} with an alert budget's {@link
 * ReviewLine} of its own, deciding on the feature vector the champion's scorer just computed.
 *
 * <p>Judged on the champion's features: the features are computed once, with the champion's rule set's feature
 * settings and its model's peer profile, and the challenger reads the same vector. A challenger model trained with
 * another peer profile, or a challenger rule set with other feature settings, is therefore judged as it would decide
 * on the champion's features, not as it would on its own; what it would change is its scoring and its thresholds.
 * Computing the features twice would double the account state's work and could not share one state anyway.
 *
 * <p>A challenger with a supervised model of its own decides with it; otherwise the champion's, when it has one,
 * decides in the challenger too, so that the comparison speaks of what the challenger changes.
 *
 * <p>Not thread-safe: used from the decision log's deciding thread.
 */
final class ChallengerEngine {
    private final ChallengerSetup setup;
    private DecisionEngine engine;
    private final ReviewLine line;

    ChallengerEngine(ChallengerSetup setup) {
        this.setup = setup;
        this.engine = new DecisionEngine(setup.rules(), setup.model());
        this.line = new ReviewLine(
                setup.rules().decision(), setup.rules().features().timeZone());
    }

    long id() {
        return setup.challenger().id();
    }

    ChallengerSetup setup() {
        return setup;
    }

    /** Its own alert budget's line, primed by a door that opens again with the challenger's stored scores. */
    ReviewLine reviewLine() {
        return line;
    }

    Optional<String> modelVersion() {
        return setup.model().map(AnomalyModel::version);
    }

    /**
     * Decides on {@code tx} from {@code features}, as computed for the champion, with its own supervised model or
     * else the champion's {@code championSupervised}, and counts it towards its line.
     */
    Scored.ShadowDecision decide(Transaction tx, double[] features, Optional<SupervisedModel> championSupervised) {
        Optional<SupervisedModel> supervised = setup.supervised().or(() -> championSupervised);
        if (!engine.supervised().map(SupervisedModel::version).equals(supervised.map(SupervisedModel::version))) {
            engine = new DecisionEngine(setup.rules(), setup.model(), supervised);
        }
        Decision decision = engine.decide(tx.transactionId(), features, line.at(tx.timestamp()));
        line.record(tx.timestamp(), decision.riskScore());
        return new Scored.ShadowDecision(id(), decision);
    }
}

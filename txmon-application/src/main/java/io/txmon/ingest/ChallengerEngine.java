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
 * <p>The champion's supervised model, when it has one, decides in the challenger too: a challenger differs from the
 * champion in its anomaly model and rule set only, so that the comparison speaks of those.
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
     * Decides on {@code tx} from {@code features}, as computed for the champion, with the champion's {@code
     * supervised} model, and counts it towards its line.
     */
    Scored.ShadowDecision decide(Transaction tx, double[] features, Optional<SupervisedModel> supervised) {
        if (!engine.supervised().map(SupervisedModel::version).equals(supervised.map(SupervisedModel::version))) {
            engine = new DecisionEngine(setup.rules(), setup.model(), supervised);
        }
        Decision decision = engine.decide(tx.transactionId(), features, line.at(tx.timestamp()));
        line.record(tx.timestamp(), decision.riskScore());
        return new Scored.ShadowDecision(id(), decision);
    }
}

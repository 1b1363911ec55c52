package io.txmon.shadow;

import io.txmon.boosting.SupervisedModel;
import io.txmon.model.AnomalyModel;
import io.txmon.rules.RuleSet;
import java.util.Objects;
import java.util.Optional;

/**
 * A running challenger with what it decides with, loaded from the kept versions it names.
 *
 * @param supervised its own supervised model; empty when it decides with the champion's
 */
public record ChallengerSetup(
        Challenger challenger, RuleSet rules, Optional<AnomalyModel> model, Optional<SupervisedModel> supervised) {
    public ChallengerSetup {
        Objects.requireNonNull(challenger, "challenger");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(supervised, "supervised");
    }
}

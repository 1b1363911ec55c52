package io.txmon.shadow;

import io.txmon.model.AnomalyModel;
import io.txmon.rules.RuleSet;
import java.util.Objects;
import java.util.Optional;

/** A running challenger with what it decides with, loaded from the kept versions it names. */
public record ChallengerSetup(Challenger challenger, RuleSet rules, Optional<AnomalyModel> model) {
    public ChallengerSetup {
        Objects.requireNonNull(challenger, "challenger");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(model, "model");
    }
}

package io.txmon.storage;

import io.txmon.model.AnomalyModel;
import io.txmon.rules.RuleSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that decides on a database, whichever door a transaction comes through: the active rule set ({@link
 * ActiveRuleSet}: the active stored version, else the shipped defaults kept as the first version) and the anomaly
 * model scoring uses ({@link ActiveModel}: the active version, else the newest, else none). {@code serve} (and the
 * inbox and payments, which decide through it), {@code ingest} and {@code demo} resolve it here when they open and
 * decide with it until they close or are told of an activation; {@code train} takes the feature settings of the same
 * rule set.
 *
 * @param activeRules the rule set, and why the stored one was set aside if it was
 * @param model the model scoring uses, or empty when none is kept: the rules then decide alone
 */
public record DecisionSetup(ActiveRuleSet activeRules, Optional<AnomalyModel> model) {
    public DecisionSetup {
        Objects.requireNonNull(activeRules, "activeRules");
        Objects.requireNonNull(model, "model");
    }

    /**
     * What decides on {@code database}; when no rule set is stored yet, the shipped defaults, stored as the active
     * first version given by {@code by} at {@code now}.
     */
    public static DecisionSetup resolve(Database database, String by, Instant now) {
        return new DecisionSetup(ActiveRuleSet.resolve(database, by, now), ActiveModel.resolve(database));
    }

    /** {@code rules} with {@code model}, as a test or benchmark gives them, nothing read from a database. */
    public static DecisionSetup of(RuleSet rules, Optional<AnomalyModel> model) {
        return new DecisionSetup(new ActiveRuleSet(rules, Optional.empty()), model);
    }

    /** The rules that decide. */
    public RuleSet rules() {
        return activeRules.rules();
    }
}

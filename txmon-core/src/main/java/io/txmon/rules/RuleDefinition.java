package io.txmon.rules;

import java.util.Objects;

/**
 * One rule as an analyst wrote it, not yet checked: {@link RuleSet#compile} validates every field and
 * reports problems with the rule's id, so that a whole file's mistakes read alike.
 *
 * @param id unique within the rule set, such as {@code HIGH_AMOUNT}
 * @param reasonCode the reason code a decision reports when the rule fires, in UPPER_SNAKE_CASE
 * @param description what the rule means and why it exists, for the analyst reading a decision
 * @param weight its share of the risk when it fires, from 0 to 1
 * @param enabled disabled rules are kept and listed but never fire
 * @param condition when the rule fires, in the rule language (see {@link Condition})
 */
public record RuleDefinition(
        String id, String reasonCode, String description, double weight, boolean enabled, String condition) {

    public RuleDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reasonCode, "reason_code");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(condition, "condition");
    }

    /** This rule with another weight, as when tuning. */
    public RuleDefinition withWeight(double newWeight) {
        return new RuleDefinition(id, reasonCode, description, newWeight, enabled, condition);
    }

    /** This rule switched on or off. */
    public RuleDefinition withEnabled(boolean nowEnabled) {
        return new RuleDefinition(id, reasonCode, description, weight, nowEnabled, condition);
    }
}

package io.txmon.rules;

/** One compiled rule of a {@link RuleSet}. */
public final class Rule {
    private final int index;
    private final String id;
    private final String reasonCode;
    private final String description;
    private final double weight;
    private final boolean enabled;
    private final Condition condition;

    Rule(int index, RuleDefinition definition, Condition condition) {
        this.index = index;
        this.id = definition.id();
        this.reasonCode = definition.reasonCode();
        this.description = definition.description();
        this.weight = definition.weight();
        this.enabled = definition.enabled();
        this.condition = condition;
    }

    /** Its position in the rule set, from 0, as {@link RuleSet#evaluate} reports it. */
    public int index() {
        return index;
    }

    /** Unique within the rule set. */
    public String id() {
        return id;
    }

    /** The reason code a decision reports when the rule fires. */
    public String reasonCode() {
        return reasonCode;
    }

    /** What the rule means and why it exists. */
    public String description() {
        return description;
    }

    /** Its share of the risk when it fires, from 0 to 1. */
    public double weight() {
        return weight;
    }

    /** Disabled rules are listed but never fire. */
    public boolean enabled() {
        return enabled;
    }

    /** When it fires. */
    public Condition condition() {
        return condition;
    }

    @Override
    public String toString() {
        return id + " (" + reasonCode + ", weight " + weight + (enabled ? "" : ", disabled") + "): " + condition;
    }
}

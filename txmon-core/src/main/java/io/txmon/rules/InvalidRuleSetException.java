package io.txmon.rules;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A rule set definition cannot be compiled. It names the rule at fault (by id, and by its 1-based
 * position, which also identifies rules with an empty or repeated id), the key that is wrong ({@code
 * weight}, {@code condition}, {@code parameters.high_amount}, ...) and, for a condition, the column,
 * so that a rule file reader can point the analyst at the exact spot.
 */
public final class InvalidRuleSetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int ruleNumber;
    private final String ruleId;
    private final String key;
    private final int column;
    private final String problem;

    private InvalidRuleSetException(
            int ruleNumber, String ruleId, String key, int column, String problem, Throwable cause) {
        super(describe(ruleNumber, ruleId, key, column, problem), cause);
        this.ruleNumber = ruleNumber;
        this.ruleId = ruleId;
        this.key = Objects.requireNonNull(key, "key");
        this.column = column;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** A problem with the rule set as a whole, such as its name or one of its parameters. */
    static InvalidRuleSetException ofRuleSet(String key, String problem) {
        return new InvalidRuleSetException(0, null, key, 0, problem, null);
    }

    /**
     * A problem with one key of one rule.
     *
     * @param ruleNumber the rule's 1-based position in the rule set
     * @param ruleId the rule's id as written, possibly empty
     */
    static InvalidRuleSetException ofRule(int ruleNumber, String ruleId, String key, String problem) {
        return new InvalidRuleSetException(
                requirePositive(ruleNumber), Objects.requireNonNull(ruleId, "ruleId"), key, 0, problem, null);
    }

    /** A rule's condition does not compile. */
    static InvalidRuleSetException ofCondition(int ruleNumber, String ruleId, InvalidConditionException cause) {
        return new InvalidRuleSetException(
                requirePositive(ruleNumber),
                Objects.requireNonNull(ruleId, "ruleId"),
                "condition",
                cause.column(),
                cause.problem(),
                cause);
    }

    /** The id of the rule at fault; empty when the problem is with the rule set itself or the id is empty. */
    public Optional<String> ruleId() {
        return ruleId == null || ruleId.isEmpty() ? Optional.empty() : Optional.of(ruleId);
    }

    /** The 1-based position of the rule at fault; empty when the problem is with the rule set itself. */
    public OptionalInt ruleNumber() {
        return ruleNumber > 0 ? OptionalInt.of(ruleNumber) : OptionalInt.empty();
    }

    /** The key that is wrong, as the rule file spells it. */
    public String key() {
        return key;
    }

    /** For a condition, the 1-based column in the condition's text. */
    public OptionalInt column() {
        return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }

    /** What is wrong, without the rule, key and column. */
    public String problem() {
        return problem;
    }

    private static int requirePositive(int ruleNumber) {
        if (ruleNumber < 1) {
            throw new IllegalArgumentException("ruleNumber counts from 1, was " + ruleNumber);
        }
        return ruleNumber;
    }

    private static String describe(int ruleNumber, String ruleId, String key, int column, String problem) {
        StringBuilder message = new StringBuilder();
        if (ruleNumber > 0) {
            message.append("rule ")
                    .append(ruleId == null || ruleId.isEmpty() ? "#" + ruleNumber : ruleId)
                    .append(": ");
        }
        message.append(key);
        if (column > 0) {
            message.append(", column ").append(column);
        }
        return message.append(": ").append(problem).toString();
    }
}

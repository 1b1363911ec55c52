package io.txmon.rules;

/**
 * A condition is not valid in the rule language: a syntax error, an unknown name, a type error or a
 * construct CEL would read differently. {@link #column()} points at the offending character.
 */
public final class InvalidConditionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int column;
    private final String problem;

    InvalidConditionException(int column, String problem) {
        super("column " + column + ": " + problem);
        this.column = column;
        this.problem = problem;
    }

    /** 1-based position of the offending character in the condition's text. */
    public int column() {
        return column;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }
}

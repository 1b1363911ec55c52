package io.txmon.labelling;

import io.txmon.transaction.InvalidFieldException;
import java.util.Objects;

/**
 * A label of a batch that cannot be kept: {@link #index()} says which, {@link #field()} what is wrong with it. A batch
 * with one is not recorded at all.
 */
public final class InvalidLabelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final String field;

    /** The label at {@code index} (0-based) of its batch broke the contract as {@code problem} says. */
    public InvalidLabelException(int index, InvalidFieldException problem) {
        super(
                "label " + index + ": "
                        + Objects.requireNonNull(problem, "problem").getMessage(),
                problem);
        this.index = index;
        this.field = problem.field();
    }

    /** The label's 0-based position in its batch. */
    public int index() {
        return index;
    }

    /** The contract's name of the field that is wrong, such as {@code labelled_at}. */
    public String field() {
        return field;
    }

    /** What is wrong, naming the field but not the position: {@code labelled_at: must not be before ...}. */
    public String problem() {
        return getCause().getMessage();
    }
}

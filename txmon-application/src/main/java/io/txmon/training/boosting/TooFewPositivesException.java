package io.txmon.training.boosting;

/**
 * Training the supervised model was refused because there are too few positive labels to learn from; the caller
 * goes on without a supervised model, as txmon decides without labels.
 */
public final class TooFewPositivesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int positives;
    private final int required;

    TooFewPositivesException(String message, int positives, int required) {
        super(message);
        this.positives = positives;
        this.required = required;
    }

    /** The positive labels found where they were counted. */
    public int positives() {
        return positives;
    }

    /** The fewest positive labels training accepts there. */
    public int required() {
        return required;
    }
}

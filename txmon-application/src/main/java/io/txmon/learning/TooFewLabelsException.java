package io.txmon.learning;

/**
 * Retraining was refused because too few outcomes were known to train and judge a model: nothing was kept, and the
 * champion (if any) stays. The message says how many were known and how many are needed.
 */
public final class TooFewLabelsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooFewLabelsException(String message) {
        super(message);
    }
}

package io.txmon.ingest;

/** No decision was stored for a transaction in time, or none could be: the caller may send it again. */
public final class DecisionNotStoredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DecisionNotStoredException(String message, Throwable cause) {
        super(message, cause);
    }
}

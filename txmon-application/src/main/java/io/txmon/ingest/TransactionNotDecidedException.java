package io.txmon.ingest;

/**
 * One transaction could not be decided, so it was not stored, while ingestion goes on with the others: its fault
 * (a bug, an unreadable saved account state) is logged where it happened, and the caller learns only that it failed.
 */
public final class TransactionNotDecidedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TransactionNotDecidedException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.txmon.storage;

/** The database cannot be reached or brought to txmon's schema; the message says which and why. */
public final class DatabaseUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.txmon.storage;

/**
 * The database cannot be reached or brought to txmon's schema when it is opened; the message says which and why.
 * Apart from {@link StorageException}, which says that an opened database failed while storage worked with it: this
 * one is the operator's to fix before anything can start, and its message is meant for them.
 */
public final class DatabaseUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.txmon.storage;

/** The database failed or could not be reached while storage did its work; the cause says how. */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}

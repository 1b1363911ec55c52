package io.txmon.ingest;

/** An ingestion run failed; the message says where and why, and nothing of the failing chunk was kept. */
public final class IngestionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    IngestionException(String message) {
        super(message);
    }

    IngestionException(String message, Throwable cause) {
        super(message, cause);
    }
}

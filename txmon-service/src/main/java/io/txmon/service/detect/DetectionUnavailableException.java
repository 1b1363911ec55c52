package io.txmon.service.detect;

/** No stored decision can be given now (the database is failing or too slow): the client may retry later. */
public final class DetectionUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DetectionUnavailableException(String message) {
        super(message);
    }
}

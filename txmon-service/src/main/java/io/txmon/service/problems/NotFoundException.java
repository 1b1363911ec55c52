package io.txmon.service.problems;

/** What a path names does not exist; answered with 404. */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}

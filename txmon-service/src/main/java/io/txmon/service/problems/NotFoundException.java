package io.txmon.service.problems;

/** What a path or body names does not exist; answered with 404 naming the field that named it. */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /** Nothing has the {@code id} of the path. */
    public NotFoundException(String message) {
        this("id", message);
    }

    public NotFoundException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The path variable or body field whose value names nothing. */
    public String field() {
        return field;
    }
}

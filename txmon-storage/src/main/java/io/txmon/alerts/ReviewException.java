package io.txmon.alerts;

/** A review that cannot be applied, naming the field at fault. */
public final class ReviewException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public ReviewException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

package io.txmon.transaction;

/**
 * A record broke the data contract; {@link #field()} names the offending field so that the caller can
 * reject the record with a reason an operator understands, and go on with the rest.
 */
public final class InvalidFieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The contract's name of the field that is wrong, for example {@code amount}. */
    public String field() {
        return field;
    }
}

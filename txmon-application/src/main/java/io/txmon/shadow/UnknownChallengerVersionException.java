package io.txmon.shadow;

/**
 * A challenger was asked for with a version that is not kept: the service answers 404 naming {@link #field}.
 */
public final class UnknownChallengerVersionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    UnknownChallengerVersionException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request's field that named the version: {@code model_version} or {@code rule_set_version}. */
    public String field() {
        return field;
    }
}

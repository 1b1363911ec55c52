package io.txmon.service.problems;

/** A query parameter that is missing or wrong; answered with 400 naming it. */
public final class InvalidParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidParameterException(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}

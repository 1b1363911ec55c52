package io.txmon.storage;

/** A model version was named that is not kept: the service answers 404, the command line names it and fails. */
public final class UnknownModelVersionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String version;

    public UnknownModelVersionException(String version) {
        super("no model version " + version + " is kept");
        this.version = version;
    }

    /** The version named, abbreviated when long. */
    public String version() {
        return version;
    }
}

package io.txmon.storage;

import io.txmon.transaction.InvalidFieldException;
import java.time.Instant;
import java.util.Objects;

/**
 * Choosing the supervised champion by hand, shared by {@code PUT /models/supervised/active} and {@code bin/txmon models
 * activate}: the same validation, the same record of who chose it and when, the same errors. Retraining promotes on
 * its own only a model that beat the champion; this is how an operator overrules it, or goes back to an older one.
 */
public final class ActiveSupervisedModel {
    /** The longest model version a request may name in an error message; kept versions are far shorter. */
    private static final int MAX_ECHOED = 64;

    private ActiveSupervisedModel() {}

    /**
     * Makes the kept supervised model {@code version} the champion on {@code database}, the former champion retired,
     * and records that {@code by} chose it at {@code now}.
     *
     * @throws InvalidFieldException when {@code version} is blank (field {@code model_version})
     * @throws UnknownModelVersionException when no such version is kept; then nothing changes
     */
    public static SupervisedModelVersion activate(Database database, String version, String by, Instant now) {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(now, "now");
        if (version == null || version.isBlank()) {
            throw new InvalidFieldException("model_version", "is required");
        }
        String wanted = version.strip();
        return new StoredSupervisedModels(database)
                .activate(wanted, by, now)
                .orElseThrow(() -> new UnknownModelVersionException(abbreviate(wanted)));
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_ECHOED ? text : text.substring(0, MAX_ECHOED - 3) + "...";
    }
}

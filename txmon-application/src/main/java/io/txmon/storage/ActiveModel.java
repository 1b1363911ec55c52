package io.txmon.storage;

import io.txmon.model.AnomalyModel;
import io.txmon.transaction.InvalidFieldException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The anomaly model that scores on a database, whichever door a transaction comes through: the version made active,
 * else the newest kept, else none. Activating one is a use case of its own, shared by {@code PUT /models/active} and
 * {@code bin/txmon models activate}: the same validation, the same record of who chose it and when, the same errors.
 */
public final class ActiveModel {
    /** The longest model version a request may name in an error message; kept versions are far shorter. */
    private static final int MAX_ECHOED = 64;

    private ActiveModel() {}

    /** The model scoring uses on {@code database}: the active version, else the newest; empty when none is kept. */
    public static Optional<AnomalyModel> resolve(Database database) {
        return new StoredModels(database).forScoring();
    }

    /**
     * Makes the kept model {@code version} the one scoring uses on {@code database}, whatever is trained later, until
     * another is chosen, and records that {@code by} chose it at {@code now}. A running service learns of it from its
     * own endpoint only.
     *
     * @throws InvalidFieldException when {@code version} is blank (field {@code model_version})
     * @throws UnknownModelVersionException when no such version is kept; then nothing changes
     */
    public static AnomalyModel activate(Database database, String version, String by, Instant now) {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(now, "now");
        if (version == null || version.isBlank()) {
            throw new InvalidFieldException("model_version", "is required");
        }
        String wanted = version.strip();
        return new StoredModels(database)
                .activate(wanted, by, now)
                .orElseThrow(() -> new UnknownModelVersionException(abbreviate(wanted)));
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_ECHOED ? text : text.substring(0, MAX_ECHOED - 3) + "...";
    }
}

package io.txmon.storage;

import io.txmon.model.AnomalyModel;
import java.util.Optional;

/**
 * The anomaly model that scores on a database, whichever door a transaction comes through: the version made active,
 * else the newest kept, else none.
 */
public final class ActiveModel {
    private ActiveModel() {}

    /** The model scoring uses on {@code database}: the active version, else the newest; empty when none is kept. */
    public static Optional<AnomalyModel> resolve(Database database) {
        return new StoredModels(database).forScoring();
    }
}

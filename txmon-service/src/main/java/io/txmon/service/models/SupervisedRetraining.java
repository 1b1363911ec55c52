package io.txmon.service.models;

import io.txmon.learning.Retraining;
import io.txmon.service.TxmonProperties;
import io.txmon.storage.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The service's one door to {@link Retraining}, shared by {@code POST /models/supervised/train} and the schedule: one
 * retraining at a time, since two at once would train on the same history to judge against the same champion, and
 * each run is logged on {@code txmon.audit}. Scoring is not touched: the registry records the champion, and what
 * decides reads it there.
 */
@Component
class SupervisedRetraining {
    private static final Logger AUDIT = LoggerFactory.getLogger("txmon.audit");

    private final Database database;
    private final TxmonProperties.Retraining settings;
    private final Clock clock;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    SupervisedRetraining(Database database, TxmonProperties properties, Clock clock) {
        this.database = database;
        this.settings = properties.retraining();
        this.clock = clock;
    }

    /**
     * Retrains as of {@code asOf} (now when empty), {@code by} recorded as who activated a promoted model.
     *
     * @throws io.txmon.learning.TooFewLabelsException when too few outcomes are known
     */
    Retraining.Outcome run(Optional<Instant> asOf, String by) {
        oneAtATime.lock();
        try {
            Retraining.Outcome outcome = Retraining.withTrainerDefaults(
                            database, settings.labelDelay(), Retraining.DEFAULT_SEED, clock)
                    .run(asOf, by);
            AUDIT.info("retraining by {}: {}", by, outcome.summary());
            return outcome;
        } finally {
            oneAtATime.unlock();
        }
    }
}

package io.txmon.service.models;

import io.txmon.ingest.OnlineIngestion;
import io.txmon.learning.Retraining;
import io.txmon.service.TxmonProperties;
import io.txmon.storage.Database;
import io.txmon.storage.StoredSupervisedModels;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The service's one door to {@link Retraining}, shared by {@code POST /models/supervised/train} and the schedule: one
 * retraining at a time, since two at once would train on the same history to judge against the same champion, and
 * each run is logged on {@code txmon.audit}. Scoring follows the registry: after each run, and whenever a champion
 * is chosen by hand, the service decides with the champion from the next transaction on.
 */
@Component
class SupervisedRetraining {
    private static final Logger AUDIT = LoggerFactory.getLogger("txmon.audit");

    private final Database database;
    private final OnlineIngestion scoring;
    private final TxmonProperties.Retraining settings;
    private final Clock clock;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    SupervisedRetraining(Database database, TxmonProperties properties, Clock clock, OnlineIngestion scoring) {
        this.database = database;
        this.scoring = scoring;
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
            scoreWithTheChampion();
            return outcome;
        } finally {
            oneAtATime.unlock();
        }
    }

    /** Makes scoring use the registry's champion (or none) from the next transaction on. */
    void scoreWithTheChampion() {
        try {
            scoring.useSupervised(new StoredSupervisedModels(database).champion())
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while switching the supervised model", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("scoring could not switch to the champion: " + e.getMessage(), e);
        }
    }
}

package io.txmon.ingest;

import io.txmon.storage.StorageException;
import java.time.Instant;
import java.util.List;

/**
 * Where the decision log puts what it decided: the transactions, their decisions and an alert for each REVIEW and
 * BLOCK. The log calls it from its one writing thread, a batch at a time in sequence order, and commits the batch
 * with the run's counters after it returns; a door that keeps decisions elsewhere brings its own sink.
 */
public interface DecisionSink {
    /**
     * Writes {@code batch}, decided at {@code decidedAt} under ingestion run {@code runId}, as part of the unit of
     * work the log commits next.
     *
     * @throws StorageException when it cannot: the log then rolls the batch back
     */
    void write(List<Scored> batch, long runId, Instant decidedAt);
}

package io.txmon.ingest;

import io.txmon.decisions.StoredDecision;
import io.txmon.storage.Database;
import io.txmon.storage.Jdbc;
import io.txmon.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The decision log's tables for a door that decides elsewhere (the Flink job): each batch of decided transactions is
 * stored in one database transaction, through the same writer as the log ({@link DecisionTables}), so that the
 * service, the dashboard and alert review read them as they read ingested ones.
 *
 * <p>Idempotent by transaction id, because such a door delivers at least once (a Flink job restarted from its last
 * checkpoint sends again what it decided since): a transaction stored before, by this door or any other, is skipped
 * and counted as a duplicate, so it is stored once and its alert opened once. The lookup runs inside the batch's
 * transaction, after the run's row is locked.
 *
 * <p>Several writers may share one ingestion run (the job's parallel tasks, each with its own instance). They take
 * turns on the run's row lock: each batch's duplicate lookup then sees every batch committed before it, and its
 * sequence numbers follow the highest stored. The decision log of a process running meanwhile on the same database
 * does not take that lock and numbers from where it started, so the two must not write at the same time
 * (docs/streaming.md, "Database sink").
 *
 * <p>Holds one connection; used from one thread.
 */
public final class ExternalDecisions implements AutoCloseable {
    private final Database database;
    private final long runId;
    private final Clock clock;
    private final Connection connection;
    private final DecisionTables tables;

    private ExternalDecisions(Database database, long runId, Clock clock, Connection connection) {
        this.database = database;
        this.runId = runId;
        this.clock = clock;
        this.connection = connection;
        this.tables = new DecisionTables(BulkWriter.of(database.engine()), connection);
    }

    /**
     * Starts an ingestion run reading {@code source}, RUNNING until {@link #succeeded} or {@link #failed}, and
     * returns its id. Unlike the decision log, it leaves other RUNNING runs alone: the service may be running.
     *
     * @throws StorageException when the database fails
     */
    public static long startRun(Database database, String source, Clock clock) {
        Objects.requireNonNull(source, "source");
        try (Connection connection = database.connect()) {
            return RunLedger.start(connection, source, clock.instant());
        } catch (SQLException e) {
            throw new StorageException("starting an ingestion run for " + source + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Stores decisions under run {@code runId} on a connection of its own.
     *
     * @throws IllegalArgumentException when there is no such run
     * @throws StorageException when the database fails
     */
    public static ExternalDecisions open(Database database, long runId, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        boolean exists;
        Connection connection = null;
        try {
            connection = database.connect();
            connection.setAutoCommit(false);
            exists = RunLedger.lock(connection, runId);
            connection.rollback();
        } catch (SQLException e) {
            Jdbc.closeQuietly(connection);
            throw new StorageException("opening ingestion run " + runId + " for writing failed: " + e.getMessage(), e);
        }
        if (!exists) {
            Jdbc.closeQuietly(connection);
            throw new IllegalArgumentException(
                    "ingestion run " + runId + " does not exist in " + database.displayUrl());
        }
        return new ExternalDecisions(database, runId, clock, connection);
    }

    /**
     * Stores {@code batch} in one database transaction: each transaction not stored before, with its decision, the
     * next sequence number (in the batch's order) and an OPEN alert for each REVIEW and BLOCK; then adds to the
     * run's counts. A transaction stored before, or repeated in the batch, is skipped as a duplicate.
     *
     * @throws StorageException when the database fails: nothing of the batch is stored
     */
    public void append(List<ExternalDecision> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, ExternalDecision> firsts = new LinkedHashMap<>();
        for (ExternalDecision decided : batch) {
            firsts.putIfAbsent(decided.transaction().transactionId(), decided);
        }
        try {
            if (!RunLedger.lock(connection, runId)) {
                throw new StorageException("ingestion run " + runId + " is gone from " + database.displayUrl(), null);
            }
            Map<String, StoredDecision> before = DecisionTables.stored(connection, database.engine(), firsts.keySet());
            long sequence = DecisionLog.lastSequenceNumber(connection);
            List<DecisionTables.Row> rows = new ArrayList<>(firsts.size() - before.size());
            RunCounts delta = new RunCounts();
            delta.read = batch.size();
            for (ExternalDecision decided : firsts.values()) {
                if (before.containsKey(decided.transaction().transactionId())) {
                    continue;
                }
                StoredDecision stored = decided.stored(++sequence);
                rows.add(new DecisionTables.Row(decided.transaction(), stored));
                delta.alerts += stored.opensAlert() ? 1 : 0;
            }
            delta.inserted = rows.size();
            delta.duplicates = batch.size() - rows.size();
            Instant now = clock.instant();
            tables.writeRows(rows, runId, now);
            RunLedger.add(connection, runId, delta);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            Jdbc.rollbackQuietly(connection);
            if (e instanceof SQLException sql) {
                throw new StorageException(
                        "storing " + batch.size() + " decided transactions under run " + runId + " failed: "
                                + sql.getMessage(),
                        sql);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Ends run {@code runId} as SUCCEEDED, keeping its counts: once whatever wrote under it has stopped.
     *
     * @throws StorageException when the database fails
     */
    public static void succeeded(Database database, long runId, Clock clock) {
        end(database, runId, "SUCCEEDED", null, clock);
    }

    /**
     * Ends run {@code runId} as FAILED with {@code why}, keeping its counts and what it stored.
     *
     * @throws StorageException when the database fails
     */
    public static void failed(Database database, long runId, String why, Clock clock) {
        end(database, runId, "FAILED", "run " + runId + " failed: " + why, clock);
    }

    private static void end(Database database, long runId, String status, String message, Clock clock) {
        try (Connection connection = database.connect()) {
            RunLedger.end(connection, runId, status, message, clock.instant());
        } catch (SQLException e) {
            throw new StorageException("ending ingestion run " + runId + " failed: " + e.getMessage(), e);
        }
    }

    /** Lets go of the connection; a batch not appended is not stored. */
    @Override
    public void close() {
        Jdbc.closeQuietly(connection);
    }
}

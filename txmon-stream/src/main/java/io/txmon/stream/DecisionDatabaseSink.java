package io.txmon.stream;

import io.txmon.ingest.ExternalDecisions;
import io.txmon.storage.Database;
import java.time.Clock;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The job's optional database sink: each decided transaction stored in the tables the service reads (the
 * transaction, its decision, an OPEN alert for each REVIEW and BLOCK), as ingestion stores them, so that the
 * dashboard and alert review work unchanged on a streaming deployment.
 *
 * <p>Each writer buffers what it receives and stores it in one database transaction when the buffer reaches the
 * batch size and whenever Flink flushes it: before every checkpoint's barrier, so that what a checkpoint covers is
 * stored, and at the end of input. Flink delivers at least once into it (a job restarted from its last checkpoint
 * sends again what it decided since); storing is idempotent by transaction id ({@link ExternalDecisions}), so a
 * decision sent again is stored once and opens one alert.
 *
 * <p>Opening the sink, in the job's client, migrates the database and starts one ingestion run ({@link #SOURCE})
 * that every writer, restarts included, stores under; the caller ends it with {@link #succeeded} or {@link #failed}
 * once the job has stopped.
 */
public final class DecisionDatabaseSink implements Sink<DecidedTransaction> {
    private static final long serialVersionUID = 1L;

    /** The source the stream's ingestion run names, as {@code http-api} names the service's. */
    public static final String SOURCE = "flink-stream";

    /**
     * Decisions a writer stores per database transaction at most, between checkpoints: about what ingestion writes
     * per batch, and what a writer holds in memory at most.
     */
    public static final int DEFAULT_BATCH_SIZE = 5_000;

    private final String databaseUrl;
    private final long runId;
    private final int batchSize;
    private final Clock clock;

    private DecisionDatabaseSink(String databaseUrl, long runId, int batchSize, Clock clock) {
        this.databaseUrl = databaseUrl;
        this.runId = runId;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /**
     * A sink into the database at {@code databaseUrl} (a JDBC URL, as {@code bin/txmon ingest --db} takes), with
     * {@link #DEFAULT_BATCH_SIZE} and the system clock for when decisions and alerts are stored.
     *
     * @throws io.txmon.storage.DatabaseUnavailableException when it cannot be reached or migrated
     */
    public static DecisionDatabaseSink open(String databaseUrl) {
        return open(databaseUrl, DEFAULT_BATCH_SIZE, Clock.systemUTC());
    }

    /**
     * A sink into the database at {@code databaseUrl} storing at most {@code batchSize} decisions per database
     * transaction, stamped with {@code clock}'s time (it must be serializable: Flink ships it to every writer).
     * Migrates the database and starts the stream's ingestion run, here in the caller: a database that cannot be
     * reached fails the job before it is submitted.
     *
     * @throws io.txmon.storage.DatabaseUnavailableException when it cannot be reached or migrated
     */
    public static DecisionDatabaseSink open(String databaseUrl, int batchSize, Clock clock) {
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(clock, "clock");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        long runId = ExternalDecisions.startRun(Database.open(databaseUrl), SOURCE, clock);
        return new DecisionDatabaseSink(databaseUrl, runId, batchSize, clock);
    }

    /** The ingestion run the decisions are stored under. */
    public long runId() {
        return runId;
    }

    /** Ends the stream's ingestion run as SUCCEEDED, once the job has stopped writing. */
    public void succeeded() {
        ExternalDecisions.succeeded(Database.open(databaseUrl), runId, clock);
    }

    /** Ends the stream's ingestion run as FAILED for {@code cause}, once the job has stopped writing. */
    public void failed(Throwable cause) {
        ExternalDecisions.failed(Database.open(databaseUrl), runId, String.valueOf(cause.getMessage()), clock);
    }

    @Override
    public SinkWriter<DecidedTransaction> createWriter(WriterInitContext context) {
        return new DecisionDatabaseWriter(ExternalDecisions.open(Database.open(databaseUrl), runId, clock), batchSize);
    }
}

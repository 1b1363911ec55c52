package io.txmon.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Commits scored chunks one at a time on the writer's own connection and thread, each in one database
 * transaction with the run's counters and the source's watermark, while the caller scores the next chunk. At
 * most one chunk is in flight, which bounds memory; the run's counts move on only once a chunk has committed,
 * so that they always match the database.
 */
final class ChunkPipeline {
    private final ExecutorService executor;
    private final Connection connection;
    private final ChunkWriter writer;
    private final long runId;
    private final String source;
    private final RunCounts counts;
    private final Clock clock;

    /** The last sequence number given out, and the latest event time scored. */
    long sequence;

    Instant watermark;

    private Future<RunCounts> pending;
    private int chunks;

    ChunkPipeline(
            ExecutorService executor,
            Connection connection,
            ChunkWriter writer,
            long runId,
            String source,
            RunCounts counts,
            Clock clock) {
        this.executor = executor;
        this.connection = connection;
        this.writer = writer;
        this.runId = runId;
        this.source = source;
        this.counts = counts;
        this.clock = clock;
    }

    /**
     * Hands a scored chunk to the writer, after the previous one has committed.
     *
     * @param read the chunk's transactions, stored before or not
     * @param duplicates those stored before
     * @param lastSequence the sequence number of the chunk's last transaction
     * @param latest the latest event time up to and including the chunk
     */
    void submit(
            InputFile file,
            List<Scored> scored,
            long read,
            long duplicates,
            long alerts,
            long lastSequence,
            Instant latest,
            ChunkListener listener)
            throws SQLException {
        drain();
        RunCounts after = counts.copy();
        after.read += read;
        after.inserted += scored.size();
        after.duplicates += duplicates;
        after.alerts += alerts;
        int number = ++chunks;
        pending = executor.submit(() -> {
            try {
                Instant now = clock.instant();
                writer.write(connection, scored, runId, now);
                RunLedger.count(connection, runId, after);
                RunLedger.advance(connection, source, file.name(), latest, runId, now);
                listener.beforeCommit(number);
                connection.commit();
                return after;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        });
        sequence = lastSequence;
        watermark = latest;
    }

    /**
     * Waits for the chunk in flight, if any, without throwing: after the caller failed, so that the writer's
     * connection is not closed under it and the counts include the chunk if it committed.
     */
    void settle() {
        if (pending == null) {
            return;
        }
        try {
            counts.set(pending.get());
        } catch (ExecutionException e) {
            // The chunk rolled back; the caller's own failure is the one to report.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pending = null;
        }
    }

    /** Waits for the chunk in flight to commit; rethrows what made it fail. */
    void drain() throws SQLException {
        if (pending == null) {
            return;
        }
        try {
            counts.set(pending.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IngestionException("writing a chunk failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestionException("interrupted while writing a chunk", e);
        } finally {
            pending = null;
        }
    }
}

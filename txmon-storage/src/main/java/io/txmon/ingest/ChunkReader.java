package io.txmon.ingest;

import io.txmon.formats.TransactionFiles;
import io.txmon.storage.DatabaseEngine;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads one file's transactions on a thread of its own, in chunks in event-time order, each with the ids among
 * them that are stored already, while the caller scores the chunk before. Reading and the duplicate lookup
 * (a round trip to a database busy with the writer's {@code COPY}) took as long as scoring itself; on their own
 * thread they overlap it.
 *
 * <p>A file already in event-time order (most are: {@link TransactionFiles#inEventTimeOrder}) is read as it
 * streams, one chunk at a time; any other is read whole and sorted first, ties keeping file order as {@code
 * score} does. Either way the caller sees the same chunks.
 *
 * <p>The lookup may run before earlier chunks have committed: those never hold the same ids, because a run reads
 * each id once ({@code seenThisRun}). At most {@link #AHEAD} chunks wait for the caller, which bounds memory.
 * {@code seenThisRun} and {@code records} belong to the reading thread until {@link #next} has returned null.
 */
final class ChunkReader implements AutoCloseable {
    /** A chunk to score: its transactions in order, and those of their ids that are stored already. */
    record Chunk(List<Transaction> transactions, Set<String> stored) {}

    static final int AHEAD = 2;

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts reading.
     *
     * @param ordered whether the file is in event-time order, so that it can be read as it streams
     * @param lookups a connection of the reader's own for the duplicate lookups, auto-commit off
     */
    ChunkReader(
            Path path,
            boolean ordered,
            TransactionParser parser,
            int chunkSize,
            Set<String> seenThisRun,
            FileRecords records,
            Connection lookups,
            DatabaseEngine engine) {
        this.thread = new Thread(
                () -> {
                    try {
                        ChunkSink sink = chunk -> hand(new Chunk(chunk, stored(lookups, engine, chunk)));
                        if (ordered) {
                            stream(path, parser, chunkSize, seenThisRun, records, sink);
                        } else {
                            sortAndChunk(path, parser, chunkSize, seenThisRun, records, sink);
                        }
                        hand(END);
                    } catch (Closed e) {
                        // The caller stopped reading; nothing waits for the rest.
                    } catch (Throwable e) {
                        try {
                            hand(e);
                        } catch (Closed ignored) {
                            // As above.
                        }
                    }
                },
                "txmon-ingest-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The next chunk, or null after the last.
     *
     * @throws SQLException when a duplicate lookup failed
     * @throws RuntimeException what reading the file threw, such as a {@link io.txmon.formats.DataFileException}
     */
    Chunk next() throws SQLException {
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestionException("interrupted while reading", e);
        }
        if (item == END) {
            queue.add(END);
            return null;
        }
        if (item instanceof Chunk chunk) {
            return chunk;
        }
        queue.add(item);
        if (item instanceof SQLException e) {
            throw e;
        }
        if (item instanceof RuntimeException e) {
            throw e;
        }
        if (item instanceof Error e) {
            throw e;
        }
        throw new IngestionException("reading failed: " + item, (Throwable) item);
    }

    /** Stops the reading thread, if it is still going, and waits for it. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void hand(Object item) {
        try {
            while (!closed) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new Closed();
    }

    private void stream(
            Path path,
            TransactionParser parser,
            int chunkSize,
            Set<String> seenThisRun,
            FileRecords records,
            ChunkSink sink)
            throws SQLException {
        List<List<Transaction>> filling = new ArrayList<>(List.of(new ArrayList<>(chunkSize)));
        try {
            TransactionFiles.read(
                    path,
                    parser,
                    parsed -> {
                        stopIfClosed();
                        if (records.isNew(parsed.value(), seenThisRun)) {
                            List<Transaction> chunk = filling.get(0);
                            chunk.add(parsed.value());
                            if (chunk.size() == chunkSize) {
                                sink.acceptUnchecked(chunk);
                                filling.set(0, new ArrayList<>(chunkSize));
                            }
                        }
                    },
                    records.rejected::add);
        } catch (LookupFailure failure) {
            throw failure.getCause();
        }
        if (!filling.get(0).isEmpty()) {
            sink.accept(filling.get(0));
        }
    }

    private void sortAndChunk(
            Path path,
            TransactionParser parser,
            int chunkSize,
            Set<String> seenThisRun,
            FileRecords records,
            ChunkSink sink)
            throws SQLException {
        List<Transaction> transactions = new ArrayList<>();
        TransactionFiles.read(
                path,
                parser,
                parsed -> {
                    stopIfClosed();
                    if (records.isNew(parsed.value(), seenThisRun)) {
                        transactions.add(parsed.value());
                    }
                },
                records.rejected::add);
        transactions.sort(Comparator.comparing(Transaction::timestamp));
        for (int from = 0; from < transactions.size(); from += chunkSize) {
            sink.accept(List.copyOf(transactions.subList(from, Math.min(transactions.size(), from + chunkSize))));
        }
    }

    private void stopIfClosed() {
        if (closed) {
            throw new Closed();
        }
    }

    private static Set<String> stored(Connection lookups, DatabaseEngine engine, List<Transaction> chunk)
            throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        chunk.forEach(tx -> ids.add(tx.transactionId()));
        try {
            return ChunkWriter.stored(lookups, engine, ids);
        } finally {
            lookups.commit();
        }
    }

    /** Where chunks go, a database lookup on the way. */
    @FunctionalInterface
    private interface ChunkSink {
        void accept(List<Transaction> chunk) throws SQLException;

        /** For a reader's callback, which may not throw {@link SQLException}. */
        default void acceptUnchecked(List<Transaction> chunk) {
            try {
                accept(chunk);
            } catch (SQLException e) {
                throw new LookupFailure(e);
            }
        }
    }

    /** Carries a lookup's {@link SQLException} out of a reader's callback. */
    private static final class LookupFailure extends RuntimeException {
        LookupFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /** Unwinds the reading thread once the caller has stopped reading. */
    private static final class Closed extends RuntimeException {
        Closed() {
            super(null, null, false, false);
        }
    }
}

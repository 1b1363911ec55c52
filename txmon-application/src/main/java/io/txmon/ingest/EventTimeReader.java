package io.txmon.ingest;

import io.txmon.formats.TransactionFiles;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a transactions file in event-time order, a chunk at a time, for every door that reads files: a file already
 * in order is scored as it is read, holding one chunk; any other is read whole and sorted (stable: ties keep file
 * order, as {@code score} does). Rejected records and ids repeated within the run go to the file's {@link
 * FileRecords}.
 */
final class EventTimeReader {
    /** Takes one chunk; the list may be reused after it returns. */
    @FunctionalInterface
    interface Chunks {
        void accept(List<Transaction> chunk) throws SQLException;
    }

    private final TransactionParser parser;
    private final int chunkSize;
    private final Consumer<String> progress;

    EventTimeReader(TransactionParser parser, int chunkSize, Consumer<String> progress) {
        this.parser = parser;
        this.chunkSize = chunkSize;
        this.progress = progress;
    }

    /** Hands {@code path}'s transactions new to the run to {@code chunks}; returns the latest event time, or null. */
    Instant read(Path path, Set<String> seenThisRun, FileRecords records, Chunks chunks) throws SQLException {
        if (TransactionFiles.inEventTimeOrder(path, parser)) {
            return stream(path, seenThisRun, records, chunks);
        }
        progress.accept(path.getFileName() + " is not in event-time order: reading it whole to sort it");
        return sortAndRead(path, seenThisRun, records, chunks);
    }

    private Instant stream(Path path, Set<String> seenThisRun, FileRecords records, Chunks chunks) throws SQLException {
        List<Transaction> chunk = new ArrayList<>(chunkSize);
        Instant[] latest = {null};
        try {
            TransactionFiles.read(
                    path,
                    parser,
                    parsed -> {
                        Transaction tx = parsed.value();
                        if (records.isNew(tx, seenThisRun)) {
                            chunk.add(tx);
                            latest[0] = tx.timestamp();
                            if (chunk.size() == chunkSize) {
                                acceptUnchecked(chunks, chunk);
                                chunk.clear();
                            }
                        }
                    },
                    records.rejected::add);
        } catch (ChunkFailure failure) {
            throw failure.getCause();
        }
        if (!chunk.isEmpty()) {
            chunks.accept(chunk);
        }
        return latest[0];
    }

    private Instant sortAndRead(Path path, Set<String> seenThisRun, FileRecords records, Chunks chunks)
            throws SQLException {
        List<Transaction> transactions = new ArrayList<>();
        TransactionFiles.read(
                path,
                parser,
                parsed -> {
                    if (records.isNew(parsed.value(), seenThisRun)) {
                        transactions.add(parsed.value());
                    }
                },
                records.rejected::add);
        transactions.sort(Comparator.comparing(Transaction::timestamp));
        for (int from = 0; from < transactions.size(); from += chunkSize) {
            chunks.accept(transactions.subList(from, Math.min(transactions.size(), from + chunkSize)));
        }
        return transactions.isEmpty()
                ? null
                : transactions.get(transactions.size() - 1).timestamp();
    }

    private static void acceptUnchecked(Chunks chunks, List<Transaction> chunk) {
        try {
            chunks.accept(chunk);
        } catch (SQLException e) {
            throw new ChunkFailure(e);
        }
    }

    /** Carries a chunk's {@link SQLException} out of a reader's callback. */
    private static final class ChunkFailure extends RuntimeException {
        ChunkFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}

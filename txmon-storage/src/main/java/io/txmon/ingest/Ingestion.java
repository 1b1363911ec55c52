package io.txmon.ingest;

import io.txmon.formats.AccountFiles;
import io.txmon.formats.ReadSummary;
import io.txmon.formats.RejectedRecord;
import io.txmon.formats.TransactionFiles;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelCodec;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.TransactionScorer;
import io.txmon.storage.Database;
import io.txmon.transaction.Account;
import io.txmon.transaction.AccountParser;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads transaction files into the database, scoring each new transaction once through {@link TransactionScorer}.
 * Work is committed per chunk, with everything the chunk decided, so that a run stopped at any point and started
 * again stores every transaction exactly once and scores it as one uninterrupted run would have.
 */
public final class Ingestion {
    /** Transactions per database transaction. */
    public static final int DEFAULT_CHUNK_SIZE = 10_000;

    private final Database database;
    private final RuleSet rules;
    private final TransactionParser parser;
    private final PrintWriter progress;
    private final Clock clock;
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private ChunkListener listener = ChunkListener.NONE;

    /** Ingests into {@code database} with {@code rules}, reporting progress on {@code progress}. */
    public Ingestion(Database database, RuleSet rules, TransactionParser parser, PrintWriter progress) {
        this.database = Objects.requireNonNull(database, "database");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.clock = Clock.systemUTC();
    }

    public Ingestion chunkSize(int transactions) {
        if (transactions < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, was " + transactions);
        }
        this.chunkSize = transactions;
        return this;
    }

    public Ingestion listener(ChunkListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Ingests {@code input}: one file, or a folder read as an inbox (only files whose content it has not read
     * to the end before, in name order).
     *
     * @param accounts reference data about the accounts, or null
     * @throws IngestionException when the database fails part-way; committed chunks stay, the failing one does not
     */
    public IngestionResult run(Path input, Path accounts) {
        String source = input.toAbsolutePath().normalize().toString();
        List<Path> paths = InputFile.list(input);
        Map<String, Account> reference = accounts == null ? Map.of() : readAccounts(accounts);
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            Instant now = clock.instant();
            for (long stale : RunLedger.abandonStale(connection, now)) {
                progress.printf("run %d was still RUNNING (interrupted): marked ABANDONED%n", stale);
            }
            long runId = RunLedger.start(connection, source, now);
            if (!reference.isEmpty()) {
                RunLedger.reference(connection, reference.values());
            }
            connection.commit();
            RunCounts counts = new RunCounts();
            try {
                ingest(connection, runId, source, paths, reference, counts);
                RunLedger.finish(connection, runId, counts, "SUCCEEDED", null, clock.instant());
                connection.commit();
                return counts.result(runId);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                String message = "run " + runId + " failed: " + e.getMessage();
                RunLedger.finish(connection, runId, counts, "FAILED", message, clock.instant());
                connection.commit();
                throw e instanceof IngestionException ingestion ? ingestion : new IngestionException(message, e);
            }
        } catch (SQLException e) {
            throw new IngestionException("database " + database.displayUrl() + " failed: " + e.getMessage(), e);
        }
    }

    private void ingest(
            Connection connection,
            long runId,
            String source,
            List<Path> paths,
            Map<String, Account> reference,
            RunCounts counts)
            throws SQLException {
        Optional<AnomalyModel> model = newestModel(connection);
        if (model.isEmpty()) {
            progress.println("no model in the database (bin/txmon train makes one): scoring with the rules alone");
        } else {
            progress.printf("scoring with model %s%n", model.get());
        }
        DatabaseAccountStates states = new DatabaseAccountStates(reference);
        TransactionScorer scorer = new TransactionScorer(rules, model, states);
        long[] sequence = {lastSequenceNumber(connection)};
        Instant[] watermark = {RunLedger.watermark(connection, source)};
        boolean inbox = paths.size() != 1
                || !paths.get(0).toAbsolutePath().normalize().toString().equals(source);
        Set<String> seenThisRun = new HashSet<>();
        int[] chunkNumber = {0};
        for (Path path : paths) {
            InputFile file = InputFile.of(path);
            if (inbox && RunLedger.ingested(connection, source, file.name(), file.sha256())) {
                continue;
            }
            progress.printf("reading %s%n", path);
            List<Transaction> transactions = new ArrayList<>();
            List<RejectedRecord> rejected = new ArrayList<>();
            long[] repeated = {0};
            ReadSummary summary = TransactionFiles.read(
                    path,
                    parser,
                    parsed -> {
                        if (seenThisRun.add(parsed.value().transactionId())) {
                            transactions.add(parsed.value());
                        } else {
                            repeated[0]++;
                        }
                    },
                    rejected::add);
            // Stable sort: event-time order, ties in file order, as scoring a file with `score` does.
            transactions.sort(Comparator.comparing(Transaction::timestamp));
            counts.read += summary.rejected() + repeated[0];
            counts.rejected += summary.rejected();
            counts.duplicates += repeated[0];
            RunLedger.rejected(connection, runId, file.name(), rejected);
            RunLedger.count(connection, runId, counts);
            connection.commit();
            for (RejectedRecord record : rejected.subList(0, Math.min(5, rejected.size()))) {
                progress.printf("rejected %s line %d: %s%n", file.name(), record.line(), record.reason());
            }
            for (int from = 0; from < transactions.size(); from += chunkSize) {
                List<Transaction> chunk = transactions.subList(from, Math.min(transactions.size(), from + chunkSize));
                chunkNumber[0]++;
                ingestChunk(
                        connection,
                        runId,
                        source,
                        file,
                        chunk,
                        scorer,
                        states,
                        sequence,
                        watermark,
                        counts,
                        chunkNumber[0]);
            }
            RunLedger.completed(connection, source, file, runId, clock.instant());
            RunLedger.advance(connection, source, file.name(), watermark[0], runId, clock.instant());
            connection.commit();
            progress.printf(
                    "%s: %,d read, %,d inserted, %,d duplicates, %,d rejected so far in run %d%n",
                    file.name(), counts.read, counts.inserted, counts.duplicates, counts.rejected, runId);
        }
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private void ingestChunk(
            Connection connection,
            long runId,
            String source,
            InputFile file,
            List<Transaction> chunk,
            TransactionScorer scorer,
            DatabaseAccountStates states,
            long[] sequence,
            Instant[] watermark,
            RunCounts counts,
            int chunkNumber)
            throws SQLException {
        try {
            Set<String> ids = new LinkedHashSet<>();
            chunk.forEach(tx -> ids.add(tx.transactionId()));
            Set<String> stored = ChunkWriter.stored(connection, ids);
            List<Transaction> fresh = chunk.stream()
                    .filter(tx -> !stored.contains(tx.transactionId()))
                    .toList();
            Set<String> accountIds = new HashSet<>();
            for (Transaction tx : fresh) {
                accountIds.add(tx.userId());
                if (tx.payeeAccount() != null) {
                    accountIds.add(tx.payeeAccount());
                }
            }
            states.load(connection, accountIds);
            List<Scored> scored = new ArrayList<>(fresh.size());
            long next = sequence[0];
            Instant latest = watermark[0];
            for (Transaction tx : fresh) {
                scored.add(new Scored(tx, scorer.score(tx), ++next));
                latest = latest == null || tx.timestamp().isAfter(latest) ? tx.timestamp() : latest;
            }
            Instant now = clock.instant();
            long alerts = ChunkWriter.write(connection, scored, runId, now);
            states.save(connection, now);
            RunCounts after = copy(counts);
            after.read += chunk.size();
            after.inserted += fresh.size();
            after.duplicates += stored.size();
            after.alerts += alerts;
            RunLedger.count(connection, runId, after);
            RunLedger.advance(connection, source, file.name(), latest, runId, now);
            listener.beforeCommit(chunkNumber);
            connection.commit();
            // Only now does memory move on: a failed chunk leaves counters and sequence as the database has them.
            sequence[0] = next;
            watermark[0] = latest;
            counts.read = after.read;
            counts.inserted = after.inserted;
            counts.duplicates = after.duplicates;
            counts.alerts = after.alerts;
        } finally {
            states.forget();
        }
    }

    private static RunCounts copy(RunCounts counts) {
        RunCounts copy = new RunCounts();
        copy.read = counts.read;
        copy.inserted = counts.inserted;
        copy.duplicates = counts.duplicates;
        copy.rejected = counts.rejected;
        copy.alerts = counts.alerts;
        return copy;
    }

    private Map<String, Account> readAccounts(Path file) {
        Map<String, Account> accounts = new HashMap<>();
        AccountFiles.read(
                file,
                new AccountParser(),
                parsed -> accounts.putIfAbsent(parsed.value().userId(), parsed.value()),
                record ->
                        progress.printf("rejected %s line %d: %s%n", record.source(), record.line(), record.reason()));
        return accounts;
    }

    private static long lastSequenceNumber(Connection connection) throws SQLException {
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT COALESCE(MAX(sequence_number), 0) FROM transactions");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The active model, else the newest; none when the table is empty. */
    static Optional<AnomalyModel> newestModel(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT model_version, model_file FROM models"
                        + " ORDER BY active DESC, created_at DESC LIMIT 1");
                ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(rs.getBytes(2)))) {
                return Optional.of(AnomalyModelCodec.read(in));
            } catch (IOException e) {
                throw new IllegalStateException(
                        "model " + rs.getString(1) + " in the database cannot be read: " + e.getMessage(), e);
            }
        }
    }
}

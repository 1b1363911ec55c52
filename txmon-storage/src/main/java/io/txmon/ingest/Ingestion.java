package io.txmon.ingest;

import io.txmon.formats.AccountFiles;
import io.txmon.formats.RejectedRecord;
import io.txmon.formats.TransactionFiles;
import io.txmon.model.AnomalyModel;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.TransactionScorer;
import io.txmon.storage.Database;
import io.txmon.storage.StoredModels;
import io.txmon.transaction.Account;
import io.txmon.transaction.AccountParser;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads transaction files into the database, scoring each new transaction once through {@link TransactionScorer}.
 * Each chunk is committed with its decisions, alerts and the run's counters; account states are saved at the end
 * of each file (a checkpoint), and a run that stopped in between has the stored transactions replayed into the
 * states when the next run starts, so that a run stopped at any point and started again stores every
 * transaction exactly once and scores it as one uninterrupted run would have.
 */
public final class Ingestion {
    /** Transactions per database transaction. */
    public static final int DEFAULT_CHUNK_SIZE = 20_000;

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
        BulkWriter bulk = BulkWriter.of(database.engine());
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            Instant now = clock.instant();
            for (long stale : RunLedger.abandonStale(connection, now)) {
                progress.printf("run %d was still RUNNING (interrupted): marked ABANDONED%n", stale);
            }
            long runId = RunLedger.start(connection, source, now);
            if (!reference.isEmpty()) {
                RunLedger.reference(connection, bulk, reference.values());
            }
            connection.commit();
            AccountStateCache states = new AccountStateCache(bulk, reference);
            RunCounts counts = new RunCounts();
            try {
                long replayed = StateRecovery.recover(database, connection, states, rules.features(), now);
                if (replayed > 0) {
                    progress.printf(
                            "replayed %,d transactions stored after the last checkpoint into the account states%n",
                            replayed);
                }
                ingest(connection, bulk, runId, source, paths, states, counts);
                RunLedger.finish(connection, runId, counts, "SUCCEEDED", null, clock.instant());
                connection.commit();
                return counts.result(runId);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                String message = "run " + runId + " failed: " + rootMessage(e);
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
            BulkWriter bulk,
            long runId,
            String source,
            List<Path> paths,
            AccountStateCache states,
            RunCounts counts)
            throws SQLException {
        Optional<AnomalyModel> model = new StoredModels(database).forScoring();
        if (model.isEmpty()) {
            progress.println("no model in the database (bin/txmon train makes one): scoring with the rules alone");
        } else {
            progress.printf("scoring with model %s%n", model.get());
        }
        TransactionScorer scorer = new TransactionScorer(rules, model, states);
        boolean inbox = paths.size() != 1
                || !paths.get(0).toAbsolutePath().normalize().toString().equals(source);
        Set<String> seenThisRun = new HashSet<>();
        // Chunks are written on a second connection by a second thread while the next chunk is scored: the two
        // halves of the work take about as long each, so together they take about as long as one.
        ExecutorService writerThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "txmon-ingest-writer");
            thread.setDaemon(true);
            return thread;
        });
        try (Connection writerConnection = database.connect()) {
            writerConnection.setAutoCommit(false);
            ChunkPipeline pipeline = new ChunkPipeline(
                    writerThread, writerConnection, new ChunkWriter(bulk), runId, source, counts, clock);
            pipeline.sequence = lastSequenceNumber(connection);
            pipeline.watermark = RunLedger.watermark(connection, source);
            try {
                for (Path path : paths) {
                    InputFile file = InputFile.of(path);
                    if (inbox && RunLedger.ingested(connection, source, file.name(), file.sha256())) {
                        continue;
                    }
                    progress.printf("reading %s%n", path);
                    ChunkScoring scoring = new ChunkScoring(connection, file, pipeline, scorer, states);
                    FileRecords records = new FileRecords();
                    // A parser of the file's own, whose count of rounded amounts is the file's.
                    TransactionParser fileParser = new TransactionParser(parser.baseCurrency());
                    if (TransactionFiles.inEventTimeOrder(path, parser)) {
                        stream(path, fileParser, seenThisRun, records, scoring);
                    } else {
                        progress.printf("%s is not in event-time order: reading it whole to sort it%n", file.name());
                        sortAndScore(path, fileParser, seenThisRun, records, scoring);
                    }
                    records.rounded = fileParser.roundedAmounts();
                    pipeline.drain();
                    Instant now = clock.instant();
                    records.count(counts);
                    RunLedger.rejected(connection, runId, file.name(), records.rejected);
                    RunLedger.count(connection, runId, counts);
                    states.checkpoint(connection, pipeline.sequence, now);
                    RunLedger.completed(connection, source, file, runId, now);
                    RunLedger.advance(connection, source, file.name(), pipeline.watermark, runId, now);
                    connection.commit();
                    states.checkpointed();
                    for (RejectedRecord record : records.rejected.subList(0, Math.min(5, records.rejected.size()))) {
                        progress.printf("rejected %s line %d: %s%n", file.name(), record.line(), record.reason());
                    }
                    progress.printf(
                            "%s: %,d read, %,d inserted, %,d duplicates, %,d rejected so far in run %d%n",
                            file.name(), counts.read, counts.inserted, counts.duplicates, counts.rejected, runId);
                }
            } finally {
                pipeline.settle();
            }
        } finally {
            writerThread.shutdownNow();
        }
    }

    /**
     * Scores a file in event-time order as it is read, a chunk at a time: only one chunk of transactions is held,
     * and reading overlaps writing.
     */
    private void stream(
            Path path, TransactionParser parser, Set<String> seenThisRun, FileRecords records, ChunkScoring scoring)
            throws SQLException {
        List<Transaction> chunk = new ArrayList<>(chunkSize);
        try {
            TransactionFiles.read(
                    path,
                    parser,
                    parsed -> {
                        if (records.isNew(parsed.value(), seenThisRun)) {
                            chunk.add(parsed.value());
                            if (chunk.size() == chunkSize) {
                                scoring.scoreUnchecked(chunk);
                                chunk.clear();
                            }
                        }
                    },
                    records.rejected::add);
        } catch (ChunkFailure failure) {
            throw failure.getCause();
        }
        scoring.score(chunk);
    }

    /** Reads a file whole, sorts it (stable: ties keep file order, as {@code score} does) and scores it. */
    private void sortAndScore(
            Path path, TransactionParser parser, Set<String> seenThisRun, FileRecords records, ChunkScoring scoring)
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
            scoring.score(transactions.subList(from, Math.min(transactions.size(), from + chunkSize)));
        }
    }

    /** Scores chunks of one file and hands them to the writer. */
    private final class ChunkScoring {
        private final Connection connection;
        private final InputFile file;
        private final ChunkPipeline pipeline;
        private final TransactionScorer scorer;
        private final AccountStateCache states;

        ChunkScoring(
                Connection connection,
                InputFile file,
                ChunkPipeline pipeline,
                TransactionScorer scorer,
                AccountStateCache states) {
            this.connection = connection;
            this.file = file;
            this.pipeline = pipeline;
            this.scorer = scorer;
            this.states = states;
        }

        /** Scores the chunk's transactions not stored before, in order, and submits them; the chunk may be reused. */
        void score(List<Transaction> chunk) throws SQLException {
            if (chunk.isEmpty()) {
                return;
            }
            Set<String> ids = new LinkedHashSet<>();
            chunk.forEach(tx -> ids.add(tx.transactionId()));
            // Earlier chunks of this run never hold these ids (seenThisRun), so reading what is committed while
            // the writer is busy cannot miss a duplicate.
            Set<String> stored = ChunkWriter.stored(connection, database.engine(), ids);
            List<Transaction> fresh = chunk.stream()
                    .filter(tx -> !stored.contains(tx.transactionId()))
                    .toList();
            states.load(connection, accountsOf(fresh));
            connection.commit();
            List<Scored> scored = new ArrayList<>(fresh.size());
            long alerts = 0;
            long next = pipeline.sequence;
            Instant latest = pipeline.watermark;
            for (Transaction tx : fresh) {
                Decision decision = scorer.score(tx);
                scored.add(new Scored(tx, decision, ++next));
                states.risk(tx.userId(), ChunkWriter.riskScore(decision));
                alerts += ChunkWriter.opensAlert(decision) ? 1 : 0;
                latest = latest == null || tx.timestamp().isAfter(latest) ? tx.timestamp() : latest;
            }
            pipeline.submit(file, scored, chunk.size(), stored.size(), alerts, next, latest, listener);
        }

        /** {@link #score}, for a reader's callback, which may not throw {@link SQLException}. */
        void scoreUnchecked(List<Transaction> chunk) {
            try {
                score(chunk);
            } catch (SQLException e) {
                throw new ChunkFailure(e);
            }
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

    /** The accounts whose states scoring {@code transactions} reads: payers, and payees of transfers. */
    static Set<String> accountsOf(List<Transaction> transactions) {
        Set<String> accountIds = new HashSet<>();
        for (Transaction tx : transactions) {
            accountIds.add(tx.userId());
            if (tx.payeeAccount() != null) {
                accountIds.add(tx.payeeAccount());
            }
        }
        return accountIds;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause instanceof ExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
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

    static long lastSequenceNumber(Connection connection) throws SQLException {
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT COALESCE(MAX(sequence_number), 0) FROM transactions");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

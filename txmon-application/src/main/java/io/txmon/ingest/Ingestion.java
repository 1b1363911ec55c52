package io.txmon.ingest;

import io.txmon.formats.AccountFiles;
import io.txmon.formats.RejectedRecord;
import io.txmon.labels.LabelTimeline;
import io.txmon.model.AnomalyModel;
import io.txmon.rules.RuleSet;
import io.txmon.storage.Database;
import io.txmon.storage.DecisionSetup;
import io.txmon.transaction.Account;
import io.txmon.transaction.AccountParser;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The files' door of the {@link DecisionLog}: reads transaction files into the database, scoring each new
 * transaction once, in ordered chunks.
 *
 * <p>Each chunk is committed with its decisions, alerts and the run's counters; account states are saved at the end
 * of each file (a checkpoint), and a run that stopped in between has the stored transactions replayed into the
 * states when the next run starts, so that a run stopped at any point and started again stores every
 * transaction exactly once and scores it as one uninterrupted run would have.
 *
 * <p>It decides as the service does: with the database's active rule set and anomaly model, the supervised champion
 * of the registry beside them (docs/supervised-model.md, "Registry and retraining"), and entity states that go on
 * from the last run and learn each stored label once it is known ({@link OutcomeLearning}).
 */
public final class Ingestion {
    /** Transactions per database transaction. */
    public static final int DEFAULT_CHUNK_SIZE = 20_000;

    private final Database database;
    private final RuleSet rules;
    private final Optional<AnomalyModel> model;
    private final TransactionParser parser;
    private final PrintWriter progress;
    private final Clock clock;
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private Duration labelDelay = LabelTimeline.DEFAULT_DELAY;
    private ChunkListener listener = ChunkListener.NONE;

    /**
     * Ingests into {@code database}, deciding with {@code decides} (the rule set and model, as {@link
     * DecisionSetup#resolve} finds them on the database), reporting progress on {@code progress}.
     */
    public Ingestion(Database database, DecisionSetup decides, TransactionParser parser, PrintWriter progress) {
        this.database = Objects.requireNonNull(database, "database");
        this.rules = decides.rules();
        this.model = decides.model();
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

    /**
     * When a stored label without {@code labelled_at} becomes known after its transaction, for the entity states'
     * known outcomes ({@link LabelTimeline#DEFAULT_DELAY} unless told).
     */
    public Ingestion labelDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("label delay must not be negative, was " + delay);
        }
        this.labelDelay = delay;
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
        Consumer<String> say = progress::println;
        try (DecisionLog log = DecisionLog.open(
                database,
                source,
                rules,
                announcedModel(),
                reference,
                labelDelay,
                DecisionLog.RiskWrites.AT_CHECKPOINTS,
                clock,
                say)) {
            try {
                log.scorer()
                        .engine()
                        .supervised()
                        .ifPresent(champion -> progress.printf("deciding with the supervised champion %s%n", champion));
                boolean inbox = paths.size() != 1
                        || !paths.get(0).toAbsolutePath().normalize().toString().equals(source);
                FileDoor door = new FileDoor(log, source, RunLedger.watermark(log.connection(), source));
                for (Path path : paths) {
                    InputFile file = InputFile.of(path);
                    if (!inbox || !RunLedger.ingested(log.connection(), source, file.name(), file.sha256())) {
                        door.read(file);
                    }
                }
                return log.finish();
            } catch (SQLException | RuntimeException e) {
                String message = log.finishAfter(e);
                throw e instanceof IngestionException ingestion ? ingestion : new IngestionException(message, e);
            }
        } catch (SQLException e) {
            throw new IngestionException("database " + database.displayUrl() + " failed: " + e.getMessage(), e);
        }
    }

    /** The model that decides, said on the progress stream. */
    private Optional<AnomalyModel> announcedModel() {
        if (model.isEmpty()) {
            progress.println("no model in the database (bin/txmon train makes one): scoring with the rules alone");
        } else {
            progress.printf("scoring with model %s%n", model.get());
        }
        return model;
    }

    /** The files' front door of the decision log: ordered chunks, each file checkpointed once read. */
    private final class FileDoor {
        private final DecisionLog log;
        private final String source;
        private final Set<String> seenThisRun = new HashSet<>();
        /** The latest event time scored, for the source's watermark. */
        private Instant watermark;

        private int chunks;

        FileDoor(DecisionLog log, String source, Instant watermark) {
            this.log = log;
            this.source = source;
            this.watermark = watermark;
        }

        void read(InputFile file) throws SQLException {
            progress.printf("reading %s%n", file.path());
            FileRecords records = new FileRecords();
            // A parser of the file's own, whose count of rounded amounts is the file's.
            TransactionParser fileParser = new TransactionParser(parser.baseCurrency());
            new EventTimeReader(fileParser, chunkSize, progress::println)
                    .read(file.path(), seenThisRun, records, chunk -> decide(file, chunk));
            records.rounded = fileParser.roundedAmounts();
            RunCounts counts = log.counts();
            records.count(counts);
            Instant latest = watermark;
            log.checkpoint((connection, now) ->
                    RunLedger.fileRead(connection, source, file, records.rejected, latest, log.runId(), now));
            for (RejectedRecord record : records.rejected.subList(0, Math.min(5, records.rejected.size()))) {
                progress.printf("rejected %s line %d: %s%n", file.name(), record.line(), record.reason());
            }
            progress.printf(
                    "%s: %,d read, %,d inserted, %,d duplicates, %,d rejected so far in run %d%n",
                    file.name(), counts.read, counts.inserted, counts.duplicates, counts.rejected, log.runId());
        }

        /** Scores the chunk's transactions not stored before, in order, and hands them to the writer. */
        private void decide(InputFile file, List<Transaction> chunk) throws SQLException {
            Set<String> ids = new LinkedHashSet<>();
            chunk.forEach(tx -> ids.add(tx.transactionId()));
            // Earlier chunks of this run never hold these ids (seenThisRun), so reading what is committed while
            // the writer is busy cannot miss a duplicate.
            Set<String> stored = log.stored(ids).keySet();
            List<Transaction> fresh = chunk.stream()
                    .filter(tx -> !stored.contains(tx.transactionId()))
                    .toList();
            log.prepare(fresh);
            List<Scored> scored = new ArrayList<>(fresh.size());
            RunCounts delta = new RunCounts();
            for (Transaction tx : fresh) {
                Scored one = log.decide(tx);
                scored.add(one);
                delta.alerts += one.opensAlert() ? 1 : 0;
                watermark = watermark == null || tx.timestamp().isAfter(watermark) ? tx.timestamp() : watermark;
            }
            delta.read = chunk.size();
            delta.inserted = scored.size();
            delta.duplicates = stored.size();
            int number = ++chunks;
            Instant latest = watermark;
            log.append(
                    scored,
                    delta,
                    (connection, now) -> {
                        RunLedger.advance(connection, source, file.name(), latest, log.runId(), now);
                        listener.beforeCommit(number);
                    },
                    () -> {},
                    failure -> {});
        }
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
}

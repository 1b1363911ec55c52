package io.txmon.ingest;

import io.txmon.formats.TransactionFiles;
import io.txmon.storage.Database;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads an inbox folder while the service runs (a daily run without an external cron; docs/service.md, "Scheduled ingestion"): each file not read
 * before, in name order, has its transactions decided through the service's {@link OnlineIngestion}, so that they
 * share the account states and the decision path with the API's; then the file is recorded as read, with its
 * rejected records and the folder's watermark, under the service's ingestion run.
 */
public final class InboxIngestion {
    /** Transactions handed over before waiting for their answers: bounds what is held while a file is read. */
    static final int IN_FLIGHT = 5_000;

    /** What one pass over the inbox did. */
    public record Pass(int files, long transactions, long duplicates, long rejected) {}

    private final Database database;
    private final OnlineIngestion online;
    private final TransactionParser parser;
    private final Clock clock;

    public InboxIngestion(Database database, OnlineIngestion online, TransactionParser parser, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.online = Objects.requireNonNull(online, "online");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads the files of {@code folder} not read before.
     *
     * @throws IngestionException when a decision could not be stored, or the database failed; files read to their end
     *     before stay recorded
     */
    public Pass run(Path folder) {
        String source = folder.toAbsolutePath().normalize().toString();
        int files = 0;
        long transactions = 0;
        long duplicates = 0;
        long rejected = 0;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            for (Path path : InputFile.list(folder)) {
                InputFile file = InputFile.of(path);
                if (RunLedger.ingested(connection, source, file.name(), file.sha256())) {
                    continue;
                }
                FileRecords records = new FileRecords();
                Instant latest = decide(path, records);
                Instant now = clock.instant();
                RunLedger.rejected(connection, online.runId(), file.name(), records.rejected);
                RunLedger.completed(connection, source, file, online.runId(), now);
                RunLedger.advance(connection, source, file.name(), latest, online.runId(), now);
                connection.commit();
                files++;
                transactions += records.decided;
                duplicates += records.duplicates + records.repeated;
                rejected += records.rejected.size();
            }
        } catch (SQLException e) {
            throw new IngestionException("reading the inbox " + source + " failed: " + e.getMessage(), e);
        }
        return new Pass(files, transactions, duplicates, rejected);
    }

    /** Decides a file's transactions in event-time order; returns the latest event time, or null for none. */
    private Instant decide(Path path, FileRecords records) {
        List<Transaction> transactions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        TransactionFiles.read(
                path,
                parser,
                parsed -> {
                    if (records.isNew(parsed.value(), seen)) {
                        transactions.add(parsed.value());
                    }
                },
                records.rejected::add);
        transactions.sort(Comparator.comparing(Transaction::timestamp));
        List<CompletableFuture<Detection>> pending = new ArrayList<>(IN_FLIGHT);
        for (Transaction tx : transactions) {
            pending.add(online.detect(tx));
            if (pending.size() == IN_FLIGHT) {
                await(pending, records);
            }
        }
        await(pending, records);
        return transactions.isEmpty()
                ? null
                : transactions.get(transactions.size() - 1).timestamp();
    }

    private static void await(List<CompletableFuture<Detection>> pending, FileRecords records) {
        for (CompletableFuture<Detection> answer : pending) {
            try {
                Detection detection = answer.get(5, TimeUnit.MINUTES);
                if (detection.duplicate()) {
                    records.duplicates++;
                } else {
                    records.decided++;
                }
            } catch (ExecutionException | TimeoutException e) {
                throw new IngestionException("a transaction of the inbox could not be stored: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestionException("interrupted while reading the inbox", e);
            }
        }
        pending.clear();
    }
}

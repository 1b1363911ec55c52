package io.txmon.ingest;

import io.txmon.storage.Database;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

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

    /** How long one transaction's decision is waited for. */
    private static final Duration WAIT = Duration.ofMinutes(5);

    private static final System.Logger LOG = System.getLogger(InboxIngestion.class.getName());

    private final Database database;
    private final OnlineIngestion online;
    private final TransactionParser parser;

    public InboxIngestion(Database database, OnlineIngestion online, TransactionParser parser) {
        this.database = Objects.requireNonNull(database, "database");
        this.online = Objects.requireNonNull(online, "online");
        this.parser = Objects.requireNonNull(parser, "parser");
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
            for (Path path : InputFile.list(folder)) {
                InputFile file = InputFile.of(path);
                if (RunLedger.ingested(connection, source, file.name(), file.sha256())) {
                    continue;
                }
                FileRecords records = new FileRecords();
                // A parser of the file's own, whose count of rounded amounts is the file's.
                TransactionParser fileParser = new TransactionParser(parser.baseCurrency());
                Instant latest = new EventTimeReader(fileParser, IN_FLIGHT, message -> LOG.log(Level.INFO, message))
                        .read(path, new HashSet<>(), records, chunk -> decide(chunk, records));
                records.rounded = fileParser.roundedAmounts();
                online.fileRead(source, file, records, latest);
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

    /** Hands a chunk to the decision log's single-submission door and waits until every decision is stored. */
    private void decide(List<Transaction> chunk, FileRecords records) {
        List<CompletableFuture<Detection>> pending = new ArrayList<>(chunk.size());
        for (Transaction tx : chunk) {
            pending.add(online.detect(tx));
        }
        for (CompletableFuture<Detection> answer : pending) {
            try {
                if (OnlineIngestion.awaitStored(answer, WAIT).duplicate()) {
                    records.duplicates++;
                } else {
                    records.decided++;
                }
            } catch (DecisionNotStoredException | TransactionNotDecidedException e) {
                throw new IngestionException("a transaction of the inbox could not be stored: " + e.getMessage(), e);
            }
        }
    }
}

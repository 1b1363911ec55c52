package io.txmon.cli;

import io.txmon.analytics.AnalyticsRefresh;
import io.txmon.analytics.RefreshResult;
import io.txmon.ingest.Ingestion;
import io.txmon.ingest.IngestionResult;
import io.txmon.storage.Database;
import io.txmon.storage.DecisionSetup;
import io.txmon.transaction.TransactionParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code txmon ingest}: transactions from a file or an inbox folder into the database, each scored once. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Stores and scores the transactions of a file, or of the files of a folder not read before (in name"
                    + " order), in the database; each transaction id is stored once, however often it is ingested.",
            "Ends with one line of JSON: run_id, read, inserted, duplicates, rejected, alerts."
        })
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE|DIR",
            description = "Transactions (.csv, .jsonl, optionally .gz), or a folder of them.")
    Path input;

    @Option(names = "--accounts", paramLabel = "FILE", description = "Reference data about the accounts.")
    Path accounts;

    @Mixin
    DatabaseOption db;

    @Option(
            names = "--base-currency",
            defaultValue = TransactionParser.DEFAULT_BASE_CURRENCY_CODE,
            paramLabel = "CODE",
            description = "Currency of amounts whose record names none (default: ${DEFAULT-VALUE}).")
    Currency baseCurrency;

    @Option(
            names = "--chunk-size",
            defaultValue = "" + Ingestion.DEFAULT_CHUNK_SIZE,
            paramLabel = "N",
            description = "Transactions per database transaction (default: ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(
            names = "--label-delay",
            converter = Durations.class,
            defaultValue = "7d",
            paramLabel = "DURATION",
            description = "When a stored label without labelled_at becomes known after its transaction, for the"
                    + " entities' known-fraud features, as score --labels takes it (default: ${DEFAULT-VALUE}).")
    Duration labelDelay;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        Database database = db.open();
        IngestionResult result = new Ingestion(
                        database,
                        DecisionSetup.resolve(database, "txmon ingest", Instant.now()),
                        new TransactionParser(baseCurrency),
                        err)
                .chunkSize(chunkSize)
                .labelDelay(labelDelay)
                .run(input, accounts);
        err.printf("run %d done in %.1f s%n", result.runId(), (System.nanoTime() - started) / 1e9);
        refreshAnalytics(database, err);
        PrintWriter out = spec.commandLine().getOut();
        out.println(result.toJson());
        out.flush();
        return 0;
    }

    /** Keeps the analytics tables up to date with what this run stored; the next run would catch up anyway. */
    static RefreshResult refreshAnalytics(Database database, PrintWriter err) {
        long started = System.nanoTime();
        RefreshResult refreshed = new AnalyticsRefresh(database).refresh();
        err.printf(
                "analytics refreshed: %,d new transactions taken in, up to sequence number %s (%.1f s)%n",
                refreshed.newTransactions(),
                refreshed.lastSequenceNumber() == null ? "-" : refreshed.lastSequenceNumber(),
                (System.nanoTime() - started) / 1e9);
        return refreshed;
    }
}

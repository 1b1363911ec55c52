package io.txmon.cli;

import io.txmon.evaluation.Label;
import io.txmon.formats.AccountFiles;
import io.txmon.formats.LabelFiles;
import io.txmon.formats.RecordWriter;
import io.txmon.formats.TransactionFiles;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code txmon simulate}: a realistic labelled data set for a seed, size and time span. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates a bank's customers and businesses with fraud and money-laundering typologies among them,"
                    + " and writes transactions.csv, accounts.csv and labels.csv to the output folder.",
            "The same seed and settings always give the same files; see docs/simulator.md."
        })
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "Folder to write the three files to.")
    Path output;

    @Mixin
    World world;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        SimulatedData data =
                Simulator.simulate(world.settings(world.seed == null ? SimulationSettings.DEFAULT_SEED : world.seed));
        DataSetFiles written = write(data, output);
        err.printf(
                "simulated %,d transactions (%,d suspicious) of %,d accounts in %.1f s: %s, %s, %s%n",
                data.transactions().size(),
                data.suspiciousCount(),
                data.accounts().size(),
                (System.nanoTime() - started) / 1e9,
                written.transactions(),
                written.accounts(),
                written.labels());
        return 0;
    }

    /** Writes a simulated data set's three files into {@code folder}, creating it if needed. */
    static DataSetFiles write(SimulatedData data, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
        DataSetFiles files = new DataSetFiles(
                folder.resolve("transactions.csv"), folder.resolve("accounts.csv"), folder.resolve("labels.csv"));
        try (RecordWriter<Transaction> out = TransactionFiles.newWriter(files.transactions())) {
            out.writeAll(data.transactions());
        }
        try (RecordWriter<Account> out = AccountFiles.newWriter(files.accounts())) {
            out.writeAll(data.accounts());
        }
        try (RecordWriter<Label> out = LabelFiles.newWriter(files.labels())) {
            out.writeAll(data.labels());
        }
        return files;
    }

    /** Where a simulated data set was written. */
    record DataSetFiles(Path transactions, Path accounts, Path labels) {}

    /** The simulation options, shared with {@code demo}. */
    static final class World {
        @Option(
                names = "--seed",
                paramLabel = "N",
                description = "Seed of the simulated world (simulate: 1; demo: a fresh one each run).")
        Long seed;

        @Option(
                names = "--customers",
                defaultValue = "" + SimulationSettings.DEFAULT_CUSTOMERS,
                paramLabel = "N",
                description = "Personal customers (default: ${DEFAULT-VALUE}).")
        int customers;

        @Option(
                names = "--days",
                defaultValue = "" + SimulationSettings.DEFAULT_DAYS,
                paramLabel = "N",
                description = "Days simulated (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(
                names = "--start",
                defaultValue = "2026-01-01T00:00:00Z",
                paramLabel = "INSTANT",
                description = "When the simulation starts (default: ${DEFAULT-VALUE}).")
        Instant start;

        @Option(
                names = "--currency",
                defaultValue = "GBP",
                paramLabel = "CODE",
                description = "Currency of the amounts (default: ${DEFAULT-VALUE}).")
        Currency currency;

        @Option(
                names = "--suspicious-share",
                defaultValue = "" + SimulationSettings.DEFAULT_SUSPICIOUS_SHARE,
                paramLabel = "SHARE",
                description = "Share of transactions that are suspicious (default: ${DEFAULT-VALUE}).")
        double suspiciousShare;

        SimulationSettings settings(long chosenSeed) {
            return SimulationSettings.builder()
                    .seed(chosenSeed)
                    .customers(customers)
                    .days(days)
                    .start(start)
                    .currency(currency)
                    .suspiciousShare(suspiciousShare)
                    .build();
        }
    }
}

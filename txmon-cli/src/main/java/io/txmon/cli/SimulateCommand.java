package io.txmon.cli;

import io.txmon.evaluation.Label;
import io.txmon.formats.AccountFiles;
import io.txmon.formats.LabelFiles;
import io.txmon.formats.RecordWriter;
import io.txmon.formats.TransactionFiles;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.stream.topics.Topics;
import io.txmon.stream.topics.TransactionProducer;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code txmon simulate}: a realistic labelled data set for a seed, size and time span. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates a bank's customers and businesses with fraud and money-laundering typologies among them,"
                    + " and writes transactions.csv, accounts.csv and labels.csv to the output folder.",
            "The same seed and settings always give the same files; see docs/simulator.md.",
            "With --stream it writes a live world to Kafka instead, until stopped or for --duration: the accounts to"
                    + " the accounts topic, then the transactions to the transactions topic at --rate a second in"
                    + " their simulated order, each stamped with the time it is sent; when a world runs out, the"
                    + " next seed's follows, with new ids. bin/txmon stream on the same broker decides them live."
        })
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code --rate}'s default: a pace to watch decisions arrive at, not a limit of the job's. */
    static final double DEFAULT_RATE = 100;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description = "Folder to write the three files to; required unless --stream.")
    Path output;

    @Option(
            names = "--stream",
            description = "Write a live world to Kafka continuously instead of files (docs/streaming.md).")
    boolean stream;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "The Kafka broker; required with --stream.")
    String bootstrapServers;

    @Option(names = "--rate", paramLabel = "N", description = "With --stream: transactions a second (default: 100).")
    Double rate;

    @Option(
            names = "--duration",
            converter = Durations.class,
            paramLabel = "DURATION",
            description = "With --stream: how long to write for; default: until stopped with Ctrl-C.")
    Duration duration;

    @Mixin
    World world;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        long seed = world.seed == null ? SimulationSettings.DEFAULT_SEED : world.seed;
        if (stream) {
            return live(err, seed);
        }
        if (bootstrapServers != null || rate != null || duration != null) {
            throw new ParameterException(
                    spec.commandLine(), "--bootstrap-servers, --rate and --duration go with --stream");
        }
        if (output == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--output=DIR' (or --stream)");
        }
        long started = System.nanoTime();
        SimulatedData data = Simulator.simulate(world.settings(seed));
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

    private int live(PrintWriter err, long seed) throws InterruptedException {
        if (bootstrapServers == null) {
            throw new ParameterException(spec.commandLine(), "--stream needs --bootstrap-servers=HOST:PORT");
        }
        if (output != null) {
            throw new ParameterException(
                    spec.commandLine(), "--output writes files, --stream writes to Kafka: give one");
        }
        LiveSimulation live = new LiveSimulation(world, rate == null ? DEFAULT_RATE : rate, Clock.systemUTC(), err);
        try (TransactionProducer producer = new TransactionProducer(bootstrapServers, Topics.DEFAULTS)) {
            LiveSimulation.Sent sent = live.run(producer, seed, Optional.ofNullable(duration));
            err.printf(
                    "simulate: sent %,d transactions of %d worlds to %s in %.1f s%n",
                    sent.transactions(),
                    sent.worlds(),
                    Topics.DEFAULTS.transactions(),
                    sent.took().toMillis() / 1e3);
        }
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

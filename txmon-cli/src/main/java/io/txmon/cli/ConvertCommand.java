package io.txmon.cli;

import io.txmon.evaluation.AccountLabel;
import io.txmon.evaluation.Label;
import io.txmon.formats.AccountFiles;
import io.txmon.formats.AccountLabelFiles;
import io.txmon.formats.LabelFiles;
import io.txmon.formats.RecordWriter;
import io.txmon.formats.RejectedRecord;
import io.txmon.formats.TransactionFiles;
import io.txmon.formats.datasets.Conversion;
import io.txmon.formats.datasets.ConversionSummary;
import io.txmon.formats.datasets.ConvertedData;
import io.txmon.formats.datasets.PublicDataSet;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code txmon convert}: a public labelled data set in txmon's own files. */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Converts a public labelled data set into txmon's files in the output folder: transactions.csv and"
                    + " labels.csv, plus accounts.csv where the source describes accounts (paysim, amlsim with"
                    + " --accounts) and account-labels.csv where it labels them (amlsim with --accounts).",
            "Each mapping is described in docs/public-data.md. Rows that cannot be converted are reported and"
                    + " left out; the rest go on."
        })
final class ConvertCommand implements Callable<Integer> {
    static final String TRANSACTIONS = "transactions.csv";
    static final String LABELS = "labels.csv";
    static final String ACCOUNTS = "accounts.csv";
    static final String ACCOUNT_LABELS = "account-labels.csv";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "DATA-SET",
            converter = DataSetName.class,
            completionCandidates = DataSetNames.class,
            description = "The source's layout: ${COMPLETION-CANDIDATES}.")
    PublicDataSet from;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "A transactions file of the source (.csv or .csv.gz); repeat for parts, read in order.")
    List<Path> inputs;

    @Option(
            names = "--accounts",
            paramLabel = "FILE",
            description = "amlsim only: its accounts file (account, init_balance, label).")
    Path accounts;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to write the files to.")
    Path output;

    @Option(
            names = "--start",
            paramLabel = "INSTANT",
            description = "paysim and amlsim only: when step 0 falls (default: 2018-01-01T00:00:00Z).")
    Instant start;

    @Option(
            names = "--currency",
            defaultValue = TransactionParser.DEFAULT_BASE_CURRENCY_CODE,
            paramLabel = "CODE",
            description = "Currency of the amounts, which the sources do not name (default: ${DEFAULT-VALUE}).")
    Currency currency;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Where to keep every rejected source row (CSV).")
    Path rejects;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        Conversion conversion = conversion();
        // Checked before the output folder is touched, so that a mistyped name leaves nothing half-written.
        for (Path file : sources()) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException(file + ": cannot open: no such readable file");
            }
        }
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + output + ": " + e.getMessage(), e);
        }
        InputFiles rejections = new InputFiles(err, rejects);
        ConversionSummary summary;
        try (OutputFiles files = new OutputFiles(output, conversion, rejections)) {
            summary = conversion.run(files);
        } finally {
            rejections.close();
        }
        err.printf(
                "converted %,d of %,d %s rows in %.1f s, %,d suspicious%s; %,d rejected in all%n",
                summary.transactions(),
                summary.rows(),
                from,
                (System.nanoTime() - started) / 1e9,
                summary.suspicious(),
                typologies(summary),
                summary.rejected());
        if (conversion.describesAccounts()) {
            err.printf(
                    "%,d accounts%s%n",
                    summary.accounts(),
                    conversion.labelsAccounts()
                            ? String.format(
                                    Locale.ROOT,
                                    ", %,d labelled, %,d of them suspicious",
                                    summary.labelledAccounts(),
                                    summary.suspiciousAccounts())
                            : "");
        }
        err.printf(
                "wrote %s%n",
                OutputFiles.names(conversion).stream()
                        .map(name -> output.resolve(name).toString())
                        .collect(Collectors.joining(", ")));
        return 0;
    }

    /** The conversion the options ask for; options that do not fit the data set are bad arguments. */
    private Conversion conversion() {
        Conversion.Builder builder = Conversion.builder(from).inputs(inputs).currency(currency);
        try {
            if (accounts != null) {
                builder.accounts(accounts);
            }
            if (start != null) {
                builder.start(start);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
        return builder.build();
    }

    private List<Path> sources() {
        List<Path> sources = new ArrayList<>(inputs);
        if (accounts != null) {
            sources.add(accounts);
        }
        return sources;
    }

    private static String typologies(ConversionSummary summary) {
        if (summary.typologies().isEmpty()) {
            return "";
        }
        return summary.typologies().entrySet().stream()
                .map(t -> String.format(Locale.ROOT, "%s %,d", t.getKey(), t.getValue()))
                .collect(Collectors.joining(", ", " (", ")"));
    }

    /** The converted data set's files in the output folder, only those the conversion fills. */
    private static final class OutputFiles implements ConvertedData, AutoCloseable {
        private final RecordWriter<Transaction> transactions;
        private final RecordWriter<Label> labels;
        private final Optional<RecordWriter<Account>> accounts;
        private final Optional<RecordWriter<AccountLabel>> accountLabels;
        private final InputFiles rejections;

        OutputFiles(Path folder, Conversion conversion, InputFiles rejections) {
            this.rejections = rejections;
            this.transactions = TransactionFiles.newWriter(folder.resolve(TRANSACTIONS));
            this.labels = LabelFiles.newWriter(folder.resolve(LABELS));
            this.accounts = conversion.describesAccounts()
                    ? Optional.of(AccountFiles.newWriter(folder.resolve(ACCOUNTS)))
                    : Optional.empty();
            this.accountLabels = conversion.labelsAccounts()
                    ? Optional.of(AccountLabelFiles.newWriter(folder.resolve(ACCOUNT_LABELS)))
                    : Optional.empty();
        }

        static List<String> names(Conversion conversion) {
            List<String> names = new ArrayList<>(List.of(TRANSACTIONS, LABELS));
            if (conversion.describesAccounts()) {
                names.add(ACCOUNTS);
            }
            if (conversion.labelsAccounts()) {
                names.add(ACCOUNT_LABELS);
            }
            return names;
        }

        @Override
        public void transaction(Transaction transaction, Label label) {
            transactions.write(transaction);
            labels.write(label);
        }

        @Override
        public void account(Account account) {
            accounts.orElseThrow().write(account);
        }

        @Override
        public void accountLabel(AccountLabel label) {
            accountLabels.orElseThrow().write(label);
        }

        @Override
        public void rejected(RejectedRecord rejected) {
            rejections.reject(rejected);
        }

        @Override
        public void close() {
            transactions.close();
            labels.close();
            accounts.ifPresent(RecordWriter::close);
            accountLabels.ifPresent(RecordWriter::close);
        }
    }

    /** Reads {@code --from} by the data sets' command-line names. */
    static final class DataSetName implements ITypeConverter<PublicDataSet> {
        @Override
        public PublicDataSet convert(String value) {
            try {
                return PublicDataSet.byId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The names {@code --from} accepts, for help and completion. */
    static final class DataSetNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(PublicDataSet.values()).map(PublicDataSet::id).iterator();
        }
    }
}

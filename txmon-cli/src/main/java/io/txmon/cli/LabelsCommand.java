package io.txmon.cli;

import io.txmon.formats.LabelFiles;
import io.txmon.formats.Parsed;
import io.txmon.formats.ReadSummary;
import io.txmon.formats.RejectedRecord;
import io.txmon.labelling.InvalidLabelException;
import io.txmon.labelling.StoredLabels;
import io.txmon.labels.ReportedLabel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code txmon labels}: labels as the bank learns them, kept in the database. */
@Command(
        name = "labels",
        mixinStandardHelpOptions = true,
        description = "Labels as the bank learns them (chargebacks, confirmed cases), kept in the database.",
        subcommands = {LabelsCommand.Import.class})
final class LabelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code txmon labels import FILE}: what {@code POST /labels} does, from a labels file. */
    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Records the labels of a file (.csv or .jsonl: transaction_id, label, typology, labelled_at) in the"
                        + " database, all in one database transaction; a label recorded before is not recorded again.",
                "Rejected records are reported with their line and reason; the rest are recorded. Ends with one line:"
                        + " read, recorded, already recorded, rejected."
            })
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "Labels (.csv or .jsonl, optionally .gz).")
        Path file;

        @Mixin
        DatabaseOption db;

        @Option(
                names = "--by",
                paramLabel = "NAME",
                defaultValue = "${sys:user.name}",
                description = "Who is recording them, kept with each label (default: the user, ${DEFAULT-VALUE}).")
        String by;

        @Option(names = "--rejects", paramLabel = "FILE", description = "Where to keep every rejected record (CSV).")
        Path rejects;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            InputFiles input = new InputFiles(err, rejects);
            List<Parsed<ReportedLabel>> read = new ArrayList<>();
            long[] rejected = {0};
            ReadSummary summary;
            try {
                summary = LabelFiles.readReported(file, read::add, record -> {
                    rejected[0]++;
                    input.reject(record);
                });
                StoredLabels stored = new StoredLabels(db.open(), Clock.systemUTC());
                List<ReportedLabel> labels = read.stream().map(Parsed::value).toList();
                StoredLabels.Screened screened = stored.recordValid(labels, StoredLabels.Source.IMPORT, by);
                // Labels the database refuses (dated before their stored transaction, too long) are rejected
                // records like any other: reported with their line, and the rest recorded.
                for (InvalidLabelException problem : screened.refused()) {
                    Parsed<ReportedLabel> record = read.get(problem.index());
                    rejected[0]++;
                    input.reject(new RejectedRecord(
                            file.toString(),
                            record.line(),
                            record.value().label().transactionId(),
                            problem.problem()));
                }
                StoredLabels.Recorded recorded = screened.recorded();
                PrintWriter out = spec.commandLine().getOut();
                out.printf(
                        "read %d labels from %s: %d recorded, %d already recorded, %d rejected%n",
                        summary.records(), file, recorded.recorded(), recorded.alreadyRecorded(), rejected[0]);
                out.flush();
            } finally {
                input.close();
            }
            return 0;
        }
    }
}

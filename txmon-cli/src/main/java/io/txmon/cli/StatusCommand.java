package io.txmon.cli;

import io.txmon.ingest.IngestionStatus;
import io.txmon.storage.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code txmon status}: the latest ingestion runs and how far each source has come. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Prints the latest ingestion runs and each source's state.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOption db;

    @Option(
            names = "--runs",
            defaultValue = "10",
            paramLabel = "N",
            description = "Runs to show (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
        Database database = db.open();
        PrintWriter out = spec.commandLine().getOut();
        IngestionStatus status = new IngestionStatus(database);
        out.println("run  status     started                   read  inserted  duplicates  rejected  alerts  source");
        for (IngestionStatus.Run run : status.latestRuns(runs)) {
            out.printf(
                    "%-4d %-10s %-25s %5d %9d %11d %9d %7d  %s%s%n",
                    run.runId(),
                    run.status(),
                    run.startedAt(),
                    run.read(),
                    run.inserted(),
                    run.duplicates(),
                    run.rejected(),
                    run.alerts(),
                    run.source(),
                    run.message() == null ? "" : " (" + run.message() + ")");
        }
        out.println();
        out.println("source state: last file, watermark (latest event time), last run");
        for (IngestionStatus.SourceState source : status.sources()) {
            out.printf(
                    "%s: %s, %s, run %d%n",
                    source.source(),
                    source.lastFile(),
                    source.watermark() == null ? "-" : source.watermark(),
                    source.lastRunId());
        }
        out.flush();
        return 0;
    }
}

package io.txmon.cli;

import io.txmon.storage.Database;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
    public Integer call() throws SQLException {
        Database database = db.open();
        PrintWriter out = spec.commandLine().getOut();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            out.println(
                    "run  status     started                   read  inserted  duplicates  rejected  alerts  source");
            try (ResultSet rs = statement.executeQuery("SELECT run_id, status, started_at, rows_read, rows_inserted,"
                    + " rows_duplicate, rows_rejected, alerts_opened, source, message FROM ingestion_runs"
                    + " ORDER BY run_id DESC LIMIT " + Math.max(1, runs))) {
                while (rs.next()) {
                    out.printf(
                            "%-4d %-10s %-25s %5d %9d %11d %9d %7d  %s%s%n",
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getObject(3, java.time.OffsetDateTime.class).toInstant(),
                            rs.getLong(4),
                            rs.getLong(5),
                            rs.getLong(6),
                            rs.getLong(7),
                            rs.getLong(8),
                            rs.getString(9),
                            rs.getString(10) == null ? "" : " (" + rs.getString(10) + ")");
                }
            }
            out.println();
            out.println("source state: last file, watermark (latest event time), last run");
            try (ResultSet rs = statement.executeQuery(
                    "SELECT source, last_file, watermark, last_run_id FROM ingestion_state ORDER BY source")) {
                while (rs.next()) {
                    Object watermark = rs.getObject(3, java.time.OffsetDateTime.class);
                    out.printf(
                            "%s: %s, %s, run %d%n",
                            rs.getString(1),
                            rs.getString(2),
                            watermark == null ? "-" : ((java.time.OffsetDateTime) watermark).toInstant(),
                            rs.getLong(4));
                }
            }
        }
        out.flush();
        return 0;
    }
}

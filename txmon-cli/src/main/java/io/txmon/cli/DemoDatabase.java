package io.txmon.cli;

import io.txmon.evaluation.Label;
import io.txmon.evaluation.Outcome;
import io.txmon.storage.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The demo's own embedded H2 database under its folder, and what the demo report reads back from it. */
final class DemoDatabase {
    private final String url;
    private final Database database;

    private DemoDatabase(String url, Database database) {
        this.url = url;
        this.database = database;
    }

    /**
     * A new, empty database at {@code folder/txmon}: the files of an earlier demo's database are deleted first,
     * so every run starts from nothing, and says so.
     */
    static DemoDatabase fresh(Path folder, PrintWriter err) {
        Path base = folder.resolve("txmon");
        int deleted = deleteFilesOf(base);
        // H2 refuses a path implicitly relative to the working directory; "./" makes it explicit.
        String url = "jdbc:h2:file:" + (base.isAbsolute() || base.startsWith(".") ? base : "./" + base);
        if (deleted > 0) {
            err.printf(
                    "deleted the previous demo database (%d files of %s): starting from an empty one%n", deleted, url);
        }
        return new DemoDatabase(url, Database.open(url));
    }

    String url() {
        return url;
    }

    Database database() {
        return database;
    }

    /** How much the database holds, as the report's first lines say it. */
    Volumes volumes() throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            return new Volumes(
                    count(statement, "transactions"),
                    count(statement, "accounts"),
                    count(statement, "ingestion_runs"),
                    count(statement, "alerts"),
                    count(statement, "models"));
        }
    }

    /**
     * Open alerts per reason code of their decision, most first (ties by code), at most {@code top}: an alert
     * counts once under each of its codes.
     */
    List<ReasonCount> alertsByReason(int top) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT d.reason_codes FROM alerts a JOIN decisions d"
                        + " ON d.sequence_number = a.sequence_number WHERE a.status = 'OPEN'")) {
            while (rs.next()) {
                for (String code : codes(rs.getString(1))) {
                    counts.merge(code, 1L, Long::sum);
                }
            }
        }
        return counts.entrySet().stream()
                .map(e -> new ReasonCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(ReasonCount::alerts).reversed())
                .limit(top)
                .toList();
    }

    /** The stored decisions on {@code transactionIds}, in that order, next to the simulator's truth. */
    List<Outcome> outcomes(List<String> transactionIds, Map<String, Label> truth) throws SQLException {
        Map<String, Outcome> stored = new HashMap<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT t.transaction_id, d.risk_score, d.recommendation, d.reason_codes FROM decisions d"
                                + " JOIN transactions t ON t.sequence_number = d.sequence_number");
                ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                Label label = truth.get(rs.getString(1));
                if (label != null) {
                    stored.put(
                            label.transactionId(),
                            new Outcome(
                                    rs.getDouble(2),
                                    !"APPROVE".equals(rs.getString(3)),
                                    codes(rs.getString(4)),
                                    label.suspicious(),
                                    label.typology()));
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>(transactionIds.size());
        for (String id : transactionIds) {
            Outcome outcome = stored.get(id);
            if (outcome == null) {
                throw new IllegalStateException("no stored decision on transaction " + id);
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private static List<String> codes(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(";"));
    }

    private static long count(Statement statement, String table) throws SQLException {
        // Table names are this class's constants, never input.
        try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Deletes H2's files for the database at {@code base} (txmon.mv.db, txmon.trace.db, ...), returning how many. */
    private static int deleteFilesOf(Path base) {
        Path folder = base.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, base.getFileName() + ".*.db")) {
            for (Path file : files) {
                Files.delete(file);
                deleted++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot delete the previous demo database " + base + ": " + e.getMessage(), e);
        }
        return deleted;
    }

    /** Row counts of the main tables. */
    record Volumes(long transactions, long accounts, long runs, long alerts, long models) {}

    /** How many open alerts carry a reason code. */
    record ReasonCount(String reasonCode, long alerts) {}
}

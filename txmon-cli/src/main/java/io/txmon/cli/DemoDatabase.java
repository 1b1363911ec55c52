package io.txmon.cli;

import io.txmon.alerts.Alerts;
import io.txmon.decisions.StoredDecisions;
import io.txmon.evaluation.Label;
import io.txmon.evaluation.Outcome;
import io.txmon.ingest.IngestionStatus;
import io.txmon.storage.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The demo's own embedded H2 database under its folder, and what the demo report reads back from it. */
final class DemoDatabase {
    /** Alerts read per page. */
    private static final int PAGE = 1_000;

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
    IngestionStatus.Volumes volumes() {
        return new IngestionStatus(database).volumes();
    }

    /**
     * Open alerts per reason code of their decision, most first (ties by code), at most {@code top}: an alert
     * counts once under each of its codes. Read page by page through the alert queue, as analysts see it.
     */
    List<ReasonCount> alertsByReason(int top) {
        Alerts alerts = new Alerts(database, Clock.systemUTC());
        Alerts.Filter open = new Alerts.Filter(Alerts.Status.OPEN, null, null, null, null, null);
        Map<String, Long> counts = new TreeMap<>();
        for (int offset = 0; ; offset += PAGE) {
            List<Alerts.AlertSummary> page = alerts.list(open, PAGE, offset);
            for (Alerts.AlertSummary alert : page) {
                for (String code : alert.reasonCodes()) {
                    counts.merge(code, 1L, Long::sum);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return counts.entrySet().stream()
                .map(e -> new ReasonCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(ReasonCount::alerts).reversed())
                .limit(top)
                .toList();
    }

    /** The stored decisions on {@code transactionIds}, in that order, next to the simulator's truth. */
    List<Outcome> outcomes(List<String> transactionIds, Map<String, Label> truth) {
        Map<String, Outcome> stored = new HashMap<>();
        new StoredDecisions(database).forEach(decision -> {
            Label label = truth.get(decision.transactionId());
            if (label != null) {
                stored.put(
                        label.transactionId(),
                        new Outcome(
                                decision.riskScore().doubleValue(),
                                decision.recommendation().flags(),
                                decision.reasonCodes(),
                                label.suspicious(),
                                label.typology()));
            }
        });
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

    /** How many open alerts carry a reason code. */
    record ReasonCount(String reasonCode, long alerts) {}
}

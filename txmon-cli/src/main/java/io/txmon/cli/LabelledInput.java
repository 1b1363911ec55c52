package io.txmon.cli;

import io.txmon.formats.LabelFiles;
import io.txmon.formats.Parsed;
import io.txmon.formats.ReadSummary;
import io.txmon.formats.RejectedRecord;
import io.txmon.labels.LabelTimeline;
import io.txmon.labels.ReportedLabel;
import io.txmon.transaction.InvalidFieldException;
import io.txmon.transaction.Transaction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A labels file read for a replay: each label placed at the time its transaction happened. */
final class LabelledInput {
    private static final int REJECTS_SHOWN = 10;

    private LabelledInput() {}

    /**
     * The timeline of a labels file's labels of {@code transactions}. Labels of transactions not in the input, and
     * rejected records, are counted and reported with their lines, never silently dropped.
     */
    static LabelTimeline timeline(Path file, Duration delay, List<Transaction> transactions, PrintWriter progress) {
        Map<String, Instant> timeOf = new HashMap<>(transactions.size() * 2);
        for (Transaction tx : transactions) {
            timeOf.put(tx.transactionId(), tx.timestamp());
        }
        LabelTimeline.Builder timeline = LabelTimeline.builder(delay);
        List<String> problems = new ArrayList<>();
        int[] counts = new int[3];
        ReadSummary summary = LabelFiles.readReported(
                file,
                (Parsed<ReportedLabel> parsed) -> {
                    ReportedLabel reported = parsed.value();
                    Instant happened = timeOf.get(reported.label().transactionId());
                    if (happened == null) {
                        counts[1]++;
                        return;
                    }
                    try {
                        timeline.add(reported, happened);
                        counts[0]++;
                    } catch (InvalidFieldException e) {
                        counts[2]++;
                        problems.add("line " + parsed.line() + ": " + e.getMessage());
                    }
                },
                (RejectedRecord rejected) -> problems.add("line " + rejected.line() + ": " + rejected.reason()));
        progress.printf(
                "read %,d labels from %s: %,d of transactions in the input, %,d of other transactions (not used),"
                        + " %,d rejected%n",
                summary.records(), file, counts[0], counts[1], summary.rejected() + counts[2]);
        problems.stream().limit(REJECTS_SHOWN).forEach(p -> progress.println("  rejected: " + p));
        return timeline.build();
    }
}

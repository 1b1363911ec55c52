package io.txmon.reports;

import io.txmon.reports.ModelReport.Judged;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the model report writes its numbers and its fixed sentences, shared by the HTML and the PDF so that both say
 * the same thing in the same digits: four decimals for rates and areas, as {@code txmon evaluate} prints them.
 */
final class ModelReportFormat {
    static final String TITLE = "Model report";

    private ModelReportFormat() {}

    /** A rate or an area to four decimals, or "n/a" where it is undefined (NaN). */
    static String rate(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A risk-score threshold to two decimals, or four where two would round it. */
    static String threshold(double value) {
        String two = String.format(Locale.ROOT, "%.2f", value);
        return Double.parseDouble(two) == value ? two : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A count, with one decimal when it is fractional (alerts shared among ties at the budget's edge). */
    static String count(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    /** What was judged, as name and value lines. */
    static List<String[]> judged(ModelReport report) {
        Judged judged = report.judged();
        long n = report.metrics().transactions();
        long suspicious = report.metrics().suspicious();
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"Decisions", judged.decisionsFile()});
        lines.add(new String[] {"Labels", judged.labelsFile()});
        lines.add(new String[] {"Judged decisions", count(n)});
        lines.add(new String[] {
            "Suspicious (positives)",
            count(suspicious) + " (" + String.format(Locale.ROOT, "%.2f %%", 100.0 * suspicious / n) + ")"
        });
        lines.add(new String[] {
            "Time span",
            judged.first().isPresent() && judged.last().isPresent()
                    ? judged.first().get() + " to " + judged.last().get()
                    : "not known (give --transactions for the transactions' times)"
        });
        judged.judgedFrom().ifPresent(from -> lines.add(new String[] {"Judged from", from.toString()}));
        return lines;
    }

    /** The headline metrics, as name and value lines. */
    static List<String[]> metrics(ModelReport report) {
        var m = report.metrics();
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"ROC-AUC", rate(m.rocAuc())});
        lines.add(new String[] {"PR-AUC (average precision)", rate(m.prAuc())});
        lines.add(new String[] {
            "At the " + percent(m.budget()) + " budget",
            count(m.atBudget().alerts()) + " alerts, precision "
                    + rate(m.atBudget().precision()) + ", recall "
                    + rate(m.atBudget().recall())
        });
        lines.add(new String[] {
            "Flagged (REVIEW or BLOCK)",
            count(m.flagged().alerts()) + " alerts, precision "
                    + rate(m.flagged().precision()) + ", recall "
                    + rate(m.flagged().recall())
        });
        return lines;
    }

    static final String[] THRESHOLD_HEADER = {"Risk score at least", "Alerts", "Share alerted", "Precision", "Recall"};

    /** The threshold table's rows, the budget's line named. */
    static List<String[]> thresholds(ModelReport report) {
        long n = report.metrics().transactions();
        List<String[]> rows = new ArrayList<>();
        for (ModelReport.ThresholdRow row : report.thresholds()) {
            rows.add(new String[] {
                threshold(row.threshold())
                        + (row.budgetLine()
                                ? " (the " + percent(report.metrics().budget()) + " budget)"
                                : ""),
                count(row.alerts()),
                percent(row.alerts() / n),
                rate(row.precision()),
                rate(row.recall())
            });
        }
        return rows;
    }

    static final String[] TYPOLOGY_HEADER = {"Typology", "Suspicious", "Recall at the budget", "Recall flagged"};

    static List<String[]> typologies(ModelReport report) {
        return report.metrics().typologies().stream()
                .map(t -> new String[] {
                    t.typology(), count(t.transactions()), rate(t.recallAtBudget()), rate(t.recallFlagged())
                })
                .toList();
    }

    static final String NO_TYPOLOGY = "No label names a typology.";

    static final String[] REASON_HEADER = {"Reason code", "Flagged", "Precision"};

    static List<String[]> reasons(ModelReport report) {
        return report.metrics().reasons().stream()
                .map(r -> new String[] {r.reasonCode(), count(r.alerts()), rate(r.precision())})
                .toList();
    }

    static final String[] IMPORTANCE_HEADER = {"Input", "Total cover", "Share", "Splits"};

    /** The most important inputs a report shows; the rest are counted in {@link #importanceNote}. */
    static final int SHOWN_INPUTS = 20;

    /** The {@value #SHOWN_INPUTS} most important inputs that some split tests, most important first. */
    static List<String[]> importance(ModelReport.Importance importance) {
        return importance.inputs().stream()
                .filter(i -> i.splits() > 0)
                .limit(SHOWN_INPUTS)
                .map(i -> new String[] {
                    i.input(), String.format(Locale.ROOT, "%,.1f", i.value()), percent(i.share()), count(i.splits())
                })
                .toList();
    }

    /** How many inputs the table shows of how many, and how many no split tests. */
    static String importanceNote(ModelReport.Importance importance) {
        long used = importance.inputs().stream().filter(i -> i.splits() > 0).count();
        long shown = Math.min(used, SHOWN_INPUTS);
        return "Of the model's " + importance.inputs().size() + " inputs, " + used + " are tested by some split and "
                + (importance.inputs().size() - used) + " by none; the " + shown + " most important are shown.";
    }

    static final String NO_MODEL =
            "No model file was given (--supervised-model, --model): the report judges the" + " decisions alone.";

    static final String NO_IMPORTANCE = "No supervised model was given (--supervised-model), so no input importance"
            + " is shown. An anomaly model exposes its inputs, their risky side and training medians (above); which"
            + " inputs isolated a decision is in each decision's reason codes.";

    static final String THRESHOLD_NOTE = "Every decision at or above the risk score counts as an alert. On the"
            + " budget's line, decisions tied at the cut share the places left, as in txmon evaluate.";
}

package io.txmon.cli;

import io.txmon.evaluation.AccountDetectionReport;
import io.txmon.evaluation.DetectionReport;
import java.util.Locale;

/** A detection report as a terminal reads it. */
final class ReportText {
    private ReportText() {}

    static String of(DetectionReport r) {
        StringBuilder out = new StringBuilder();
        line(
                out,
                "transactions        %,d, of which suspicious %,d (%.2f %%)",
                r.transactions(),
                r.suspicious(),
                100.0 * r.suspicious() / Math.max(1, r.transactions()));
        line(out, "ROC-AUC             %.4f", r.rocAuc());
        line(out, "PR-AUC              %.4f", r.prAuc());
        alerts(out, String.format(Locale.ROOT, "at %.1f %% budget", r.budget() * 100), r.atBudget());
        alerts(out, "flagged (not APPROVE)", r.flagged());
        line(
                out,
                "alert rate          %.2f %% of transactions flagged, %.2f times the %.1f %% budget",
                100 * alertRate(r),
                alertRate(r) / r.budget(),
                r.budget() * 100);
        if (!r.typologies().isEmpty()) {
            line(out, "");
            line(out, "%-26s %12s %10s %10s", "recall by typology", "transactions", "at budget", "flagged");
            for (DetectionReport.TypologyRecall t : r.typologies()) {
                line(
                        out,
                        "  %-24s %,12d %10.3f %10.3f",
                        t.typology(),
                        t.transactions(),
                        t.recallAtBudget(),
                        t.recallFlagged());
            }
        }
        if (!r.reasons().isEmpty()) {
            line(out, "");
            line(out, "%-26s %12s %10s", "flagged by reason", "alerts", "precision");
            for (DetectionReport.ReasonPrecision p : r.reasons()) {
                line(out, "  %-24s %,12d %10.3f", p.reasonCode(), p.alerts(), p.precision());
            }
        }
        return out.toString();
    }

    /** The share of the judged transactions that were flagged, to set against the alert budget. */
    private static double alertRate(DetectionReport r) {
        return r.flagged().alerts() / Math.max(1.0, r.transactions());
    }

    /** An account-level report: the same measures, counted in accounts. */
    static String of(AccountDetectionReport r) {
        StringBuilder out = new StringBuilder();
        line(
                out,
                "accounts            %,d, of which suspicious %,d (%.2f %%)",
                r.accounts(),
                r.suspicious(),
                100.0 * r.suspicious() / Math.max(1, r.accounts()));
        if (r.withoutTransactions() > 0) {
            line(
                    out,
                    "                    %,d of them took part in no decided transaction (score 0)",
                    r.withoutTransactions());
        }
        line(out, "ROC-AUC             %.4f", r.rocAuc());
        line(out, "PR-AUC              %.4f", r.prAuc());
        alerts(out, String.format(Locale.ROOT, "at %.1f %% budget", r.budget() * 100), r.atBudget(), "accounts");
        alerts(out, "flagged (not APPROVE)", r.flagged(), "accounts");
        if (!r.reasons().isEmpty()) {
            line(out, "");
            line(out, "%-26s %12s %10s", "flagged by reason", "accounts", "precision");
            for (DetectionReport.ReasonPrecision p : r.reasons()) {
                line(out, "  %-24s %,12d %10.3f", p.reasonCode(), p.alerts(), p.precision());
            }
        }
        return out.toString();
    }

    /** Two reports on the same transactions, in two columns. */
    static String sideBySide(String leftName, DetectionReport left, String rightName, DetectionReport right) {
        StringBuilder out = new StringBuilder();
        line(out, "%-34s %16s %16s", "", leftName, rightName);
        line(out, "%-34s %16.4f %16.4f", "ROC-AUC", left.rocAuc(), right.rocAuc());
        line(out, "%-34s %16.4f %16.4f", "PR-AUC (average precision)", left.prAuc(), right.prAuc());
        String budget = String.format(Locale.ROOT, "at a %.1f %% alert budget", left.budget() * 100);
        line(
                out,
                "%-34s %16.3f %16.3f",
                budget + ": precision",
                left.atBudget().precision(),
                right.atBudget().precision());
        line(
                out,
                "%-34s %16.3f %16.3f",
                budget + ": recall",
                left.atBudget().recall(),
                right.atBudget().recall());
        line(
                out,
                "%-34s %,16.0f %,16.0f",
                "flagged (REVIEW or BLOCK)",
                left.flagged().alerts(),
                right.flagged().alerts());
        line(
                out,
                "%-34s %16.3f %16.3f",
                "flagged: precision",
                left.flagged().precision(),
                right.flagged().precision());
        line(
                out,
                "%-34s %16.3f %16.3f",
                "flagged: recall",
                left.flagged().recall(),
                right.flagged().recall());
        line(
                out,
                "%-34s %14.2f %% %14.2f %%",
                "flagged: share of transactions",
                100 * alertRate(left),
                100 * alertRate(right));
        if (!left.typologies().isEmpty()) {
            line(out, "");
            line(out, "%-34s %16s %16s", "recall by typology (budget / flagged)", leftName, rightName);
            for (int i = 0; i < left.typologies().size(); i++) {
                DetectionReport.TypologyRecall l = left.typologies().get(i);
                DetectionReport.TypologyRecall r = right.typologies().get(i);
                line(
                        out,
                        "  %-32s %7.2f / %5.2f  %7.2f / %5.2f",
                        l.typology() + " (" + l.transactions() + ")",
                        l.recallAtBudget(),
                        l.recallFlagged(),
                        r.recallAtBudget(),
                        r.recallFlagged());
            }
        }
        return out.toString();
    }

    private static void alerts(StringBuilder out, String name, DetectionReport.AlertSet set) {
        alerts(out, name, set, "alerts");
    }

    private static void alerts(StringBuilder out, String name, DetectionReport.AlertSet set, String unit) {
        line(
                out,
                "%-21s %,10.0f %s, precision %.3f, recall %.3f",
                name,
                set.alerts(),
                unit,
                set.precision(),
                set.recall());
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}

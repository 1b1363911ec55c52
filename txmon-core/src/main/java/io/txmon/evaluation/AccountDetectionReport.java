package io.txmon.evaluation;

import java.util.List;

/**
 * How well decisions found the suspicious accounts, each account judged by the riskiest transaction it
 * took part in (see {@link AccountScores}).
 *
 * @param accounts labelled accounts evaluated
 * @param suspicious how many of them were suspicious
 * @param withoutTransactions labelled accounts that took part in no decided transaction; they count with
 *     the lowest score, 0, and as never flagged
 * @param unlabelled accounts that took part in decided transactions but have no label; left out
 * @param rocAuc area under the ROC curve of the account scores; NaN without both classes
 * @param prAuc average precision of the account scores; NaN likewise
 * @param budget the alert budget, as a share of the labelled accounts
 * @param atBudget the top {@code budget} share of accounts by score, taken as alerts
 * @param flagged the accounts that took part in at least one flagged transaction (REVIEW or BLOCK)
 * @param reasons per reason code, the flagged accounts whose flagged transactions gave it, and the share
 *     of them that were suspicious
 */
public record AccountDetectionReport(
        long accounts,
        long suspicious,
        long withoutTransactions,
        long unlabelled,
        double rocAuc,
        double prAuc,
        double budget,
        DetectionReport.AlertSet atBudget,
        DetectionReport.AlertSet flagged,
        List<DetectionReport.ReasonPrecision> reasons) {

    public AccountDetectionReport {
        reasons = List.copyOf(reasons);
    }
}

package io.txmon.evaluation;

import java.util.List;

/**
 * How well decisions found the suspicious transactions: ranking quality over all of them, and what an
 * analyst team would see at a fixed alert budget and in the flagged set.
 *
 * @param transactions decisions evaluated
 * @param suspicious how many of them were suspicious
 * @param rocAuc area under the ROC curve of the risk score; NaN without both classes
 * @param prAuc average precision of the risk score (area under the precision-recall curve); NaN likewise
 * @param budget the alert budget, as a share of transactions
 * @param atBudget the top {@code budget} share by risk score, taken as alerts
 * @param flagged the decisions that asked for review or a block
 * @param typologies recall per typology, at the budget and in the flagged set
 * @param reasons alerts and precision per reason code, among flagged decisions
 */
public record DetectionReport(
        long transactions,
        long suspicious,
        double rocAuc,
        double prAuc,
        double budget,
        AlertSet atBudget,
        AlertSet flagged,
        List<TypologyRecall> typologies,
        List<ReasonPrecision> reasons) {

    public DetectionReport {
        typologies = List.copyOf(typologies);
        reasons = List.copyOf(reasons);
    }

    /**
     * A set of alerts and how good it is. At a budget, transactions tied with the last one taken count in
     * proportion to the places left, so the figures do not depend on input order.
     *
     * @param alerts how many alerts
     * @param truePositives how many of them were suspicious (fractional at a tied budget edge)
     * @param precision true positives over alerts; NaN with no alerts
     * @param recall true positives over all suspicious; NaN with none suspicious
     */
    public record AlertSet(double alerts, double truePositives, double precision, double recall) {}

    /**
     * How much of one typology was caught.
     *
     * @param typology the pattern
     * @param transactions how many transactions of it there were
     * @param recallAtBudget the share of them among the alerts at the budget
     * @param recallFlagged the share of them flagged
     */
    public record TypologyRecall(String typology, long transactions, double recallAtBudget, double recallFlagged) {}

    /**
     * How often a reason code came up on flagged decisions, and how often it was right.
     *
     * @param reasonCode the code
     * @param alerts flagged decisions giving it
     * @param precision the share of those that were suspicious
     */
    public record ReasonPrecision(String reasonCode, long alerts, double precision) {}
}

package io.txmon.rules;

import java.util.Objects;

/**
 * Where the combined risk score turns into levels and recommendations, as a rule set states it; the
 * decision engine ({@code io.txmon.scoring}) applies them. Seed 001's example (0.42 is {@code MEDIUM} and
 * approved) and its alert cut at 0.7 fix the defaults.
 *
 * @param mediumRiskAt scores from here are {@code MEDIUM}
 * @param highRiskAt scores from here are {@code HIGH}
 * @param reviewAt scores from here are sent to {@code REVIEW}
 * @param blockAt scores from here are {@code BLOCK}ed
 * @param alertBudget how many alerts analysts can take; once enough recent scores are known, it moves the review line
 *     from {@code reviewAt} to where the budget falls (see {@code io.txmon.scoring.ReviewLine})
 * @param reviewFloor the budget never draws the review line below this: a budget left unspent is better than alerts
 *     on transactions nothing found risky
 */
public record DecisionThresholds(
        double mediumRiskAt,
        double highRiskAt,
        double reviewAt,
        double blockAt,
        AlertBudget alertBudget,
        double reviewFloor) {

    public static final double DEFAULT_MEDIUM_RISK_AT = 0.3;
    public static final double DEFAULT_HIGH_RISK_AT = 0.7;
    public static final double DEFAULT_REVIEW_AT = 0.6;
    public static final double DEFAULT_BLOCK_AT = 0.85;

    /**
     * Medium from 0.3, high from 0.7, review from 0.6 until the budget of 1 % takes over (never below 0.3), block
     * from 0.85.
     */
    public static final DecisionThresholds DEFAULTS =
            new DecisionThresholds(DEFAULT_MEDIUM_RISK_AT, DEFAULT_HIGH_RISK_AT, DEFAULT_REVIEW_AT, DEFAULT_BLOCK_AT);

    /** Thresholds with the default alert budget, whose review line never falls below {@code mediumRiskAt}. */
    public DecisionThresholds(double mediumRiskAt, double highRiskAt, double reviewAt, double blockAt) {
        this(mediumRiskAt, highRiskAt, reviewAt, blockAt, AlertBudget.DEFAULT, mediumRiskAt);
    }

    public DecisionThresholds {
        requireOrdered("medium_risk_at", mediumRiskAt, "high_risk_at", highRiskAt);
        requireOrdered("review_at", reviewAt, "block_at", blockAt);
        Objects.requireNonNull(alertBudget, "alert_budget");
        if (!(reviewFloor > 0 && reviewFloor <= blockAt)) {
            throw new IllegalArgumentException(
                    "need 0 < review_floor <= block_at, got " + reviewFloor + " and " + blockAt);
        }
    }

    /** The same thresholds with another alert budget. */
    public DecisionThresholds withAlertBudget(AlertBudget budget) {
        return new DecisionThresholds(mediumRiskAt, highRiskAt, reviewAt, blockAt, budget, reviewFloor);
    }

    private static void requireOrdered(String lowName, double low, String highName, double high) {
        if (!(low > 0 && low < high && high <= 1)) {
            throw new IllegalArgumentException(
                    "need 0 < " + lowName + " < " + highName + " <= 1, got " + low + " and " + high);
        }
    }
}

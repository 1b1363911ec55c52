package io.txmon.rules;

/**
 * Where the combined risk score turns into levels and recommendations, as a rule set states it; the
 * decision engine ({@code io.txmon.scoring}) applies them. Seed 001's example (0.42 is {@code MEDIUM} and
 * approved) and its alert cut at 0.7 fix the defaults.
 *
 * @param mediumRiskAt scores from here are {@code MEDIUM}
 * @param highRiskAt scores from here are {@code HIGH}
 * @param reviewAt scores from here are sent to {@code REVIEW}
 * @param blockAt scores from here are {@code BLOCK}ed
 */
public record DecisionThresholds(double mediumRiskAt, double highRiskAt, double reviewAt, double blockAt) {

    public static final double DEFAULT_MEDIUM_RISK_AT = 0.3;
    public static final double DEFAULT_HIGH_RISK_AT = 0.7;
    public static final double DEFAULT_REVIEW_AT = 0.6;
    public static final double DEFAULT_BLOCK_AT = 0.85;

    /** Medium from 0.3, high from 0.7, review from 0.6, block from 0.85. */
    public static final DecisionThresholds DEFAULTS =
            new DecisionThresholds(DEFAULT_MEDIUM_RISK_AT, DEFAULT_HIGH_RISK_AT, DEFAULT_REVIEW_AT, DEFAULT_BLOCK_AT);

    public DecisionThresholds {
        requireOrdered("medium_risk_at", mediumRiskAt, "high_risk_at", highRiskAt);
        requireOrdered("review_at", reviewAt, "block_at", blockAt);
    }

    private static void requireOrdered(String lowName, double low, String highName, double high) {
        if (!(low > 0 && low < high && high <= 1)) {
            throw new IllegalArgumentException(
                    "need 0 < " + lowName + " < " + highName + " <= 1, got " + low + " and " + high);
        }
    }
}

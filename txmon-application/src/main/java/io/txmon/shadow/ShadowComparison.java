package io.txmon.shadow;

import java.util.Objects;
import java.util.Optional;

/**
 * How a challenger's decisions compare with the champion's, over the transactions both decided: how often they agree,
 * how many alerts each raises, and how precise each is on the labels known now.
 *
 * <p>A transaction counts as labelled when the {@code labels} table holds a label of it; the latest label recorded is
 * the one in force. Precision counts only labelled flagged (REVIEW or BLOCK) transactions: the share of them labelled
 * suspicious. Labels arrive days after their transactions, so precision reads the older part of the traffic, and
 * {@link Side#labelledAlerts} says on how many.
 *
 * @param decided transactions both decided
 * @param champion the champion's decisions on them
 * @param shadow the challenger's decisions on them
 * @param labelled among them, those with a label
 */
public record ShadowComparison(
        Challenger challenger, long decided, Agreement agreement, Side champion, Side shadow, long labelled) {
    public ShadowComparison {
        Objects.requireNonNull(challenger, "challenger");
        Objects.requireNonNull(agreement, "agreement");
        Objects.requireNonNull(champion, "champion");
        Objects.requireNonNull(shadow, "shadow");
    }

    /**
     * How often both decided alike.
     *
     * @param sameOutcome transactions both flagged or both let through
     * @param outcomeShare {@code sameOutcome} over the transactions both decided; empty when none
     * @param sameRecommendation transactions given the same recommendation (APPROVE, REVIEW or BLOCK)
     * @param recommendationShare {@code sameRecommendation} over the transactions both decided; empty when none
     */
    public record Agreement(
            long sameOutcome,
            Optional<Double> outcomeShare,
            long sameRecommendation,
            Optional<Double> recommendationShare) {}

    /**
     * One side's alerts and precision.
     *
     * @param alerts transactions it flagged (REVIEW or BLOCK)
     * @param alertShare {@code alerts} over the transactions both decided; empty when none
     * @param labelledAlerts flagged transactions that have a label
     * @param suspiciousAlerts flagged transactions labelled suspicious
     * @param precision {@code suspiciousAlerts} over {@code labelledAlerts}; empty when none is labelled
     */
    public record Side(
            long alerts,
            Optional<Double> alertShare,
            long labelledAlerts,
            long suspiciousAlerts,
            Optional<Double> precision) {
        static Side of(long alerts, long decided, long labelledAlerts, long suspiciousAlerts) {
            return new Side(
                    alerts,
                    share(alerts, decided),
                    labelledAlerts,
                    suspiciousAlerts,
                    share(suspiciousAlerts, labelledAlerts));
        }
    }

    static Optional<Double> share(long part, long whole) {
        return whole == 0 ? Optional.empty() : Optional.of((double) part / whole);
    }
}

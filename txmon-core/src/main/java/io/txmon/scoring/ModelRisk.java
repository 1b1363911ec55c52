package io.txmon.scoring;

import io.txmon.model.ScoreCalibration;
import io.txmon.rules.DecisionThresholds;

/**
 * Turns an anomaly score into the model's share of risk, piecewise linearly through the model's own
 * calibration points: its median training score is ordinary ({@value #ORDINARY_RISK}), its
 * contamination threshold is exactly the review line, and its 99.9th percentile is the model's ceiling,
 * half-way between review and block. The model alone can therefore send a transaction to review, or
 * mark it high risk, but never block it: blocking takes a rule an analyst wrote and can explain.
 */
final class ModelRisk {
    /** Risk of a transaction exactly as unusual as the median training transaction. */
    static final double ORDINARY_RISK = 0.1;

    private ModelRisk() {}

    static double of(double score, ScoreCalibration calibration, DecisionThresholds thresholds) {
        double median = calibration.median();
        double threshold = calibration.threshold();
        double review = thresholds.reviewAt();
        if (score <= median) {
            return ORDINARY_RISK * Math.max(0, score) / median;
        }
        if (score < threshold) {
            return ORDINARY_RISK + (review - ORDINARY_RISK) * (score - median) / (threshold - median);
        }
        double ceiling = (review + thresholds.blockAt()) / 2;
        double beyond = Math.min(1, (score - threshold) / (calibration.top() - threshold));
        return review + (ceiling - review) * beyond;
    }
}

package io.txmon.model;

/**
 * Where the training transactions' anomaly scores fell: what "ordinary", "as unusual as the contamination
 * allows" and "as unusual as training ever got" mean for this model. It lets the decision turn a raw
 * score into risk the same way whatever the data set, since raw Isolation Forest scores of ordinary
 * transactions sit anywhere from 0.35 to 0.5 depending on the features.
 *
 * @param median the median training score
 * @param threshold the (1 - contamination) quantile of training scores: the model's alert line
 * @param top the 99.9th percentile of training scores, above the threshold
 */
public record ScoreCalibration(double median, double threshold, double top) {
    public ScoreCalibration {
        if (!(median > 0 && median <= threshold && threshold < top && top <= 1)) {
            throw new IllegalArgumentException(
                    "need 0 < median <= threshold < top <= 1, got " + median + ", " + threshold + ", " + top);
        }
    }
}

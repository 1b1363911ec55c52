package io.txmon.learning;

import io.txmon.boosting.SupervisedModel;
import io.txmon.evaluation.RankMetrics;
import io.txmon.storage.SupervisedModelVersion.Metrics;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How a supervised model ranks held-out labelled rows: ROC-AUC, PR-AUC (average precision, as scikit-learn computes
 * it: the promotion rule compares it, since fraud is rare and ROC-AUC barely moves with the top of the ranking that
 * analysts see), and precision among the alert budget's share of rows ranked highest.
 */
final class ModelValidation {
    private ModelValidation() {}

    /**
     * The metrics of {@code model} on {@code features} (each {@code float[Feature.COUNT]}) labelled {@code
     * positive}, which must hold both classes.
     *
     * @param alertShare the share of rows that would go to review, in (0, 1]; at least one row is counted
     */
    static Metrics of(SupervisedModel model, List<float[]> features, boolean[] positive, double alertShare) {
        double[] scores = new double[features.size()];
        double[] vector = new double[features.get(0).length];
        for (int r = 0; r < scores.length; r++) {
            float[] row = features.get(r);
            for (int f = 0; f < row.length; f++) {
                vector[f] = row[f];
            }
            scores[r] = model.probability(vector);
        }
        return new Metrics(
                RankMetrics.rocAuc(scores, positive),
                RankMetrics.averagePrecision(scores, positive),
                alertShare,
                precisionAtShare(scores, positive, alertShare));
    }

    /**
     * The share of positives among the {@code ceil(share * n)} highest scores; of rows tied at the cut, the earliest
     * come first, so that the same model on the same rows always gives the same number.
     */
    static double precisionAtShare(double[] scores, boolean[] positive, double share) {
        int alerts = Math.max(1, (int) Math.ceil(share * scores.length));
        int[] ranked = IntStream.range(0, scores.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer r) -> scores[r])
                        .reversed()
                        .thenComparingInt(r -> r))
                .mapToInt(Integer::intValue)
                .toArray();
        long hits = Arrays.stream(ranked, 0, alerts).filter(r -> positive[r]).count();
        return (double) hits / alerts;
    }
}

package io.txmon.evaluation;

import java.util.Arrays;

/**
 * Threshold-free measures of how well scores rank positives (anomalies, frauds) above negatives.
 *
 * <p>Both work on the positives' and the negatives' scores sorted apart, with primitive sorts, so half a
 * million scores need no boxed index sort: ROC-AUC counts, for every positive, the negatives below it
 * (ties counting half), and average precision walks both lists down from the top, one distinct score at a
 * time. Cost: O(n log n) for the sorts, then O(n).
 */
public final class RankMetrics {
    private RankMetrics() {}

    /**
     * The area under the ROC curve: the probability that a random positive scores above a random negative,
     * ties counting half. This is the Mann-Whitney U statistic over (positives × negatives), the same as
     * averaging the ranks of tied scores, and equals scikit-learn's {@code roc_auc_score}.
     *
     * @param scores one score per row, higher meaning more likely positive
     * @param positives whether each row is a positive
     * @throws IllegalArgumentException if the arrays differ in length, a score is NaN, or there are no
     *     positives or no negatives
     */
    public static double rocAuc(double[] scores, boolean[] positives) {
        Split split = Split.of(scores, positives);
        double[] pos = split.positives();
        double[] neg = split.negatives();
        double pairsWon = 0;
        int below = 0;
        int p = 0;
        while (p < pos.length) {
            double score = pos[p];
            int tiedPositives = 0;
            while (p < pos.length && pos[p] == score) {
                tiedPositives++;
                p++;
            }
            while (below < neg.length && neg[below] < score) {
                below++;
            }
            int equal = 0;
            while (below + equal < neg.length && neg[below + equal] == score) {
                equal++;
            }
            pairsWon += tiedPositives * (below + equal / 2.0);
        }
        return pairsWon / ((double) pos.length * neg.length);
    }

    /**
     * Average precision as scikit-learn's {@code average_precision_score} computes it: the sum over
     * thresholds, from the highest score down, of the gain in recall times the precision there,
     * AP = Σ (R_k - R_(k-1)) P_k. Rows with tied scores pass a threshold together, so a tie is one step,
     * not interpolated.
     *
     * @param scores one score per row, higher meaning more likely positive
     * @param positives whether each row is a positive
     * @throws IllegalArgumentException if the arrays differ in length, a score is NaN, or there are no
     *     positives or no negatives
     */
    public static double averagePrecision(double[] scores, boolean[] positives) {
        Split split = Split.of(scores, positives);
        double[] pos = split.positives();
        double[] neg = split.negatives();
        int p = pos.length - 1;
        int n = neg.length - 1;
        long truePositives = 0;
        long falsePositives = 0;
        double sum = 0;
        while (p >= 0) {
            double score = n >= 0 ? Math.max(pos[p], neg[n]) : pos[p];
            int gained = 0;
            while (p >= 0 && pos[p] == score) {
                gained++;
                p--;
            }
            while (n >= 0 && neg[n] == score) {
                falsePositives++;
                n--;
            }
            truePositives += gained;
            sum += gained * ((double) truePositives / (truePositives + falsePositives));
        }
        return sum / pos.length;
    }

    /** The positives' and negatives' scores, each sorted ascending, with -0.0 made 0.0 so it ties with it. */
    private record Split(double[] positives, double[] negatives) {
        static Split of(double[] scores, boolean[] labels) {
            if (scores.length != labels.length) {
                throw new IllegalArgumentException(
                        "scores and positives differ in length: " + scores.length + " and " + labels.length);
            }
            int positiveCount = 0;
            for (int i = 0; i < scores.length; i++) {
                if (Double.isNaN(scores[i])) {
                    throw new IllegalArgumentException("score " + i + " is NaN");
                }
                if (labels[i]) {
                    positiveCount++;
                }
            }
            if (positiveCount == 0 || positiveCount == scores.length) {
                throw new IllegalArgumentException("positives must hold both classes, but all " + scores.length
                        + " rows are " + (positiveCount == 0 ? "negative" : "positive"));
            }
            double[] pos = new double[positiveCount];
            double[] neg = new double[scores.length - positiveCount];
            int p = 0;
            int n = 0;
            for (int i = 0; i < scores.length; i++) {
                if (labels[i]) {
                    pos[p++] = scores[i] + 0.0;
                } else {
                    neg[n++] = scores[i] + 0.0;
                }
            }
            Arrays.sort(pos);
            Arrays.sort(neg);
            return new Split(pos, neg);
        }
    }
}

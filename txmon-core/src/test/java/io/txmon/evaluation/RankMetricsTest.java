package io.txmon.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RankMetricsTest {
    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void givesOneForAPerfectRankingAndZeroForAReversedOne() {
        double[] scores = {0.9, 0.8, 0.3, 0.1};

        assertThat(RankMetrics.rocAuc(scores, new boolean[] {T, T, F, F})).isEqualTo(1.0);
        assertThat(RankMetrics.averagePrecision(scores, new boolean[] {T, T, F, F}))
                .isEqualTo(1.0);
        assertThat(RankMetrics.rocAuc(scores, new boolean[] {F, F, T, T})).isEqualTo(0.0);
    }

    @Test
    void agreesWithScikitLearnsDocumentedExample() {
        // roc_auc_score and average_precision_score of y = [0, 0, 1, 1], scores = [0.1, 0.4, 0.35, 0.8]:
        // three of four pairs ordered; precision 1 at recall 1/2, then 2/3 at recall 1.
        double[] scores = {0.1, 0.4, 0.35, 0.8};
        boolean[] positives = {F, F, T, T};

        assertThat(RankMetrics.rocAuc(scores, positives)).isEqualTo(0.75);
        assertThat(RankMetrics.averagePrecision(scores, positives)).isCloseTo(1.0 / 2 + 2.0 / 3 / 2, within(1e-15));
    }

    @Test
    void countsTiedPairsAsHalfLikeAverageRanks() {
        // Positives 0.5 and 0.2 against negatives 0.5 and 0.5: two tied pairs (1/2 each), two lost.
        // Average ranks: 0.2 -> 1, the three 0.5s -> 3; U = (3 + 1) - 2·3/2 = 1; AUC = 1 / (2·2).
        double[] scores = {0.5, 0.5, 0.5, 0.2};
        boolean[] positives = {T, F, F, T};

        assertThat(RankMetrics.rocAuc(scores, positives)).isEqualTo(0.25);
    }

    @Test
    void takesTiedScoresAsOneThresholdForAveragePrecision() {
        // At 0.5: 1 of 3 flagged are positives, recall 1/2. At 0.2: 2 of 4, recall 1.
        // AP = 1/2 · 1/3 + 1/2 · 1/2 = 5/12, the tie being one step rather than three.
        double[] scores = {0.5, 0.5, 0.5, 0.2};
        boolean[] positives = {T, F, F, T};

        assertThat(RankMetrics.averagePrecision(scores, positives)).isCloseTo(5.0 / 12, within(1e-15));
    }

    @Test
    void givesAHalfToAPositiveTiedWithTheOnlyNegativeAboveTheRest() {
        double[] scores = {0.9, 0.9, 0.1};
        boolean[] positives = {T, F, F};

        assertThat(RankMetrics.rocAuc(scores, positives)).isEqualTo(0.75);
        assertThat(RankMetrics.averagePrecision(scores, positives)).isEqualTo(0.5);
    }

    @Test
    void treatsMinusZeroAndZeroAsATie() {
        assertThat(RankMetrics.rocAuc(new double[] {-0.0, 0.0}, new boolean[] {T, F}))
                .isEqualTo(0.5);
    }

    @Test
    void matchesPairCountingAndAStepwiseSumOnManyTiedScores() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 50 + random.nextInt(400);
            double[] scores = new double[n];
            boolean[] positives = new boolean[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(20) / 20.0; // few distinct values: many ties
                positives[i] = random.nextDouble() < 0.2 + scores[i] * 0.3;
            }
            positives[0] = true;
            positives[1] = false;

            assertThat(RankMetrics.rocAuc(scores, positives)).isCloseTo(pairCounting(scores, positives), within(1e-12));
            assertThat(RankMetrics.averagePrecision(scores, positives))
                    .isCloseTo(stepwiseAveragePrecision(scores, positives), within(1e-12));
        }
    }

    @Test
    void refusesLabelsWithoutPositives() {
        assertThatThrownBy(() -> RankMetrics.rocAuc(new double[] {0.1, 0.2}, new boolean[] {F, F}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("positives must hold both classes, but all 2 rows are negative");
    }

    @Test
    void refusesLabelsWithoutNegatives() {
        assertThatThrownBy(() -> RankMetrics.averagePrecision(new double[] {0.1, 0.2, 0.3}, new boolean[] {T, T, T}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("positives must hold both classes, but all 3 rows are positive");
    }

    @Test
    void refusesScoresAndLabelsOfDifferentLengths() {
        assertThatThrownBy(() -> RankMetrics.rocAuc(new double[] {0.1, 0.2}, new boolean[] {T, F, F}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scores and positives differ in length: 2 and 3");
    }

    @Test
    void refusesANaNScoreNamingIt() {
        assertThatThrownBy(() -> RankMetrics.rocAuc(new double[] {0.1, Double.NaN}, new boolean[] {T, F}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("score 1 is NaN");
    }

    /** The definition: the share of (positive, negative) pairs ordered right, ties counting half. */
    private static double pairCounting(double[] scores, boolean[] positives) {
        double won = 0;
        long pairs = 0;
        for (int p = 0; p < scores.length; p++) {
            for (int n = 0; n < scores.length; n++) {
                if (positives[p] && !positives[n]) {
                    pairs++;
                    won += scores[p] > scores[n] ? 1 : scores[p] == scores[n] ? 0.5 : 0;
                }
            }
        }
        return won / pairs;
    }

    /** scikit-learn's definition: rows sorted by score, one threshold per distinct score, Σ ΔR · P. */
    private static double stepwiseAveragePrecision(double[] scores, boolean[] positives) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        long allPositives =
                IntStream.range(0, scores.length).filter(i -> positives[i]).count();
        double sum = 0;
        double previousRecall = 0;
        int truePositives = 0;
        for (int k = 0; k < order.length; k++) {
            truePositives += positives[order[k]] ? 1 : 0;
            boolean lastOfTie = k + 1 == order.length || scores[order[k + 1]] != scores[order[k]];
            if (lastOfTie) {
                double recall = (double) truePositives / allPositives;
                sum += (recall - previousRecall) * truePositives / (k + 1);
                previousRecall = recall;
            }
        }
        return sum;
    }
}

package io.txmon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IsolationForestTrainerTest {
    private static final double[][] ROWS = TrainingRows.gaussian(2_000, 4, 1);

    @Test
    void growsTheReferenceDetectorsForestByDefault() {
        IsolationForest forest = IsolationForestTrainer.builder(3).build().fit(ROWS);

        assertThat(forest.trees()).isEqualTo(150);
        assertThat(forest.sampleSize()).isEqualTo(256);
        assertThat(forest.contamination()).isEqualTo(0.01);
        assertThat(forest.features()).isEqualTo(4);
        assertThat(forest.seed()).isEqualTo(3);
    }

    @Test
    void growsTheSameForestFromTheSameSeed() {
        IsolationForestTrainer trainer =
                IsolationForestTrainer.builder(42).trees(37).build();

        IsolationForest first = trainer.fit(ROWS);
        IsolationForest second = trainer.fit(ROWS);

        assertThat(first.threshold()).isEqualTo(second.threshold());
        for (double[] row : ROWS) {
            assertThat(first.score(row)).isEqualTo(second.score(row));
        }
    }

    @Test
    void growsADifferentForestFromAnotherSeed() {
        IsolationForest first =
                IsolationForestTrainer.builder(1).trees(20).build().fit(ROWS);
        IsolationForest second =
                IsolationForestTrainer.builder(2).trees(20).build().fit(ROWS);

        assertThat(first.scoreAll(ROWS)).isNotEqualTo(second.scoreAll(ROWS));
    }

    @Test
    void growsEachTreeOnAllRowsWhenThereAreFewerThanTheSampleSize() {
        IsolationForest forest = IsolationForestTrainer.builder(5).build().fit(Arrays.copyOf(ROWS, 100));

        assertThat(forest.sampleSize()).isEqualTo(100);
        assertThat(forest.storedTrees().size()[0]).isEqualTo(100);
    }

    @Test
    void scoresAFarAwayRowAboveEveryTrainingRow() {
        double[][] rows = Arrays.copyOf(ROWS, ROWS.length + 1);
        rows[ROWS.length] = new double[] {8, -8, 8, -8};

        IsolationForest forest = IsolationForestTrainer.builder(9).build().fit(rows);

        double outlier = forest.score(rows[ROWS.length]);
        assertThat(outlier).isGreaterThan(0.7);
        for (double[] row : ROWS) {
            assertThat(forest.score(row)).isLessThan(outlier);
        }
    }

    @Test
    void neverGrowsAPathLongerThanTheLogarithmOfTheSampleSize() {
        IsolationForest forest =
                IsolationForestTrainer.builder(4).samples(100).build().fit(ROWS);

        int[] depths = forest.storedTrees().checkedDepths(4, 100, 7);

        assertThat(Arrays.stream(depths).max().orElseThrow()).isEqualTo(7);
    }

    @Test
    void neverCutsAFeatureThatIsConstantInTheTrainingRows() {
        double[][] rows = TrainingRows.gaussian(500, 3, 8);
        for (double[] row : rows) {
            row[1] = 42;
        }

        StoredTrees trees = IsolationForestTrainer.builder(8).build().fit(rows).storedTrees();

        assertThat(trees.splitFeature()).contains(0, 2).doesNotContain(1);
    }

    @Test
    void scoresEveryRowOneHalfWhenAllTrainingRowsAreTheSame() {
        double[][] rows = new double[300][];
        Arrays.setAll(rows, i -> new double[] {1, 2});

        IsolationForest forest =
                IsolationForestTrainer.builder(6).trees(10).build().fit(rows);

        // Every tree is a single external node holding ψ rows, whose path length is c(ψ) exactly.
        assertThat(forest.score(new double[] {1, 2})).isCloseTo(0.5, within(1e-12));
        assertThat(forest.score(new double[] {-100, 100})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void scoresAsTheTextbookWalkOverEveryTree() {
        // 13 trees: one interleaved group of eight and five walked alone.
        IsolationForest forest =
                IsolationForestTrainer.builder(11).trees(13).samples(64).build().fit(ROWS);
        StoredTrees trees = forest.storedTrees();
        double normaliser = 13 * PathLength.average(64);

        for (double[] row : TrainingRows.gaussian(200, 4, 12)) {
            double total = 0;
            for (int root : trees.roots()) {
                total += textbookPathLength(trees, root, 0, row);
            }
            assertThat(forest.score(row)).isCloseTo(Math.pow(2, -total / normaliser), within(1e-12));
        }
    }

    private static double textbookPathLength(StoredTrees trees, int node, int depth, double[] row) {
        if (trees.isExternal(node)) {
            return depth + PathLength.average(trees.size()[node]);
        }
        int left = trees.leftChild()[node];
        int next = row[trees.splitFeature()[node]] <= trees.threshold()[node] ? left : left + 1;
        return textbookPathLength(trees, next, depth + 1, row);
    }

    @Test
    void placesTheThresholdAtTheInterpolatedQuantileOfTheTrainingScores() {
        IsolationForest forest =
                IsolationForestTrainer.builder(13).contamination(0.05).build().fit(ROWS);

        double[] scores = forest.scoreAll(ROWS);
        Arrays.sort(scores);
        double position = (scores.length - 1) * 0.95;
        int below = (int) position;
        double expected = scores[below] + (position - below) * (scores[below + 1] - scores[below]);

        assertThat(forest.threshold()).isCloseTo(expected, within(1e-15));
        long flagged = Arrays.stream(scores).filter(s -> s > forest.threshold()).count();
        assertThat(flagged).isEqualTo(100);
    }

    @Test
    void placesTheThresholdFromASampleOfTheRowsWhenThereAreMoreThanThresholdRows() {
        double[][] rows = TrainingRows.gaussian(20_000, 3, 14);
        IsolationForest forest = IsolationForestTrainer.builder(14)
                .contamination(0.05)
                .thresholdRows(4_000)
                .build()
                .fit(rows);

        double flaggedShare = Arrays.stream(forest.scoreAll(rows))
                        .filter(s -> s > forest.threshold())
                        .count()
                / 20_000.0;

        // The sample quantile's share has a standard deviation of sqrt(0.05 · 0.95 / 4,000) = 0.0034.
        assertThat(flaggedShare).isCloseTo(0.05, within(0.014));
    }

    @Test
    void rejectsANaNNamingItsRowAndColumn() {
        double[][] rows = TrainingRows.gaussian(10, 3, 1);
        rows[7][2] = Double.NaN;

        assertThatThrownBy(() -> IsolationForestTrainer.builder(1).build().fit(rows))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 7, column 2 is NaN");
    }

    @Test
    void rejectsAnInfiniteValueNamingItsRowAndColumn() {
        double[][] rows = TrainingRows.gaussian(10, 3, 1);
        rows[0][1] = Double.NEGATIVE_INFINITY;

        assertThatThrownBy(() -> IsolationForestTrainer.builder(1).build().fit(rows))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 0, column 1 is -Infinity");
    }

    @Test
    void rejectsRowsOfDifferentLengths() {
        double[][] rows = TrainingRows.gaussian(10, 3, 1);
        rows[4] = new double[2];

        assertThatThrownBy(() -> IsolationForestTrainer.builder(1).build().fit(rows))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 4 has 2 values, row 0 has 3");
    }

    @Test
    void rejectsAnEmptyTableOrASingleRowWhichNothingCanBeIsolatedFrom() {
        assertThatThrownBy(() -> IsolationForestTrainer.builder(1).build().fit(new double[0][]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an Isolation Forest needs at least 2 rows, got 0");
        assertThatThrownBy(() -> IsolationForestTrainer.builder(1).build().fit(new double[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an Isolation Forest needs at least 2 rows, got 1");
    }

    @Test
    void rejectsSettingsOutOfRangeNamingTheParameterAndValue() {
        IsolationForestTrainer.Builder builder = IsolationForestTrainer.builder(1);

        assertThatThrownBy(() -> builder.trees(0)).hasMessage("trees must be at least 1, was 0");
        assertThatThrownBy(() -> builder.samples(-3)).hasMessage("samples must be within [1, 4096], was -3");
        assertThatThrownBy(() -> builder.samples(4_097)).hasMessage("samples must be within [1, 4096], was 4097");
        assertThatThrownBy(() -> builder.contamination(0)).hasMessage("contamination must be within (0, 0.5], was 0.0");
        assertThatThrownBy(() -> builder.contamination(0.6))
                .hasMessage("contamination must be within (0, 0.5], was 0.6");
        assertThatThrownBy(() -> builder.thresholdRows(0)).hasMessage("threshold_rows must be at least 1, was 0");
    }

    @Test
    void rejectsARowToScoreOfTheWrongLengthOrWithANaN() {
        IsolationForest forest =
                IsolationForestTrainer.builder(1).trees(5).build().fit(ROWS);

        assertThatThrownBy(() -> forest.score(new double[3]))
                .hasMessage("row has 3 values, the model was trained on 4 features");
        assertThatThrownBy(() -> forest.score(new double[] {0, 0, Double.NaN, 0}))
                .hasMessage("row value 2 is NaN; the model needs finite numbers");
    }
}

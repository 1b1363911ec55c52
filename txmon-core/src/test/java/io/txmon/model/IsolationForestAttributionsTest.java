package io.txmon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IsolationForestAttributionsTest {

    @Test
    void givesMostOfTheAttributionOfARowExtremeInFeatureTwoOnlyToFeatureTwo() {
        IsolationForest forest = IsolationForestTrainer.builder(21).build().fit(TrainingRows.gaussian(5_000, 5, 21));

        double[] shares = forest.attributions(new double[] {0, 0, 10, 0, 0});

        assertThat(shares[2]).isGreaterThan(0.5);
    }

    @Test
    void ranksTheExtremeFeatureFirstAmongTwentyFeatures() {
        IsolationForest forest = IsolationForestTrainer.builder(22).build().fit(TrainingRows.gaussian(5_000, 20, 22));
        double[] row = new double[20];
        row[2] = 10;

        double[] shares = forest.attributions(row);

        for (int f = 0; f < 20; f++) {
            if (f != 2) {
                assertThat(shares[2])
                        .as("share of feature 2 against feature %d", f)
                        .isGreaterThan(3 * shares[f]);
            }
        }
    }

    @Test
    void givesNonNegativeSharesSummingToOne() {
        IsolationForest forest = IsolationForestTrainer.builder(23).build().fit(TrainingRows.gaussian(2_000, 6, 23));

        for (double[] row : TrainingRows.gaussian(50, 6, 24)) {
            double[] shares = forest.attributions(row);
            assertThat(Arrays.stream(shares).min().orElseThrow()).isGreaterThanOrEqualTo(0);
            assertThat(Arrays.stream(shares).sum()).isCloseTo(1, within(1e-12));
        }
    }

    @Test
    void givesNoSharesWhenTheForestHasNoCuts() {
        double[][] rows = new double[50][];
        Arrays.setAll(rows, i -> new double[] {3, 3, 3});
        IsolationForest forest =
                IsolationForestTrainer.builder(25).trees(4).build().fit(rows);

        assertThat(forest.attributions(new double[] {0, 9, 0})).containsExactly(0, 0, 0);
    }

    @Test
    void rejectsARowOfTheWrongLength() {
        IsolationForest forest =
                IsolationForestTrainer.builder(26).trees(3).build().fit(TrainingRows.gaussian(20, 2, 26));

        assertThatThrownBy(() -> forest.attributions(new double[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row has 3 values, the model was trained on 2 features");
    }
}

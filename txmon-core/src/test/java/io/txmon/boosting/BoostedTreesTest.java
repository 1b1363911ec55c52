package io.txmon.boosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoostedTreesTest {
    /** amount (feature 0) below 100 goes left to -0.5, else to node 2, which splits night (feature 1) at 0.5. */
    private static final RegressionTree AMOUNT_THEN_NIGHT = new RegressionTree(
            new int[] {0, -1, 1, -1, -1},
            new float[] {100f, 0, 0.5f, 0, 0},
            new int[] {1, -1, 3, -1, -1},
            new int[] {2, -1, 4, -1, -1},
            new boolean[] {true, false, false, false, false},
            new float[] {0, -0.5f, 0, 0.25f, 1.5f});

    private static final RegressionTree STUMP = new RegressionTree(
            new int[] {-1}, new float[] {0}, new int[] {-1}, new int[] {-1}, new boolean[] {false}, new float[] {0.1f});

    @Test
    void aValueBelowTheThresholdGoesLeftAndTheThresholdItselfGoesRight() {
        assertThat(AMOUNT_THEN_NIGHT.value(new double[] {99.99, 1})).isEqualTo(-0.5);
        assertThat(AMOUNT_THEN_NIGHT.value(new double[] {100, 0})).isEqualTo(0.25);
        assertThat(AMOUNT_THEN_NIGHT.value(new double[] {250, 1})).isEqualTo(1.5);
    }

    @Test
    void comparesAsXgboostDoesInThirtyTwoBitFloats() {
        // 99.9999999 rounds to the float 100f: not below the threshold as a float, so it goes right, as in XGBoost.
        assertThat(AMOUNT_THEN_NIGHT.value(new double[] {99.9999999, 0}))
                .as("just under 100 in double, exactly 100 as a float")
                .isEqualTo(0.25);
    }

    @Test
    void aMissingValueTakesItsSplitsDefaultBranch() {
        assertThat(AMOUNT_THEN_NIGHT.value(new double[] {Double.NaN, 1})).isEqualTo(-0.5);
        assertThat(AMOUNT_THEN_NIGHT.value(new double[] {500, Double.NaN})).isEqualTo(1.5);
    }

    @Test
    void theMarginIsTheBaseMarginPlusEveryTreesLeafAndTheProbabilityItsLogistic() {
        BoostedTrees model = new BoostedTrees(List.of(AMOUNT_THEN_NIGHT, STUMP), BoostedTrees.marginOf(0.5), 2);

        double margin = model.margin(new double[] {250, 1});

        assertThat(margin).isCloseTo(1.5 + 0.1, within(1e-6));
        assertThat(model.probability(new double[] {250, 1})).isCloseTo(1 / (1 + Math.exp(-margin)), within(1e-12));
        assertThat(BoostedTrees.marginOf(0.2)).isCloseTo(Math.log(0.25), within(1e-12));
    }

    @Test
    void refusesARowOfAnotherWidthAndATreeTestingAFeatureTheRowsDoNotHave() {
        BoostedTrees model = new BoostedTrees(List.of(AMOUNT_THEN_NIGHT), 0, 2);

        assertThatThrownBy(() -> model.margin(new double[] {1})).hasMessage("a row has 2 features, this one 1");
        assertThatThrownBy(() -> new BoostedTrees(List.of(AMOUNT_THEN_NIGHT), 0, 1))
                .hasMessage("tree 0 tests feature 1 of rows with 1 features");
    }

    @Test
    void refusesTreesWhoseWalksWouldNotEnd() {
        assertThatThrownBy(() -> new RegressionTree(
                        new int[] {0, 0},
                        new float[] {1, 1},
                        new int[] {1, 0},
                        new int[] {1, 1},
                        new boolean[] {false, false},
                        new float[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reached twice");
        assertThatThrownBy(() -> new RegressionTree(
                        new int[] {0},
                        new float[] {1},
                        new int[] {1},
                        new int[] {-1},
                        new boolean[] {false},
                        new float[] {0}))
                .hasMessage("node 0 has one child: a node has two or none");
    }

    @Test
    void keepsNodesNoWalkReachesAsXgboostKeepsPrunedOnes() {
        RegressionTree withPrunedNodes = new RegressionTree(
                new int[] {-1, 3, -1},
                new float[] {0, 1, 0},
                new int[] {-1, 2, -1},
                new int[] {-1, 2, -1},
                new boolean[] {false, false, false},
                new float[] {0.7f, 0, 0});

        assertThat(withPrunedNodes.value(new double[] {0, 0, 0, 0})).isCloseTo(0.7, within(1e-6));
    }

    @Test
    void refusesABaseScoreThatIsNoProbability() {
        assertThatThrownBy(() -> BoostedTrees.marginOf(1.0))
                .hasMessage("base score must be a probability strictly between 0 and 1, was 1.0");
    }
}

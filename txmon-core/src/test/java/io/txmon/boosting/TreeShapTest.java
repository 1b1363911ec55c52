package io.txmon.boosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TreeShapTest {
    private static final double BASE_MARGIN = -2;

    /** Feature 0 below 0.5 goes left to -1 (cover 6), else right to 2 (cover 4). */
    private static final RegressionTree SINGLE_SPLIT = new RegressionTree(
            new int[] {0, -1, -1},
            new float[] {0.5f, 0, 0},
            new int[] {1, -1, -1},
            new int[] {2, -1, -1},
            new boolean[] {false, false, false},
            new float[] {0, -1, 2},
            new float[] {10, 6, 4});

    @Test
    void aSingleSplitCreditsItsFeatureWithTheLeafValueLessTheCoverWeightedAverageOfBothLeaves() {
        BoostedTrees model = new BoostedTrees(List.of(SINGLE_SPLIT), BASE_MARGIN, 2);
        double expected = (6 * -1.0 + 4 * 2.0) / (6 + 4);

        double[] left = model.contributions(new double[] {0.1, 7});
        double[] right = model.contributions(new double[] {0.9, 7});

        assertThat(left[0]).isCloseTo(-1 - expected, within(1e-12));
        assertThat(right[0]).isCloseTo(2 - expected, within(1e-12));
        assertThat(left[1]).as("a feature no split tests").isZero();
        assertThat(left[2]).as("the bias").isCloseTo(BASE_MARGIN + expected, within(1e-12));
        assertThat(right[2]).isEqualTo(left[2]);
    }

    @Test
    void twoSplitsOnTwoFeaturesShareTheChangeAsTheShapleyValuesOfTheirFourSubsetsDo() {
        RegressionTree tree = BoostedTreesTest.AMOUNT_THEN_NIGHT;
        BoostedTrees model = new BoostedTrees(List.of(tree), BASE_MARGIN, 2);
        // The expected margin when the features in the subset are known and the row is (250, 1): unknown splits
        // average their children by cover (70 left, 30 right; under the right, 20 and 10).
        double none = (70 * -0.5 + 20 * 0.25 + 10 * 1.5) / 100;
        double amountOnly = (20 * 0.25 + 10 * 1.5) / 30;
        double nightOnly = (70 * -0.5 + 30 * 1.5) / 100;
        double both = 1.5;

        double[] contributions = model.contributions(new double[] {250, 1});

        assertThat(contributions[0]).isCloseTo(((amountOnly - none) + (both - nightOnly)) / 2, within(1e-12));
        assertThat(contributions[1]).isCloseTo(((nightOnly - none) + (both - amountOnly)) / 2, within(1e-12));
        assertThat(contributions[2]).isCloseTo(BASE_MARGIN + none, within(1e-12));
    }

    @Test
    void aMissingValueIsExplainedAlongItsDefaultBranch() {
        BoostedTrees model = new BoostedTrees(List.of(BoostedTreesTest.AMOUNT_THEN_NIGHT), 0, 2);
        // Amount missing but known takes the default branch, left to -0.5, where night is never tested; night known
        // while amount is not still counts in the 30 that went right.
        double none = (70 * -0.5 + 20 * 0.25 + 10 * 1.5) / 100;
        double amountOnly = -0.5;
        double nightOnly = (70 * -0.5 + 30 * 1.5) / 100;
        double both = -0.5;

        double[] contributions = model.contributions(new double[] {Double.NaN, 1});

        assertThat(contributions[0]).isCloseTo(((amountOnly - none) + (both - nightOnly)) / 2, within(1e-12));
        assertThat(contributions[1]).isCloseTo(((nightOnly - none) + (both - amountOnly)) / 2, within(1e-12));
    }

    @Test
    void equalsTheShapleyValuesOfEveryFeatureSubsetOnRandomTreesThatTestAFeatureMoreThanOnce() {
        SplittableRandom random = new SplittableRandom(21);
        int features = 4;
        for (int t = 0; t < 60; t++) {
            RegressionTree tree = BoostedTreesTest.randomTree(random, 1 + random.nextInt(25), features, 6);
            BoostedTrees model = new BoostedTrees(List.of(tree), 0, features);
            for (int r = 0; r < 20; r++) {
                double[] row = randomRow(random, features);

                double[] contributions = model.contributions(row);

                double[] shapley = shapleyBySubsets(tree, row, features);
                for (int f = 0; f < features; f++) {
                    assertThat(contributions[f])
                            .as("tree %d, row %d, feature %d", t, r, f)
                            .isCloseTo(shapley[f], within(1e-9));
                }
                assertThat(contributions[features]).isCloseTo(expectedKnowing(tree, 0, row, 0), within(1e-9));
            }
        }
    }

    @Test
    void contributionsSumToTheMarginOnRandomEnsembles() {
        SplittableRandom random = new SplittableRandom(22);
        List<RegressionTree> trees = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            trees.add(BoostedTreesTest.randomTree(random, random.nextInt(40), 6, 8));
        }
        BoostedTrees model = new BoostedTrees(trees, 0.4, 6);

        for (int r = 0; r < 500; r++) {
            double[] row = randomRow(random, 6);

            double[] contributions = model.contributions(row);

            double sum = 0;
            for (double contribution : contributions) {
                sum += contribution;
            }
            assertThat(contributions).hasSize(7);
            assertThat(sum).as("row %d", r).isCloseTo(model.margin(row), within(1e-9));
        }
    }

    @Test
    void refusesARowOfAnotherWidth() {
        BoostedTrees model = new BoostedTrees(List.of(SINGLE_SPLIT), 0, 2);

        assertThatThrownBy(() -> model.contributions(new double[] {1})).hasMessage("a row has 2 features, this one 1");
    }

    private static double[] randomRow(SplittableRandom random, int features) {
        double[] row = new double[features];
        for (int f = 0; f < features; f++) {
            row[f] = random.nextInt(8) == 0 ? Double.NaN : random.nextDouble() * 2 - 1;
        }
        return row;
    }

    /**
     * The definition, by brute force: each feature's change to the expected margin when it joins a subset of the
     * others, weighted by |S|! (F - |S| - 1)! / F!, over all 2^(F-1) subsets.
     */
    private static double[] shapleyBySubsets(RegressionTree tree, double[] row, int features) {
        double[] phi = new double[features];
        for (int f = 0; f < features; f++) {
            for (int known = 0; known < 1 << features; known++) {
                if ((known & (1 << f)) != 0) {
                    continue;
                }
                int size = Integer.bitCount(known);
                double share = factorial(size) * factorial(features - size - 1) / factorial(features);
                phi[f] += share
                        * (expectedKnowing(tree, known | (1 << f), row, 0) - expectedKnowing(tree, known, row, 0));
            }
        }
        return phi;
    }

    /** The margin when the features in the bit set {@code known} are the row's, the others averaged by cover. */
    private static double expectedKnowing(RegressionTree tree, int known, double[] row, int node) {
        if (tree.isLeaf(node)) {
            return tree.leafValue(node);
        }
        int left = tree.leftChild(node);
        int right = tree.rightChild(node);
        int feature = tree.testedFeature(node);
        if ((known & (1 << feature)) != 0) {
            double value = row[feature];
            boolean goesLeft = Double.isNaN(value) ? tree.sendsMissingLeft(node) : (float) value < tree.threshold(node);
            return expectedKnowing(tree, known, row, goesLeft ? left : right);
        }
        return (expectedKnowing(tree, known, row, left) * tree.cover(left)
                        + expectedKnowing(tree, known, row, right) * tree.cover(right))
                / tree.cover(node);
    }

    private static double factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }
}

package io.txmon.boosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoostedTreesTest {
    /**
     * amount (feature 0) below 100 goes left to -0.5, else to node 2, which splits night (feature 1) at 0.5; of 100
     * training rows' hessians, 70 went left, 20 and 10 to node 2's children.
     */
    static final RegressionTree AMOUNT_THEN_NIGHT = new RegressionTree(
            new int[] {0, -1, 1, -1, -1},
            new float[] {100f, 0, 0.5f, 0, 0},
            new int[] {1, -1, 3, -1, -1},
            new int[] {2, -1, 4, -1, -1},
            new boolean[] {true, false, false, false, false},
            new float[] {0, -0.5f, 0, 0.25f, 1.5f},
            new float[] {100, 70, 30, 20, 10});

    static final RegressionTree STUMP = new RegressionTree(
            new int[] {-1},
            new float[] {0},
            new int[] {-1},
            new int[] {-1},
            new boolean[] {false},
            new float[] {0.1f},
            new float[] {100});

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
                        new float[] {0, 0},
                        new float[] {2, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reached twice");
        assertThatThrownBy(() -> new RegressionTree(
                        new int[] {0},
                        new float[] {1},
                        new int[] {1},
                        new int[] {-1},
                        new boolean[] {false},
                        new float[] {0},
                        new float[] {1}))
                .hasMessage("node 0 has one child: a node has two or none");
    }

    @Test
    void refusesANegativeOrMissingCoverAndCoversThatAreNotOnePerNode() {
        assertThatThrownBy(() -> new RegressionTree(
                        new int[] {-1},
                        new float[] {0},
                        new int[] {-1},
                        new int[] {-1},
                        new boolean[] {false},
                        new float[] {0.1f},
                        new float[] {-1}))
                .hasMessage("node 0 has cover -1.0: a cover is a finite sum of hessians, not negative");
        assertThatThrownBy(() -> new RegressionTree(
                        new int[] {-1},
                        new float[] {0},
                        new int[] {-1},
                        new int[] {-1},
                        new boolean[] {false},
                        new float[] {0.1f},
                        new float[] {Float.NaN}))
                .hasMessageStartingWith("node 0 has cover NaN");
        assertThatThrownBy(() -> new RegressionTree(
                        new int[] {-1},
                        new float[] {0},
                        new int[] {-1},
                        new int[] {-1},
                        new boolean[] {false},
                        new float[] {0.1f},
                        new float[] {1, 1}))
                .hasMessage("every array of a tree must have one entry per node (1)");
    }

    @Test
    void keepsNodesNoWalkReachesAsXgboostKeepsPrunedOnes() {
        RegressionTree withPrunedNodes = new RegressionTree(
                new int[] {-1, 3, -1},
                new float[] {0, 1, 0},
                new int[] {-1, 2, -1},
                new int[] {-1, 2, -1},
                new boolean[] {false, false, false},
                new float[] {0.7f, 0, 0},
                new float[] {5, 2, 2});

        assertThat(withPrunedNodes.value(new double[] {0, 0, 0, 0})).isCloseTo(0.7, within(1e-6));
    }

    @Test
    void refusesABaseScoreThatIsNoProbability() {
        assertThatThrownBy(() -> BoostedTrees.marginOf(1.0))
                .hasMessage("base score must be a probability strictly between 0 and 1, was 1.0");
    }

    @Test
    void rowsWithAndWithoutMissingValuesReachTheLeavesTheGivenTreesReach() {
        SplittableRandom random = new SplittableRandom(11);
        List<RegressionTree> trees = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            trees.add(randomTree(random, 1 + random.nextInt(40), 5, 7));
        }
        trees.add(randomTree(random, 0, 5, 7)); // a single leaf, padded to a full tree of its value
        BoostedTrees model = new BoostedTrees(trees, 0.3, 5);
        assertThat(model.paddedDepth()).isEqualTo(7);

        for (int r = 0; r < 2_000; r++) {
            double[] row = new double[5];
            for (int f = 0; f < row.length; f++) {
                row[f] = random.nextInt(25) == 0 ? Double.NaN : random.nextDouble() * 2 - 1;
            }
            double expected = 0.3;
            for (RegressionTree tree : trees) {
                expected += tree.value(row);
            }
            assertThat(model.margin(row)).as("row %d", r).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void pathContributionsCreditEachSplitWithTheChangeInExpectedValueAndSumToTheMargin() {
        BoostedTrees model = new BoostedTrees(List.of(AMOUNT_THEN_NIGHT), 0.0, 2);
        // E(root) = (70 * -0.5 + 20 * 0.25 + 10 * 1.5) / 100 = -0.15; E(node 2) = (20 * 0.25 + 10 * 1.5) / 30 = 2/3
        double[] big = model.pathContributions(new double[] {500, 0.9});

        assertThat(big[0]).as("amount: root to node 2").isCloseTo(2 / 3.0 + 0.15, within(1e-6));
        assertThat(big[1]).as("night: node 2 to its right leaf").isCloseTo(1.5 - 2 / 3.0, within(1e-6));
        assertThat(big[2]).as("bias").isCloseTo(-0.15, within(1e-6));

        SplittableRandom random = new SplittableRandom(13);
        List<RegressionTree> trees = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            trees.add(randomTree(random, 1 + random.nextInt(30), 5, 6));
        }
        BoostedTrees forest = new BoostedTrees(trees, -1.2, 5);
        for (int r = 0; r < 500; r++) {
            double[] row = new double[5];
            for (int f = 0; f < row.length; f++) {
                row[f] = random.nextInt(20) == 0 ? Double.NaN : random.nextDouble() * 2 - 1;
            }
            double sum = 0;
            for (double c : forest.pathContributions(row)) {
                sum += c;
            }
            assertThat(sum).as("row %d", r).isCloseTo(forest.margin(row), within(1e-9));
        }
    }

    @Test
    void treesTooDeepToPadAreWalkedNodeByNode() {
        SplittableRandom random = new SplittableRandom(12);
        List<RegressionTree> trees = List.of(
                randomTree(random, 60, 3, BoostedTrees.MAX_PADDED_DEPTH + 3), chain(BoostedTrees.MAX_PADDED_DEPTH + 1));
        BoostedTrees model = new BoostedTrees(trees, 0, 3);
        assertThat(model.paddedDepth()).isEqualTo(-1);

        for (int r = 0; r < 500; r++) {
            double[] row = {random.nextDouble() * 2 - 1, random.nextDouble() * 2 - 1, random.nextDouble() * 2 - 1};
            assertThat(model.margin(row))
                    .isCloseTo(trees.get(0).value(row) + trees.get(1).value(row), within(1e-12));
        }
    }

    /** A tree whose splits all go one way: {@code depth} splits of feature 0 at 0, each right child a leaf. */
    private static RegressionTree chain(int depth) {
        int nodes = 2 * depth + 1;
        int[] feature = new int[nodes];
        float[] threshold = new float[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        float[] leafValue = new float[nodes];
        java.util.Arrays.fill(left, -1);
        java.util.Arrays.fill(right, -1);
        java.util.Arrays.fill(feature, -1);
        for (int level = 0; level < depth; level++) {
            int node = 2 * level;
            feature[node] = 0;
            threshold[node] = level * 0.01f;
            left[node] = node + 2;
            right[node] = node + 1;
            leafValue[node + 1] = level;
        }
        leafValue[nodes - 1] = -1;
        float[] leafCover = new float[nodes];
        java.util.Arrays.fill(leafCover, 1);
        return new RegressionTree(
                feature, threshold, left, right, new boolean[nodes], leafValue, summedCovers(left, right, leafCover));
    }

    /**
     * A tree grown by splitting random leaves no deeper than {@code maxDepth} up to {@code splits} times, children
     * numbered after their parents.
     */
    static RegressionTree randomTree(SplittableRandom random, int splits, int features, int maxDepth) {
        int nodes = 1 + 2 * splits;
        int[] feature = new int[nodes];
        float[] threshold = new float[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        boolean[] missingGoesLeft = new boolean[nodes];
        float[] leafValue = new float[nodes];
        java.util.Arrays.fill(left, -1);
        java.util.Arrays.fill(right, -1);
        int[] depth = new int[nodes];
        List<Integer> leaves = new ArrayList<>(List.of(0));
        int used = 1;
        for (int s = 0; s < splits; s++) {
            List<Integer> splittable =
                    leaves.stream().filter(leaf -> depth[leaf] < maxDepth).toList();
            if (splittable.isEmpty()) {
                break;
            }
            int node = splittable.get(random.nextInt(splittable.size()));
            leaves.remove(Integer.valueOf(node));
            feature[node] = random.nextInt(features);
            threshold[node] = (float) (random.nextDouble() * 2 - 1);
            missingGoesLeft[node] = random.nextBoolean();
            left[node] = used++;
            right[node] = used++;
            depth[left[node]] = depth[node] + 1;
            depth[right[node]] = depth[node] + 1;
            leaves.add(left[node]);
            leaves.add(right[node]);
        }
        float[] leafCover = new float[nodes];
        for (int leaf : leaves) {
            feature[leaf] = -1;
            leafValue[leaf] = (float) random.nextGaussian();
            leafCover[leaf] = (float) (0.5 + 10 * random.nextDouble());
        }
        return new RegressionTree(
                feature, threshold, left, right, missingGoesLeft, leafValue, summedCovers(left, right, leafCover));
    }

    /**
     * Covers as training leaves them: each leaf's given one, each split's the sum of its children's. Children must be
     * numbered after their parents; unused nodes keep cover 0.
     */
    static float[] summedCovers(int[] left, int[] right, float[] leafCover) {
        float[] cover = new float[left.length];
        for (int node = left.length - 1; node >= 0; node--) {
            cover[node] = left[node] < 0 ? leafCover[node] : cover[left[node]] + cover[right[node]];
        }
        return cover;
    }
}

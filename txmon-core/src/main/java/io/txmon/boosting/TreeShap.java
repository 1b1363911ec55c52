package io.txmon.boosting;

import java.util.List;

/**
 * Explains one row's margin as a sum of per-feature parts: the SHAP values of the trees, computed by TreeSHAP as
 * XGBoost computes them ({@code predictContrib}), so that an alert can name the features that raised its score.
 *
 * <p>The idea. A feature's SHAP value is its Shapley value in the game whose players are the features and whose payoff
 * for a set S of them is the expected margin when only the features in S are known: the average, over every order
 * in which the features could be revealed, of how much revealing this one moves the expected margin. "Expected"
 * is path-dependent: at a split on a feature not yet known, the margin is the average of both children weighted by
 * their covers (the training rows' hessians that went each way); at a split on a known feature, the row takes its own
 * branch (a missing value its default one). The values add up exactly: the expected margin of the tree (all features
 * unknown, the bias) plus every feature's value is the margin of the row. Summed over trees, with the base margin in
 * the bias, they explain the ensemble.
 *
 * <p>Enumerating the 2^F sets is out of the question; TreeSHAP (Lundberg, Erion and Lee 2018, "Consistent
 * individualized feature attribution for tree ensembles", arXiv:1802.03888, Algorithm 2) walks each tree once,
 * carrying down every path the proportion of all feature subsets that flow along it: each split extends the path by
 * its feature with a "zero fraction" (the cover share of the branch, used when the feature is unknown) and a "one
 * fraction" (1 on the row's own branch, 0 on the other), and updates the permutation weights of every subset size.
 * A feature tested twice on a path is unwound and extended again, so that it counts once. At a leaf, each feature
 * on the path receives the leaf value times the difference its being known makes, summed over subset sizes. Cost:
 * O(T L D^2) for T trees of L leaves and depth D, against the O(T D) of the margin; so it is meant for flagged
 * decisions only, and favours following the reference over speed. The path is kept in arrays allocated once per
 * explanation, in XGBoost's layout: each level of the recursion copies its parent's path into the next segment.
 *
 * <p>Like XGBoost, it computes the expected value of each node from the covers of its children over its own cover,
 * and compares values with thresholds as 32-bit floats; it computes in doubles where XGBoost computes in floats, so
 * that the two agree to float rounding.
 */
final class TreeShap {
    private final double[] phi;

    /** The unique path of each level of the recursion, one segment after another. */
    private final int[] pathFeature;

    private final double[] zeroFraction;
    private final double[] oneFraction;
    private final double[] weight;

    private TreeShap(int features, int maxDepth) {
        phi = new double[features + 1];
        int levels = maxDepth + 2;
        int room = levels * (levels + 1) / 2;
        pathFeature = new int[room];
        zeroFraction = new double[room];
        oneFraction = new double[room];
        weight = new double[room];
    }

    /**
     * Each feature's contribution to the margin of {@code row}, and last {@code bias}: the base margin plus each
     * tree's {@linkplain #expectedValue expected value}. They sum to the margin.
     *
     * @param maxDepth the depth of the deepest of {@code trees}
     */
    static double[] contributions(List<RegressionTree> trees, int maxDepth, double bias, int features, double[] row) {
        TreeShap shap = new TreeShap(features, maxDepth);
        shap.phi[features] = bias;
        for (RegressionTree tree : trees) {
            // The root's path starts with a placeholder of feature -1, which no split tests and no leaf credits.
            shap.walk(tree, row, 0, 0, 0, 1, 1, -1);
        }
        return shap.phi;
    }

    /** The margin {@code node}'s subtree gives a row that knows no feature: its leaves weighted by their covers. */
    static double expectedValue(RegressionTree tree, int node) {
        if (tree.isLeaf(node)) {
            return tree.leafValue(node);
        }
        int left = tree.leftChild(node);
        int right = tree.rightChild(node);
        return (expectedValue(tree, left) * tree.cover(left) + expectedValue(tree, right) * tree.cover(right))
                / tree.cover(node);
    }

    /**
     * Algorithm 2's RECURSE: enters {@code node}, whose parent's path of {@code depth + 1} elements starts at {@code
     * parentStart}, extending it by the parent's split on {@code feature} with the given fractions.
     */
    private void walk(
            RegressionTree tree,
            double[] row,
            int node,
            int depth,
            int parentStart,
            double zero,
            double one,
            int feature) {
        int start = parentStart + depth + 1;
        System.arraycopy(pathFeature, parentStart, pathFeature, start, depth + 1);
        System.arraycopy(zeroFraction, parentStart, zeroFraction, start, depth + 1);
        System.arraycopy(oneFraction, parentStart, oneFraction, start, depth + 1);
        System.arraycopy(weight, parentStart, weight, start, depth + 1);
        extend(start, depth, zero, one, feature);

        if (tree.isLeaf(node)) {
            double value = tree.leafValue(node);
            for (int i = 1; i <= depth; i++) {
                double w = unwoundSum(start, depth, i);
                phi[pathFeature[start + i]] += w * (oneFraction[start + i] - zeroFraction[start + i]) * value;
            }
            return;
        }

        int split = tree.testedFeature(node);
        int hot = takesLeft(tree, node, row[split]) ? tree.leftChild(node) : tree.rightChild(node);
        int cold = hot == tree.leftChild(node) ? tree.rightChild(node) : tree.leftChild(node);
        double cover = tree.cover(node);
        double hotZero = tree.cover(hot) / cover;
        double coldZero = tree.cover(cold) / cover;
        double incomingZero = 1;
        double incomingOne = 1;

        // A feature already on the path is taken off and put back with both splits' fractions: it counts once.
        int pathIndex = 0;
        while (pathIndex <= depth && pathFeature[start + pathIndex] != split) {
            pathIndex++;
        }
        if (pathIndex <= depth) {
            incomingZero = zeroFraction[start + pathIndex];
            incomingOne = oneFraction[start + pathIndex];
            unwind(start, depth, pathIndex);
            depth--;
        }

        walk(tree, row, hot, depth + 1, start, hotZero * incomingZero, incomingOne, split);
        walk(tree, row, cold, depth + 1, start, coldZero * incomingZero, 0, split);
    }

    /** The branch the walk takes: NaN to the default child, otherwise compared as floats (see RegressionTree). */
    private static boolean takesLeft(RegressionTree tree, int node, double value) {
        return Double.isNaN(value) ? tree.sendsMissingLeft(node) : (float) value < tree.threshold(node);
    }

    /** Algorithm 2's EXTEND: adds {@code feature} at position {@code depth} and updates every subset size's weight. */
    private void extend(int start, int depth, double zero, double one, int feature) {
        pathFeature[start + depth] = feature;
        zeroFraction[start + depth] = zero;
        oneFraction[start + depth] = one;
        weight[start + depth] = depth == 0 ? 1 : 0;
        for (int i = depth - 1; i >= 0; i--) {
            weight[start + i + 1] += one * weight[start + i] * (i + 1) / (depth + 1);
            weight[start + i] = zero * weight[start + i] * (depth - i) / (depth + 1);
        }
    }

    /** Algorithm 2's UNWIND: undoes the extension at {@code index}, the path then one element shorter. */
    private void unwind(int start, int depth, int index) {
        double one = oneFraction[start + index];
        double zero = zeroFraction[start + index];
        double next = weight[start + depth];
        for (int i = depth - 1; i >= 0; i--) {
            if (one != 0) {
                double kept = weight[start + i];
                weight[start + i] = next * (depth + 1) / ((i + 1) * one);
                next = kept - weight[start + i] * zero * (depth - i) / (depth + 1);
            } else {
                weight[start + i] = weight[start + i] * (depth + 1) / (zero * (depth - i));
            }
        }
        for (int i = index; i < depth; i++) {
            pathFeature[start + i] = pathFeature[start + i + 1];
            zeroFraction[start + i] = zeroFraction[start + i + 1];
            oneFraction[start + i] = oneFraction[start + i + 1];
        }
    }

    /** The total weight of the path with the extension at {@code index} undone, without undoing it. */
    private double unwoundSum(int start, int depth, int index) {
        double one = oneFraction[start + index];
        double zero = zeroFraction[start + index];
        double next = weight[start + depth];
        double total = 0;
        for (int i = depth - 1; i >= 0; i--) {
            if (one != 0) {
                double part = next * (depth + 1) / ((i + 1) * one);
                total += part;
                next = weight[start + i] - part * zero * (depth - i) / (depth + 1);
            } else {
                total += weight[start + i] / zero / ((double) (depth - i) / (depth + 1));
            }
        }
        return total;
    }
}

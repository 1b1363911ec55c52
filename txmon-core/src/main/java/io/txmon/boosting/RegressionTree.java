package io.txmon.boosting;

import java.util.Arrays;

/**
 * One tree of a boosted ensemble, as XGBoost grows it, on flat arrays indexed by node (the root is node 0). A split
 * node sends a value below its threshold to its left child and any other value to its right; a missing value (NaN)
 * goes to its default child. Values and thresholds are compared as 32-bit floats, as XGBoost compares them, so that
 * a value within a float's rounding of a threshold takes the same branch here as there.
 *
 * @param feature the feature each split node tests; ignored at leaves
 * @param threshold each split's threshold
 * @param left each node's left child, or -1 at a leaf
 * @param right each node's right child, or -1 at a leaf
 * @param missingGoesLeft whether a missing value takes the left branch at each split
 * @param leafValue each leaf's contribution to the margin; ignored at split nodes
 * @param cover each node's cover: the sum of the training rows' hessians that reached it (XGBoost's
 *     {@code sum_hessian}), a split's being its children's sum; not used to score, but to weigh the branches a row did
 *     not take when its margin is explained ({@link TreeShap})
 */
public record RegressionTree(
        int[] feature,
        float[] threshold,
        int[] left,
        int[] right,
        boolean[] missingGoesLeft,
        float[] leafValue,
        float[] cover) {
    public RegressionTree {
        int nodes = feature.length;
        if (nodes == 0) {
            throw new IllegalArgumentException("a tree needs at least one node");
        }
        if (threshold.length != nodes
                || left.length != nodes
                || right.length != nodes
                || missingGoesLeft.length != nodes
                || leafValue.length != nodes
                || cover.length != nodes) {
            throw new IllegalArgumentException("every array of a tree must have one entry per node (" + nodes + ")");
        }
        feature = feature.clone();
        threshold = threshold.clone();
        left = left.clone();
        right = right.clone();
        missingGoesLeft = missingGoesLeft.clone();
        leafValue = leafValue.clone();
        cover = cover.clone();
        for (int node = 0; node < nodes; node++) {
            if (!(cover[node] >= 0) || cover[node] == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("node " + node + " has cover " + cover[node]
                        + ": a cover is a finite sum of hessians, not negative");
            }
            boolean leaf = left[node] < 0;
            if (leaf != right[node] < 0) {
                throw new IllegalArgumentException("node " + node + " has one child: a node has two or none");
            }
            if (!leaf && (left[node] >= nodes || right[node] >= nodes)) {
                throw new IllegalArgumentException(
                        "node " + node + " has a child past the last node: " + left[node] + ", " + right[node]);
            }
            if (!leaf && feature[node] < 0) {
                throw new IllegalArgumentException("split node " + node + " tests feature " + feature[node]);
            }
        }
        requireEveryWalkEnds(left, right);
    }

    /**
     * Every node reachable from the root is reached once: no cycle, so that a walk always ends at a leaf. Nodes no
     * walk reaches (XGBoost keeps pruned ones in its arrays) are allowed.
     */
    private static void requireEveryWalkEnds(int[] left, int[] right) {
        boolean[] reached = new boolean[left.length];
        int[] pending = new int[left.length];
        int count = 0;
        pending[count++] = 0;
        reached[0] = true;
        while (count > 0) {
            int node = pending[--count];
            if (left[node] < 0) {
                continue;
            }
            for (int child : new int[] {left[node], right[node]}) {
                if (reached[child]) {
                    throw new IllegalArgumentException("node " + child + " is reached twice from the root");
                }
                reached[child] = true;
                pending[count++] = child;
            }
        }
    }

    /** How many nodes the tree has. */
    public int nodes() {
        return feature.length;
    }

    /** How many splits the longest walk from the root passes: 0 for a single leaf. */
    public int depth() {
        return depthBelow(0);
    }

    private int depthBelow(int node) {
        return left[node] < 0 ? 0 : 1 + Math.max(depthBelow(left[node]), depthBelow(right[node]));
    }

    /** The largest feature index any split tests, or -1 for a single leaf. */
    public int largestFeature() {
        int largest = -1;
        for (int node = 0; node < feature.length; node++) {
            if (left[node] >= 0) {
                largest = Math.max(largest, feature[node]);
            }
        }
        return largest;
    }

    boolean isLeaf(int node) {
        return left[node] < 0;
    }

    int testedFeature(int node) {
        return feature[node];
    }

    float threshold(int node) {
        return threshold[node];
    }

    boolean sendsMissingLeft(int node) {
        return missingGoesLeft[node];
    }

    int leftChild(int node) {
        return left[node];
    }

    int rightChild(int node) {
        return right[node];
    }

    float leafValue(int node) {
        return leafValue[node];
    }

    float cover(int node) {
        return cover[node];
    }

    /** The leaf {@code features} reach. */
    int leafOf(double[] features) {
        int node = 0;
        while (left[node] >= 0) {
            double value = features[feature[node]];
            if (Double.isNaN(value)) {
                node = missingGoesLeft[node] ? left[node] : right[node];
            } else {
                node = (float) value < threshold[node] ? left[node] : right[node];
            }
        }
        return node;
    }

    /** This tree's contribution to the margin of {@code features}. */
    public double value(double[] features) {
        return leafValue[leafOf(features)];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegressionTree tree
                && Arrays.equals(feature, tree.feature)
                && Arrays.equals(threshold, tree.threshold)
                && Arrays.equals(left, tree.left)
                && Arrays.equals(right, tree.right)
                && Arrays.equals(missingGoesLeft, tree.missingGoesLeft)
                && Arrays.equals(leafValue, tree.leafValue)
                && Arrays.equals(cover, tree.cover);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(feature) * 31 + Arrays.hashCode(leafValue);
    }

    @Override
    public String toString() {
        return "RegressionTree[" + feature.length + " nodes]";
    }
}

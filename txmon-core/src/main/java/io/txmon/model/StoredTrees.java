package io.txmon.model;

import java.util.Arrays;

/**
 * A forest's trees in the form they are grown and stored in. Per node: the feature cut, the threshold
 * (rows with a value at most it go left), the left child (the right child is the node after it) and how
 * many of the tree's training rows reached the node. An external node has {@link #EXTERNAL} as feature
 * and child and 0 as threshold. Trees are stored one after the other, each starting with its root,
 * children always after their parent.
 *
 * @param roots index of each tree's root; tree t owns the nodes from roots[t] to roots[t + 1]
 * @param splitFeature per node, the feature cut, or {@link #EXTERNAL}
 * @param threshold per node, the threshold of the cut, or 0
 * @param leftChild per node, the left child, or {@link #EXTERNAL}
 * @param size per node, the training rows of the tree's subsample that reached it
 */
record StoredTrees(int[] roots, int[] splitFeature, double[] threshold, int[] leftChild, int[] size) {
    /** Marks an external node in {@code splitFeature} and {@code leftChild}. */
    static final int EXTERNAL = -1;

    int nodes() {
        return splitFeature.length;
    }

    boolean isExternal(int node) {
        return splitFeature[node] == EXTERNAL;
    }

    /**
     * Checks that the arrays form trees of rows with the given number of features, grown on subsamples of
     * the given size: walks stay inside their tree, move forward, reach every node exactly once and stop
     * within the height limit, and each split divides its rows between its children. Returns every node's
     * depth.
     *
     * @throws IllegalArgumentException naming the tree and node that break it
     */
    int[] checkedDepths(int features, int sampleSize, int heightLimit) {
        int nodes = splitFeature.length;
        if (threshold.length != nodes || leftChild.length != nodes || size.length != nodes) {
            throw new IllegalArgumentException("node arrays differ in length: " + nodes + " features, "
                    + threshold.length + " thresholds, " + leftChild.length + " children, " + size.length
                    + " sizes");
        }
        if (roots.length == 0) {
            throw new IllegalArgumentException("a forest needs at least one tree, has none");
        }
        int[] depth = new int[nodes];
        Arrays.fill(depth, -1);
        for (int t = 0; t < roots.length; t++) {
            int start = roots[t];
            int end = t + 1 < roots.length ? roots[t + 1] : nodes;
            if ((t == 0 && start != 0) || start < 0 || start >= end || end > nodes) {
                throw new IllegalArgumentException("tree " + t + " has no nodes of its own: root " + start
                        + ", next tree at " + end + ", " + nodes + " nodes");
            }
            if (size[start] != sampleSize) {
                throw new IllegalArgumentException("tree " + t + " was grown on " + size[start]
                        + " rows, the forest's sample size is " + sampleSize);
            }
            depth[start] = 0;
            for (int node = start; node < end; node++) {
                checkNode(t, node, end, features, heightLimit, depth);
            }
        }
        return depth;
    }

    private void checkNode(int tree, int node, int end, int features, int heightLimit, int[] depth) {
        String where = "tree " + tree + ", node " + node;
        if (depth[node] < 0) {
            throw new IllegalArgumentException(where + " has no parent");
        }
        if (size[node] < 1) {
            throw new IllegalArgumentException(where + " holds " + size[node] + " rows");
        }
        int feature = splitFeature[node];
        if (feature == EXTERNAL) {
            return;
        }
        if (feature < 0 || feature >= features) {
            throw new IllegalArgumentException(where + " cuts feature " + feature + " of " + features);
        }
        if (!Double.isFinite(threshold[node])) {
            throw new IllegalArgumentException(where + " has threshold " + threshold[node]);
        }
        if (depth[node] >= heightLimit) {
            throw new IllegalArgumentException(
                    where + " splits at depth " + depth[node] + ", the height limit is " + heightLimit);
        }
        int left = leftChild[node];
        if (left <= node || left + 1 >= end) {
            throw new IllegalArgumentException(where + " has children " + left + " and " + (left + 1)
                    + " outside its tree's nodes " + (node + 1) + " to " + (end - 1));
        }
        if (depth[left] >= 0 || depth[left + 1] >= 0) {
            throw new IllegalArgumentException(where + " shares a child with another node");
        }
        if (size[left] + size[left + 1] != size[node]) {
            throw new IllegalArgumentException(
                    where + " holds " + size[node] + " rows but its children " + size[left] + " and " + size[left + 1]);
        }
        depth[left] = depth[node] + 1;
        depth[left + 1] = depth[node] + 1;
    }
}

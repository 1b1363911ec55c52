package io.txmon.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows one isolation tree (Liu, Ting and Zhou 2008, algorithm 2) on a subsample of the training rows,
 * straight into the flat arrays of {@link StoredTrees}. Nodes are numbered depth-first from 0, and the two
 * children of a split sit next to each other, so a node needs one child index.
 *
 * <p>A split picks a feature uniformly among those that are not constant in the node, as scikit-learn
 * effectively does: a feature is drawn among the candidates, and if the node's values are all equal in
 * it, it is dropped and another is drawn. A feature found constant stays dropped below that node, where
 * it cannot vary either. A node in which every feature is constant becomes an external node.
 */
final class IsolationTreeGrower {
    private final int sampleSize;
    private final int heightLimit;
    private final SplittableRandom random;
    /** The subsample column by column, {@code columns[feature * sampleSize + i]}, so a node scans one feature. */
    private final double[] columns;
    /** A permutation of the subsample, partitioned in place: a node owns one contiguous range of it. */
    private final int[] order;
    /** Candidate features per depth; a node's list is its parent's minus the features it found constant. */
    private final int[][] candidates;

    private final int[] splitFeature;
    private final double[] threshold;
    private final int[] leftChild;
    private final int[] size;
    private int nodeCount;

    private IsolationTreeGrower(double[][] rows, int[] sample, int heightLimit, SplittableRandom random) {
        int features = rows[sample[0]].length;
        this.sampleSize = sample.length;
        this.heightLimit = heightLimit;
        this.random = random;
        this.columns = new double[features * sampleSize];
        for (int i = 0; i < sampleSize; i++) {
            double[] row = rows[sample[i]];
            for (int f = 0; f < features; f++) {
                columns[f * sampleSize + i] = row[f];
            }
        }
        this.order = new int[sampleSize];
        Arrays.setAll(order, i -> i);
        this.candidates = new int[heightLimit][features];
        int capacity = 2 * sampleSize - 1;
        this.splitFeature = new int[capacity];
        this.threshold = new double[capacity];
        this.leftChild = new int[capacity];
        this.size = new int[capacity];
    }

    /** Grows the tree of the given subsample (row indices) as a one-tree forest; the random generator is this tree's own. */
    static StoredTrees grow(double[][] rows, int[] sample, int heightLimit, SplittableRandom random) {
        IsolationTreeGrower grower = new IsolationTreeGrower(rows, sample, heightLimit, random);
        int features = rows[sample[0]].length;
        int[] allFeatures = new int[features];
        Arrays.setAll(allFeatures, f -> f);
        grower.nodeCount = 1;
        grower.grow(0, 0, grower.sampleSize, 0, allFeatures, features);
        int n = grower.nodeCount;
        return new StoredTrees(
                new int[] {0},
                Arrays.copyOf(grower.splitFeature, n),
                Arrays.copyOf(grower.threshold, n),
                Arrays.copyOf(grower.leftChild, n),
                Arrays.copyOf(grower.size, n));
    }

    private void grow(int node, int from, int to, int depth, int[] inherited, int inheritedCount) {
        size[node] = to - from;
        if (depth >= heightLimit || size[node] <= 1) {
            external(node);
            return;
        }
        int[] candidate = candidates[depth];
        System.arraycopy(inherited, 0, candidate, 0, inheritedCount);
        int remaining = inheritedCount;
        while (remaining > 0) {
            int pick = random.nextInt(remaining);
            int feature = candidate[pick];
            int base = feature * sampleSize;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                double v = columns[base + order[i]];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (max > min) {
                double cut = min + random.nextDouble() * (max - min);
                if (!(cut >= min && cut < max)) {
                    // Rounding reached max (or the range overflowed): min keeps both sides non-empty.
                    cut = min;
                }
                int middle = partition(from, to, base, cut);
                int left = nodeCount;
                nodeCount += 2;
                splitFeature[node] = feature;
                threshold[node] = cut;
                leftChild[node] = left;
                grow(left, from, middle, depth + 1, candidate, remaining);
                grow(left + 1, middle, to, depth + 1, candidate, remaining);
                return;
            }
            candidate[pick] = candidate[remaining - 1];
            candidate[remaining - 1] = feature;
            remaining--;
        }
        external(node);
    }

    /** Rows with a value at most the threshold go left; returns where the right part starts. */
    private int partition(int from, int to, int base, double cut) {
        int i = from;
        int j = to - 1;
        while (i <= j) {
            if (columns[base + order[i]] <= cut) {
                i++;
            } else {
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
                j--;
            }
        }
        return i;
    }

    private void external(int node) {
        splitFeature[node] = StoredTrees.EXTERNAL;
        threshold[node] = 0;
        leftChild[node] = StoredTrees.EXTERNAL;
    }
}

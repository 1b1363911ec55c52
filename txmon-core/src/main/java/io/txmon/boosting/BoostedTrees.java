package io.txmon.boosting;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A trained ensemble of gradient-boosted trees for a yes-or-no outcome (XGBoost's {@code binary:logistic}): the
 * margin is the base margin plus every tree's leaf value, and the probability its logistic. Immutable; predicting is a
 * pure function of the trees and the features.
 *
 * <p>Speed is why this class exists: a single row through XGBoost's native library costs some 80 µs
 * (../shared/stack.md), ten times a whole decision, and the budget for the whole model is the forest's cost.
 * A row with every value present walks every tree padded to the same depth (a shallower leaf repeated under
 * itself), eight trees in lockstep, choosing each child by arithmetic rather than a branch: the forest's layout
 * (IsolationTrees). A row with a missing value walks the trees as given, node by node, where each split sends it to
 * its default branch. Measured on 20 features with 100 full trees of depth 6 (BENCHMARKS.md, "Supervised model"):
 * node by node, 6.0 to 7.1 µs a row; padded and in lockstep, 1.7 to 2.0 µs, under the forest's cost in the same
 * runs.
 */
public final class BoostedTrees {
    /** A split's tested feature sits in the low bits of its first int; this bit sends missing values left. */
    private static final int MISSING_GOES_LEFT = 1 << 30;

    private static final int FEATURE = MISSING_GOES_LEFT - 1;
    private static final int INTS_PER_NODE = 3;

    /** Deeper trees are walked node by node: padded, a tree of depth 12 holds 4,096 leaves. */
    static final int MAX_PADDED_DEPTH = 12;

    /** Trees walked side by side, as the forest walks them (IsolationTrees): eight independent chains of loads. */
    private static final int INTERLEAVED = 8;

    private final List<RegressionTree> trees;
    private final double baseMargin;
    private final int features;

    /** Three ints a node: feature (or {@code -1 - leaf} at a leaf), threshold bits, left child. */
    private final int[] nodes;

    private final float[] leafValues;
    private final int[] roots;

    /** How many splits the longest walk of any tree passes. */
    private final int depth;

    /** The explanations' last part: the base margin plus each tree's expected value, the same for every row. */
    private final double bias;

    /** The depth every tree is padded to for rows without missing values, or -1 when too deep to pad. */
    private final int paddedDepth;

    /** Per tree, each node's expected value (its leaves' cover-weighted average), for {@link #pathContributions}. */
    private final double[][] expectations;

    /** Per tree, its splits in heap order (node n's children at 2n+1 and 2n+2), padded to {@link #paddedDepth}. */
    private final int[] slotFeature;

    private final float[] slotThreshold;

    /** Per tree, the 2^depth leaves of its padded form: a shallower leaf's value repeated under it. */
    private final float[] paddedLeaves;

    /**
     * @param trees the boosting rounds' trees, in order
     * @param baseMargin the margin before any tree: the logit of XGBoost's {@code base_score}
     * @param features how many features a row has
     */
    public BoostedTrees(List<RegressionTree> trees, double baseMargin, int features) {
        this.trees = List.copyOf(trees);
        if (!Double.isFinite(baseMargin)) {
            throw new IllegalArgumentException("base margin must be finite, was " + baseMargin);
        }
        if (features < 0 || features > FEATURE) {
            throw new IllegalArgumentException("features must be from 0 to " + FEATURE + ", was " + features);
        }
        for (int i = 0; i < this.trees.size(); i++) {
            if (this.trees.get(i).largestFeature() >= features) {
                throw new IllegalArgumentException("tree " + i + " tests feature "
                        + this.trees.get(i).largestFeature() + " of rows with " + features + " features");
            }
        }
        this.baseMargin = baseMargin;
        this.features = features;
        Layout layout = new Layout(this.trees);
        this.roots = new int[this.trees.size()];
        for (int i = 0; i < this.trees.size(); i++) {
            roots[i] = layout.add(this.trees.get(i));
        }
        this.nodes = layout.nodes();
        this.leafValues = layout.leafValues();
        int depth = 0;
        for (RegressionTree tree : this.trees) {
            depth = Math.max(depth, tree.depth());
        }
        this.depth = depth;
        this.paddedDepth = depth <= MAX_PADDED_DEPTH ? depth : -1;
        double bias = baseMargin;
        for (RegressionTree tree : this.trees) {
            bias += TreeShap.expectedValue(tree, 0);
        }
        this.bias = bias;
        this.expectations = new double[this.trees.size()][];
        for (int t = 0; t < this.trees.size(); t++) {
            RegressionTree tree = this.trees.get(t);
            expectations[t] = new double[tree.nodes()];
            for (int node = 0; node < tree.nodes(); node++) {
                expectations[t][node] = TreeShap.expectedValue(tree, node);
            }
        }
        int slots = paddedDepth < 0 ? 0 : (1 << paddedDepth) - 1;
        int leaves = paddedDepth < 0 ? 0 : 1 << paddedDepth;
        this.slotFeature = new int[this.trees.size() * slots];
        this.slotThreshold = new float[this.trees.size() * slots];
        this.paddedLeaves = new float[this.trees.size() * leaves];
        if (paddedDepth >= 0) {
            for (int t = 0; t < this.trees.size(); t++) {
                pad(this.trees.get(t), 0, 0, 0, t * slots, t * leaves);
            }
        }
    }

    /**
     * Writes {@code node} of {@code tree}, at heap slot {@code slot} on {@code level}, into the padded arrays: a split
     * as it is, a leaf as its value under every padded leaf below it (the dummy splits between stay feature 0 at
     * threshold 0: whichever way they send a row, it reaches the same value).
     */
    private void pad(RegressionTree tree, int node, int slot, int level, int slotBase, int leafBase) {
        if (tree.isLeaf(node)) {
            int below = paddedDepth - level;
            int first = (slot << below) + ((1 << below) - 1) - ((1 << paddedDepth) - 1);
            Arrays.fill(paddedLeaves, leafBase + first, leafBase + first + (1 << below), tree.leafValue(node));
            return;
        }
        slotFeature[slotBase + slot] = tree.testedFeature(node);
        slotThreshold[slotBase + slot] = tree.threshold(node);
        pad(tree, tree.leftChild(node), 2 * slot + 1, level + 1, slotBase, leafBase);
        pad(tree, tree.rightChild(node), 2 * slot + 2, level + 1, slotBase, leafBase);
    }

    /** The depth rows without missing values are walked at, or -1 when the trees are too deep to pad. */
    int paddedDepth() {
        return paddedDepth;
    }

    /** The boosting rounds' trees, in order, as given. */
    public List<RegressionTree> trees() {
        return trees;
    }

    /** The margin before any tree. */
    public double baseMargin() {
        return baseMargin;
    }

    /** How many features a row has. */
    public int features() {
        return features;
    }

    /** The margin (log-odds) of {@code row}: the base margin plus every tree's leaf value. */
    public double margin(double[] row) {
        if (row.length != features) {
            throw new IllegalArgumentException("a row has " + features + " features, this one " + row.length);
        }
        float[] values = new float[row.length];
        for (int f = 0; f < row.length; f++) {
            if (Double.isNaN(row[f])) {
                return walkedMargin(row);
            }
            // XGBoost compares in 32-bit floats: converted once here rather than at every split.
            values[f] = (float) row[f];
        }
        return paddedDepth < 0 ? walkedMargin(row) : paddedMargin(values);
    }

    /**
     * Every tree padded to the same depth and walked in lockstep, eight at a time, without a branch on the data: the
     * forest's way (IsolationTrees), for rows with every value present.
     */
    private double paddedMargin(float[] row) {
        int[] feature = this.slotFeature;
        float[] threshold = this.slotThreshold;
        float[] leaf = this.paddedLeaves;
        int steps = paddedDepth;
        int slots = (1 << steps) - 1;
        int leaves = 1 << steps;
        int trees = roots.length;
        double margin = baseMargin;
        int t = 0;
        for (; t + INTERLEAVED <= trees; t += INTERLEAVED) {
            int b0 = t * slots;
            int b1 = b0 + slots;
            int b2 = b1 + slots;
            int b3 = b2 + slots;
            int b4 = b3 + slots;
            int b5 = b4 + slots;
            int b6 = b5 + slots;
            int b7 = b6 + slots;
            int n0 = 0, n1 = 0, n2 = 0, n3 = 0, n4 = 0, n5 = 0, n6 = 0, n7 = 0;
            for (int step = 0; step < steps; step++) {
                n0 = 2 * n0 + (row[feature[b0 + n0]] < threshold[b0 + n0] ? 1 : 2);
                n1 = 2 * n1 + (row[feature[b1 + n1]] < threshold[b1 + n1] ? 1 : 2);
                n2 = 2 * n2 + (row[feature[b2 + n2]] < threshold[b2 + n2] ? 1 : 2);
                n3 = 2 * n3 + (row[feature[b3 + n3]] < threshold[b3 + n3] ? 1 : 2);
                n4 = 2 * n4 + (row[feature[b4 + n4]] < threshold[b4 + n4] ? 1 : 2);
                n5 = 2 * n5 + (row[feature[b5 + n5]] < threshold[b5 + n5] ? 1 : 2);
                n6 = 2 * n6 + (row[feature[b6 + n6]] < threshold[b6 + n6] ? 1 : 2);
                n7 = 2 * n7 + (row[feature[b7 + n7]] < threshold[b7 + n7] ? 1 : 2);
            }
            int l0 = t * leaves - slots;
            margin += (double) leaf[l0 + n0] // in doubles, as the walk adds them
                    + leaf[l0 + leaves + n1]
                    + leaf[l0 + 2 * leaves + n2]
                    + leaf[l0 + 3 * leaves + n3]
                    + leaf[l0 + 4 * leaves + n4]
                    + leaf[l0 + 5 * leaves + n5]
                    + leaf[l0 + 6 * leaves + n6]
                    + leaf[l0 + 7 * leaves + n7];
        }
        for (; t < trees; t++) {
            int b = t * slots;
            int n = 0;
            for (int step = 0; step < steps; step++) {
                n = 2 * n + (row[feature[b + n]] < threshold[b + n] ? 1 : 2);
            }
            margin += leaf[t * leaves - slots + n];
        }
        return margin;
    }

    /** Tree by tree, node by node, missing values taking their splits' default branches. */
    private double walkedMargin(double[] row) {
        int[] nodes = this.nodes;
        double margin = baseMargin;
        for (int root : roots) {
            int at = root * INTS_PER_NODE;
            int tested = nodes[at];
            while (tested >= 0) {
                double value = row[tested & FEATURE];
                boolean left = value != value // NaN: missing
                        ? (tested & MISSING_GOES_LEFT) != 0
                        : (float) value < Float.intBitsToFloat(nodes[at + 1]);
                int child = left ? nodes[at + 2] : nodes[at + 2] + 1;
                at = child * INTS_PER_NODE;
                tested = nodes[at];
            }
            margin += leafValues[-1 - tested];
        }
        return margin;
    }

    /**
     * Why {@code row} has its margin: each feature's contribution (its SHAP value, by {@link TreeShap}), and last the
     * bias, the margin of a row that knows no feature (the base margin plus each tree's cover-weighted average leaf).
     * They sum to {@link #margin}, and equal XGBoost's {@code predictContrib}. Costs O(T L D^2) for T trees of L
     * leaves and depth D, against the margin's O(T D): for flagged decisions, not for every one.
     *
     * @return an array of {@link #features()} + 1 values
     */
    public double[] contributions(double[] row) {
        if (row.length != features) {
            throw new IllegalArgumentException("a row has " + features + " features, this one " + row.length);
        }
        return TreeShap.contributions(trees, depth, bias, features, row);
    }

    /**
     * Why {@code row} has its margin, cheaply: each feature credited with how much the expected value changed at the
     * splits on it along the row's path through every tree (Saabas; XGBoost's {@code approx_contribs}), and last the
     * bias as in {@link #contributions}. They sum to {@link #margin}. Unlike SHAP values, a feature's credit depends
     * on where in a tree it is tested, but the cost is a walk of each tree, O(T D), which a decision can pay where
     * TreeSHAP's cannot (2.0 ms a row for 100 trees, BENCHMARKS.md "Supervised model").
     *
     * @return an array of {@link #features()} + 1 values
     */
    public double[] pathContributions(double[] row) {
        if (row.length != features) {
            throw new IllegalArgumentException("a row has " + features + " features, this one " + row.length);
        }
        double[] contributions = new double[features + 1];
        for (int t = 0; t < trees.size(); t++) {
            RegressionTree tree = trees.get(t);
            double[] expected = expectations[t];
            int node = 0;
            while (!tree.isLeaf(node)) {
                double value = row[tree.testedFeature(node)];
                int child;
                if (Double.isNaN(value)) {
                    child = tree.sendsMissingLeft(node) ? tree.leftChild(node) : tree.rightChild(node);
                } else {
                    child = (float) value < tree.threshold(node) ? tree.leftChild(node) : tree.rightChild(node);
                }
                contributions[tree.testedFeature(node)] += expected[child] - expected[node];
                node = child;
            }
        }
        contributions[features] = bias;
        return contributions;
    }

    /** The probability that {@code row} is of the positive class. */
    public double probability(double[] row) {
        return 1 / (1 + Math.exp(-margin(row)));
    }

    /** The margin a base score (a probability, as XGBoost states it) stands for. */
    public static double marginOf(double baseScore) {
        if (!(baseScore > 0 && baseScore < 1)) {
            throw new IllegalArgumentException(
                    "base score must be a probability strictly between 0 and 1, was " + baseScore);
        }
        return Math.log(baseScore / (1 - baseScore));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BoostedTrees model
                && trees.equals(model.trees)
                && Double.compare(baseMargin, model.baseMargin) == 0
                && features == model.features;
    }

    @Override
    public int hashCode() {
        return Objects.hash(trees, baseMargin, features);
    }

    @Override
    public String toString() {
        return "BoostedTrees[" + trees.size() + " trees, " + features + " features, base margin " + baseMargin + "]";
    }

    /** Lays trees out breadth first, each node's two children side by side; nodes no walk reaches are left out. */
    private static final class Layout {
        private final int[] nodes;
        private final float[] leaves;
        private int count;
        private int leafCount;

        /** Room for every node of {@code trees}: the reachable ones are at most that many. */
        Layout(List<RegressionTree> trees) {
            int room = 0;
            for (RegressionTree tree : trees) {
                room += tree.nodes();
            }
            nodes = new int[room * INTS_PER_NODE];
            leaves = new float[room];
        }

        int add(RegressionTree tree) {
            int root = count++;
            // Pairs of (position in the layout, node in the tree), in the order they were allocated.
            int[] queue = new int[2 * tree.nodes()];
            int queued = 0;
            queue[queued++] = root;
            queue[queued++] = 0;
            for (int next = 0; next < queued; next += 2) {
                int at = queue[next];
                int node = queue[next + 1];
                if (tree.isLeaf(node)) {
                    leaves[leafCount++] = tree.leafValue(node);
                    set(at, -leafCount, 0, 0);
                } else {
                    int children = count;
                    count += 2;
                    int tested = tree.testedFeature(node) | (tree.sendsMissingLeft(node) ? MISSING_GOES_LEFT : 0);
                    set(at, tested, Float.floatToRawIntBits(tree.threshold(node)), children);
                    queue[queued++] = children;
                    queue[queued++] = tree.leftChild(node);
                    queue[queued++] = children + 1;
                    queue[queued++] = tree.rightChild(node);
                }
            }
            return root;
        }

        private void set(int at, int tested, int threshold, int left) {
            nodes[at * INTS_PER_NODE] = tested;
            nodes[at * INTS_PER_NODE + 1] = threshold;
            nodes[at * INTS_PER_NODE + 2] = left;
        }

        int[] nodes() {
            return Arrays.copyOf(nodes, count * INTS_PER_NODE);
        }

        float[] leafValues() {
            return Arrays.copyOf(leaves, leafCount);
        }
    }
}

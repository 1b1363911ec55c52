package io.txmon.model;

import java.util.stream.IntStream;

/**
 * A trained Isolation Forest: immutable, safe to share between threads, and scoring as a pure function of
 * the model and one row of features. {@link IsolationForestTrainer} makes one; {@link IsolationForestCodec}
 * stores and loads one.
 *
 * <p><b>The idea.</b> Anomalies are few and different, so random cuts separate them from the other rows
 * in fewer steps than a typical row needs (Liu, Ting and Zhou 2008). Each tree is grown on a small random
 * subsample of ψ rows by cutting a random feature at a random value until every row stands alone or the
 * tree reaches ceil(log2 ψ) levels. A row's path length h(x) in a tree is the number of cuts it passes
 * on the way to its external node, plus c(size) for the training rows still held there, c(n) being the
 * average path length of an unsuccessful search in a binary search tree of n keys. The score is
 * s(x) = 2^(-E[h(x)] / c(ψ)): near 1 for rows isolated quickly, about 0.5 when a row is as hard to isolate
 * as an average one, lower for rows deep in dense regions.
 *
 * <p><b>Cost.</b> Scoring walks one path per tree, ceil(log2 ψ) dependent comparisons each (1,200 for 150
 * trees of ψ = 256), and allocates nothing. All trees live in flat arrays rather than node objects, 459 KB
 * for 150 trees of ψ = 256. {@link IsolationTrees} explains the
 * layout and why the walk is written for the processor; BENCHMARKS.md has the measured time per row.
 * Growing the trees costs t·ψ·log ψ whatever the number of training rows.
 *
 * <p><b>Trade-offs.</b> Cuts are parallel to the axes, so an anomaly that is unusual only in a combination
 * of features, each ordinary on its own, is isolated late (the Extended Isolation Forest of Hariri, Carrasco
 * Kind and Brunner 2021 cuts along random directions, at a higher cost per node). The model judges rows
 * against the subsamples it was grown on and does not learn after training; a drifting population needs
 * retraining. Features are used as given: a feature on a much wider scale is not favoured by the cuts,
 * which pick features uniformly, but a feature with a few extreme values makes every other row look alike
 * in it.
 *
 * <p><b>Attributions.</b> {@link #attributions(double[])} says which features made a row easy to isolate.
 * Each cut on the row's path in a tree leaves the row with fewer of the tree's training rows, n before
 * and m after, and earns its feature log2(n/m) bits of isolation: an ordinary cut that halves the rows
 * earns about one bit, the cut that splits an outlier off earns most of the bits still missing, and the
 * bits of a path add up to log2(ψ / rows left in the external node). As in the local DIFFI of Carletti,
 * Terzi and Susto (2020), a tree's credits are weighted by 1/h, h being the row's path length in it, so
 * trees that isolated the row quickly count more. A feature's share is its credit summed over the trees
 * divided by the total. DIFFI credits every cut on a path alike; weighing each cut by the isolation it
 * achieved (the idea behind DIFFI's global "induced imbalance coefficients") keeps the few decisive cuts
 * from being drowned by the many ordinary ones when there are many features, and unlike local DIFFI's
 * 1/h - 1/h_max the result is defined for every row with a cut on its paths. Cost: one walk per tree
 * that stops at the external node, and three arrays the size of a path or of a row.
 *
 * <p>References: F. T. Liu, K. M. Ting, Z.-H. Zhou, "Isolation Forest", ICDM 2008; M. Carletti, M. Terzi,
 * G. A. Susto, "Interpretable Anomaly Detection with DIFFI: Depth-based Feature Importance of Isolation
 * Forest", arXiv:2007.11117, 2020; S. Hariri, M. Carrasco Kind, R. J. Brunner, "Extended Isolation Forest",
 * IEEE TKDE 33(4), 2021.
 */
public final class IsolationForest {
    private final int features;
    private final int sampleSize;
    private final long seed;
    private final double contamination;
    private final double threshold;
    private final IsolationTrees trees;

    IsolationForest(
            int features, int sampleSize, long seed, double contamination, double threshold, IsolationTrees trees) {
        if (!(contamination > 0 && contamination <= 0.5)) {
            throw new IllegalArgumentException("contamination must be within (0, 0.5], was " + contamination);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be within [0, 1], was " + threshold);
        }
        if (trees.features() != features || trees.sampleSize() != sampleSize) {
            throw new IllegalArgumentException("trees for " + trees.features() + " features and " + trees.sampleSize()
                    + " samples do not fit a forest of " + features + " features and " + sampleSize + " samples");
        }
        this.features = features;
        this.sampleSize = sampleSize;
        this.seed = seed;
        this.contamination = contamination;
        this.threshold = threshold;
        this.trees = trees;
    }

    /**
     * The anomaly score of one row, in (0, 1]: about 0.5 for an ordinary row, closer to 1 the easier the row
     * is to isolate.
     *
     * @throws IllegalArgumentException if the row's length is not {@link #features()} or a value is NaN or
     *     infinite
     */
    public double score(double[] row) {
        checkRow(row);
        return trees.score(row);
    }

    /**
     * The scores of many rows, computed in parallel; element {@code i} is {@code score(rows[i])}.
     *
     * @throws IllegalArgumentException if a row's length is not {@link #features()} or a value is NaN or
     *     infinite
     */
    public double[] scoreAll(double[][] rows) {
        double[] scores = new double[rows.length];
        IntStream.range(0, rows.length).parallel().forEach(i -> scores[i] = score(rows[i]));
        return scores;
    }

    /**
     * How much each feature made this row easy to isolate (see the class description): one non-negative
     * share per feature, summing to 1, or all zeros when the forest has no cuts at all (every training row
     * was the same).
     *
     * @throws IllegalArgumentException if the row's length is not {@link #features()} or a value is NaN or
     *     infinite
     */
    public double[] attributions(double[] row) {
        checkRow(row);
        return trees.attributions(row);
    }

    /** Score at or above which a training row counts as anomalous: the (1 - contamination) quantile of their scores. */
    public double threshold() {
        return threshold;
    }

    /** The share of anomalies the threshold was placed for. */
    public double contamination() {
        return contamination;
    }

    /** How many values a row has. */
    public int features() {
        return features;
    }

    /** How many trees the forest has. */
    public int trees() {
        return trees.count();
    }

    /** Rows each tree was grown on (ψ): the trainer's samples, or fewer when there were fewer rows. */
    public int sampleSize() {
        return sampleSize;
    }

    /** The seed the forest was grown from; the same seed, settings and rows grow the same forest. */
    public long seed() {
        return seed;
    }

    /** The trees in their stored form, for {@link IsolationForestCodec}. */
    StoredTrees storedTrees() {
        return trees.stored();
    }

    private void checkRow(double[] row) {
        if (row.length != features) {
            throw new IllegalArgumentException(
                    "row has " + row.length + " values, the model was trained on " + features + " features");
        }
        for (int f = 0; f < features; f++) {
            if (!Double.isFinite(row[f])) {
                throw new IllegalArgumentException(
                        "row value " + f + " is " + row[f] + "; the model needs finite numbers");
            }
        }
    }
}

package io.txmon.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Fits an {@link IsolationForest} to unlabelled rows (Liu, Ting and Zhou 2008, algorithm 1), configured
 * through a {@link Builder} whose defaults, the named constants below, are those of the reference
 * detector txmon replaces (150 trees of 256 rows, 1 % contamination).
 *
 * <p>Each tree draws its own subsample of ψ = min(samples, n) rows without replacement and is grown to at
 * most ceil(log2 ψ) levels. Trees get their random generators from seeds drawn in order from the trainer's
 * seed before any tree is grown, so they can be grown in parallel and still come out the same for a seed.
 *
 * <p>The threshold is the (1 - contamination) quantile of the training rows' scores, interpolated linearly
 * like numpy's default percentile and so like scikit-learn's {@code offset_}. Scoring costs 1.5 to 2 µs a
 * row of 20 features (BENCHMARKS.md), so scoring a million rows would cost several times the rest of
 * training, which took 0.08 to 0.35 s for a million rows of 20 features in one measurement (checking every
 * value and growing 150 trees, on the shared 2-core machine under load). So above
 * {@link #DEFAULT_THRESHOLD_ROWS} rows it is estimated from a uniform sample of that many rows. The sample
 * quantile is distribution-free: the share of all training rows scoring above the estimate has a standard
 * deviation of about sqrt(c(1 - c) / m), which for c = 1 % and m = 100,000 is 0.03 percentage points, a
 * relative error of 3 % on the contamination, well below how precisely anyone knows a contamination.
 * {@link Builder#thresholdRows(int)} trades that for time, up to scoring every row.
 */
public final class IsolationForestTrainer {
    /** Trees in the forest; more trees average away more of the randomness of each. */
    public static final int DEFAULT_TREES = 150;
    /** Rows each tree is grown on (ψ); 256 is the paper's recommendation, where detection has levelled off. */
    public static final int DEFAULT_SAMPLES = 256;
    /**
     * Most rows per tree. Isolation needs few (the paper's default is 256, 16 times fewer), and scoring lays
     * each tree out as a complete binary tree of its height limit whose leaves name their path length with
     * 16 bits: up to 13 depths times 4,096 sizes fit, and a tree of this size takes 49 KB.
     */
    public static final int MAX_SAMPLES = 4_096;
    /** Expected share of anomalies in the training rows, which places the threshold. */
    public static final double DEFAULT_CONTAMINATION = 0.01;
    /** Most training rows scored to place the threshold; above it a uniform sample of this many is scored. */
    public static final int DEFAULT_THRESHOLD_ROWS = 100_000;

    private final int trees;
    private final int samples;
    private final double contamination;
    private final int thresholdRows;
    private final long seed;

    private IsolationForestTrainer(Builder builder) {
        this.trees = builder.trees;
        this.samples = builder.samples;
        this.contamination = builder.contamination;
        this.thresholdRows = builder.thresholdRows;
        this.seed = builder.seed;
    }

    /** Starts a trainer with the default settings and the given seed, from which all its randomness comes. */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    /**
     * Grows the forest on the rows (one {@code double[]} per row, all of the same length) and places its
     * threshold. The rows are read, never kept or changed.
     *
     * @throws IllegalArgumentException if there are no rows or no features, the rows differ in length, or a
     *     value is NaN or infinite (the message names the row and column, counted from 0)
     */
    public IsolationForest fit(double[][] rows) {
        int features = validate(rows);
        int n = rows.length;
        int sampleSize = Math.min(samples, n);
        int heightLimit = heightLimit(sampleSize);

        SplittableRandom random = new SplittableRandom(seed);
        long[] treeSeeds = new long[trees];
        Arrays.setAll(treeSeeds, t -> random.nextLong());
        long thresholdSeed = random.nextLong();

        StoredTrees[] grown = IntStream.range(0, trees)
                .parallel()
                .mapToObj(t -> {
                    SplittableRandom treeRandom = new SplittableRandom(treeSeeds[t]);
                    int[] sample = RowSample.withoutReplacement(n, sampleSize, treeRandom);
                    return IsolationTreeGrower.grow(rows, sample, heightLimit, treeRandom);
                })
                .toArray(StoredTrees[]::new);

        IsolationTrees forest = IsolationTrees.of(features, sampleSize, concatenate(grown));
        double threshold = threshold(forest, rows, new SplittableRandom(thresholdSeed));
        return new IsolationForest(features, sampleSize, seed, contamination, threshold, forest);
    }

    /** ceil(log2 max(ψ, 2)), about the average height of a random binary tree on ψ points, as in the paper. */
    static int heightLimit(int sampleSize) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(sampleSize, 2) - 1);
    }

    private static StoredTrees concatenate(StoredTrees[] grown) {
        int total = 0;
        for (StoredTrees tree : grown) {
            total += tree.nodes();
        }
        int[] roots = new int[grown.length];
        int[] splitFeature = new int[total];
        double[] threshold = new double[total];
        int[] leftChild = new int[total];
        int[] size = new int[total];
        int offset = 0;
        for (int t = 0; t < grown.length; t++) {
            StoredTrees tree = grown[t];
            roots[t] = offset;
            System.arraycopy(tree.splitFeature(), 0, splitFeature, offset, tree.nodes());
            System.arraycopy(tree.threshold(), 0, threshold, offset, tree.nodes());
            System.arraycopy(tree.size(), 0, size, offset, tree.nodes());
            for (int i = 0; i < tree.nodes(); i++) {
                int child = tree.leftChild()[i];
                leftChild[offset + i] = child == StoredTrees.EXTERNAL ? child : child + offset;
            }
            offset += tree.nodes();
        }
        return new StoredTrees(roots, splitFeature, threshold, leftChild, size);
    }

    private double threshold(IsolationTrees forest, double[][] rows, SplittableRandom random) {
        int m = Math.min(rows.length, thresholdRows);
        int[] scored = RowSample.withoutReplacement(rows.length, m, random);
        double[] scores = new double[m];
        IntStream.range(0, m).parallel().forEach(i -> scores[i] = forest.score(rows[scored[i]]));
        Arrays.sort(scores);
        double position = (m - 1) * (1 - contamination);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, m - 1);
        return scores[below] + (position - below) * (scores[above] - scores[below]);
    }

    private static int validate(double[][] rows) {
        if (rows == null || rows.length < 2) {
            // One row cannot be isolated from anything: c(1) is 0 and every score would be 2^(0/0).
            throw new IllegalArgumentException(
                    "an Isolation Forest needs at least 2 rows, got " + (rows == null ? 0 : rows.length));
        }
        int features = rows[0] == null ? 0 : rows[0].length;
        if (features == 0) {
            throw new IllegalArgumentException("rows must have at least one feature, row 0 has none");
        }
        for (int r = 0; r < rows.length; r++) {
            double[] row = rows[r];
            if (row == null || row.length != features) {
                throw new IllegalArgumentException(
                        "row " + r + " has " + (row == null ? 0 : row.length) + " values, row 0 has " + features);
            }
            for (int c = 0; c < features; c++) {
                if (!Double.isFinite(row[c])) {
                    throw new IllegalArgumentException(
                            "row " + r + ", column " + c + " is " + row[c] + "; the forest needs finite numbers");
                }
            }
        }
        return features;
    }

    /** Settings of a trainer; each setter rejects a value out of range, naming the parameter and the value. */
    public static final class Builder {
        private final long seed;
        private int trees = DEFAULT_TREES;
        private int samples = DEFAULT_SAMPLES;
        private double contamination = DEFAULT_CONTAMINATION;
        private int thresholdRows = DEFAULT_THRESHOLD_ROWS;

        private Builder(long seed) {
            this.seed = seed;
        }

        /** Number of trees, at least 1; {@value IsolationForestTrainer#DEFAULT_TREES} by default. */
        public Builder trees(int trees) {
            if (trees < 1) {
                throw new IllegalArgumentException("trees must be at least 1, was " + trees);
            }
            this.trees = trees;
            return this;
        }

        /**
         * Rows per tree, from 1 to {@value IsolationForestTrainer#MAX_SAMPLES} (fewer when there are fewer
         * rows); {@value IsolationForestTrainer#DEFAULT_SAMPLES} by default.
         */
        public Builder samples(int samples) {
            if (samples < 1 || samples > MAX_SAMPLES) {
                throw new IllegalArgumentException("samples must be within [1, " + MAX_SAMPLES + "], was " + samples);
            }
            this.samples = samples;
            return this;
        }

        /** Expected share of anomalies, in (0, 0.5]; {@value IsolationForestTrainer#DEFAULT_CONTAMINATION} by default. */
        public Builder contamination(double contamination) {
            if (!(contamination > 0 && contamination <= 0.5)) {
                throw new IllegalArgumentException("contamination must be within (0, 0.5], was " + contamination);
            }
            this.contamination = contamination;
            return this;
        }

        /** Most rows scored to place the threshold, at least 1; {@value IsolationForestTrainer#DEFAULT_THRESHOLD_ROWS} by default. */
        public Builder thresholdRows(int thresholdRows) {
            if (thresholdRows < 1) {
                throw new IllegalArgumentException("threshold_rows must be at least 1, was " + thresholdRows);
            }
            this.thresholdRows = thresholdRows;
            return this;
        }

        public IsolationForestTrainer build() {
            return new IsolationForestTrainer(this);
        }
    }
}

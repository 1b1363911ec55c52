package io.txmon.benchmarks;

import io.txmon.boosting.BoostedTrees;
import io.txmon.boosting.RegressionTree;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The supervised model's cost per decision: {@link BoostedTrees#probability} of one row, with trees as deep as
 * XGBoost grows them by default (6) and every one full (64 leaves), the most a trained tree of that depth walks,
 * testing random features of 20 at random thresholds, so that rows take every path. Run beside {@link
 * IsolationForestScoringBenchmark}: the budget is the forest's cost. Rows cycle through 4,096 fresh ones.
 * {@link BoostedTrees#contributions} of one row is measured beside it: what explaining a flagged decision costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@State(Scope.Thread)
public class BoostedTreesScoringBenchmark {
    private static final int PROBE_ROWS = 4_096;
    private static final int DEPTH = 6;

    @Param({"100", "300"})
    int trees;

    @Param({"20"})
    int features;

    private BoostedTrees model;
    private double[][] probes;
    private int next;

    @Setup
    public void grow() {
        SplittableRandom random = new SplittableRandom(4);
        List<RegressionTree> grown = new ArrayList<>();
        for (int i = 0; i < trees; i++) {
            grown.add(fullTree(random));
        }
        model = new BoostedTrees(grown, BoostedTrees.marginOf(0.5), features);
        probes = BenchmarkRows.gaussian(PROBE_ROWS, features, new SplittableRandom(3));
    }

    /** A full tree of {@link #DEPTH} levels of splits in breadth-first order: node n's children are 2n+1, 2n+2. */
    private RegressionTree fullTree(SplittableRandom random) {
        int nodes = (1 << (DEPTH + 1)) - 1;
        int splits = (1 << DEPTH) - 1;
        int[] feature = new int[nodes];
        float[] threshold = new float[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        boolean[] missingGoesLeft = new boolean[nodes];
        float[] leafValue = new float[nodes];
        float[] cover = new float[nodes];
        for (int node = 0; node < nodes; node++) {
            if (node < splits) {
                feature[node] = random.nextInt(features);
                threshold[node] = (float) (random.nextDouble() * 2 - 1);
                left[node] = 2 * node + 1;
                right[node] = 2 * node + 2;
                missingGoesLeft[node] = random.nextBoolean();
            } else {
                feature[node] = -1;
                left[node] = -1;
                right[node] = -1;
                leafValue[node] = (float) (random.nextDouble() * 0.2 - 0.1);
            }
        }
        // Uneven covers that draw nothing from the random source, so that the trees are those measured before covers.
        for (int node = nodes - 1; node >= 0; node--) {
            cover[node] = node < splits ? cover[2 * node + 1] + cover[2 * node + 2] : 1 + node % 5;
        }
        return new RegressionTree(feature, threshold, left, right, missingGoesLeft, leafValue, cover);
    }

    @Benchmark
    public double probabilityOfOneRow() {
        next = (next + 1) & (PROBE_ROWS - 1);
        return model.probability(probes[next]);
    }

    /** An explanation of one row (TreeSHAP), which only flagged decisions pay for. */
    @Benchmark
    public double[] contributionsOfOneRow() {
        next = (next + 1) & (PROBE_ROWS - 1);
        return model.contributions(probes[next]);
    }
}

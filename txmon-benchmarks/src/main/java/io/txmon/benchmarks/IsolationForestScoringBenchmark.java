package io.txmon.benchmarks;

import io.txmon.model.IsolationForest;
import io.txmon.model.IsolationForestTrainer;
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
 * Scoring one row, and explaining one, with the default forest (150 trees of 256 rows) on 20 features:
 * the per-transaction cost of the anomaly model. Rows cycle through 4,096 fresh ones, so that neither the
 * row nor its paths are the same from one call to the next.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@State(Scope.Thread)
public class IsolationForestScoringBenchmark {
    private static final int TRAINING_ROWS = 100_000;
    private static final int PROBE_ROWS = 4_096;

    @Param({"150"})
    int trees;

    @Param({"20"})
    int features;

    private IsolationForest forest;
    private double[][] probes;
    private int next;

    @Setup
    public void fit() {
        forest = IsolationForestTrainer.builder(1)
                .trees(trees)
                .build()
                .fit(BenchmarkRows.gaussian(TRAINING_ROWS, features, new SplittableRandom(2)));
        probes = BenchmarkRows.gaussian(PROBE_ROWS, features, new SplittableRandom(3));
    }

    @Benchmark
    public double scoreOneRow() {
        return forest.score(nextProbe());
    }

    @Benchmark
    public double[] attributionsOfOneRow() {
        return forest.attributions(nextProbe());
    }

    private double[] nextProbe() {
        next = (next + 1) & (PROBE_ROWS - 1);
        return probes[next];
    }
}

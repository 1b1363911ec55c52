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
 * Training the default forest (150 trees of 256 rows, 1 % contamination) on 1,000,000 rows of 20 features:
 * one operation is one {@code fit}, validating every value, growing the trees and placing the threshold.
 * The goal is under two seconds on the project's 2-core machine. Each fit uses the next seed, so the
 * threshold sample and the trees differ between operations as they would between retrainings.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class IsolationForestTrainingBenchmark {
    @Param({"1000000"})
    int rows;

    @Param({"20"})
    int features;

    private double[][] table;
    private long seed;

    @Setup
    public void generate() {
        table = BenchmarkRows.gaussian(rows, features, new SplittableRandom(4));
    }

    @Benchmark
    public IsolationForest fit() {
        return IsolationForestTrainer.builder(seed++).build().fit(table);
    }
}

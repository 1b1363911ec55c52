package io.txmon.benchmarks;

import io.txmon.training.boosting.BoostedTreesModel;
import io.txmon.training.boosting.BoostedTreesTrainer;
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
 * Training the supervised model on a million labelled rows (issue 14's goal: under 30 s here): one operation is one
 * {@code BoostedTreesTrainer.train} with the default settings (depth 6, up to 300 rounds, early stopping on the latest
 * 20 %, two threads), including checking the rows, XGBoost's matrices, training, and cutting the JSON model to the
 * kept rounds when early stopping cut training short. Rows are standard normal features; a row is positive (40,471 of
 * them, 4 %) when a nonlinear mix of four features, plus noise, passes a threshold, so that the trees have something
 * to learn and early stopping something to stop (at 137 rounds, keeping 117).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class BoostedTreesTrainingBenchmark {
    @Param({"1000000"})
    int rows;

    @Param({"30"})
    int features;

    private double[][] table;
    private boolean[] labels;

    @Setup
    public void generate() {
        table = BenchmarkRows.gaussian(rows, features, new SplittableRandom(8));
        labels = new boolean[rows];
        SplittableRandom noise = new SplittableRandom(9);
        for (int r = 0; r < rows; r++) {
            double[] row = table[r];
            double mix = row[0] * row[1] + Math.abs(row[2]) - 0.5 * row[3] + 0.5 * noise.nextGaussian();
            labels[r] = mix > 3.2;
        }
    }

    @Benchmark
    public BoostedTreesModel train() {
        return BoostedTreesTrainer.builder(10).build().train(table, labels);
    }
}

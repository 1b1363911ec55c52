package io.txmon.benchmarks;

import io.txmon.features.FeatureExtractor;
import io.txmon.features.FeatureSettings;
import io.txmon.features.FeatureTracker;
import io.txmon.features.PeerProfile;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The features of one transaction on warm account states, without the decision: a simulated bank's first
 * month warms the states, and each iteration observes the following months' transactions in order, from
 * the warm month again. With 2,000 customers the states fit in the processor's caches; with 20,000 they
 * mostly do not.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Thread)
public class FeatureExtractionBenchmark {
    @Param({"2000", "20000"})
    public int customers;

    private SimulatedWorkload workload;
    private FeatureExtractor extractor;
    private FeatureTracker tracker;
    private double[] features;
    private int next;

    @Setup(Level.Trial)
    public void warmMonth() {
        workload = SimulatedWorkload.forMeasurement(customers);
        extractor = new FeatureExtractor(FeatureSettings.DEFAULTS, PeerProfile.EMPTY);
        features = FeatureTracker.newVector();
        SimulatedWorkload.States states = new SimulatedWorkload.States(workload.directory);
        FeatureTracker warming = new FeatureTracker(extractor, states);
        workload.warmUp.forEach(tx -> warming.observe(tx, features));
        workload.saveWarm(states);
    }

    @Setup(Level.Iteration)
    public void fromTheWarmMonth() {
        tracker = new FeatureTracker(extractor, workload.restoreWarm());
        next = 0;
    }

    @Benchmark
    public double observeOneTransaction() {
        // The stream holds more than an iteration needs (SimulatedWorkload.MIN_STREAM); this only guards it.
        if (next == workload.stream.length) {
            fromTheWarmMonth();
        }
        tracker.observe(workload.stream[next++], features);
        return features[0];
    }
}

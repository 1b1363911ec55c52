package io.txmon.benchmarks;

import io.txmon.features.AccountState;
import io.txmon.features.AccountStateCodec;
import io.txmon.features.FeatureExtractor;
import io.txmon.features.FeatureSettings;
import io.txmon.features.FeatureTracker;
import io.txmon.features.PeerProfile;
import io.txmon.transaction.Transaction;
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
 * What the online path pays to be able to put two accounts' states back should deciding one transaction fail
 * midway (issue 11): the payer's and payee's states copied ({@link AccountState#copy}, what it does) or encoded
 * ({@link AccountStateCodec#toBytes}, what it did first) before each observation, against the observation alone,
 * in the same run on the same warm states.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(
        value = 1,
        // Pre-touched: without it, the copies' first pass through a 4 GB eden page-faults, and some forks
        // measured 34 µs an operation against 4 µs in others (seen here).
        jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class StateSnapshotBenchmark {
    @Param({"20000"})
    public int customers;

    private SimulatedWorkload workload;
    private FeatureExtractor extractor;
    private SimulatedWorkload.States states;
    private FeatureTracker tracker;
    private double[] features;
    private int next;

    @Setup(Level.Trial)
    public void warmMonth() {
        workload = SimulatedWorkload.forMeasurement(customers);
        extractor = new FeatureExtractor(FeatureSettings.DEFAULTS, PeerProfile.EMPTY);
        features = FeatureTracker.newVector();
        SimulatedWorkload.States warm = new SimulatedWorkload.States(workload.directory);
        FeatureTracker warming = new FeatureTracker(extractor, warm);
        workload.warmUp.forEach(tx -> warming.observe(tx, features));
        workload.saveWarm(warm);
    }

    @Setup(Level.Iteration)
    public void fromTheWarmMonth() {
        states = workload.restoreWarm();
        tracker = new FeatureTracker(extractor, states);
        next = 0;
    }

    @Benchmark
    public double observeOneTransaction() {
        Transaction tx = nextTransaction();
        tracker.observe(tx, features);
        return features[0];
    }

    @Benchmark
    public double snapshotBothAccountsThenObserve() {
        Transaction tx = nextTransaction();
        int bytes = encoded(tx.userId()) + encoded(tx.payeeAccount());
        tracker.observe(tx, features);
        return features[0] + bytes;
    }

    @Benchmark
    public double copyBothAccountsThenObserve() {
        Transaction tx = nextTransaction();
        AccountState payer = copied(tx.userId());
        AccountState payee = copied(tx.payeeAccount());
        tracker.observe(tx, features);
        return features[0] + (payer == null ? 0 : 1) + (payee == null ? 0 : 1);
    }

    private AccountState copied(String account) {
        AccountState state = account == null ? null : states.byAccount.get(account);
        return state == null ? null : state.copy();
    }

    private int encoded(String account) {
        if (account == null) {
            return 0;
        }
        AccountState state = states.byAccount.get(account);
        return state == null ? 0 : AccountStateCodec.toBytes(state).length;
    }

    private Transaction nextTransaction() {
        // The stream holds more than an iteration needs (SimulatedWorkload.MIN_STREAM); this only guards it.
        if (next == workload.stream.length) {
            fromTheWarmMonth();
        }
        return workload.stream[next++];
    }
}

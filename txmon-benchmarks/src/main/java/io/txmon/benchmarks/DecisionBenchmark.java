package io.txmon.benchmarks;

import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.TransactionScorer;
import java.util.Optional;
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
 * One whole decision on warm account states, as the API makes it: the transaction's features from the
 * states of the accounts it touches, the default rule set, the default anomaly model (150 trees), and the
 * decision with its reasons. A simulated bank's first month trains the model and warms the states; each
 * iteration then decides the following weeks' transactions in order, from the warm month again. With
 * 2,000 customers the states fit in the processor's caches; with 20,000 they mostly do not.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Thread)
public class DecisionBenchmark {
    @Param({"2000", "20000"})
    public int customers;

    private SimulatedWorkload workload;
    private RuleSet rules;
    private AnomalyModel model;
    private TransactionScorer scorer;
    private int next;

    @Setup(Level.Trial)
    public void warmMonth() {
        workload = SimulatedWorkload.forMeasurement(customers);
        rules = RuleFile.defaults();
        model = AnomalyModelTrainer.builder(7).build().train(workload.warmUp, workload.directory, rules.features());
        SimulatedWorkload.States states = new SimulatedWorkload.States(workload.directory);
        TransactionScorer warming = new TransactionScorer(rules, Optional.of(model), states);
        workload.warmUp.forEach(warming::score);
        workload.saveWarm(states);
    }

    @Setup(Level.Iteration)
    public void fromTheWarmMonth() {
        scorer = new TransactionScorer(rules, Optional.of(model), workload.restoreWarm());
        next = 0;
    }

    @Benchmark
    public Decision decideOneTransaction() {
        // The stream holds more than an iteration needs (SimulatedWorkload.MIN_STREAM); this only guards it.
        if (next == workload.stream.length) {
            fromTheWarmMonth();
        }
        return scorer.score(workload.stream[next++]);
    }
}

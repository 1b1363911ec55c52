package io.txmon.benchmarks;

import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
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
 * How long one simulation takes, start to finish, as the command line runs it once. Each measurement is
 * a single run (single-shot) after warm-up runs; 10,000 customers over 30 days make about 416,000
 * transactions. Run with
 * {@code java -jar txmon-benchmarks/target/benchmarks.jar SimulatorBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class SimulatorBenchmark {
    @Param({"2000", "10000"})
    private int customers;

    @Param({"30"})
    private int days;

    private SimulationSettings settings;

    @Setup(Level.Trial)
    public void describeTheWorld() {
        settings = SimulationSettings.builder()
                .seed(1)
                .customers(customers)
                .days(days)
                .build();
        System.out.println("transactions per run: "
                + Simulator.simulate(settings).transactions().size());
    }

    @Benchmark
    public SimulatedData simulate() {
        return Simulator.simulate(settings);
    }
}

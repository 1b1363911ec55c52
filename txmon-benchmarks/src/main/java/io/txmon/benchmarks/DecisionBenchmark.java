package io.txmon.benchmarks;

import io.txmon.features.InMemoryAccountStates;
import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.TransactionScorer;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
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
 * One whole decision on warm account states, as the API makes it: the transaction's features from its
 * accounts' states, the default rule set, the default anomaly model (150 trees on 22 inputs), the combined
 * decision with its reasons. The accounts have a month of history; one op is one transaction decided,
 * drawn at random among them, so the states are as cold in the cache as real traffic leaves them.
 */
@BenchmarkMode({Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Thread)
public class DecisionBenchmark {
    private static final int STREAM = 1 << 20;

    @Param({"10000", "100000"})
    public int accounts;

    private TransactionScorer scorer;
    private Transaction[] stream;
    private int next;

    @Setup(Level.Trial)
    public void warmStates() {
        FeatureExtractionBenchmark.SyntheticTraffic traffic =
                new FeatureExtractionBenchmark.SyntheticTraffic(new SplittableRandom(42), accounts);
        Transaction[] history = traffic.next(accounts * 30, Instant.parse("2026-01-01T00:00:00Z"), 86_400L * 30);
        RuleSet rules = RuleFile.defaults();
        AnomalyModel model = AnomalyModelTrainer.builder(7)
                .build()
                .train(Arrays.asList(history), Account::unknown, rules.features());
        scorer = new TransactionScorer(rules, Optional.of(model), new InMemoryAccountStates());
        for (Transaction tx : history) {
            scorer.score(tx);
        }
        stream = traffic.next(STREAM, Instant.parse("2026-01-31T00:00:00Z"), 86_400L * 30);
    }

    @Benchmark
    public Decision decideOneTransaction() {
        Transaction tx = stream[next];
        next = (next + 1) & (STREAM - 1);
        return scorer.score(tx);
    }
}

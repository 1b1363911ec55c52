package io.txmon.benchmarks;

import io.txmon.features.FeatureExtractor;
import io.txmon.features.FeatureSettings;
import io.txmon.features.FeatureTracker;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.features.PeerProfile;
import io.txmon.transaction.Channel;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
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
 * Features of one transaction on warm account states: 10,000 accounts, each with a month of history,
 * then transactions drawn among them in time order. One op is one transaction observed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Thread)
public class FeatureExtractionBenchmark {
    @Param({"1000", "100000"})
    public int accounts;

    private static final int STREAM = 1 << 20;

    private FeatureTracker tracker;
    private Transaction[] stream;
    private double[] features;
    private int next;

    @Setup(Level.Trial)
    public void warmStates() {
        tracker = new FeatureTracker(
                new FeatureExtractor(FeatureSettings.DEFAULTS, PeerProfile.EMPTY), new InMemoryAccountStates());
        features = FeatureTracker.newVector();
        SyntheticTraffic traffic = new SyntheticTraffic(new SplittableRandom(42), accounts);
        // A month of history: about 30 transactions per account.
        for (Transaction tx : traffic.next(accounts * 30, Instant.parse("2026-01-01T00:00:00Z"), 86_400L * 30)) {
            tracker.observe(tx, features);
        }
        stream = traffic.next(STREAM, Instant.parse("2026-01-31T00:00:00Z"), 86_400L * 30);
    }

    @Benchmark
    public double observeOneTransaction() {
        Transaction tx = stream[next];
        next = (next + 1) & (STREAM - 1);
        tracker.observe(tx, features);
        return features[0];
    }

    /** Card payments, transfers and cash among a fixed set of accounts, spread evenly over a span. */
    static final class SyntheticTraffic {
        private static final String[] CITIES = {"Mumbai", "Delhi", "Pune", "Chennai", "Kolkata", "Jaipur"};
        private static final String[] TYPES = {"groceries", "electronics", "travel", "fuel", "restaurants"};

        private final SplittableRandom random;
        private final int accounts;
        private long ids;

        SyntheticTraffic(SplittableRandom random, int accounts) {
            this.random = random;
            this.accounts = accounts;
        }

        Transaction[] next(int count, Instant from, long spanSeconds) {
            Transaction[] out = new Transaction[count];
            long start = from.toEpochMilli();
            double step = spanSeconds * 1000.0 / count;
            for (int i = 0; i < count; i++) {
                int r = random.nextInt(100);
                TransactionType type = r < 80
                        ? TransactionType.CARD
                        : r < 92
                                ? TransactionType.TRANSFER
                                : r < 96 ? TransactionType.CASH_IN : TransactionType.CASH_OUT;
                Transaction.Builder b = Transaction.builder(
                                "b-" + (ids++),
                                Instant.ofEpochMilli(start + (long) (i * step)),
                                "acct-" + random.nextInt(accounts),
                                BigDecimal.valueOf(100 + random.nextInt(500_000), 2))
                        .type(type)
                        .channel(Channel.POS)
                        .location(CITIES[random.nextInt(CITIES.length)])
                        .country("IN")
                        .deviceId("dev-" + random.nextInt(3))
                        .merchantId("m-" + random.nextInt(500))
                        .merchantType(TYPES[random.nextInt(TYPES.length)]);
                if (type == TransactionType.TRANSFER) {
                    b.counterpartyId("acct-" + random.nextInt(accounts));
                }
                out[i] = b.build();
            }
            return out;
        }
    }
}

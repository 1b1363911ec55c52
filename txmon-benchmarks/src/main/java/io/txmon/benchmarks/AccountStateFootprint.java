package io.txmon.benchmarks;

import io.txmon.features.AccountState;
import io.txmon.features.AccountStateCodec;
import io.txmon.features.FeatureExtractor;
import io.txmon.features.FeatureSettings;
import io.txmon.features.FeatureTracker;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.features.PeerProfile;
import io.txmon.transaction.Transaction;
import java.time.Instant;
import java.util.SplittableRandom;
import org.openjdk.jol.info.GraphLayout;

/**
 * Measures what one account's behaviour state costs: its heap footprint (JOL) and saved size, for a
 * fresh account and for one whose every memory is full. Run:
 * {@code java -cp txmon-benchmarks/target/benchmarks.jar io.txmon.benchmarks.AccountStateFootprint}.
 */
public final class AccountStateFootprint {
    private AccountStateFootprint() {}

    public static void main(String[] args) {
        InMemoryAccountStates states = new InMemoryAccountStates();
        FeatureTracker tracker =
                new FeatureTracker(new FeatureExtractor(FeatureSettings.DEFAULTS, PeerProfile.EMPTY), states);
        FeatureExtractionBenchmark.SyntheticTraffic traffic =
                new FeatureExtractionBenchmark.SyntheticTraffic(new SplittableRandom(1), 50);
        double[] features = FeatureTracker.newVector();
        // 50 accounts, 200,000 transactions over 60 days: every ring, key set and bucket is full.
        for (Transaction tx : traffic.next(200_000, Instant.parse("2026-01-01T00:00:00Z"), 86_400L * 60)) {
            tracker.observe(tx, features);
        }
        AccountState busy = states.find("acct-0").orElseThrow();
        AccountState fresh = AccountState.open(io.txmon.transaction.Account.unknown("new"), Instant.EPOCH);

        System.out.printf(
                "busy account:  %,d bytes on the heap, %,d bytes saved%n",
                GraphLayout.parseInstance(busy).totalSize(), AccountStateCodec.toBytes(busy).length);
        System.out.printf(
                "fresh account: %,d bytes on the heap, %,d bytes saved%n",
                GraphLayout.parseInstance(fresh).totalSize(), AccountStateCodec.toBytes(fresh).length);
        System.out.printf("saved size bound: %,d bytes%n", AccountStateCodec.MAX_SAVED_BYTES);
    }
}

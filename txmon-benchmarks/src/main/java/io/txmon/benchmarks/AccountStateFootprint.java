package io.txmon.benchmarks;

import io.txmon.features.AccountState;
import io.txmon.features.AccountStateCodec;
import io.txmon.features.FeatureExtractor;
import io.txmon.features.FeatureSettings;
import io.txmon.features.FeatureTracker;
import io.txmon.features.PeerProfile;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import org.openjdk.jol.info.GraphLayout;

/**
 * Measures what one account's behaviour state costs after two simulated months of a bank with 2,000
 * customers: heap footprint (JOL) and saved size, of a fresh state, of the average state and of the
 * fullest. Run: {@code java -cp txmon-benchmarks/target/benchmarks.jar io.txmon.benchmarks.AccountStateFootprint}.
 */
public final class AccountStateFootprint {
    private AccountStateFootprint() {}

    public static void main(String[] args) {
        SimulatedWorkload workload = new SimulatedWorkload(2_000, 60);
        SimulatedWorkload.States states = new SimulatedWorkload.States(workload.directory);
        FeatureTracker tracker =
                new FeatureTracker(new FeatureExtractor(FeatureSettings.DEFAULTS, PeerProfile.EMPTY), states);
        double[] features = FeatureTracker.newVector();
        workload.warmUp.forEach(tx -> tracker.observe(tx, features));
        for (Transaction tx : workload.stream) {
            tracker.observe(tx, features);
        }
        Map<String, AccountState> all = states.byAccount;
        AccountState fullest = all.values().stream()
                .max(Comparator.comparingInt(s -> AccountStateCodec.toBytes(s).length))
                .orElseThrow();
        double averageSaved = all.values().stream()
                .mapToInt(s -> AccountStateCodec.toBytes(s).length)
                .average()
                .orElseThrow();
        AccountState fresh = AccountState.open(Account.unknown("new"), Instant.EPOCH);

        System.out.printf("accounts after two months: %,d%n", all.size());
        System.out.printf(
                "every state, on the heap:  %,d bytes%n",
                GraphLayout.parseInstance(fresh).totalSize());
        System.out.printf("saved, fresh:              %,d bytes%n", AccountStateCodec.toBytes(fresh).length);
        System.out.printf("saved, average:            %,.0f bytes%n", averageSaved);
        System.out.printf(
                "saved, fullest:            %,d bytes (heap %,d)%n",
                AccountStateCodec.toBytes(fullest).length,
                GraphLayout.parseInstance(fullest).totalSize());
        System.out.printf("saved, bound:              %,d bytes%n", AccountStateCodec.MAX_SAVED_BYTES);
    }
}

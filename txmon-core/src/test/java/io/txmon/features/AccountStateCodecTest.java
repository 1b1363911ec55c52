package io.txmon.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.testkit.RandomTransactions;
import io.txmon.testkit.SavedAccountStates;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountStateCodecTest {

    @Test
    void aStateSavedAndRestoredBetweenEveryTransactionGivesIdenticalFeatures() {
        List<Transaction> transactions = new RandomTransactions(7).generate(20_000, 25);
        FeatureExtractor live = new FeatureExtractor(FeatureSettings.DEFAULTS, PeerProfile.EMPTY);
        FeatureExtractor restored = new FeatureExtractor(FeatureSettings.DEFAULTS, PeerProfile.EMPTY);
        FeatureTracker inMemory = new FeatureTracker(live, new InMemoryAccountStates());
        FeatureTracker throughBytes = new FeatureTracker(restored, new SavedAccountStates());
        double[] expected = FeatureTracker.newVector();
        double[] actual = FeatureTracker.newVector();

        for (Transaction tx : transactions) {
            inMemory.observe(tx, expected);
            throughBytes.observe(tx, actual);
            assertThat(actual).as(tx.transactionId()).containsExactly(expected);
        }
    }

    @Test
    void aStateStopsGrowingOnceItsMemoryIsFull() {
        SavedAccountStates states = new SavedAccountStates();
        FeatureTracker tracker =
                new FeatureTracker(new FeatureExtractor(FeatureSettings.DEFAULTS, PeerProfile.EMPTY), states);
        double[] features = FeatureTracker.newVector();
        List<Transaction> transactions = new RandomTransactions(11).generate(60_000, 3);

        int sizeAfterWarmUp = 0;
        for (int i = 0; i < transactions.size(); i++) {
            tracker.observe(transactions.get(i), features);
            if (i == 30_000) {
                sizeAfterWarmUp = largest(states);
            }
        }

        assertThat(largest(states)).isEqualTo(sizeAfterWarmUp).isLessThanOrEqualTo(AccountStateCodec.MAX_SAVED_BYTES);
    }

    @Test
    void refusesBytesOfAnotherFormat() {
        byte[] bytes = AccountStateCodec.toBytes(AccountState.open(Account.unknown("a"), Instant.EPOCH));
        bytes[0] = 9;

        assertThatThrownBy(() -> AccountStateCodec.fromBytes(bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format 9");
    }

    private static int largest(SavedAccountStates states) {
        return states.savedBytes().stream().mapToInt(b -> b.length).max().orElse(0);
    }
}

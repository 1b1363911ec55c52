package io.txmon.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.testkit.RandomTransactions;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountStateCopyTest {

    @Test
    void aStateReplacedByItsCopyBeforeEveryTransactionGivesIdenticalFeatures() {
        List<Transaction> transactions = new RandomTransactions(7).generate(20_000, 25);
        FeatureTracker live = tracker(new InMemoryAccountStates());
        FeatureTracker throughCopies = tracker(new CopyingStates());
        double[] expected = FeatureTracker.newVector();
        double[] actual = FeatureTracker.newVector();

        for (Transaction tx : transactions) {
            live.observe(tx, expected);
            throughCopies.observe(tx, actual);
            assertThat(actual).as(tx.transactionId()).containsExactly(expected);
        }
    }

    @Test
    void aCopySavesToTheSameBytesAndStaysAsItWasWhileTheOriginalLearns() {
        InMemoryAccountStates states = new InMemoryAccountStates();
        FeatureTracker tracker = tracker(states);
        double[] features = FeatureTracker.newVector();
        List<Transaction> transactions = new RandomTransactions(3).generate(5_000, 2);
        transactions.subList(0, 2_500).forEach(tx -> tracker.observe(tx, features));
        AccountState original = states.find(transactions.get(2_499).userId()).orElseThrow();
        byte[] before = AccountStateCodec.toBytes(original);

        AccountState copy = original.copy();
        transactions.subList(2_500, 5_000).forEach(tx -> tracker.observe(tx, features));

        assertThat(AccountStateCodec.toBytes(copy)).isEqualTo(before);
        assertThat(AccountStateCodec.toBytes(original)).isNotEqualTo(before);
    }

    @Test
    void aFreshStateCopiesToAnEqualFreshState() {
        AccountState fresh = AccountState.open(Account.unknown("a"), Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(AccountStateCodec.toBytes(fresh.copy())).isEqualTo(AccountStateCodec.toBytes(fresh));
    }

    private static FeatureTracker tracker(AccountStateStore states) {
        return new FeatureTracker(new FeatureExtractor(FeatureSettings.DEFAULTS, PeerProfile.EMPTY), states);
    }

    /** Hands out a copy of each state and keeps that copy, dropping the state it was made from. */
    private static final class CopyingStates implements AccountStateStore {
        private final Map<String, AccountState> states = new HashMap<>();

        @Override
        public AccountState stateOf(String accountId, Instant firstSeen) {
            AccountState state = states.get(accountId);
            AccountState handedOut =
                    state == null ? AccountState.open(Account.unknown(accountId), firstSeen) : state.copy();
            states.put(accountId, handedOut);
            return handedOut;
        }
    }
}

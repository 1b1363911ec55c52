package io.txmon.features;

import static io.txmon.testkit.Instants.WEDNESDAY_3PM;
import static io.txmon.testkit.Instants.days;
import static io.txmon.testkit.Instants.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.testkit.Transactions;
import io.txmon.transaction.Transaction;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityFeaturesTest {
    private final Transactions tx = new Transactions();
    private final InMemoryEntityStates states = new InMemoryEntityStates();
    private final EntityFeatures entities = new EntityFeatures(states);

    private double[] observe(Transaction transaction) {
        double[] features = FeatureTracker.newVector();
        entities.observe(transaction, features);
        return features;
    }

    private Transaction cardAt(String user, Instant at, String terminal) {
        return tx.card(user, at, "30", "Pune").merchantId(terminal).build();
    }

    private static double value(double[] features, Feature feature) {
        return features[feature.ordinal()];
    }

    @Test
    void aTerminalCountsItsTransactionsAndDistinctCardsOverDaysIncludingTheCurrentOne() {
        observe(cardAt("alice", WEDNESDAY_3PM, "t1"));
        observe(cardAt("bob", hours(WEDNESDAY_3PM, 1), "t1"));
        observe(cardAt("alice", days(WEDNESDAY_3PM, 3), "t1"));
        double[] f = observe(cardAt("carol", days(WEDNESDAY_3PM, 3), "t1"));

        assertThat(value(f, Feature.MERCHANT_TX_COUNT_1D)).isEqualTo(2);
        assertThat(value(f, Feature.MERCHANT_TX_COUNT_7D)).isEqualTo(4);
        assertThat(value(f, Feature.MERCHANT_ACCOUNTS_7D)).isEqualTo(3);
        assertThat(value(f, Feature.MERCHANT_AGE_DAYS)).isEqualTo(3);
    }

    @Test
    void windowsForgetTransactionsOlderThanTheirDays() {
        observe(cardAt("alice", WEDNESDAY_3PM, "t1"));
        observe(cardAt("bob", WEDNESDAY_3PM, "t1"));
        double[] f = observe(cardAt("carol", days(WEDNESDAY_3PM, 8), "t1"));

        assertThat(value(f, Feature.MERCHANT_TX_COUNT_7D)).isEqualTo(1);
        assertThat(value(f, Feature.MERCHANT_ACCOUNTS_7D)).isEqualTo(1);
        assertThat(value(f, Feature.MERCHANT_AGE_DAYS)).isEqualTo(8);
    }

    @Test
    void aFraudBecomesPartOfTheTerminalsShareOnlyOnceItIsLearned() {
        Transaction stolen = cardAt("alice", WEDNESDAY_3PM, "t1");
        observe(stolen);
        observe(cardAt("bob", hours(WEDNESDAY_3PM, 1), "t1"));
        double[] before = observe(cardAt("carol", days(WEDNESDAY_3PM, 2), "t1"));
        assertThat(value(before, Feature.MERCHANT_FRAUD_SHARE_7D)).isZero();

        entities.learnOutcome(stolen, 1);
        double[] after = observe(cardAt("dave", days(WEDNESDAY_3PM, 2), "t1"));

        assertThat(value(after, Feature.MERCHANT_FRAUD_SHARE_1D)).isZero();
        assertThat(value(after, Feature.MERCHANT_FRAUD_SHARE_7D)).isEqualTo(1 / 4.0);
        assertThat(value(after, Feature.MERCHANT_FRAUD_SHARE_30D)).isEqualTo(1 / 4.0);
        assertThat(value(after, Feature.MERCHANT_KNOWN_FRAUDS_30D)).isEqualTo(1);
        assertThat(value(after, Feature.ACCOUNT_FRAUD_SHARE_30D))
                .as("dave's own history")
                .isZero();
        double[] alice = observe(cardAt("alice", days(WEDNESDAY_3PM, 2), "t2"));
        assertThat(value(alice, Feature.ACCOUNT_FRAUD_SHARE_7D)).isEqualTo(1 / 2.0);
        assertThat(value(alice, Feature.ACCOUNT_KNOWN_FRAUDS_30D)).isEqualTo(1);
    }

    @Test
    void aWithdrawnVerdictIsUncounted() {
        Transaction disputed = cardAt("alice", WEDNESDAY_3PM, "t1");
        observe(disputed);
        entities.learnOutcome(disputed, 1);
        entities.learnOutcome(disputed, -1);

        double[] f = observe(cardAt("bob", hours(WEDNESDAY_3PM, 2), "t1"));

        assertThat(value(f, Feature.MERCHANT_KNOWN_FRAUDS_30D)).isZero();
    }

    @Test
    void anOutcomeOfATransactionOlderThanThirtyDaysChangesNoWindow() {
        Transaction old = cardAt("alice", WEDNESDAY_3PM, "t1");
        observe(old);
        observe(cardAt("bob", days(WEDNESDAY_3PM, 40), "t1"));
        entities.learnOutcome(old, 1);

        double[] f = observe(cardAt("carol", days(WEDNESDAY_3PM, 40), "t1"));

        assertThat(value(f, Feature.MERCHANT_KNOWN_FRAUDS_30D)).isZero();
        assertThat(value(f, Feature.MERCHANT_FRAUD_SHARE_30D)).isZero();
    }

    @Test
    void aDeviceSharedByManyAccountsAndAPayeeCollectingFromManyShowInTheirOwnFeatures() {
        for (String user : new String[] {"a", "b", "c", "d"}) {
            observe(tx.card(user, WEDNESDAY_3PM, "10", "Pune")
                    .deviceId("phone-1")
                    .build());
        }
        double[] device = observe(
                tx.card("e", WEDNESDAY_3PM, "10", "Pune").deviceId("phone-1").build());
        for (String user : new String[] {"a", "b", "c"}) {
            observe(tx.transfer(user, "mule", WEDNESDAY_3PM, "900").build());
        }
        double[] payee = observe(tx.transfer("d", "mule", WEDNESDAY_3PM, "900").build());

        assertThat(value(device, Feature.DEVICE_ACCOUNTS_7D)).isEqualTo(5);
        assertThat(value(payee, Feature.PAYEE_ACCOUNTS_7D)).isEqualTo(4);
        assertThat(value(payee, Feature.PAYEE_TX_COUNT_1D)).isEqualTo(4);
        assertThat(value(payee, Feature.DEVICE_ACCOUNTS_7D))
                .as("no device named")
                .isZero();
    }

    @Test
    void anOutcomeOnlyCountsOneWayAtATime() {
        Transaction one = cardAt("alice", WEDNESDAY_3PM, "t1");
        observe(one);

        assertThatThrownBy(() -> entities.learnOutcome(one, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statesSavedAndReadBackAfterEveryTransactionGiveTheSameFeaturesAsLiveOnes() {
        EntityFeatures throughBytes = new EntityFeatures(new SavedEntityStates());
        Transaction[] history = {
            cardAt("alice", WEDNESDAY_3PM, "t1"),
            tx.card("bob", hours(WEDNESDAY_3PM, 5), "10", "Pune")
                    .merchantId("t1")
                    .deviceId("p")
                    .build(),
            tx.transfer("bob", "mule", days(WEDNESDAY_3PM, 1), "500")
                    .deviceId("p")
                    .build(),
            cardAt("carol", days(WEDNESDAY_3PM, 3), "t1"),
            tx.transfer("carol", "mule", days(WEDNESDAY_3PM, 9), "500")
                    .deviceId("p")
                    .build(),
            cardAt("alice", days(WEDNESDAY_3PM, 33), "t1")
        };
        for (int i = 0; i < history.length; i++) {
            double[] live = FeatureTracker.newVector();
            double[] restored = FeatureTracker.newVector();
            entities.observe(history[i], live);
            throughBytes.observe(history[i], restored);
            assertThat(restored).as("transaction %d", i).isEqualTo(live);
            if (i == 1 || i == 2) {
                entities.learnOutcome(history[i - 1], 1);
                throughBytes.learnOutcome(history[i - 1], 1);
            }
        }
    }

    @Test
    void aSavedStateOfAnUnknownFormatIsRefused() {
        observe(cardAt("alice", WEDNESDAY_3PM, "t1"));
        byte[] bytes = EntityStateCodec.toBytes(states.find(EntityKind.MERCHANT, "t1"));
        bytes[0] = 9;

        assertThatThrownBy(() -> EntityStateCodec.fromBytes(bytes)).hasMessageContaining("format 9");
    }

    /** Keeps only bytes between transactions, as a database column would. */
    private static final class SavedEntityStates implements EntityStateStore {
        private final java.util.Map<String, byte[]> saved = new java.util.HashMap<>();

        @Override
        public EntityState stateOf(EntityKind kind, String id, Instant firstSeen) {
            EntityState state = find(kind, id);
            return state != null ? state : EntityState.open(kind, firstSeen.toEpochMilli());
        }

        @Override
        public EntityState find(EntityKind kind, String id) {
            byte[] bytes = saved.get(kind + "/" + id);
            return bytes == null ? null : EntityStateCodec.fromBytes(bytes);
        }

        @Override
        public void changed(EntityKind kind, String id, EntityState state) {
            saved.put(kind + "/" + id, EntityStateCodec.toBytes(state));
        }
    }

    @Test
    void observingOneKindAtATimeInItsOwnStoreGivesTheSameFeaturesAsObservingAllAtOnce() {
        Map<EntityKind, EntityFeatures> byKind = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : EntityKind.values()) {
            byKind.put(kind, new EntityFeatures(new InMemoryEntityStates()));
        }
        Transaction[] history = {
            cardAt("alice", WEDNESDAY_3PM, "t1"),
            tx.transfer("bob", "alice", hours(WEDNESDAY_3PM, 1), "50")
                    .merchantId("t1")
                    .deviceId("d1")
                    .build(),
            cardAt("carol", days(WEDNESDAY_3PM, 2), "t1")
        };
        for (Transaction each : history) {
            double[] together = observe(each);
            double[] apart = FeatureTracker.newVector();
            for (EntityKind kind : EntityKind.values()) {
                byKind.get(kind).observe(kind, each, apart);
            }
            assertThat(apart).isEqualTo(together);
        }
        entities.learnOutcome(history[0], 1);
        byKind.values().forEach(kind -> kind.learnOutcome(history[0], 1));
        double[] together = observe(cardAt("dave", days(WEDNESDAY_3PM, 3), "t1"));
        double[] apart = FeatureTracker.newVector();
        for (EntityKind kind : EntityKind.values()) {
            byKind.get(kind).observe(kind, cardAt("dave", days(WEDNESDAY_3PM, 3), "t1"), apart);
        }
        assertThat(apart).isEqualTo(together);
        assertThat(value(together, Feature.MERCHANT_KNOWN_FRAUDS_30D)).isEqualTo(1);
    }

    @Test
    void eachKindWritesTheFeaturesNamedForItAndTheAccountNoneOfItsCountsOrAge() {
        for (EntityKind kind : EntityKind.values()) {
            assertThat(EntityFeatures.featuresWritten(kind))
                    .isSorted()
                    .allMatch(feature -> feature.featureName().startsWith(kind.prefix() + "_"))
                    .allMatch(EntityFeatures::writes)
                    .hasSize(kind == EntityKind.ACCOUNT ? 6 : 11);
        }
    }
}

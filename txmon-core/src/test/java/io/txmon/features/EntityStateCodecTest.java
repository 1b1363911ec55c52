package io.txmon.features;

import static io.txmon.testkit.Instants.WEDNESDAY_3PM;
import static io.txmon.testkit.Instants.days;
import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.testkit.Transactions;
import io.txmon.transaction.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EntityStateCodecTest {
    private final Transactions tx = new Transactions();

    /**
     * {@code entity-state-v1.bin} was written by format version 1 from terminal {@code t1}'s state after card payments
     * of alice ({@code WEDNESDAY_3PM}), bob (a day later) and carol (three days later), with alice's payment then
     * learned as fraud. A later version must read it and give the next payment the same features.
     */
    @Test
    void readsAStateWrittenByFormatVersionOne() throws IOException {
        byte[] fixture;
        try (InputStream in = getClass().getResourceAsStream("entity-state-v1.bin")) {
            fixture = in.readAllBytes();
        }
        EntityState saved = EntityStateCodec.fromBytes(fixture);
        EntityFeatures entities = new EntityFeatures(new OneTerminal(saved));
        double[] f = FeatureTracker.newVector();

        entities.observe(card("dave", days(WEDNESDAY_3PM, 4)), f);

        assertThat(f[Feature.MERCHANT_TX_COUNT_1D.ordinal()]).isEqualTo(1);
        assertThat(f[Feature.MERCHANT_TX_COUNT_7D.ordinal()]).isEqualTo(4);
        assertThat(f[Feature.MERCHANT_ACCOUNTS_7D.ordinal()]).isEqualTo(4);
        assertThat(f[Feature.MERCHANT_AGE_DAYS.ordinal()]).isEqualTo(4);
        assertThat(f[Feature.MERCHANT_FRAUD_SHARE_7D.ordinal()]).isEqualTo(0.25);
        assertThat(f[Feature.MERCHANT_KNOWN_FRAUDS_30D.ordinal()]).isEqualTo(1);
    }

    @Test
    void writesTheFixtureExactlyFromTheHistoryItDescribes() throws IOException {
        InMemoryEntityStates states = new InMemoryEntityStates();
        EntityFeatures entities = new EntityFeatures(states);
        Transaction stolen = card("alice", WEDNESDAY_3PM);
        entities.observe(stolen, FeatureTracker.newVector());
        entities.observe(card("bob", days(WEDNESDAY_3PM, 1)), FeatureTracker.newVector());
        entities.observe(card("carol", days(WEDNESDAY_3PM, 3)), FeatureTracker.newVector());
        entities.learnOutcome(stolen, 1);

        byte[] fixture;
        try (InputStream in = getClass().getResourceAsStream("entity-state-v1.bin")) {
            fixture = in.readAllBytes();
        }
        assertThat(EntityStateCodec.toBytes(states.find(EntityKind.MERCHANT, "t1")))
                .isEqualTo(fixture);
    }

    private Transaction card(String user, Instant at) {
        return tx.card(user, at, "25", "Pune").merchantId("t1").build();
    }

    /** A store holding one terminal's saved state; every other entity starts new. */
    private static final class OneTerminal implements EntityStateStore {
        private final InMemoryEntityStates others = new InMemoryEntityStates();
        private final EntityState terminal;

        OneTerminal(EntityState terminal) {
            this.terminal = terminal;
        }

        @Override
        public EntityState stateOf(EntityKind kind, String id, Instant firstSeen) {
            return kind == EntityKind.MERCHANT && id.equals("t1") ? terminal : others.stateOf(kind, id, firstSeen);
        }

        @Override
        public EntityState find(EntityKind kind, String id) {
            return kind == EntityKind.MERCHANT && id.equals("t1") ? terminal : others.find(kind, id);
        }
    }
}

package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.features.EntityFeatures;
import io.txmon.features.EntityKind;
import io.txmon.features.EntityState;
import io.txmon.features.EntityStateCodec;
import io.txmon.features.FeatureTracker;
import io.txmon.features.InMemoryEntityStates;
import io.txmon.transaction.Transaction;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EntityStateSerializerTest {
    private final EntityStateSerializer serializer = new EntityStateSerializer();

    @Test
    void anEntitysStateComesBackWithEveryFieldAsTheCoreSavesIt() throws IOException {
        InMemoryEntityStates states = new InMemoryEntityStates();
        EntityFeatures entities = new EntityFeatures(states);
        Transaction tx = Transaction.builder(
                        "t1", Instant.parse("2026-02-02T09:00:00Z"), "acct-a", new BigDecimal("9.50"))
                .merchantId("m-1")
                .build();
        entities.observe(tx, FeatureTracker.newVector());
        entities.learnOutcome(tx, 1);
        EntityState merchant = states.find(EntityKind.MERCHANT, "m-1");

        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(merchant, out);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        EntityState back = serializer.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()));

        assertThat(EntityStateCodec.toBytes(back)).isEqualTo(EntityStateCodec.toBytes(merchant));
        assertThat(EntityStateCodec.toBytes(serializer.copy(merchant))).isEqualTo(EntityStateCodec.toBytes(merchant));
    }
}

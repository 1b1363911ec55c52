package io.txmon.stream;

import io.txmon.features.EntityKind;
import io.txmon.features.EntityState;
import io.txmon.features.EntityStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * The entity states of the key an {@link AccountStates} task is at, one Flink value state per {@link EntityKind}: the
 * core's {@code EntityFeatures} reads and teaches them through this store exactly as batch scoring does through
 * memory. An account's key keeps its state as a payer ({@link EntityKind#ACCOUNT}) and as a payee ({@link
 * EntityKind#PAYEE}); a merchant's or device's key ({@link AccountEvent#keyOf}) keeps its own kind's. The id the core
 * passes is the key's, which Flink has already set.
 */
final class KeyedEntityStates implements EntityStateStore {
    private final Map<EntityKind, ValueState<EntityState>> states = new EnumMap<>(EntityKind.class);

    /** Opens a value state per kind through {@code open}, which applies the quiet-state TTL. */
    KeyedEntityStates(Function<ValueStateDescriptor<EntityState>, ValueState<EntityState>> open) {
        for (EntityKind kind : EntityKind.values()) {
            states.put(
                    kind,
                    open.apply(
                            new ValueStateDescriptor<>(kind.prefix() + "-entity-state", new EntityStateSerializer())));
        }
    }

    @Override
    public EntityState stateOf(EntityKind kind, String id, Instant firstSeen) {
        EntityState state = find(kind, id);
        return state != null ? state : EntityState.open(kind, firstSeen.toEpochMilli());
    }

    @Override
    public EntityState find(EntityKind kind, String id) {
        try {
            return states.get(kind).value();
        } catch (IOException e) {
            throw new UncheckedIOException("the state of " + kind.prefix() + " " + id + " cannot be read", e);
        }
    }

    @Override
    public void changed(EntityKind kind, String id, EntityState state) {
        try {
            states.get(kind).update(state);
        } catch (IOException e) {
            throw new UncheckedIOException("the state of " + kind.prefix() + " " + id + " cannot be written", e);
        }
    }
}

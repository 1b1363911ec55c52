package io.txmon.features;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** Entity states held in memory, one map per kind of entity. */
public final class InMemoryEntityStates implements EntityStateStore {
    private final Map<EntityKind, Map<String, EntityState>> states = new EnumMap<>(EntityKind.class);

    public InMemoryEntityStates() {
        for (EntityKind kind : EntityKind.values()) {
            states.put(kind, new HashMap<>());
        }
    }

    @Override
    public EntityState stateOf(EntityKind kind, String id, Instant firstSeen) {
        return states.get(kind).computeIfAbsent(id, k -> EntityState.open(kind, firstSeen.toEpochMilli()));
    }

    @Override
    public EntityState find(EntityKind kind, String id) {
        return states.get(kind).get(id);
    }

    /** How many entities of {@code kind} have a state. */
    public int size(EntityKind kind) {
        return states.get(kind).size();
    }
}

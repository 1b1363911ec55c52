package io.txmon.ingest;

import io.txmon.features.EntityKind;
import io.txmon.features.EntityState;
import io.txmon.features.EntityStateCodec;
import io.txmon.features.EntityStateStore;
import io.txmon.transaction.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entity states of one run ({@link EntityKind}: merchants, devices, payees, accounts as outcome holders), held in
 * memory from the first time the run touches an entity and saved to {@code entity_states} at the account states'
 * checkpoints, so that what a crash between checkpoints loses is rebuilt by the same replay ({@link StateRecovery}).
 * Like the account states, they depend on neither the rule set nor the model, and outlive both.
 */
final class EntityStateCache implements EntityStateStore {
    private static final List<String> STATE_COLUMNS = List.of("kind", "entity_id", "state", "updated_at");

    private final BulkWriter bulk;
    private final Map<EntityKind, Map<String, EntityState>> states = new EnumMap<>(EntityKind.class);
    /** Saved states loaded but not decoded yet: an unreadable one then fails only its own entity's transactions. */
    private final Map<EntityKind, Map<String, byte[]>> saved = new EnumMap<>(EntityKind.class);
    /** Entities looked up and found without a saved state: not asked for again. */
    private final Map<EntityKind, Set<String>> unsaved = new EnumMap<>(EntityKind.class);

    private final Map<EntityKind, Set<String>> changed = new EnumMap<>(EntityKind.class);

    EntityStateCache(BulkWriter bulk) {
        this.bulk = bulk;
        for (EntityKind kind : EntityKind.values()) {
            states.put(kind, new HashMap<>());
            saved.put(kind, new HashMap<>());
            unsaved.put(kind, new HashSet<>());
            changed.put(kind, new HashSet<>());
        }
    }

    /** Loads the saved states of the entities {@code transactions} touch that are not held yet. */
    void load(Connection connection, Collection<Transaction> transactions) throws SQLException {
        for (EntityKind kind : EntityKind.values()) {
            Set<String> missing = new HashSet<>();
            for (Transaction tx : transactions) {
                String id = kind.idOf(tx);
                if (id != null && !known(kind, id)) {
                    missing.add(id);
                }
            }
            for (List<String> group : Sql.groups(missing)) {
                try (PreparedStatement select = connection.prepareStatement("SELECT entity_id, state FROM entity_states"
                        + " WHERE kind = ? AND entity_id IN " + Sql.markers(group.size()))) {
                    select.setString(1, kind.name());
                    for (int i = 0; i < group.size(); i++) {
                        select.setString(i + 2, group.get(i));
                    }
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            saved.get(kind).put(rs.getString(1), rs.getBytes(2));
                        }
                    }
                }
            }
            missing.removeIf(saved.get(kind)::containsKey);
            unsaved.get(kind).addAll(missing);
        }
    }

    private boolean known(EntityKind kind, String id) {
        return states.get(kind).containsKey(id)
                || saved.get(kind).containsKey(id)
                || unsaved.get(kind).contains(id);
    }

    @Override
    public EntityState stateOf(EntityKind kind, String id, Instant firstSeen) {
        EntityState state = find(kind, id);
        if (state == null) {
            state = EntityState.open(kind, firstSeen.toEpochMilli());
            states.get(kind).put(id, state);
            unsaved.get(kind).remove(id);
        }
        return state;
    }

    @Override
    public EntityState find(EntityKind kind, String id) {
        EntityState state = states.get(kind).get(id);
        if (state == null) {
            byte[] bytes = saved.get(kind).get(id);
            if (bytes != null) {
                // Kept until decoded: an unreadable state stays unreadable rather than silently starting afresh.
                state = decode(kind, id, bytes);
                saved.get(kind).remove(id);
                states.get(kind).put(id, state);
            }
        }
        return state;
    }

    @Override
    public void changed(EntityKind kind, String id, EntityState state) {
        changed.get(kind).add(id);
    }

    /**
     * What the states of the entities {@code tx} touches are now, to {@link Snapshot#restore restore} should deciding
     * it fail midway.
     */
    Snapshot snapshot(Transaction tx) {
        List<Snapshot.Held> held = new ArrayList<>(EntityKind.values().length);
        for (EntityKind kind : EntityKind.values()) {
            String id = kind.idOf(tx);
            if (id != null) {
                // Decoded first, so that an unreadable saved state fails before anything changed.
                EntityState state = find(kind, id);
                held.add(new Snapshot.Held(
                        kind,
                        id,
                        state == null ? null : state.copy(),
                        changed.get(kind).contains(id)));
            }
        }
        return new Snapshot(held);
    }

    /** Entity states as they were before one transaction. */
    final class Snapshot {
        private record Held(EntityKind kind, String id, EntityState state, boolean changed) {}

        private final List<Held> held;

        private Snapshot(List<Held> held) {
            this.held = held;
        }

        /** Puts the states back as they were when taken, as though the transaction had never come. */
        void restore() {
            for (Held entity : held) {
                if (entity.state() == null) {
                    states.get(entity.kind()).remove(entity.id());
                    unsaved.get(entity.kind()).add(entity.id());
                } else {
                    states.get(entity.kind()).put(entity.id(), entity.state());
                }
                if (!entity.changed()) {
                    changed.get(entity.kind()).remove(entity.id());
                }
            }
        }
    }

    /** Saves every state changed since the last checkpoint, on {@code connection}'s transaction; the caller commits. */
    void checkpoint(Connection connection, Instant now) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        changed.forEach((kind, ids) -> {
            for (String id : ids) {
                rows.add(new Object[] {
                    kind.name(), id, EntityStateCodec.toBytes(states.get(kind).get(id)), now
                });
            }
        });
        bulk.upsert(connection, "entity_states", STATE_COLUMNS, 2, rows);
    }

    /** Forgets what was saved as changed: after the checkpoint's transaction committed. */
    void checkpointed() {
        changed.values().forEach(Set::clear);
    }

    private static EntityState decode(EntityKind kind, String id, byte[] bytes) {
        try {
            return EntityStateCodec.fromBytes(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "saved state of " + kind.prefix() + " " + id + " cannot be read: " + e.getMessage(), e);
        }
    }
}

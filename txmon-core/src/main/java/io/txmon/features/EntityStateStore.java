package io.txmon.features;

import java.time.Instant;

/** Where entity states live between transactions: memory, a database, or a stream's keyed state. */
public interface EntityStateStore {

    /** The entity's state, opened as first seen at {@code firstSeen} if new. */
    EntityState stateOf(EntityKind kind, String id, Instant firstSeen);

    /** The entity's state if it has one; outcomes of entities never seen change nothing. */
    EntityState find(EntityKind kind, String id);

    /** Told after {@code state} learned a transaction or an outcome, for stores that write states back. */
    default void changed(EntityKind kind, String id, EntityState state) {}
}

package io.txmon.features;

import java.time.Instant;

/** Where account states live between transactions: memory, a database, or a stream's keyed state. */
public interface AccountStateStore {

    /** The account's state, opened from its reference data as first seen at {@code firstSeen} if new. */
    AccountState stateOf(String accountId, Instant firstSeen);

    /** Told after {@code state} learned a transaction, for stores that write states back. */
    default void changed(String accountId, AccountState state) {}
}

package io.txmon.testkit;

import io.txmon.features.AccountState;
import io.txmon.features.AccountStateCodec;
import io.txmon.features.AccountStateStore;
import io.txmon.transaction.Account;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps nothing but each account's saved bytes between transactions, as a database row or a stream's
 * keyed state would: every read restores the state from bytes, every change saves it again.
 */
public final class SavedAccountStates implements AccountStateStore {
    private final Map<String, byte[]> saved = new HashMap<>();

    @Override
    public AccountState stateOf(String accountId, Instant firstSeen) {
        byte[] bytes = saved.get(accountId);
        if (bytes == null) {
            return AccountState.open(Account.unknown(accountId), firstSeen);
        }
        try {
            return AccountStateCodec.fromBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void changed(String accountId, AccountState state) {
        saved.put(accountId, AccountStateCodec.toBytes(state));
    }

    /** The saved states' bytes. */
    public Collection<byte[]> savedBytes() {
        return saved.values();
    }
}

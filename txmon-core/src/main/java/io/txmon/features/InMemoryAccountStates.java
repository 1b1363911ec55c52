package io.txmon.features;

import io.txmon.transaction.Account;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** Account states held in memory, opened from reference data the first time an account is seen. */
public final class InMemoryAccountStates implements AccountStateStore {
    private final Map<String, AccountState> states = new HashMap<>();
    private final Function<String, Account> directory;

    /** States opened from {@code directory}'s reference data for each account id. */
    public InMemoryAccountStates(Function<String, Account> directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** States of accounts without reference data. */
    public InMemoryAccountStates() {
        this(Account::unknown);
    }

    /** States opened from a map of reference accounts; accounts missing from it are unknown. */
    public static InMemoryAccountStates withReference(Map<String, Account> accounts) {
        Map<String, Account> copy = Map.copyOf(accounts);
        return new InMemoryAccountStates(id -> copy.getOrDefault(id, Account.unknown(id)));
    }

    @Override
    public AccountState stateOf(String accountId, Instant firstSeen) {
        AccountState state = states.get(accountId);
        if (state == null) {
            state = AccountState.open(directory.apply(accountId), firstSeen);
            states.put(accountId, state);
        }
        return state;
    }

    /** The account's state, if it has been seen. */
    public Optional<AccountState> find(String accountId) {
        return Optional.ofNullable(states.get(accountId));
    }

    /** How many accounts have a state. */
    public int size() {
        return states.size();
    }
}

package io.txmon.ingest;

import io.txmon.features.AccountState;
import io.txmon.features.AccountStateCodec;
import io.txmon.features.AccountStateStore;
import io.txmon.transaction.Account;
import io.txmon.transaction.AccountType;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Account states kept in {@code account_states} as {@link AccountStateCodec} bytes. A chunk's accounts are
 * loaded in a few queries before it is scored and the changed ones saved in one batch with it; between chunks
 * nothing is cached, so what a chunk sees is exactly what the committed chunks left.
 */
final class DatabaseAccountStates implements AccountStateStore {
    private static final String SAVE = "MERGE INTO account_states USING (VALUES (CAST(? AS VARCHAR(64)),"
            + " CAST(? AS BYTEA), CAST(? AS TIMESTAMP WITH TIME ZONE))) AS v (account_id, state, updated_at)"
            + " ON account_states.account_id = v.account_id"
            + " WHEN MATCHED THEN UPDATE SET state = v.state, updated_at = v.updated_at"
            + " WHEN NOT MATCHED THEN INSERT (account_id, state, updated_at) VALUES (v.account_id, v.state, v.updated_at)";

    private final Map<String, Account> givenReference;
    private final Map<String, AccountState> states = new HashMap<>();
    private final Map<String, Account> storedReference = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();

    /** States of new accounts open from {@code givenReference}, else from the {@code accounts} table. */
    DatabaseAccountStates(Map<String, Account> givenReference) {
        this.givenReference = Map.copyOf(givenReference);
    }

    /** Loads the saved states (and stored reference data) of {@code accountIds} that are not loaded yet. */
    void load(Connection connection, Collection<String> accountIds) throws SQLException {
        Set<String> missing = new HashSet<>(accountIds);
        missing.removeAll(states.keySet());
        for (List<String> group : Sql.groups(missing)) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT account_id, state FROM account_states WHERE account_id IN " + Sql.markers(group.size()))) {
                bind(select, group);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        states.put(rs.getString(1), decode(rs.getString(1), rs.getBytes(2)));
                    }
                }
            }
        }
        missing.removeAll(states.keySet());
        missing.removeAll(givenReference.keySet());
        for (List<String> group : Sql.groups(missing)) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT user_id, opened_at, account_type, country, city, opening_balance FROM accounts"
                            + " WHERE user_id IN " + Sql.markers(group.size()))) {
                bind(select, group);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String type = rs.getString(3);
                        String country = rs.getString(4);
                        storedReference.put(
                                rs.getString(1),
                                new Account(
                                        rs.getString(1),
                                        Sql.getInstant(rs, 2),
                                        type == null ? null : AccountType.valueOf(type.trim()),
                                        country == null ? null : country.trim(),
                                        rs.getString(5),
                                        rs.getBigDecimal(6)));
                    }
                }
            }
        }
    }

    @Override
    public AccountState stateOf(String accountId, Instant firstSeen) {
        return states.computeIfAbsent(accountId, id -> AccountState.open(referenceOf(id), firstSeen));
    }

    @Override
    public void changed(String accountId, AccountState state) {
        changed.add(accountId);
    }

    /** Saves every state changed since the last save, in one batch on {@code connection}'s transaction. */
    void save(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(SAVE)) {
            for (String id : changed) {
                merge.setString(1, id);
                merge.setBytes(2, AccountStateCodec.toBytes(states.get(id)));
                Sql.setInstant(merge, 3, now);
                merge.addBatch();
            }
            merge.executeBatch();
        }
        changed.clear();
    }

    /** Drops everything loaded: after a commit, or after a rollback, when memory no longer matches the database. */
    void forget() {
        states.clear();
        storedReference.clear();
        changed.clear();
    }

    private Account referenceOf(String id) {
        Account given = givenReference.get(id);
        if (given != null) {
            return given;
        }
        return storedReference.getOrDefault(id, Account.unknown(id));
    }

    private static AccountState decode(String id, byte[] bytes) {
        try {
            return AccountStateCodec.fromBytes(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("saved state of account " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setString(i + 1, values.get(i));
        }
    }
}

package io.txmon.ingest;

import io.txmon.features.AccountState;
import io.txmon.features.AccountStateCodec;
import io.txmon.features.AccountStateStore;
import io.txmon.storage.StoredHistory;
import io.txmon.transaction.Account;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The account states of one run, held in memory from the first time the run touches an account and saved to
 * {@code account_states} at checkpoints, together with each changed account's latest risk score and the
 * sequence number the saved states reach ({@code state_checkpoint}). Saving at checkpoints rather than with
 * every chunk is what keeps ingestion fast; what a crash between checkpoints loses is rebuilt by replaying the
 * stored transactions ({@link StateRecovery}).
 */
final class AccountStateCache implements AccountStateStore {
    private static final List<String> STATE_COLUMNS = List.of("account_id", "state", "updated_at");
    private static final List<String> RISK_COLUMNS = List.of("user_id", "risk_score", "risk_updated_at");

    private final BulkWriter bulk;
    private final Map<String, Account> givenReference;
    private final Map<String, AccountState> states = new HashMap<>();
    /** Saved states loaded but not decoded yet: an unreadable one then fails only its own account's transactions. */
    private final Map<String, byte[]> saved = new HashMap<>();

    private final Map<String, Account> storedReference = new HashMap<>();
    private final Set<String> changed = new HashSet<>();
    private final Map<String, BigDecimal> latestRisk = new HashMap<>();

    /** States of new accounts open from {@code givenReference}, else from the {@code accounts} table. */
    AccountStateCache(BulkWriter bulk, Map<String, Account> givenReference) {
        this.bulk = bulk;
        this.givenReference = Map.copyOf(givenReference);
    }

    /** Loads the saved states (and stored reference data) of {@code accountIds} not held yet. */
    void load(Connection connection, Collection<String> accountIds) throws SQLException {
        Set<String> missing = new HashSet<>();
        for (String id : accountIds) {
            if (!states.containsKey(id) && !saved.containsKey(id) && !storedReference.containsKey(id)) {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        for (List<String> group : Sql.groups(missing)) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT account_id, state FROM account_states WHERE account_id IN " + Sql.markers(group.size()))) {
                bind(select, group);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        saved.put(rs.getString(1), rs.getBytes(2));
                    }
                }
            }
        }
        missing.removeIf(id -> saved.containsKey(id) || givenReference.containsKey(id));
        for (List<String> group : Sql.groups(missing)) {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + StoredHistory.ACCOUNT_COLUMNS
                    + " FROM accounts WHERE user_id IN " + Sql.markers(group.size()))) {
                bind(select, group);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Account account = StoredHistory.account(rs);
                        storedReference.put(account.userId(), account);
                    }
                }
            }
        }
    }

    @Override
    public AccountState stateOf(String accountId, Instant firstSeen) {
        AccountState state = states.get(accountId);
        if (state == null) {
            byte[] bytes = saved.get(accountId);
            // Kept until decoded: an unreadable state stays unreadable rather than silently starting afresh.
            state = bytes == null ? AccountState.open(referenceOf(accountId), firstSeen) : decode(accountId, bytes);
            saved.remove(accountId);
            states.put(accountId, state);
        }
        return state;
    }

    /**
     * What the states of {@code accountIds} are now, to {@link Snapshot#restore restore} should deciding a
     * transaction fail midway: its payer's state may have learned it while its payee's could not.
     */
    Snapshot snapshot(String... accountIds) {
        List<Snapshot.Held> held = new ArrayList<>(accountIds.length);
        for (String id : accountIds) {
            if (id != null) {
                // Decoded first, so that an unreadable saved state fails before anything changed, and a restore
                // never forgets a saved state that was decoded midway.
                byte[] bytes = saved.get(id);
                if (bytes != null && !states.containsKey(id)) {
                    states.put(id, decode(id, bytes));
                    saved.remove(id);
                }
                AccountState state = states.get(id);
                held.add(new Snapshot.Held(id, state == null ? null : state.copy(), changed.contains(id)));
            }
        }
        return new Snapshot(held);
    }

    /** Account states as they were before one transaction. */
    final class Snapshot {
        private record Held(String id, AccountState state, boolean changed) {}

        private final List<Held> held;

        private Snapshot(List<Held> held) {
            this.held = held;
        }

        /** Puts the states back as they were when taken, as though the transaction had never come. */
        void restore() {
            for (Held account : held) {
                if (account.state() == null) {
                    states.remove(account.id());
                } else {
                    states.put(account.id(), account.state());
                }
                if (!account.changed()) {
                    changed.remove(account.id());
                }
            }
        }
    }

    @Override
    public void changed(String accountId, AccountState state) {
        changed.add(accountId);
    }

    /** Notes the account's latest decided risk, saved at the next checkpoint. */
    void risk(String accountId, BigDecimal riskScore) {
        latestRisk.put(accountId, riskScore);
    }

    /**
     * Saves every state and risk changed since the last checkpoint and records that the saved states reach
     * {@code throughSequence}, on {@code connection}'s transaction; the caller commits.
     */
    void checkpoint(Connection connection, long throughSequence, Instant now) throws SQLException {
        List<Object[]> stateRows = new ArrayList<>(changed.size());
        for (String id : changed) {
            stateRows.add(new Object[] {id, AccountStateCodec.toBytes(states.get(id)), now});
        }
        bulk.replace(connection, "account_states", STATE_COLUMNS, stateRows);
        List<Object[]> riskRows = new ArrayList<>(latestRisk.size());
        latestRisk.forEach((id, risk) -> riskRows.add(new Object[] {id, risk, now}));
        bulk.upsert(connection, "accounts", RISK_COLUMNS, 1, riskRows);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE state_checkpoint SET through_sequence = ?, updated_at = ? WHERE id = 1")) {
            update.setLong(1, throughSequence);
            Sql.setInstant(update, 2, now);
            update.executeUpdate();
        }
    }

    /** Saves accounts' latest risk scores, on {@code connection}'s transaction: between checkpoints, for the API. */
    static void saveRisks(BulkWriter bulk, Connection connection, Map<String, BigDecimal> risks, Instant now)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>(risks.size());
        risks.forEach((id, risk) -> rows.add(new Object[] {id, risk, now}));
        bulk.upsert(connection, "accounts", RISK_COLUMNS, 1, rows);
    }

    /** Forgets what was saved as changed: after the checkpoint's transaction committed. */
    void checkpointed() {
        changed.clear();
        latestRisk.clear();
    }

    /** The sequence number the saved states reach. */
    static long checkpointedThrough(Connection connection) throws SQLException {
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT through_sequence FROM state_checkpoint WHERE id = 1");
                ResultSet rs = select.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
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

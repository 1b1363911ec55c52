package io.txmon.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rule sets kept in the database: every version ever given, by content hash, and which one is active. */
public final class StoredRuleSets {
    /** One kept version: its rule file as given, who gave it and when, and whether it is the active one. */
    public record StoredRuleSet(
            String version,
            String name,
            String ruleFile,
            int rules,
            Instant createdAt,
            String createdBy,
            boolean active) {}

    private final Database database;

    public StoredRuleSets(Database database) {
        this.database = database;
    }

    /**
     * Keeps {@code ruleFile} as version {@code version} (unless kept already) and makes it the active one, in one
     * database transaction.
     */
    public void saveAndActivate(String version, String name, String ruleFile, int rules, String by, Instant at) {
        try {
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(false);
                try {
                    boolean kept;
                    try (PreparedStatement select =
                            connection.prepareStatement("SELECT 1 FROM rule_sets WHERE version = ?")) {
                        select.setString(1, version);
                        try (ResultSet rs = select.executeQuery()) {
                            kept = rs.next();
                        }
                    }
                    if (!kept) {
                        try (PreparedStatement insert = connection.prepareStatement(
                                "INSERT INTO rule_sets (version,"
                                        + " name, rule_file, rules, created_at, created_by, active) VALUES (?, ?, ?, ?, ?, ?, FALSE)")) {
                            insert.setString(1, version);
                            insert.setString(2, name);
                            insert.setString(3, ruleFile);
                            insert.setInt(4, rules);
                            insert.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                            insert.setString(6, by);
                            insert.executeUpdate();
                        }
                    }
                    try (PreparedStatement update =
                            connection.prepareStatement("UPDATE rule_sets SET active = (version = ?)")) {
                        update.setString(1, version);
                        update.executeUpdate();
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new StorageException("could not keep and activate rule set " + version, e);
        }
    }

    /** The active version, if any was ever kept. */
    public Optional<StoredRuleSet> active() {
        try {
            List<StoredRuleSet> active = query(" WHERE active = TRUE");
            return active.isEmpty() ? Optional.empty() : Optional.of(active.get(0));
        } catch (SQLException e) {
            throw new StorageException("could not read the active rule set", e);
        }
    }

    /** The kept version {@code version}, whether active or not; empty when no such version is kept. */
    public Optional<StoredRuleSet> version(String version) {
        try {
            List<StoredRuleSet> kept = query(" WHERE version = ?", version);
            return kept.isEmpty() ? Optional.empty() : Optional.of(kept.get(0));
        } catch (SQLException e) {
            throw new StorageException("could not read rule set " + version, e);
        }
    }

    /** Every kept version, newest first. */
    public List<StoredRuleSet> versions() {
        try {
            return query(" ORDER BY created_at DESC, version");
        } catch (SQLException e) {
            throw new StorageException("could not list the kept rule sets", e);
        }
    }

    private List<StoredRuleSet> query(String where, String... parameters) throws SQLException {
        List<StoredRuleSet> sets = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement("SELECT version, name, rule_file, rules,"
                        + " created_at, created_by, active FROM rule_sets" + where)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            read(select, sets);
        }
        return sets;
    }

    private static void read(PreparedStatement select, List<StoredRuleSet> sets) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                sets.add(new StoredRuleSet(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getString(6),
                        rs.getBoolean(7)));
            }
        }
    }
}

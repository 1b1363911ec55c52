package io.txmon.shadow;

import io.txmon.storage.Database;
import io.txmon.storage.Jdbc;
import io.txmon.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/** The {@code challengers} table: which challenger runs, and every one that ran. At most one runs at a time. */
final class Challengers {
    private static final String COLUMNS =
            "challenger_id, rule_set_version, model_version, supervised_model_version, started_at, started_by,"
                    + " stopped_at, stopped_by";

    private final Database database;

    Challengers(Database database) {
        this.database = database;
    }

    /**
     * Records a challenger deciding with {@code ruleSetVersion}, {@code modelVersion} and {@code
     * supervisedModelVersion}, started by {@code by} at {@code at}, stopping the one that ran before, in one database
     * transaction.
     */
    Challenger start(
            String ruleSetVersion,
            Optional<String> modelVersion,
            Optional<String> supervisedModelVersion,
            String by,
            Instant at) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                stopRunning(connection, by, at);
                long id;
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO challengers (rule_set_version, model_version, supervised_model_version,"
                                + " started_at, started_by) VALUES (?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    insert.setString(1, ruleSetVersion);
                    insert.setString(2, modelVersion.orElse(null));
                    insert.setString(3, supervisedModelVersion.orElse(null));
                    Jdbc.setInstant(insert, 4, at);
                    insert.setString(5, by);
                    insert.executeUpdate();
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                connection.commit();
                return new Challenger(
                        id,
                        ruleSetVersion,
                        modelVersion,
                        supervisedModelVersion,
                        at,
                        by,
                        Optional.empty(),
                        Optional.empty());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("could not start a challenger", e);
        }
    }

    /** Stops the running challenger, if any, recording that {@code by} stopped it at {@code at}. */
    Optional<Challenger> stop(String by, Instant at) {
        try (Connection connection = database.connect()) {
            Optional<Challenger> running = running(connection);
            if (running.isEmpty()) {
                return running;
            }
            stopRunning(connection, by, at);
            return find(connection, running.get().id());
        } catch (SQLException e) {
            throw new StorageException("could not stop the challenger", e);
        }
    }

    /** The challenger that runs now. */
    Optional<Challenger> running() {
        try (Connection connection = database.connect()) {
            return running(connection);
        } catch (SQLException e) {
            throw new StorageException("could not read the running challenger", e);
        }
    }

    /** Challenger {@code id}, running or stopped. */
    Optional<Challenger> find(long id) {
        try (Connection connection = database.connect()) {
            return find(connection, id);
        } catch (SQLException e) {
            throw new StorageException("could not read challenger " + id, e);
        }
    }

    private static void stopRunning(Connection connection, String by, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE challengers SET stopped_at = ?, stopped_by = ? WHERE stopped_at IS NULL")) {
            Jdbc.setInstant(update, 1, at);
            update.setString(2, by);
            update.executeUpdate();
        }
    }

    private static Optional<Challenger> running(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM challengers WHERE stopped_at IS NULL ORDER BY challenger_id DESC")) {
            return readOne(select);
        }
    }

    private static Optional<Challenger> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM challengers WHERE challenger_id = ?")) {
            select.setLong(1, id);
            return readOne(select);
        }
    }

    private static Optional<Challenger> readOne(PreparedStatement select) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Challenger(
                    rs.getLong(1),
                    rs.getString(2),
                    Optional.ofNullable(rs.getString(3)),
                    Optional.ofNullable(rs.getString(4)),
                    Jdbc.instant(rs, 5),
                    rs.getString(6),
                    Optional.ofNullable(Jdbc.instant(rs, 7)),
                    Optional.ofNullable(rs.getString(8))));
        }
    }
}

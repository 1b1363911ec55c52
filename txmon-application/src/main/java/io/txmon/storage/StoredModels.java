package io.txmon.storage;

import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelCodec;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Anomaly models kept in the database, every version: scoring uses the one marked active, else the newest.
 */
public final class StoredModels {
    private final Database database;

    public StoredModels(Database database) {
        this.database = database;
    }

    /**
     * Keeps {@code model} as a new version, with its metrics as JSON. A version is a hash of the model, so the
     * same model saved twice is kept once.
     *
     * @return false if this version was already kept
     */
    public boolean save(AnomalyModel model, String metricsJson, Instant createdAt) {
        try {
            try (Connection connection = database.connect()) {
                if (version(connection, model.version()).isPresent()) {
                    return false;
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO models (model_version, created_at, trained_from, trained_to, training_rows, metrics,"
                                + " model_file) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, model.version());
                    insert.setTimestamp(2, Timestamp.from(createdAt));
                    insert.setTimestamp(3, Timestamp.from(model.training().from()));
                    insert.setTimestamp(4, Timestamp.from(model.training().to()));
                    insert.setLong(5, model.training().transactions());
                    insert.setString(6, metricsJson);
                    insert.setBytes(7, AnomalyModelCodec.toBytes(model));
                    insert.executeUpdate();
                }
                return true;
            }
        } catch (SQLException e) {
            throw new StorageException("could not keep model " + model.version(), e);
        }
    }

    /** The model scoring should use: the active version, else the newest; empty when none is kept. */
    public Optional<AnomalyModel> forScoring() {
        try {
            try (Connection connection = database.connect();
                    PreparedStatement query = connection.prepareStatement("SELECT model_version, model_file FROM models"
                            + " ORDER BY active DESC, created_at DESC, model_version DESC LIMIT 1");
                    ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(decode(rs.getString(1), rs.getBytes(2)));
            }
        } catch (SQLException e) {
            throw new StorageException("could not read the model for scoring", e);
        }
    }

    /** The kept model {@code version}, whether active or not; empty when no such version is kept. */
    public Optional<AnomalyModel> model(String version) {
        try (Connection connection = database.connect();
                PreparedStatement query =
                        connection.prepareStatement("SELECT model_file FROM models WHERE model_version = ?")) {
            query.setString(1, version);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(decode(version, rs.getBytes(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("could not read model " + version, e);
        }
    }

    /**
     * Makes {@code version} the one scoring uses, whatever is trained later, until another is chosen, and records
     * that {@code by} chose it at {@code at}. {@link ActiveModel#activate} is the use case that comes here.
     *
     * @return the model, or empty when no such version is kept (then nothing changes)
     */
    public Optional<AnomalyModel> activate(String version, String by, Instant at) {
        try {
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(false);
                try (PreparedStatement select =
                        connection.prepareStatement("SELECT model_file FROM models WHERE model_version = ?")) {
                    select.setString(1, version);
                    byte[] bytes;
                    try (ResultSet rs = select.executeQuery()) {
                        if (!rs.next()) {
                            connection.rollback();
                            return Optional.empty();
                        }
                        bytes = rs.getBytes(1);
                    }
                    try (PreparedStatement update =
                            connection.prepareStatement("UPDATE models SET active = (model_version = ?)")) {
                        update.setString(1, version);
                        update.executeUpdate();
                    }
                    try (PreparedStatement record = connection.prepareStatement(
                            "UPDATE models SET activated_at = ?, activated_by = ? WHERE model_version = ?")) {
                        record.setTimestamp(1, Timestamp.from(at));
                        record.setString(2, by);
                        record.setString(3, version);
                        record.executeUpdate();
                    }
                    connection.commit();
                    return Optional.of(decode(version, bytes));
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new StorageException("could not activate model " + version, e);
        }
    }

    /** Every kept version, newest first, without the model itself. */
    public List<ModelVersion> versions() {
        try {
            List<ModelVersion> versions = new ArrayList<>();
            try (Connection connection = database.connect();
                    PreparedStatement query = connection.prepareStatement(
                            "SELECT model_version, created_at, trained_from, trained_to, training_rows, metrics, active,"
                                    + " activated_at, activated_by FROM models ORDER BY created_at DESC, model_version DESC");
                    ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    versions.add(modelVersion(rs));
                }
            }
            return versions;
        } catch (SQLException e) {
            throw new StorageException("could not list the kept models", e);
        }
    }

    private static Optional<ModelVersion> version(Connection connection, String version) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT model_version, created_at, trained_from, trained_to, training_rows, metrics, active,"
                        + " activated_at, activated_by FROM models WHERE model_version = ?")) {
            query.setString(1, version);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(modelVersion(rs)) : Optional.empty();
            }
        }
    }

    private static ModelVersion modelVersion(ResultSet rs) throws SQLException {
        Timestamp activatedAt = rs.getTimestamp("activated_at");
        Optional<Activation> activation = activatedAt == null
                ? Optional.empty()
                : Optional.of(new Activation(rs.getString("activated_by"), activatedAt.toInstant()));
        return new ModelVersion(
                rs.getString("model_version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("trained_from").toInstant(),
                rs.getTimestamp("trained_to").toInstant(),
                rs.getLong("training_rows"),
                rs.getString("metrics"),
                rs.getBoolean("active"),
                activation);
    }

    private static AnomalyModel decode(String version, byte[] bytes) {
        try {
            return AnomalyModelCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new IllegalStateException("stored model " + version + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * One kept model version, as listed.
     *
     * @param activation who last made it the active one and when; empty for a version never chosen
     */
    public record ModelVersion(
            String version,
            Instant createdAt,
            Instant trainedFrom,
            Instant trainedTo,
            long trainingRows,
            String metricsJson,
            boolean active,
            Optional<Activation> activation) {}

    /** Who made a model version the active one ({@code PUT /models/active}'s key holder, or the command line), when. */
    public record Activation(String by, Instant at) {}
}

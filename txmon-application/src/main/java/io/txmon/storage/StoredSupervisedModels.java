package io.txmon.storage;

import io.txmon.boosting.SupervisedModel;
import io.txmon.boosting.SupervisedModelCodec;
import io.txmon.features.Feature;
import io.txmon.storage.StoredModels.Activation;
import io.txmon.storage.SupervisedModelVersion.Metrics;
import io.txmon.storage.SupervisedModelVersion.Role;
import io.txmon.storage.SupervisedModelVersion.Window;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry of supervised models (table {@code supervised_models}): every model retraining made, with what it
 * learned from, how it ranked the most recent labelled window, and its role. At most one is the champion; keeping a
 * new champion retires the old one, and keeping a new challenger retires the older challengers, in the same database
 * transaction, so that there is one model to decide and one to compare it with.
 */
public final class StoredSupervisedModels {
    /** Feature names are lowercase words and underscores: a comma cannot be part of one. */
    private static final String INPUT_SEPARATOR = ",";

    private static final String COLUMNS = "model_version, created_at, inputs, labels_as_of, trained_from, trained_to,"
            + " training_rows, training_positives, validated_from, validated_to, validation_rows,"
            + " validation_positives, roc_auc, pr_auc, alert_share, precision_at_budget, decision, role,"
            + " activated_at, activated_by";

    private final Database database;

    public StoredSupervisedModels(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * A trained model and what the registry keeps of it.
     *
     * @param decision why it gets the role it is kept with, in a sentence
     */
    public record Registration(
            SupervisedModel model,
            Instant createdAt,
            Instant labelsAsOf,
            Window training,
            Window validation,
            Metrics metrics,
            String decision) {
        public Registration {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(labelsAsOf, "labelsAsOf");
            Objects.requireNonNull(training, "training");
            Objects.requireNonNull(validation, "validation");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(decision, "decision");
        }
    }

    /** Keeps a new model as the champion, recorded as made so by {@code by} at {@code at}; the old one retires. */
    public void keepAsChampion(Registration registration, String by, Instant at) {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        inTransaction("could not keep supervised model " + registration.model().version() + " as champion", c -> {
            retire(c, Role.CHAMPION);
            insert(c, registration, Role.CHAMPION, Optional.of(new Activation(by, at)));
            return null;
        });
    }

    /** Keeps a new model as the challenger; an older challenger retires. */
    public void keepAsChallenger(Registration registration) {
        inTransaction("could not keep supervised model " + registration.model().version() + " as challenger", c -> {
            retire(c, Role.CHALLENGER);
            insert(c, registration, Role.CHALLENGER, Optional.empty());
            return null;
        });
    }

    /**
     * Makes the kept model {@code version} the champion, whatever its role was, and records that {@code by} chose it
     * at {@code at}; the old champion retires. {@code ActiveSupervisedModel#activate} is the use case that comes here.
     *
     * @return the model as listed after the change, or empty when no such version is kept (then nothing changes)
     */
    public Optional<SupervisedModelVersion> activate(String version, String by, Instant at) {
        return inTransaction("could not activate supervised model " + version, c -> {
            if (listed(c, version).isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement retire = c.prepareStatement("UPDATE supervised_models SET role = 'RETIRED',"
                    + " champion = NULL WHERE role = 'CHAMPION' AND model_version <> ?")) {
                retire.setString(1, version);
                retire.executeUpdate();
            }
            try (PreparedStatement promote = c.prepareStatement("UPDATE supervised_models SET role = 'CHAMPION',"
                    + " champion = TRUE, activated_at = ?, activated_by = ? WHERE model_version = ?")) {
                Jdbc.setInstant(promote, 1, at);
                promote.setString(2, by);
                promote.setString(3, version);
                promote.executeUpdate();
            }
            return listed(c, version);
        });
    }

    /** Whether {@code version} is kept here. */
    public boolean contains(String version) {
        return version(version).isPresent();
    }

    /** The kept model {@code version}, as listed; empty when none such is kept. */
    public Optional<SupervisedModelVersion> version(String version) {
        try (Connection connection = database.connect()) {
            return listed(connection, version);
        } catch (SQLException e) {
            throw new StorageException("could not read supervised model " + version, e);
        }
    }

    /** The kept model {@code version}, trees and all; empty when none such is kept. */
    public Optional<SupervisedModel> model(String version) {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT model_version, model_file FROM supervised_models WHERE model_version = ?")) {
            query.setString(1, version);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(decode(rs.getString(1), rs.getBytes(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("could not read supervised model " + version, e);
        }
    }

    /** The champion, trees and all; empty when none has been chosen yet. */
    public Optional<SupervisedModel> champion() {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT model_version, model_file FROM supervised_models WHERE role = 'CHAMPION'");
                ResultSet rs = query.executeQuery()) {
            return rs.next() ? Optional.of(decode(rs.getString(1), rs.getBytes(2))) : Optional.empty();
        } catch (SQLException e) {
            throw new StorageException("could not read the supervised champion", e);
        }
    }

    /** Every kept model, newest first, without the trees. */
    public List<SupervisedModelVersion> versions() {
        List<SupervisedModelVersion> versions = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM supervised_models ORDER BY created_at DESC, model_version DESC");
                ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                versions.add(listed(rs));
            }
            return versions;
        } catch (SQLException e) {
            throw new StorageException("could not list the supervised models", e);
        }
    }

    private static void retire(Connection connection, Role role) throws SQLException {
        try (PreparedStatement retire = connection.prepareStatement(
                "UPDATE supervised_models SET role = 'RETIRED', champion = NULL WHERE role = ?")) {
            retire.setString(1, role.name());
            retire.executeUpdate();
        }
    }

    private static void insert(Connection connection, Registration r, Role role, Optional<Activation> activation)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO supervised_models (" + COLUMNS
                        + ", model_file, champion) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 0;
            insert.setString(++i, r.model().version());
            Jdbc.setInstant(insert, ++i, r.createdAt());
            insert.setString(
                    ++i,
                    r.model().inputs().stream().map(Feature::featureName).collect(Collectors.joining(INPUT_SEPARATOR)));
            Jdbc.setInstant(insert, ++i, r.labelsAsOf());
            i = setWindow(insert, i, r.training());
            i = setWindow(insert, i, r.validation());
            insert.setDouble(++i, r.metrics().rocAuc());
            insert.setDouble(++i, r.metrics().prAuc());
            insert.setDouble(++i, r.metrics().alertShare());
            insert.setDouble(++i, r.metrics().precisionAtBudget());
            insert.setString(++i, r.decision());
            insert.setString(++i, role.name());
            Jdbc.setInstant(insert, ++i, activation.map(Activation::at).orElse(null));
            insert.setString(++i, activation.map(Activation::by).orElse(null));
            insert.setBytes(++i, SupervisedModelCodec.toBytes(r.model()));
            if (role == Role.CHAMPION) {
                insert.setBoolean(++i, true);
            } else {
                insert.setNull(++i, Types.BOOLEAN);
            }
            insert.executeUpdate();
        }
    }

    private static int setWindow(PreparedStatement statement, int index, Window window) throws SQLException {
        Jdbc.setInstant(statement, index + 1, window.from());
        Jdbc.setInstant(statement, index + 2, window.to());
        statement.setLong(index + 3, window.rows());
        statement.setLong(index + 4, window.positives());
        return index + 4;
    }

    private static Optional<SupervisedModelVersion> listed(Connection connection, String version) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM supervised_models WHERE model_version = ?")) {
            query.setString(1, version);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(listed(rs)) : Optional.empty();
            }
        }
    }

    private static SupervisedModelVersion listed(ResultSet rs) throws SQLException {
        Instant activatedAt = Jdbc.instant(rs, 19);
        Optional<Activation> activation =
                activatedAt == null ? Optional.empty() : Optional.of(new Activation(rs.getString(20), activatedAt));
        return new SupervisedModelVersion(
                rs.getString(1),
                Jdbc.instant(rs, 2),
                Arrays.asList(rs.getString(3).split(INPUT_SEPARATOR)),
                Jdbc.instant(rs, 4),
                new Window(Jdbc.instant(rs, 5), Jdbc.instant(rs, 6), rs.getLong(7), rs.getLong(8)),
                new Window(Jdbc.instant(rs, 9), Jdbc.instant(rs, 10), rs.getLong(11), rs.getLong(12)),
                new Metrics(rs.getDouble(13), rs.getDouble(14), rs.getDouble(15), rs.getDouble(16)),
                rs.getString(17),
                Role.valueOf(rs.getString(18)),
                activation);
    }

    private static SupervisedModel decode(String version, byte[] bytes) {
        try {
            return SupervisedModelCodec.fromBytes(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "stored supervised model " + version + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Work on one connection, all or nothing. */
    @FunctionalInterface
    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(String failure, Work<T> work) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                Jdbc.rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException(failure, e);
        }
    }
}

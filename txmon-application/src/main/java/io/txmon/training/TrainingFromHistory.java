package io.txmon.training;

import io.txmon.features.FeatureSettings;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.storage.Database;
import io.txmon.storage.StorageException;
import io.txmon.storage.StoredHistory;
import io.txmon.storage.StoredModels;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains the anomaly model on the transactions stored in a time window and keeps it as a new version, with
 * the metrics an operator needs to choose between versions.
 */
public final class TrainingFromHistory {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Database database;
    private final FeatureSettings settings;
    private final Clock clock;

    public TrainingFromHistory(Database database, FeatureSettings settings, Clock clock) {
        this.database = database;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Trains on the stored transactions with event times in [from, to] (all of them when both are empty),
     * replayed from fresh account states as {@code score} trains, and keeps the model.
     *
     * @throws IllegalArgumentException when the window holds fewer than {@link AnomalyModelTrainer#MIN_TRANSACTIONS}
     */
    public Trained train(Optional<Instant> from, Optional<Instant> to, long seed) {
        StoredHistory history = new StoredHistory(database);
        List<Transaction> window = history.between(from, to);
        if (window.size() < AnomalyModelTrainer.MIN_TRANSACTIONS) {
            throw new IllegalArgumentException("the window " + describe(from, to) + " holds " + window.size()
                    + " stored transactions; training needs at least " + AnomalyModelTrainer.MIN_TRANSACTIONS);
        }
        Map<String, Account> accounts = history.accounts();
        // What analysts confirmed as fraud is not what the model should learn as usual.
        Set<String> confirmed = confirmedFraud();
        AnomalyModel model = AnomalyModelTrainer.builder(seed)
                .build()
                .train(
                        window,
                        id -> accounts.getOrDefault(id, Account.unknown(id)),
                        settings,
                        tx -> confirmed.contains(tx.transactionId()));
        long excluded = window.stream()
                .filter(tx -> confirmed.contains(tx.transactionId()))
                .count();
        boolean stored = new StoredModels(database).save(model, metrics(model, excluded), clock.instant());
        return new Trained(model, stored);
    }

    /** The transactions whose alerts analysts closed as true positives. */
    private Set<String> confirmedFraud() {
        Set<String> ids = new HashSet<>();
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement("SELECT t.transaction_id FROM alerts a"
                        + " JOIN transactions t ON t.sequence_number = a.sequence_number"
                        + " WHERE a.label = 'TRUE_POSITIVE'");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new StorageException("could not read the alerts confirmed as fraud", e);
        }
        return ids;
    }

    private static String metrics(AnomalyModel model, long excluded) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("training_transactions", model.training().transactions());
        metrics.put("left_out_confirmed_fraud", excluded);
        metrics.put("trained_from", model.training().from().toString());
        metrics.put("trained_to", model.training().to().toString());
        metrics.put("inputs", model.inputs().size());
        metrics.put("trees", model.forest().trees());
        metrics.put("sample_size", model.forest().sampleSize());
        metrics.put("contamination", model.forest().contamination());
        metrics.put("threshold", model.forest().threshold());
        metrics.put("seed", model.forest().seed());
        return JSON.writeValueAsString(metrics);
    }

    private static String describe(Optional<Instant> from, Optional<Instant> to) {
        return "[" + from.map(Instant::toString).orElse("the first") + ", "
                + to.map(Instant::toString).orElse("the last") + "]";
    }

    /** A trained model, and whether it is a new version (false when the same model was already kept). */
    public record Trained(AnomalyModel model, boolean newVersion) {}
}

package io.txmon.ingest;

import io.txmon.alerts.Alerts;
import io.txmon.storage.StoredHistory;
import io.txmon.transaction.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where {@link OutcomeLearning} reads the outcomes the bank knows and keeps how far the entity states learned them:
 * the {@code labels} table ({@code POST /labels}, {@code bin/txmon labels import}) and alert reviews that closed with a
 * label ({@code TRUE_POSITIVE} suspicious, {@code FALSE_POSITIVE} ordinary, known from the review's instant), as
 * {@code StoredLabels.timeline} reads them; {@code entity_outcomes} and {@code state_checkpoint.outcomes_learned_before}
 * saved with the entity states at checkpoints.
 */
final class StoredOutcomes {
    private static final int LABEL = 0;
    private static final int REVIEW = 1;

    private static final String TRANSACTION_COLUMNS =
            StoredHistory.TRANSACTION_COLUMNS.stream().map(c -> "t." + c).collect(Collectors.joining(", "));

    private final BulkWriter bulk;
    private final OutcomeLearning learning;
    private long lastLabel;
    private long lastReview;

    private StoredOutcomes(BulkWriter bulk, OutcomeLearning learning) {
        this.bulk = bulk;
        this.learning = learning;
    }

    /**
     * The learning saved at the last checkpoint, with every label stored so far: those of transactions stored up to
     * {@code throughSequence} (what the saved states reflect) wait for their instant; the others for their
     * transaction, which the replay of what the checkpoint lacks, or a later decision, brings.
     */
    static StoredOutcomes open(BulkWriter bulk, Connection connection, Duration delay, long throughSequence)
            throws SQLException {
        Set<String> counted = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT transaction_id FROM entity_outcomes");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                counted.add(rs.getString(1));
            }
        }
        Instant learnedBefore = null;
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT outcomes_learned_before FROM state_checkpoint WHERE id = 1");
                ResultSet rs = select.executeQuery()) {
            if (rs.next()) {
                learnedBefore = Sql.getInstant(rs, 1);
            }
        }
        StoredOutcomes stored =
                new StoredOutcomes(bulk, new OutcomeLearning(delay, counted, Optional.ofNullable(learnedBefore)));
        List<OutcomeLearning.Report> reports = new ArrayList<>();
        Map<String, Transaction> decided = new HashMap<>();
        stored.read(connection, (report, tx, sequence) -> {
            reports.add(report);
            if (tx != null && sequence <= throughSequence) {
                decided.put(tx.transactionId(), tx);
            }
        });
        stored.learning.open(reports, decided);
        return stored;
    }

    OutcomeLearning learning() {
        return learning;
    }

    /**
     * Takes in the labels and reviews stored since the last look. Returns the ids of transactions they name that are
     * not stored: the caller may have them in flight, and {@link #resolve}s them once written.
     */
    Set<String> refresh(Connection connection) throws SQLException {
        Set<String> unstored = new HashSet<>();
        read(connection, (report, tx, sequence) -> {
            learning.report(report, Optional.ofNullable(tx));
            if (tx == null) {
                unstored.add(report.transactionId());
            }
        });
        return unstored;
    }

    /** Tells the learning of those of {@code transactionIds} now stored. */
    void resolve(Connection connection, Collection<String> transactionIds) throws SQLException {
        Set<String> awaiting = new HashSet<>(transactionIds);
        awaiting.retainAll(learning.awaitingTransactions());
        for (List<String> group : Sql.groups(awaiting)) {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + TRANSACTION_COLUMNS
                    + " FROM transactions t WHERE t.transaction_id IN " + Sql.markers(group.size()))) {
                for (int i = 0; i < group.size(); i++) {
                    select.setString(i + 1, group.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        learning.decided(StoredHistory.transaction(rs));
                    }
                }
            }
        }
    }

    /** Saves what the entity states count as fraud and how far they learned, on {@code connection}'s transaction. */
    void checkpoint(Connection connection, Instant now) throws SQLException {
        for (List<String> group : Sql.groups(learning.uncountedSinceCheckpoint())) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM entity_outcomes WHERE transaction_id IN " + Sql.markers(group.size()))) {
                for (int i = 0; i < group.size(); i++) {
                    delete.setString(i + 1, group.get(i));
                }
                delete.executeUpdate();
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (String id : learning.countedSinceCheckpoint()) {
            rows.add(new Object[] {id, now});
        }
        bulk.upsert(connection, "entity_outcomes", List.of("transaction_id", "updated_at"), 1, rows);
        Instant learnedBefore = learning.learnedBefore();
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE state_checkpoint SET outcomes_learned_before = ? WHERE id = 1")) {
            Sql.setInstant(update, 1, learnedBefore.equals(Instant.MIN) ? null : learnedBefore);
            update.executeUpdate();
        }
    }

    /** Forgets what was saved: after the checkpoint's transaction committed. */
    void checkpointed() {
        learning.checkpointed();
    }

    @FunctionalInterface
    private interface Row {
        /** A report with its transaction and that transaction's sequence number, both absent when not stored. */
        void accept(OutcomeLearning.Report report, Transaction tx, long sequence);
    }

    private void read(Connection connection, Row row) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT l.label_id, l.transaction_id,"
                + " l.suspicious, l.labelled_at, l.recorded_at, t.sequence_number, " + TRANSACTION_COLUMNS
                + " FROM labels l LEFT JOIN transactions t ON t.transaction_id = l.transaction_id"
                + " WHERE l.label_id > ? ORDER BY l.label_id")) {
            select.setLong(1, lastLabel);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    lastLabel = rs.getLong(1);
                    OutcomeLearning.Report report = new OutcomeLearning.Report(
                            rs.getString(2),
                            rs.getBoolean(3),
                            Optional.ofNullable(Sql.getInstant(rs, 4)),
                            new OutcomeLearning.Order(Sql.getInstant(rs, 5), LABEL, lastLabel));
                    long sequence = rs.getLong(6);
                    boolean stored = !rs.wasNull();
                    row.accept(report, stored ? StoredHistory.transaction(rs) : null, sequence);
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT e.event_id, e.label, e.happened_at,"
                + " t.sequence_number, " + TRANSACTION_COLUMNS + " FROM alert_events e"
                + " JOIN alerts a ON a.alert_id = e.alert_id JOIN transactions t ON t.sequence_number = a.sequence_number"
                + " WHERE e.label IS NOT NULL AND e.to_status = 'CLOSED' AND e.event_id > ? ORDER BY e.event_id")) {
            select.setLong(1, lastReview);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    lastReview = rs.getLong(1);
                    Instant reviewed = Sql.getInstant(rs, 3);
                    Transaction tx = StoredHistory.transaction(rs);
                    OutcomeLearning.Report report = new OutcomeLearning.Report(
                            tx.transactionId(),
                            Alerts.Label.valueOf(rs.getString(2)) == Alerts.Label.TRUE_POSITIVE,
                            Optional.of(reviewed),
                            new OutcomeLearning.Order(reviewed, REVIEW, lastReview));
                    row.accept(report, tx, rs.getLong(4));
                }
            }
        }
    }
}

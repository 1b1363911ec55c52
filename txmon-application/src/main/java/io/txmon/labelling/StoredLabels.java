package io.txmon.labelling;

import io.txmon.alerts.Alerts;
import io.txmon.evaluation.Label;
import io.txmon.labels.LabelTimeline;
import io.txmon.labels.ReportedLabel;
import io.txmon.storage.Database;
import io.txmon.storage.Jdbc;
import io.txmon.storage.StorageException;
import io.txmon.transaction.InvalidFieldException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The labels the bank has been told, kept in {@code labels} as history: a later label of a transaction is a new row,
 * never an update. The same label (transaction, verdict, typology, {@code labelled_at}) from the same source is kept
 * once, so importing a file again, or a client sending a batch again, records nothing new.
 *
 * <p>A label may name a transaction not stored yet (a chargeback can arrive before the transaction is ingested): it
 * is kept all the same, and joins the {@linkplain #timeline(Duration) timeline} once its transaction is stored.
 */
public final class StoredLabels {
    /** The longest transaction id the schema keeps, as in {@code transactions}. */
    public static final int MAX_TRANSACTION_ID_LENGTH = 64;

    /** The longest typology name kept. */
    public static final int MAX_TYPOLOGY_LENGTH = 128;

    /** The longest actor name kept, as in the alerts' history. */
    public static final int MAX_ACTOR_LENGTH = 128;

    /** How many times a batch is tried when another writer records one of its labels at the same moment. */
    private static final int ATTEMPTS = 3;

    /** Where a label came from. */
    public enum Source {
        /** A labels file, {@code bin/txmon labels import}. */
        IMPORT,
        /** A client of the service, {@code POST /labels}. */
        API
    }

    /**
     * What recording a batch did.
     *
     * @param recorded labels kept for the first time
     * @param alreadyRecorded labels the same source had sent before (or sent twice in the batch): nothing changed
     */
    public record Recorded(int recorded, int alreadyRecorded) {
        public Recorded {
            if (recorded < 0 || alreadyRecorded < 0) {
                throw new IllegalArgumentException("counts must not be negative, were recorded=" + recorded
                        + ", alreadyRecorded=" + alreadyRecorded);
            }
        }
    }

    private final Database database;
    private final Clock clock;

    /** Labels in {@code database}, each recorded at {@code clock}'s instant. */
    public StoredLabels(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Which of {@code labels} could not be recorded, and why: a transaction id or typology longer than the schema
     * keeps, or a {@code labelled_at} before its transaction, where that transaction is stored. Empty when all can.
     */
    public List<InvalidLabelException> check(List<ReportedLabel> labels) {
        try (Connection connection = database.connect()) {
            return problems(connection, labels);
        } catch (SQLException e) {
            throw new StorageException("could not check " + labels.size() + " labels", e);
        }
    }

    /**
     * Records {@code labels} from {@code source}, sent by {@code actor}, all or none, in one database transaction.
     *
     * @throws InvalidLabelException for the first label {@link #check} finds wrong; nothing is recorded then
     */
    public Recorded record(List<ReportedLabel> labels, Source source, String actor) {
        return inOneTransaction(labels, source, actor, false).recorded();
    }

    /**
     * What {@link #recordValid} did: the labels recorded, and those refused, by their place in the batch.
     *
     * @param recorded how many were recorded and how many had been before
     * @param refused the labels {@link #check} finds wrong, which were not recorded
     */
    public record Screened(Recorded recorded, List<InvalidLabelException> refused) {
        public Screened {
            Objects.requireNonNull(recorded, "recorded");
            refused = List.copyOf(refused);
        }
    }

    /**
     * Records those of {@code labels} that {@link #check} finds right, in one database transaction, and says which it
     * refused: what a file import wants, where one bad record must not keep the others out. Each label is looked up
     * once.
     */
    public Screened recordValid(List<ReportedLabel> labels, Source source, String actor) {
        return inOneTransaction(labels, source, actor, true);
    }

    private Screened inOneTransaction(List<ReportedLabel> labels, Source source, String actor, boolean skipRefused) {
        Objects.requireNonNull(source, "source");
        if (actor == null || actor.isBlank() || actor.length() > MAX_ACTOR_LENGTH) {
            throw new IllegalArgumentException(
                    "actor must be 1 to " + MAX_ACTOR_LENGTH + " characters, was '" + actor + "'");
        }
        List<ReportedLabel> batch = List.copyOf(labels);
        Instant now = clock.instant();
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(false);
                try {
                    List<InvalidLabelException> problems = problems(connection, batch);
                    if (!problems.isEmpty() && !skipRefused) {
                        throw problems.get(0);
                    }
                    Recorded recorded = record(connection, withoutRefused(batch, problems), source, actor, now);
                    connection.commit();
                    return new Screened(recorded, problems);
                } catch (SQLException | RuntimeException e) {
                    Jdbc.rollbackQuietly(connection);
                    throw e;
                }
            } catch (SQLException e) {
                // Another writer kept one of these labels between our look and our insert: the next look sees it.
                if (!Jdbc.isUniqueViolation(e) || attempt >= ATTEMPTS) {
                    throw new StorageException("could not record " + batch.size() + " labels", e);
                }
            }
        }
    }

    private static Recorded record(
            Connection connection, List<ReportedLabel> batch, Source source, String actor, Instant now)
            throws SQLException {
        int recorded = 0;
        // MERGE ... WHEN NOT MATCHED: both engines accept it; IS NOT DISTINCT FROM matches an absent typology or
        // labelled_at as the unique constraint (NULLS NOT DISTINCT) does.
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO labels USING (VALUES"
                + " (CAST(? AS VARCHAR(64)), CAST(? AS BOOLEAN), CAST(? AS VARCHAR(128)),"
                + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR(16)), CAST(? AS TIMESTAMP WITH TIME ZONE),"
                + " CAST(? AS VARCHAR(128))))"
                + " AS v (transaction_id, suspicious, typology, labelled_at, source, recorded_at, recorded_by)"
                + " ON labels.transaction_id = v.transaction_id AND labels.suspicious = v.suspicious"
                + " AND labels.typology IS NOT DISTINCT FROM v.typology"
                + " AND labels.labelled_at IS NOT DISTINCT FROM v.labelled_at AND labels.source = v.source"
                + " WHEN NOT MATCHED THEN INSERT"
                + " (transaction_id, suspicious, typology, labelled_at, source, recorded_at, recorded_by)"
                + " VALUES (v.transaction_id, v.suspicious, v.typology, v.labelled_at, v.source, v.recorded_at,"
                + " v.recorded_by)")) {
            for (ReportedLabel reported : batch) {
                Label label = reported.label();
                merge.setString(1, label.transactionId());
                merge.setBoolean(2, label.suspicious());
                if (label.typology().isPresent()) {
                    merge.setString(3, label.typology().get());
                } else {
                    merge.setNull(3, Types.VARCHAR);
                }
                Jdbc.setInstant(merge, 4, reported.labelledAt().orElse(null));
                merge.setString(5, source.name());
                Jdbc.setInstant(merge, 6, now);
                merge.setString(7, actor);
                recorded += merge.executeUpdate();
            }
        }
        return new Recorded(recorded, batch.size() - recorded);
    }

    private static List<ReportedLabel> withoutRefused(List<ReportedLabel> batch, List<InvalidLabelException> refused) {
        if (refused.isEmpty()) {
            return batch;
        }
        boolean[] out = new boolean[batch.size()];
        refused.forEach(problem -> out[problem.index()] = true);
        List<ReportedLabel> kept = new ArrayList<>(batch.size() - refused.size());
        for (int i = 0; i < batch.size(); i++) {
            if (!out[i]) {
                kept.add(batch.get(i));
            }
        }
        return kept;
    }

    private static List<InvalidLabelException> problems(Connection connection, List<ReportedLabel> labels)
            throws SQLException {
        List<InvalidLabelException> problems = new ArrayList<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT event_time FROM transactions WHERE transaction_id = ?")) {
            for (int i = 0; i < labels.size(); i++) {
                try {
                    check(select, labels.get(i));
                } catch (InvalidFieldException e) {
                    problems.add(new InvalidLabelException(i, e));
                }
            }
        }
        return problems;
    }

    private static void check(PreparedStatement eventTime, ReportedLabel reported) throws SQLException {
        Label label = reported.label();
        if (label.transactionId().length() > MAX_TRANSACTION_ID_LENGTH) {
            throw new InvalidFieldException(
                    "transaction_id",
                    "must be at most " + MAX_TRANSACTION_ID_LENGTH + " characters, was "
                            + label.transactionId().length());
        }
        if (label.typology().isPresent() && label.typology().get().length() > MAX_TYPOLOGY_LENGTH) {
            throw new InvalidFieldException(
                    "typology",
                    "must be at most " + MAX_TYPOLOGY_LENGTH + " characters, was "
                            + label.typology().get().length());
        }
        if (reported.labelledAt().isEmpty()) {
            return;
        }
        eventTime.setString(1, label.transactionId());
        try (ResultSet rs = eventTime.executeQuery()) {
            if (rs.next()) {
                Instant happened = Jdbc.instant(rs, 1);
                Instant labelledAt = reported.labelledAt().get();
                if (labelledAt.isBefore(happened)) {
                    throw new InvalidFieldException(
                            "labelled_at",
                            "must not be before the transaction, but " + label.transactionId() + " is labelled at "
                                    + labelledAt + " and happened at " + happened);
                }
            }
        }
    }

    /**
     * What the bank knows of its stored transactions' outcomes: every label kept here, and every alert review that
     * closed an alert with a label ({@code TRUE_POSITIVE} suspicious, {@code FALSE_POSITIVE} ordinary, known from the
     * review's instant), each with its transaction's event time. Labels are added in the order they were recorded,
     * so that of two known at the same instant the one recorded later is in force.
     *
     * <p>Left out: labels of transactions not stored (yet), whose event time is unknown, and labels dated before
     * their transaction (possible only when the transaction was stored after its label), which no timeline accepts.
     *
     * @param delay how long after its transaction an undated label, or the absence of one, is known
     */
    public LabelTimeline timeline(Duration delay) {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = database.connect()) {
            try (PreparedStatement select = connection.prepareStatement("SELECT l.transaction_id, l.suspicious,"
                            + " l.typology, l.labelled_at, t.event_time, l.recorded_at FROM labels l"
                            + " JOIN transactions t ON t.transaction_id = l.transaction_id ORDER BY l.label_id");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String transactionId = rs.getString(1);
                    String typology = rs.getString(3);
                    Label label = rs.getBoolean(2)
                            ? new Label(transactionId, true, Optional.ofNullable(typology))
                            : Label.ordinary(transactionId);
                    rows.add(new Row(
                            new ReportedLabel(label, Optional.ofNullable(Jdbc.instant(rs, 4))),
                            Jdbc.instant(rs, 5),
                            Jdbc.instant(rs, 6)));
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT t.transaction_id, e.label,"
                            + " e.happened_at, t.event_time FROM alert_events e"
                            + " JOIN alerts a ON a.alert_id = e.alert_id"
                            + " JOIN transactions t ON t.sequence_number = a.sequence_number"
                            + " WHERE e.label IS NOT NULL AND e.to_status = 'CLOSED' ORDER BY e.event_id");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String transactionId = rs.getString(1);
                    Label label = Alerts.Label.valueOf(rs.getString(2)) == Alerts.Label.TRUE_POSITIVE
                            ? Label.suspicious(transactionId)
                            : Label.ordinary(transactionId);
                    Instant reviewed = Jdbc.instant(rs, 3);
                    rows.add(new Row(ReportedLabel.learnedAt(label, reviewed), Jdbc.instant(rs, 4), reviewed));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("could not read the labels", e);
        }
        // Stable: rows recorded at the same instant keep labels' order, then reviews'.
        rows.sort(Comparator.comparing(Row::recordedAt));
        LabelTimeline.Builder timeline = LabelTimeline.builder(delay);
        for (Row row : rows) {
            boolean datedBeforeItsTransaction = row.reported()
                    .labelledAt()
                    .filter(at -> at.isBefore(row.transactionTime()))
                    .isPresent();
            if (!datedBeforeItsTransaction) {
                timeline.add(row.reported(), row.transactionTime());
            }
        }
        return timeline.build();
    }

    /** A label with its transaction's time and when txmon was told it. */
    private record Row(ReportedLabel reported, Instant transactionTime, Instant recordedAt) {}
}

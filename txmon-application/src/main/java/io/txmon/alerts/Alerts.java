package io.txmon.alerts;

import io.txmon.decisions.DecisionColumns;
import io.txmon.decisions.ReasonCodes;
import io.txmon.decisions.StoredDecision;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import io.txmon.storage.Database;
import io.txmon.storage.Jdbc;
import io.txmon.storage.StorageException;
import io.txmon.transaction.InvalidFieldException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The alert queue: alerts filtered by status, reason, level and time; one alert with its transaction, decision and
 * history; and reviews, each recorded in {@code alert_events} with who made it and when.
 */
public final class Alerts {
    /** Where an alert stands. */
    public enum Status {
        OPEN,
        IN_REVIEW,
        ESCALATED,
        CLOSED
    }

    /** What a review found: the label that evaluation and training learn from. */
    public enum Label {
        TRUE_POSITIVE,
        FALSE_POSITIVE
    }

    /** One alert as the queue lists it, with what its decision said. */
    public record AlertSummary(
            long alertId,
            String transactionId,
            String userId,
            Status status,
            String assignee,
            Label label,
            Instant createdAt,
            Instant updatedAt,
            Instant closedAt,
            Instant eventTime,
            BigDecimal amount,
            String currency,
            BigDecimal riskScore,
            RiskLevel riskLevel,
            Recommendation recommendation,
            List<String> reasonCodes) {}

    /**
     * One alert in full: the summary, the transaction's other fields, the versions that decided (the supervised model
     * and its fraud probability null when none took part), the notes and every change.
     */
    public record AlertDetail(
            AlertSummary alert,
            String type,
            String counterpartyId,
            String merchantId,
            String merchantType,
            String location,
            String country,
            String channel,
            String deviceId,
            String ruleSetVersion,
            String modelVersion,
            Double anomalyScore,
            String supervisedModelVersion,
            BigDecimal fraudProbability,
            String notes,
            List<AlertEvent> history) {}

    /** A change to an alert. */
    public record AlertEvent(
            Instant at, String actor, Status fromStatus, Status toStatus, String assignee, Label label, String note) {}

    /** What to list: each filter may be null. */
    public record Filter(
            Status status, String reasonCode, RiskLevel riskLevel, Instant from, Instant to, String userId) {}

    /**
     * A review: any of a new status, an assignee, a note, and for closing the label.
     *
     * @throws InvalidFieldException when closing without a label, labelling without closing, or changing nothing
     */
    public record Review(Status status, String assignee, String note, Label label) {
        public Review {
            AlertReviewTransitions.check(status, assignee, note, label);
        }
    }

    /** How often alerts giving a reason code were confirmed, among those analysts closed with a label. */
    public record ReasonPrecision(
            String reasonCode, long reviewed, long truePositives, long falsePositives, double precision) {}

    /** What analysts' reviews say of the decisions: precision overall ({@code reasonCode} "ALL") and per code. */
    public List<ReasonPrecision> reviewedPrecision() {
        try {
            Map<String, long[]> counts = new TreeMap<>();
            long[] all = new long[2];
            try (Connection connection = database.connect();
                    PreparedStatement select = connection.prepareStatement(
                            "SELECT d.reason_codes, a.label FROM alerts a"
                                    + " JOIN decisions d ON d.sequence_number = a.sequence_number WHERE a.label IS NOT NULL");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    int slot = Label.valueOf(rs.getString(2)) == Label.TRUE_POSITIVE ? 0 : 1;
                    all[slot]++;
                    String codes = rs.getString(1);
                    for (String code : ReasonCodes.decode(codes)) {
                        counts.computeIfAbsent(code, c -> new long[2])[slot]++;
                    }
                }
            }
            List<ReasonPrecision> precision = new ArrayList<>();
            precision.add(precisionOf("ALL", all));
            counts.forEach((code, c) -> precision.add(precisionOf(code, c)));
            return precision;
        } catch (SQLException e) {
            throw new StorageException("could not count reviewed alerts", e);
        }
    }

    private static ReasonPrecision precisionOf(String code, long[] counts) {
        long reviewed = counts[0] + counts[1];
        return new ReasonPrecision(
                code, reviewed, counts[0], counts[1], reviewed == 0 ? 0 : (double) counts[0] / reviewed);
    }

    /** An alert's own columns, its transaction's, then its decision's ({@link DecisionColumns#SELECTED}). */
    private static final String SUMMARY_COLUMNS = "a.alert_id, a.user_id, a.status, a.assignee, a.label, a.created_at,"
            + " a.updated_at, a.closed_at, t.event_time, t.amount, t.currency, " + DecisionColumns.SELECTED;

    private static final int DECISION_COLUMN = 12;
    private static final int SUMMARY_COUNT = DECISION_COLUMN + DecisionColumns.SELECTED_COUNT - 1;
    private static final String JOINS = " FROM alerts a JOIN decisions d ON d.sequence_number = a.sequence_number"
            + " JOIN transactions t ON t.sequence_number = a.sequence_number";

    private final Database database;
    private final Clock clock;
    private final ClosingHook onClose;

    public Alerts(Database database, Clock clock) {
        this(database, clock, (connection, sequenceNumber, label, actor) -> {});
    }

    /** Alerts whose closing also does {@code onClose}, in the review's database transaction. */
    public Alerts(Database database, Clock clock, ClosingHook onClose) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
    }

    /**
     * What else closing an alert does, such as settling the payment it held. A seam between storage's own packages
     * (it takes the review's connection, to act in its database transaction): implemented in txmon-application only,
     * such as by {@code Payments.settlement()}.
     */
    @FunctionalInterface
    public interface ClosingHook {
        /**
         * Called once, when the alert on the decision {@code sequenceNumber} is closed with {@code label}; a failure
         * rolls the review back.
         */
        void closed(Connection connection, long sequenceNumber, Label label, String actor) throws SQLException;
    }

    /** Alerts matching {@code filter}, newest first, {@code limit} of them from {@code offset}. */
    public List<AlertSummary> list(Filter filter, int limit, int offset) {
        try {
            StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS + JOINS + " WHERE 1 = 1");
            List<Object> values = new ArrayList<>();
            if (filter.status() != null) {
                sql.append(" AND a.status = ?");
                values.add(filter.status().name());
            }
            if (filter.riskLevel() != null) {
                sql.append(" AND d.risk_level = ?");
                values.add(filter.riskLevel().name());
            }
            if (filter.reasonCode() != null) {
                // Codes are joined with ';': match a whole code, wherever it stands.
                sql.append(" AND CONCAT(';', d.reason_codes, ';') LIKE ?");
                values.add("%;" + filter.reasonCode().replace("%", "").replace("_", "\\_") + ";%");
            }
            if (filter.userId() != null) {
                sql.append(" AND a.user_id = ?");
                values.add(filter.userId());
            }
            if (filter.from() != null) {
                sql.append(" AND a.created_at >= ?");
                values.add(OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
            }
            if (filter.to() != null) {
                sql.append(" AND a.created_at < ?");
                values.add(OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
            }
            sql.append(" ORDER BY a.alert_id DESC LIMIT ? OFFSET ?");
            values.add(limit);
            values.add(offset);
            List<AlertSummary> alerts = new ArrayList<>();
            try (Connection connection = database.connect();
                    PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    select.setObject(i + 1, values.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        alerts.add(summary(rs));
                    }
                }
            }
            return alerts;
        } catch (SQLException e) {
            throw new StorageException("could not list alerts", e);
        }
    }

    /** One alert in full, if there is one with that id. */
    public Optional<AlertDetail> get(long alertId) {
        try {
            try (Connection connection = database.connect()) {
                return detail(connection, alertId);
            }
        } catch (SQLException e) {
            throw new StorageException("could not read alert " + alertId, e);
        }
    }

    /**
     * Applies a review by {@code actor}, recording it in the alert's history, in one database transaction.
     *
     * @return the alert as it is now, or empty when there is no such alert
     * @throws InvalidFieldException naming {@code status} when the alert is closed already
     */
    public Optional<AlertDetail> review(long alertId, Review review, String actor) {
        try {
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(false);
                try {
                    Optional<AlertDetail> updated = apply(connection, alertId, review, actor);
                    connection.commit();
                    return updated;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new StorageException("could not review alert " + alertId, e);
        }
    }

    private Optional<AlertDetail> apply(Connection connection, long alertId, Review review, String actor)
            throws SQLException {
        Status current;
        String notes;
        long sequenceNumber;
        // FOR UPDATE: two reviews of one alert apply one after the other, each seeing the other's result.
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT status, notes, sequence_number FROM alerts WHERE alert_id = ? FOR UPDATE")) {
            select.setLong(1, alertId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                current = Status.valueOf(rs.getString(1));
                notes = rs.getString(2);
                sequenceNumber = rs.getLong(3);
            }
        }
        AlertReviewTransitions.Transition transition = AlertReviewTransitions.apply(current, review);
        Status next = transition.to();
        Instant now = clock.instant();
        String allNotes = AlertReviewTransitions.notes(notes, review, now, actor);
        try (PreparedStatement update = connection.prepareStatement("UPDATE alerts SET status = ?,"
                + " assignee = COALESCE(?, assignee), label = COALESCE(?, label), notes = ?, updated_at = ?,"
                + " closed_at = CASE WHEN ? = 'CLOSED' THEN COALESCE(closed_at, ?) ELSE closed_at END"
                + " WHERE alert_id = ?")) {
            update.setString(1, next.name());
            setNullable(update, 2, review.assignee());
            setNullable(
                    update, 3, review.label() == null ? null : review.label().name());
            setNullable(update, 4, allNotes);
            update.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            update.setString(6, next.name());
            update.setObject(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            update.setLong(8, alertId);
            update.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert_events (alert_id, happened_at,"
                + " actor, from_status, to_status, assignee, label, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, alertId);
            insert.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            insert.setString(3, actor);
            insert.setString(4, current.name());
            insert.setString(5, next.name());
            setNullable(insert, 6, review.assignee());
            setNullable(
                    insert, 7, review.label() == null ? null : review.label().name());
            setNullable(insert, 8, review.note());
            insert.executeUpdate();
        }
        if (transition.closes()) {
            onClose.closed(connection, sequenceNumber, review.label(), actor);
        }
        return detail(connection, alertId);
    }

    private static Optional<AlertDetail> detail(Connection connection, long alertId) throws SQLException {
        AlertDetail detail;
        try (PreparedStatement select = connection.prepareStatement("SELECT " + SUMMARY_COLUMNS
                + ", t.type, t.counterparty_id, t.merchant_id, t.merchant_type, t.location, t.country, t.channel,"
                + " t.device_id, a.notes" + JOINS
                + " WHERE a.alert_id = ?")) {
            select.setLong(1, alertId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                StoredDecision decision = DecisionColumns.read(rs, DECISION_COLUMN);
                int more = SUMMARY_COUNT + 1;
                detail = new AlertDetail(
                        summary(rs, decision),
                        rs.getString(more),
                        rs.getString(more + 1),
                        rs.getString(more + 2),
                        rs.getString(more + 3),
                        rs.getString(more + 4),
                        trim(rs.getString(more + 5)),
                        rs.getString(more + 6),
                        rs.getString(more + 7),
                        decision.ruleSetVersion(),
                        decision.modelVersion().orElse(null),
                        decision.anomalyScore().orElse(null),
                        decision.supervisedModelVersion().orElse(null),
                        decision.fraudProbability().orElse(null),
                        rs.getString(more + 8),
                        history(connection, alertId));
            }
        }
        return Optional.of(detail);
    }

    private static List<AlertEvent> history(Connection connection, long alertId) throws SQLException {
        List<AlertEvent> events = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT happened_at, actor, from_status,"
                + " to_status, assignee, label, note FROM alert_events WHERE alert_id = ? ORDER BY event_id")) {
            select.setLong(1, alertId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String label = rs.getString(6);
                    events.add(new AlertEvent(
                            Jdbc.instant(rs, 1),
                            rs.getString(2),
                            Status.valueOf(rs.getString(3)),
                            Status.valueOf(rs.getString(4)),
                            rs.getString(5),
                            label == null ? null : Label.valueOf(label),
                            rs.getString(7)));
                }
            }
        }
        return events;
    }

    private static AlertSummary summary(ResultSet rs) throws SQLException {
        return summary(rs, DecisionColumns.read(rs, DECISION_COLUMN));
    }

    private static AlertSummary summary(ResultSet rs, StoredDecision decision) throws SQLException {
        String label = rs.getString(5);
        return new AlertSummary(
                rs.getLong(1),
                decision.transactionId(),
                rs.getString(2),
                Status.valueOf(rs.getString(3)),
                rs.getString(4),
                label == null ? null : Label.valueOf(label),
                Jdbc.instant(rs, 6),
                Jdbc.instant(rs, 7),
                Jdbc.instant(rs, 8),
                Jdbc.instant(rs, 9),
                rs.getBigDecimal(10),
                trim(rs.getString(11)),
                decision.riskScore(),
                decision.riskLevel(),
                decision.recommendation(),
                decision.reasonCodes());
    }

    private static String trim(String text) {
        return text == null ? null : text.strip();
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}

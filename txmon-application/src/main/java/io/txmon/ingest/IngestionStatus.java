package io.txmon.ingest;

import io.txmon.storage.Database;
import io.txmon.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What ingestion has done: the latest runs and how far each source has come ({@code ingestion_state}, docs/storage.md). */
public final class IngestionStatus {
    /** One run of an ingestion, as {@code ingestion_runs} records it. */
    public record Run(
            long runId,
            String source,
            String status,
            Instant startedAt,
            Instant finishedAt,
            long read,
            long inserted,
            long duplicates,
            long rejected,
            long alerts,
            String message) {}

    /** How far a source has come: its last file, the latest event time stored, the run that got there. */
    public record SourceState(String source, String lastFile, Instant watermark, long lastRunId, Instant updatedAt) {}

    /** How much the database holds. */
    public record Volumes(long transactions, long accounts, long runs, long alerts, long models) {}

    /** A record that broke the data contract, kept with its line, text and reason. */
    public record Rejected(long runId, String file, long line, String rawText, String reason) {}

    private final Database database;

    public IngestionStatus(Database database) {
        this.database = database;
    }

    /** The latest {@code limit} runs, newest first. */
    public List<Run> latestRuns(int limit) {
        List<Run> runs = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement("SELECT run_id, source, status, started_at,"
                        + " finished_at, rows_read, rows_inserted, rows_duplicate, rows_rejected, alerts_opened, message"
                        + " FROM ingestion_runs ORDER BY run_id DESC LIMIT ?")) {
            select.setInt(1, Math.max(1, limit));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    runs.add(new Run(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            Sql.getInstant(rs, 4),
                            Sql.getInstant(rs, 5),
                            rs.getLong(6),
                            rs.getLong(7),
                            rs.getLong(8),
                            rs.getLong(9),
                            rs.getLong(10),
                            rs.getString(11)));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("reading the ingestion runs failed: " + e.getMessage(), e);
        }
        return runs;
    }

    /** The latest {@code limit} rejected records, newest first. */
    public List<Rejected> rejected(int limit) {
        List<Rejected> rejected = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement("SELECT run_id, file_name, line_number,"
                        + " raw_text, reason FROM rejected_records ORDER BY rejected_id DESC LIMIT ?")) {
            select.setInt(1, Math.max(1, limit));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rejected.add(new Rejected(
                            rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("reading the rejected records failed: " + e.getMessage(), e);
        }
        return rejected;
    }

    /** Every source's state, by source. */
    public List<SourceState> sources() {
        List<SourceState> states = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement("SELECT source, last_file, watermark,"
                        + " last_run_id, updated_at FROM ingestion_state ORDER BY source");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                states.add(new SourceState(
                        rs.getString(1), rs.getString(2), Sql.getInstant(rs, 3), rs.getLong(4), Sql.getInstant(rs, 5)));
            }
        } catch (SQLException e) {
            throw new StorageException("reading the sources' states failed: " + e.getMessage(), e);
        }
        return states;
    }

    /**
     * How much the database holds: transactions, accounts with reference data or a risk score, ingestion runs,
     * alerts and model versions.
     */
    public Volumes volumes() {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            return new Volumes(
                    count(statement, "transactions"),
                    count(statement, "accounts"),
                    count(statement, "ingestion_runs"),
                    count(statement, "alerts"),
                    count(statement, "models"));
        } catch (SQLException e) {
            throw new StorageException("counting what the database holds failed: " + e.getMessage(), e);
        }
    }

    private static long count(Statement statement, String table) throws SQLException {
        // Table names are this class's constants, never input.
        try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

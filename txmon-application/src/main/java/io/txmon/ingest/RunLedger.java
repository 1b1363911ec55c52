package io.txmon.ingest;

import io.txmon.formats.RejectedRecord;
import io.txmon.transaction.Account;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The book-keeping tables of ingestion: {@code ingestion_runs}, {@code ingestion_state}, {@code ingested_files},
 * {@code rejected_records}, and reference data in {@code accounts}. Every method writes on the caller's
 * connection and leaves committing to it.
 */
final class RunLedger {
    private static final int MAX_MESSAGE = 4000;

    private RunLedger() {}

    /** Marks runs left RUNNING (their process died) ABANDONED, and returns their ids. */
    static List<Long> abandonStale(Connection connection, Instant now) throws SQLException {
        List<Long> stale = new ArrayList<>();
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT run_id FROM ingestion_runs WHERE status = 'RUNNING'");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                stale.add(rs.getLong(1));
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE ingestion_runs SET status = 'ABANDONED',"
                + " finished_at = ?, message = 'still RUNNING when a later run started' WHERE status = 'RUNNING'")) {
            Sql.setInstant(update, 1, now);
            update.executeUpdate();
        }
        return stale;
    }

    static long start(Connection connection, String source, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ingestion_runs (source, started_at, status) VALUES (?, ?, 'RUNNING')",
                new String[] {"run_id"})) {
            insert.setString(1, source);
            Sql.setInstant(insert, 2, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static void count(Connection connection, long runId, RunCounts counts) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE ingestion_runs SET rows_read = ?,"
                + " rows_inserted = ?, rows_duplicate = ?, rows_rejected = ?, alerts_opened = ?, rows_rounded = ?"
                + " WHERE run_id = ?")) {
            update.setLong(1, counts.read);
            update.setLong(2, counts.inserted);
            update.setLong(3, counts.duplicates);
            update.setLong(4, counts.rejected);
            update.setLong(5, counts.alerts);
            update.setLong(6, counts.rounded);
            update.setLong(7, runId);
            update.executeUpdate();
        }
    }

    /**
     * Adds {@code delta} to the run's counts in the database: for a run several writers share (the Flink job's
     * tasks), where no one writer knows the totals.
     */
    static void add(Connection connection, long runId, RunCounts delta) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE ingestion_runs SET rows_read = rows_read"
                + " + ?, rows_inserted = rows_inserted + ?, rows_duplicate = rows_duplicate + ?, rows_rejected ="
                + " rows_rejected + ?, alerts_opened = alerts_opened + ?, rows_rounded = rows_rounded + ?"
                + " WHERE run_id = ?")) {
            update.setLong(1, delta.read);
            update.setLong(2, delta.inserted);
            update.setLong(3, delta.duplicates);
            update.setLong(4, delta.rejected);
            update.setLong(5, delta.alerts);
            update.setLong(6, delta.rounded);
            update.setLong(7, runId);
            update.executeUpdate();
        }
    }

    /**
     * Locks the run's row until the caller's transaction ends, so that writers sharing the run take turns; false if
     * there is no such run.
     */
    static boolean lock(Connection connection, long runId) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT run_id FROM ingestion_runs WHERE run_id = ? FOR UPDATE")) {
            select.setLong(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Ends the run as SUCCEEDED or FAILED, keeping the counts it has in the database. */
    static void end(Connection connection, long runId, String status, String message, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE ingestion_runs SET status = ?, finished_at = ?, message = ? WHERE run_id = ?")) {
            update.setString(1, status);
            Sql.setInstant(update, 2, now);
            Sql.setNullableString(
                    update, 3, message == null ? null : message.substring(0, Math.min(MAX_MESSAGE, message.length())));
            update.setLong(4, runId);
            update.executeUpdate();
        }
    }

    /** Ends the run as SUCCEEDED or FAILED with its final counts. */
    static void finish(Connection connection, long runId, RunCounts counts, String status, String message, Instant now)
            throws SQLException {
        count(connection, runId, counts);
        end(connection, runId, status, message, now);
    }

    static Instant watermark(Connection connection, String source) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT watermark FROM ingestion_state WHERE source = ?")) {
            select.setString(1, source);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Sql.getInstant(rs, 1) : null;
            }
        }
    }

    /** Records how far the source has come: the file being (or last) read and the latest event time stored. */
    static void advance(Connection connection, String source, String file, Instant watermark, long runId, Instant now)
            throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO ingestion_state USING (VALUES"
                + " (CAST(? AS VARCHAR(1024)), CAST(? AS VARCHAR(1024)), CAST(? AS TIMESTAMP WITH TIME ZONE),"
                + " CAST(? AS BIGINT), CAST(? AS TIMESTAMP WITH TIME ZONE)))"
                + " AS v (source, last_file, watermark, last_run_id, updated_at) ON ingestion_state.source = v.source"
                + " WHEN MATCHED THEN UPDATE SET last_file = v.last_file, watermark = v.watermark,"
                + " last_run_id = v.last_run_id, updated_at = v.updated_at"
                + " WHEN NOT MATCHED THEN INSERT (source, last_file, watermark, last_run_id, updated_at)"
                + " VALUES (v.source, v.last_file, v.watermark, v.last_run_id, v.updated_at)")) {
            merge.setString(1, source);
            merge.setString(2, file);
            Sql.setInstant(merge, 3, watermark);
            merge.setLong(4, runId);
            Sql.setInstant(merge, 5, now);
            merge.executeUpdate();
        }
    }

    static boolean ingested(Connection connection, String source, String file, String sha256) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM ingested_files WHERE source = ? AND file_name = ? AND sha256 = ?")) {
            select.setString(1, source);
            select.setString(2, file);
            select.setString(3, sha256);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Marks a file read to its end; reading the same content again later changes nothing here. */
    static void completed(Connection connection, String source, InputFile file, long runId, Instant now)
            throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO ingested_files USING (VALUES"
                + " (CAST(? AS VARCHAR(1024)), CAST(? AS VARCHAR(1024)), CAST(? AS CHAR(64)), CAST(? AS BIGINT),"
                + " CAST(? AS BIGINT), CAST(? AS TIMESTAMP WITH TIME ZONE)))"
                + " AS v (source, file_name, sha256, size_bytes, run_id, completed_at)"
                + " ON ingested_files.source = v.source AND ingested_files.file_name = v.file_name"
                + " AND ingested_files.sha256 = v.sha256"
                + " WHEN NOT MATCHED THEN INSERT (source, file_name, sha256, size_bytes, run_id, completed_at)"
                + " VALUES (v.source, v.file_name, v.sha256, v.size_bytes, v.run_id, v.completed_at)")) {
            merge.setString(1, source);
            merge.setString(2, file.name());
            merge.setString(3, file.sha256());
            merge.setLong(4, file.sizeBytes());
            merge.setLong(5, runId);
            Sql.setInstant(merge, 6, now);
            merge.executeUpdate();
        }
    }

    /**
     * Records a file read to its end under run {@code runId}: its rejected records, the file itself, and how far the
     * source has come ({@code watermark}, the latest event time stored).
     */
    static void fileRead(
            Connection connection,
            String source,
            InputFile file,
            List<RejectedRecord> rejected,
            Instant watermark,
            long runId,
            Instant now)
            throws SQLException {
        rejected(connection, runId, file.name(), rejected);
        completed(connection, source, file, runId, now);
        advance(connection, source, file.name(), watermark, runId, now);
    }

    static void rejected(Connection connection, long runId, String file, Collection<RejectedRecord> records)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO rejected_records (run_id, file_name,"
                + " line_number, raw_text, reason) VALUES (?, ?, ?, ?, ?)")) {
            for (RejectedRecord record : records) {
                insert.setLong(1, runId);
                insert.setString(2, file);
                insert.setLong(3, record.line());
                insert.setString(4, record.rawText());
                insert.setString(
                        5,
                        record.reason()
                                .substring(
                                        0, Math.min(MAX_MESSAGE, record.reason().length())));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static final List<String> REFERENCE_COLUMNS =
            List.of("user_id", "opened_at", "account_type", "country", "city", "opening_balance");

    /** Stores reference data, keeping each account's risk score. */
    static void reference(Connection connection, BulkWriter bulk, Collection<Account> accounts) throws SQLException {
        List<Object[]> rows = new ArrayList<>(accounts.size());
        for (Account account : accounts) {
            rows.add(new Object[] {
                account.userId(),
                account.openedAt(),
                account.accountType().name(),
                account.country(),
                account.city(),
                account.openingBalance()
            });
        }
        bulk.upsert(connection, "accounts", REFERENCE_COLUMNS, 1, rows);
    }
}

package io.txmon.ingest;

import io.txmon.storage.DatabaseEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes many rows at once on the caller's database transaction, by the fastest means the engine has:
 * {@code COPY} on PostgreSQL, batched statements on H2. Values are {@code String}, {@code BigDecimal}, {@code
 * Long}, {@code Double}, {@code Instant}, {@code byte[]} or null.
 */
interface BulkWriter {
    /** Inserts {@code rows} (values in the order of {@code columns}) into {@code table}. */
    void insert(Connection connection, String table, List<String> columns, List<Object[]> rows) throws SQLException;

    /**
     * Inserts {@code rows}, or updates the rows with the same key: the first {@code keyColumns} of {@code
     * columns}. Each key may occur once in {@code rows}.
     */
    void upsert(Connection connection, String table, List<String> columns, int keyColumns, List<Object[]> rows)
            throws SQLException;

    /**
     * Replaces whole rows: those whose key, the first of {@code columns}, a row of {@code rows} has are deleted,
     * then {@code rows} inserted. Each key may occur once in {@code rows}.
     */
    void replace(Connection connection, String table, List<String> columns, List<Object[]> rows) throws SQLException;

    static BulkWriter of(DatabaseEngine engine) {
        return engine == DatabaseEngine.POSTGRESQL ? new PostgresCopy() : new H2Batches();
    }
}

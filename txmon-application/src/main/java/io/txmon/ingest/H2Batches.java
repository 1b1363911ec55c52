package io.txmon.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/** Batched statements for the embedded H2, where there is no network round trip to save. */
final class H2Batches implements BulkWriter {
    private static final int BATCH = 5_000;

    @Override
    public void insert(Connection connection, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        run(
                connection,
                "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES " + markers(columns),
                rows);
    }

    @Override
    public void upsert(Connection connection, String table, List<String> columns, int keyColumns, List<Object[]> rows)
            throws SQLException {
        // H2's own MERGE ... KEY: insert, or update the row with the same key.
        run(
                connection,
                "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY ("
                        + String.join(", ", columns.subList(0, keyColumns)) + ") VALUES " + markers(columns),
                rows);
    }

    @Override
    public void replace(Connection connection, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        upsert(connection, table, columns, 1, rows);
    }

    private static void run(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int pending = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Sql.bind(statement, i + 1, row[i]);
                }
                statement.addBatch();
                if (++pending == BATCH) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            statement.executeBatch();
        }
    }

    private static String markers(List<String> columns) {
        return "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }
}

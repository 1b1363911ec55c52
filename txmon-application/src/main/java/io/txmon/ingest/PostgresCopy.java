package io.txmon.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN} in its binary format: one round trip for a whole chunk instead of one
 * statement per row, which is what makes a million transactions an ingest of seconds rather than minutes. Rows
 * are encoded in blocks and sent as they fill, so that the server parses one block while the next is encoded.
 * Upserts copy into a temporary table dropped at commit and {@code MERGE} from it in one statement.
 */
final class PostgresCopy implements BulkWriter {
    private static final int BLOCK_BYTES = 1 << 18;

    /** Up to this many values an upsert goes as one statement with parameters (PostgreSQL takes 65,535). */
    private static final int SMALL_UPSERT_PARAMETERS = 30_000;

    @Override
    public void insert(Connection connection, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        copy(connection, table, columns, rows);
    }

    @Override
    public void upsert(Connection connection, String table, List<String> columns, int keyColumns, List<Object[]> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (rows.size() * columns.size() <= SMALL_UPSERT_PARAMETERS) {
            upsertByValues(connection, table, columns, keyColumns, rows);
            return;
        }
        String stage = "stage_" + table;
        String columnList = String.join(", ", columns);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + stage);
            statement.execute("CREATE TEMPORARY TABLE " + stage + " ON COMMIT DROP AS SELECT " + columnList + " FROM "
                    + table + " WITH NO DATA");
        }
        copy(connection, stage, columns, rows);
        String on = IntStream.range(0, keyColumns)
                .mapToObj(i -> "t." + columns.get(i) + " = s." + columns.get(i))
                .collect(Collectors.joining(" AND "));
        String set = columns.subList(keyColumns, columns.size()).stream()
                .map(c -> c + " = s." + c)
                .collect(Collectors.joining(", "));
        String values = columns.stream().map(c -> "s." + c).collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            statement.execute("MERGE INTO " + table + " t USING " + stage + " s ON " + on
                    + (set.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET " + set)
                    + " WHEN NOT MATCHED THEN INSERT (" + columnList + ") VALUES (" + values + ")");
            statement.execute("DROP TABLE " + stage);
        }
    }

    /**
     * A delete and a {@code COPY} straight into the table: for large rows such as account states this writes each
     * row once, where a staged upsert writes (and compresses) it twice.
     */
    @Override
    public void replace(Connection connection, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Object[] keys = rows.stream().map(row -> row[0]).toArray();
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM " + table + " WHERE " + columns.get(0) + " = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("varchar", keys));
            delete.executeUpdate();
        }
        copy(connection, table, columns, rows);
    }

    /**
     * A few rows (the accounts one group commit of the API touches): one {@code INSERT ... ON CONFLICT} with a
     * parameter per value, instead of a temporary table created and dropped, whose catalogue writes cost more than
     * the rows.
     */
    private static void upsertByValues(
            Connection connection, String table, List<String> columns, int keyColumns, List<Object[]> rows)
            throws SQLException {
        String row = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        String set = columns.subList(keyColumns, columns.size()).stream()
                .map(c -> c + " = EXCLUDED." + c)
                .collect(Collectors.joining(", "));
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
                + String.join(", ", Collections.nCopies(rows.size(), row)) + " ON CONFLICT ("
                + String.join(", ", columns.subList(0, keyColumns)) + ") "
                + (set.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + set);
        try (PreparedStatement upsert = connection.prepareStatement(sql)) {
            int index = 1;
            for (Object[] values : rows) {
                for (Object value : values) {
                    Sql.bind(upsert, index++, value);
                }
            }
            upsert.executeUpdate();
        }
    }

    private static void copy(Connection connection, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        CopyIn copy = connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)");
        try {
            PostgresBinaryRows encoder = new PostgresBinaryRows(BLOCK_BYTES);
            encoder.header();
            for (Object[] row : rows) {
                encoder.row(row);
                if (encoder.size() >= BLOCK_BYTES) {
                    copy.writeToCopy(encoder.bytes(), 0, encoder.size());
                    encoder.clear();
                }
            }
            encoder.trailer();
            copy.writeToCopy(encoder.bytes(), 0, encoder.size());
            copy.endCopy();
        } catch (SQLException e) {
            cancel(copy);
            throw e;
        } catch (IllegalArgumentException e) {
            cancel(copy);
            throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), e);
        }
    }

    private static void cancel(CopyIn copy) throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}

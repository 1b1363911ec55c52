package io.txmon.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN} in CSV: one round trip for a whole chunk instead of one statement per
 * row, which is what makes a million transactions an ingest of seconds rather than minutes. Upserts copy into a
 * temporary table dropped at commit and {@code MERGE} from it in one statement.
 */
final class PostgresCopy implements BulkWriter {
    private static final HexFormat HEX = HexFormat.of();

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

    private static void copy(Connection connection, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        StringBuilder csv = new StringBuilder(rows.size() * 160);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                append(csv, row[i]);
            }
            csv.append('\n');
        }
        try {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT csv)",
                            new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), e);
        }
    }

    /** One CSV field: null unquoted and empty, text always quoted, so that an empty string stays one. */
    private static void append(StringBuilder csv, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String text) {
            csv.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    csv.append('"');
                }
                csv.append(c);
            }
            csv.append('"');
        } else if (value instanceof BigDecimal decimal) {
            csv.append(decimal.toPlainString());
        } else if (value instanceof Instant instant) {
            csv.append(instant);
        } else if (value instanceof byte[] bytes) {
            csv.append("\\x").append(HEX.formatHex(bytes));
        } else if (value instanceof Long || value instanceof Integer || value instanceof Double) {
            csv.append(value);
        } else {
            throw new IllegalArgumentException(
                    "cannot copy a " + value.getClass().getName());
        }
    }
}

package io.txmon.ingest;

import io.txmon.storage.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Small JDBC helpers that keep the SQL the same on PostgreSQL and H2. */
final class Sql {
    /** Ids per {@code IN (...)} query: well under either engine's limit on parameters. */
    static final int IN_LIST_SIZE = 500;

    private Sql() {}

    /** {@code (?, ?, ...)} with {@code n} markers. */
    static String markers(int n) {
        return "(" + String.join(", ", Collections.nCopies(n, "?")) + ")";
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        Jdbc.setInstant(statement, index, instant);
    }

    /**
     * Binds a bulk value ({@code String}, {@code BigDecimal}, {@code Long}, {@code Double}, {@code Instant}, {@code
     * byte[]} or null) the way both drivers take it.
     */
    static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof Instant instant) {
            setInstant(statement, index, instant);
        } else if (value instanceof byte[] bytes) {
            statement.setBytes(index, bytes);
        } else {
            statement.setObject(index, value);
        }
    }

    static Instant getInstant(ResultSet rs, int index) throws SQLException {
        return Jdbc.instant(rs, index);
    }

    static void setNullableString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** {@code values} cut into groups of at most {@link #IN_LIST_SIZE}. */
    static <T> List<List<T>> groups(Collection<T> values) {
        List<T> all = new ArrayList<>(values);
        List<List<T>> groups = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_LIST_SIZE) {
            groups.add(all.subList(from, Math.min(all.size(), from + IN_LIST_SIZE)));
        }
        return groups;
    }
}

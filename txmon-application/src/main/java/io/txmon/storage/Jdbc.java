package io.txmon.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants to and from both drivers, which map {@link OffsetDateTime} in UTC to TIMESTAMP WITH TIME ZONE. For storage's
 * own packages, inside the JDBC code that their public methods wrap (an {@link SQLException} becomes a
 * {@link StorageException} there): nothing outside txmon-application calls it.
 */
public final class Jdbc {
    private Jdbc() {}

    /** The instant in {@code column}, or null. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** Binds {@code instant}, or SQL NULL. */
    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    /** Whether {@code e} says a unique constraint refused a row (SQLSTATE 23505 on both engines). */
    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** Rolls back, keeping quiet about a failure to: the failure that led here is the one to report. */
    public static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The failure that led here is the one reported.
        }
    }

    /** Closes, keeping quiet about a failure to: nothing more can be done with the connection. */
    public static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing more can be done with it.
        }
    }
}

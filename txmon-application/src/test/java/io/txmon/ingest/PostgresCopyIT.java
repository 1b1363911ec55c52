package io.txmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binary COPY against PostgreSQL's own reading of the same values as text. */
class PostgresCopyIT {
    private static final List<String> COLUMNS = List.of("id", "plain", "money", "at", "name", "code", "score", "raw");

    @TempDir
    Path folder;

    @Test
    void copiesEveryValueExactlyAsPostgresqlReadsItsText() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        List<BigDecimal> decimals = new ArrayList<>(List.of(
                BigDecimal.ZERO,
                new BigDecimal("0.000000"),
                new BigDecimal("0.000001"),
                new BigDecimal("-0.5"),
                new BigDecimal("10000"),
                new BigDecimal("1E+7"),
                new BigDecimal("99999999.9999"),
                new BigDecimal("999999999999999.999999"),
                new BigDecimal("-123456789012345678901234567890.123456789"),
                new BigDecimal("18.30")));
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.parse("2000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("1970-01-01T00:00:00.0000005Z"),
                Instant.parse("2026-01-14T15:00:00.0000015Z"),
                Instant.parse("2026-01-14T15:00:00.0000025Z"),
                Instant.parse("2026-01-14T15:00:00.123456789Z"),
                Instant.parse("2999-12-31T23:59:59Z")));
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            decimals.add(BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000L, random.nextInt(7)));
            instants.add(Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000)));
        }
        for (int i = 0; i < decimals.size(); i++) {
            boolean nulls = i % 17 == 3;
            rows.add(new Object[] {
                (long) i,
                decimals.get(i),
                nulls
                        ? null
                        : decimals.get(i)
                                .abs()
                                .setScale(6, java.math.RoundingMode.DOWN)
                                .remainder(new BigDecimal("1000000000000000")),
                instants.get(i % instants.size()),
                nulls ? null : "naïve café ✓ \"quoted\", line\nbreak " + i,
                nulls ? null : "GB",
                nulls ? null : random.nextGaussian(),
                nulls ? null : new byte[] {0, (byte) 0xFF, (byte) i, '\\', ','}
            });
        }
        try (TestDatabase test = TestDatabase.create(DatabaseEngine.POSTGRESQL, folder);
                Connection connection = test.database().connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE copied (id BIGINT PRIMARY KEY, plain NUMERIC, money NUMERIC(21, 6),"
                        + " at TIMESTAMP WITH TIME ZONE, name VARCHAR(200), code CHAR(2), score DOUBLE PRECISION,"
                        + " raw BYTEA)");
            }
            new PostgresCopy().insert(connection, "copied", COLUMNS, rows);
            connection.commit();

            try (PreparedStatement same = connection.prepareStatement("SELECT plain = CAST(? AS NUMERIC),"
                    + " CAST(plain AS TEXT) = CAST(CAST(? AS NUMERIC) AS TEXT),"
                    + " at = CAST(? AS TIMESTAMP WITH TIME ZONE),"
                    + " money IS NOT DISTINCT FROM CAST(? AS NUMERIC(21, 6)), name, code, score, raw"
                    + " FROM copied WHERE id = ?")) {
                for (Object[] row : rows) {
                    BigDecimal plain = (BigDecimal) row[1];
                    same.setString(1, plain.toPlainString());
                    same.setString(2, plain.toPlainString());
                    same.setString(3, row[3].toString());
                    same.setString(4, row[2] == null ? null : ((BigDecimal) row[2]).toPlainString());
                    same.setLong(5, (Long) row[0]);
                    try (ResultSet rs = same.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getBoolean(1)).as("numeric %s", plain).isTrue();
                        assertThat(rs.getBoolean(2))
                                .as("numeric %s keeps its scale", plain)
                                .isTrue();
                        assertThat(rs.getBoolean(3)).as("timestamp %s", row[3]).isTrue();
                        assertThat(rs.getBoolean(4))
                                .as("numeric(21, 6) %s", row[2])
                                .isTrue();
                        assertThat(rs.getString(5)).isEqualTo(row[4]);
                        assertThat(rs.getString(6)).isEqualTo(row[5]);
                        assertThat(rs.getObject(7)).isEqualTo(row[6]);
                        assertThat(rs.getBytes(8)).isEqualTo(row[7]);
                    }
                }
            }
        }
    }

    @Test
    void aValueOfATypeItCannotCopyFailsTheCopyAndNamesTheType() throws SQLException {
        try (TestDatabase test = TestDatabase.create(DatabaseEngine.POSTGRESQL, folder);
                Connection connection = test.database().connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE copied (id BIGINT)");
            }
            assertThatThrownBy(() -> new PostgresCopy()
                            .insert(connection, "copied", List.of("id"), List.<Object[]>of(new Object[] {7})))
                    .isInstanceOf(SQLException.class)
                    .hasMessage("COPY into copied failed: cannot copy a java.lang.Integer");
            assertThat(test.count("SELECT COUNT(*) FROM copied")).isZero();
        }
    }
}

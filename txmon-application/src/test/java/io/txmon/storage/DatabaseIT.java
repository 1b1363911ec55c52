package io.txmon.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseIT {
    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void migratesAFreshDatabaseToEveryTableOfTheSchema(DatabaseEngine engine) throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder);
                Connection connection = test.database().connect()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
            assertThat(tables)
                    .contains(
                            "accounts",
                            "transactions",
                            "decisions",
                            "alerts",
                            "ingestion_runs",
                            "ingestion_state",
                            "ingested_files",
                            "rejected_records",
                            "account_states",
                            "models");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void opensAMigratedDatabaseAgainWithoutChangingIt(DatabaseEngine engine) throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            int migrations = appliedMigrations(test.database());

            Database again = Database.open(test.url());

            assertThat(migrations).isPositive();
            assertThat(appliedMigrations(again)).isEqualTo(migrations);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void commitsOnConnectionsTxmonOpensAreWrittenBeforeTheyReturn(DatabaseEngine engine) throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            String sql = engine == DatabaseEngine.H2
                    ? "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'"
                    : "SHOW synchronous_commit";

            String setting = test.string(sql);

            // PostgreSQL's other values (local, remote_write, remote_apply, on) all flush the WAL locally first.
            assertThat(setting).isEqualTo(engine == DatabaseEngine.H2 ? "0" : "on");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void keepsMoneyExactToTheSixthDecimalAndRefusesANonPositiveAmount(DatabaseEngine engine) throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder);
                Connection connection = test.database().connect()) {
            long run = insertRun(connection);
            BigDecimal amount = new BigDecimal("999999999999999.999999");
            insertTransaction(connection, "t1", amount, run, 1);
            try (Statement statement = connection.createStatement();
                    ResultSet rs =
                            statement.executeQuery("SELECT amount FROM transactions WHERE transaction_id = 't1'")) {
                rs.next();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo(amount);
            }
            assertThatThrownBy(() -> insertTransaction(connection, "t2", BigDecimal.ZERO, run, 2))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> insertTransaction(connection, "t1", BigDecimal.ONE, run, 3))
                    .as("a transaction id is stored once")
                    .isInstanceOf(SQLException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void refusesADecisionWhoseTransactionIsNotStored(DatabaseEngine engine) throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder);
                Connection connection = test.database().connect()) {
            long run = insertRun(connection);
            insertTransaction(connection, "t1", BigDecimal.TEN, run, 1);
            insertDecision(connection, 1);

            assertThatThrownBy(() -> insertDecision(connection, 2))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("23"));
            assertThat(test.count("SELECT COUNT(*) FROM decisions")).isOne();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void neverUpdatesNorDeletesAStoredTransactionOrDecision(DatabaseEngine engine) throws SQLException {
        try (TestDatabase test = TestDatabase.create(engine, folder);
                Connection connection = test.database().connect()) {
            long run = insertRun(connection);
            insertTransaction(connection, "t1", BigDecimal.TEN, run, 1);
            insertDecision(connection, 1);

            List<String> changes = new ArrayList<>(List.of(
                    "UPDATE transactions SET amount = 1 WHERE transaction_id = 't1'",
                    "DELETE FROM transactions",
                    "UPDATE decisions SET recommendation = 'APPROVE'",
                    "DELETE FROM decisions"));
            if (engine == DatabaseEngine.POSTGRESQL) {
                // H2 refuses these too, through its foreign keys, in words of its own.
                changes.addAll(List.of(
                        "TRUNCATE transactions CASCADE", "TRUNCATE decisions CASCADE", "DELETE FROM ingestion_runs"));
            }
            for (String change : changes) {
                try (Statement statement = connection.createStatement()) {
                    assertThatThrownBy(() -> statement.executeUpdate(change))
                            .as(change)
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("never updated or deleted");
                }
            }
            assertThat(test.string("SELECT amount FROM transactions")).startsWith("10");
            assertThat(test.string("SELECT recommendation FROM decisions")).isEqualTo("REVIEW");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void keepsEveryDecisionAndAlertWhenADatabaseOfSchemaVersion3IsMigrated(DatabaseEngine engine) throws SQLException {
        String name = "txmon_test_v3_" + java.util.UUID.randomUUID().toString().replace("-", "");
        String url = engine == DatabaseEngine.H2
                ? TestDatabase.h2Url(folder.resolve("v3"))
                : TestDatabase.createPostgresDatabase(name);
        try {
            String effective = engine == DatabaseEngine.H2 ? Database.withH2Settings(url) : url;
            org.flywaydb.core.Flyway.configure(Database.class.getClassLoader())
                    .dataSource(effective, null, null)
                    .locations("classpath:db/migration")
                    .target("3")
                    .load()
                    .migrate();
            try (Connection connection = java.sql.DriverManager.getConnection(effective);
                    Statement statement = connection.createStatement()) {
                long run = insertRun(connection);
                insertTransaction(connection, "t1", BigDecimal.TEN, run, 41);
                insertTransaction(connection, "t2", BigDecimal.ONE, run, 42);
                statement.executeUpdate("INSERT INTO decisions (transaction_id, risk_score, risk_level, recommendation,"
                        + " reason_codes, rule_set_version, decided_at) VALUES"
                        + " ('t1', 0.9, 'HIGH', 'BLOCK', 'MULE', 'r1', CURRENT_TIMESTAMP),"
                        + " ('t2', 0.1, 'LOW', 'APPROVE', '', 'r1', CURRENT_TIMESTAMP)");
                statement.executeUpdate("INSERT INTO alerts (transaction_id, user_id, status, notes, created_at,"
                        + " updated_at) VALUES ('t1', 'u1', 'IN_REVIEW', 'looks like a mule', CURRENT_TIMESTAMP,"
                        + " CURRENT_TIMESTAMP)");
            }

            Database migrated = Database.open(url);

            try (Connection connection = migrated.connect();
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(
                            "SELECT t.transaction_id, d.recommendation, a.status, a.notes"
                                    + " FROM transactions t JOIN decisions d ON d.sequence_number = t.sequence_number"
                                    + " LEFT JOIN alerts a ON a.sequence_number = d.sequence_number ORDER BY t.sequence_number")) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
                }
                assertThat(rows).containsExactly("t1 BLOCK IN_REVIEW looks like a mule", "t2 APPROVE null null");
            }
        } finally {
            if (engine == DatabaseEngine.POSTGRESQL) {
                TestDatabase.dropPostgresDatabase(name);
            }
        }
    }

    @Test
    void saysWhichDatabaseCannotBeReachedWithoutShowingItsPassword() {
        assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:1/txmon?password=secret&connectTimeout=2"))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("cannot reach the database at jdbc:postgresql://127.0.0.1:1/txmon?password=***")
                .hasMessageNotContaining("secret");
    }

    @Test
    void refusesAUrlOfAnotherEngineNamingTheSupportedOnes() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://127.0.0.1/txmon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("database URL jdbc:mysql://127.0.0.1/txmon is neither PostgreSQL (jdbc:postgresql:...)"
                        + " nor H2 (jdbc:h2:...)");
    }

    private static int appliedMigrations(Database database) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM flyway_schema_history")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static long insertRun(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ingestion_runs (source, started_at, status) VALUES (?, ?, 'RUNNING')",
                new String[] {"run_id"})) {
            insert.setString(1, "test");
            insert.setTimestamp(2, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void insertDecision(Connection connection, long sequence) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO decisions (sequence_number, risk_score,"
                        + " risk_level, recommendation, reason_codes, rule_set_version, decided_at)"
                        + " VALUES (?, 0.7, 'HIGH', 'REVIEW', 'HIGH_AMOUNT', 'test', CURRENT_TIMESTAMP)")) {
            insert.setLong(1, sequence);
            insert.executeUpdate();
        }
    }

    private static void insertTransaction(Connection connection, String id, BigDecimal amount, long run, long sequence)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO transactions (transaction_id, event_time, user_id, amount, currency, type,"
                        + " sequence_number, run_id) VALUES (?, ?, 'u1', ?, 'GBP', 'CARD', ?, ?)")) {
            insert.setString(1, id);
            insert.setTimestamp(2, Timestamp.from(Instant.parse("2026-01-14T15:00:00Z")));
            insert.setBigDecimal(3, amount);
            insert.setLong(4, sequence);
            insert.setLong(5, run);
            insert.executeUpdate();
        }
    }
}

package io.txmon.storage;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A txmon database, PostgreSQL or the embedded H2, migrated to the current schema when opened. One JDBC URL
 * picks it; everything above this class writes SQL that both engines accept.
 */
public final class Database {
    /** The embedded default: a file under {@code ./data}, nothing to install. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/txmon";

    /** H2 settings under which it accepts the PostgreSQL dialect the schema and queries are written in. */
    static final String H2_POSTGRESQL_MODE = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private final String url;
    private final Properties credentials;
    private final DatabaseEngine engine;
    private final DataSource pool;

    private Database(String url, Properties credentials, DatabaseEngine engine, DataSource pool) {
        this.url = url;
        this.credentials = credentials;
        this.engine = engine;
        this.pool = pool;
    }

    /**
     * Connects to the database at {@code url} and applies every schema migration it lacks.
     *
     * @param user the user, or null to take it from the URL (or the engine's default)
     * @param password the password, or null
     * @throws DatabaseUnavailableException if it cannot be reached or migrated, saying why
     */
    public static Database open(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        DatabaseEngine engine = DatabaseEngine.of(url);
        String effectiveUrl = engine == DatabaseEngine.H2 ? withH2Settings(url) : url;
        Properties credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        Database database = new Database(effectiveUrl, credentials, engine, null);
        database.migrate();
        return database;
    }

    /**
     * The database at {@code url}, reached through {@code pool} (a connection pool a long-lived service keeps),
     * migrated like {@link #open(String, String, String)}.
     *
     * @param url the URL the pool connects to: it names the engine, and is what messages show
     */
    public static Database open(DataSource pool, String url) {
        Objects.requireNonNull(pool, "pool");
        DatabaseEngine engine = DatabaseEngine.of(url);
        Database database = new Database(url, new Properties(), engine, pool);
        database.migrate();
        return database;
    }

    /**
     * The URL a pool should connect to for {@code url}: for H2, with the settings txmon's SQL and its promise of
     * durable answers need, where the URL does not set them itself.
     */
    public static String connectionUrl(String url) {
        return DatabaseEngine.of(url) == DatabaseEngine.H2 ? withH2Settings(url) : url;
    }

    /** Opens {@code url} with the credentials it carries, if any. */
    public static Database open(String url) {
        return open(url, null, null);
    }

    /**
     * A new connection, auto-commit on; the caller closes it. For storage's own packages only, whose public methods
     * turn an {@link SQLException} into a {@link StorageException}: nothing outside txmon-application calls it, and none of
     * {@code java.sql} is used outside it.
     */
    public Connection connect() throws SQLException {
        return pool != null ? pool.getConnection() : DriverManager.getConnection(url, credentials);
    }

    /** The engine's name and version as the server reports it, such as {@code PostgreSQL 15.19}. */
    public String serverVersion() {
        try (Connection connection = connect()) {
            DatabaseMetaData meta = connection.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new StorageException("reading the server's version failed: " + e.getMessage(), e);
        }
    }

    /**
     * Brings the planner's statistics up to date ({@code ANALYZE}): after a bulk load into a fresh database, which
     * the planner otherwise takes for tiny until autovacuum comes round.
     */
    public void analyze() {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        } catch (SQLException e) {
            throw new StorageException("ANALYZE failed: " + e.getMessage(), e);
        }
    }

    public DatabaseEngine engine() {
        return engine;
    }

    /** The URL as a user may see it: without a password, should the URL carry one. */
    public String displayUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private void migrate() {
        try (Connection probe = connect()) {
            probe.isValid(5);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(
                    "cannot reach the database at " + displayUrl() + ": " + e.getMessage(), e);
        }
        try {
            var configuration = Flyway.configure(Database.class.getClassLoader());
            if (pool != null) {
                configuration.dataSource(pool);
            } else {
                configuration.dataSource(url, credentials.getProperty("user"), credentials.getProperty("password"));
            }
            configuration
                    .loggers(flywayLoggers())
                    // Shared migrations, then the few that say the same thing in each engine's own way.
                    .locations(
                            "classpath:db/migration",
                            "classpath:db/" + engine.name().toLowerCase(Locale.ROOT))
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new DatabaseUnavailableException(
                    "cannot bring the database at " + displayUrl() + " to txmon's schema: " + e.getMessage(), e);
        }
    }

    /**
     * SLF4J where it is on the class path, else Flyway's own choice. Flyway prefers Log4j 2 when it finds it, and the
     * command line carries Log4j 2 only because the Kafka broker needs it: its logging goes through SLF4J to
     * java.util.logging and its log file (CommandLogging), as the service's goes through SLF4J to Logback.
     */
    private static String flywayLoggers() {
        try {
            Class.forName("org.slf4j.LoggerFactory", false, Database.class.getClassLoader());
            return "slf4j";
        } catch (ClassNotFoundException e) {
            return "auto";
        }
    }

    /**
     * H2's page cache, in KB, unless the URL sets one: its default of 16 MB made a million stored transactions
     * spend a fifth of their analytics refresh re-reading pages.
     */
    static final String H2_CACHE = "CACHE_SIZE=262144";

    /**
     * How long H2 waits for a row lock, in ms, unless the URL says: payments between the same accounts wait their
     * turn behind each other's row locks, as on PostgreSQL, rather than failing after H2's default of one second.
     */
    static final String H2_LOCK_TIMEOUT = "LOCK_TIMEOUT=10000";

    /**
     * H2 writes each commit to its file before the commit returns, unless the URL says otherwise. H2's default
     * (500 ms) keeps commits in memory for up to that long and writes them from a background thread: a process
     * killed meanwhile lost decisions and payments it had already answered (issue 11). With 0, H2 2.4's
     * {@code TransactionStore.endTransaction} stores the MVStore synchronously on every commit; it does not fsync,
     * so the write survives the process but not necessarily the machine (docs/service.md, "Durability").
     */
    static final String H2_WRITE_DELAY = "WRITE_DELAY=0";

    /** The settings txmon adds to an H2 URL, each only where the URL does not set it itself. */
    private static final List<String> H2_SETTINGS =
            List.of(H2_POSTGRESQL_MODE, H2_CACHE, H2_LOCK_TIMEOUT, H2_WRITE_DELAY);

    /** {@code url} with every setting of {@link #H2_SETTINGS} the user did not set (by the name before its "="). */
    static String withH2Settings(String url) {
        String upper = url.toUpperCase(Locale.ROOT);
        StringBuilder effective = new StringBuilder(url);
        for (String setting : H2_SETTINGS) {
            String name = setting.substring(0, setting.indexOf('=') + 1);
            if (!upper.contains(";" + name)) {
                effective.append(';').append(setting);
            }
        }
        return effective.toString();
    }
}

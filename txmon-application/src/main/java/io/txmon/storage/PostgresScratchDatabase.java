package io.txmon.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A PostgreSQL database of its own, created on a server for one run (a benchmark, a load test) and dropped when
 * closed, whatever is still connected to it.
 */
public final class PostgresScratchDatabase implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final String server;
    private final String user;
    private final String name;

    private PostgresScratchDatabase(String server, String user, String name) {
        this.server = server;
        this.user = user;
        this.name = name;
    }

    /**
     * Creates database {@code name} on the server at {@code serverUrl} (such as {@code
     * jdbc:postgresql://127.0.0.1:5432/}), connecting as {@code user} without a password.
     *
     * @throws StorageException when the server cannot be reached or refuses
     */
    public static PostgresScratchDatabase create(String serverUrl, String user, String name) {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(user, "user");
        if (!NAME.matcher(name).matches()) {
            // The name is spliced into DDL, which takes no parameters.
            throw new IllegalArgumentException("a scratch database's name is [a-z][a-z0-9_]*, was '" + name + "'");
        }
        PostgresScratchDatabase scratch = new PostgresScratchDatabase(serverUrl, user, name);
        scratch.execute("CREATE DATABASE " + name);
        return scratch;
    }

    /** The JDBC URL of the scratch database, with its user. */
    public String url() {
        return server + name + "?user=" + user;
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(server + "postgres", user, null);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new StorageException(sql + " on " + server + " failed: " + e.getMessage(), e);
        }
    }
}

package io.txmon.cli;

import io.txmon.storage.Database;
import picocli.CommandLine.Option;

/** The {@code --db} option of commands that use the database: a JDBC URL, else TXMON_DB_URL, else ./data. */
final class DatabaseOption {
    @Option(
            names = "--db",
            paramLabel = "URL",
            description = "JDBC URL of the database (default: $TXMON_DB_URL, else " + Database.DEFAULT_URL + ").")
    String url;

    Database open() {
        String chosen = url != null ? url : System.getenv().getOrDefault("TXMON_DB_URL", Database.DEFAULT_URL);
        return Database.open(chosen);
    }
}

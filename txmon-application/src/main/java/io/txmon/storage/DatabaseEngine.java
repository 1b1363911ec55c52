package io.txmon.storage;

/** The database engines txmon runs on, told apart by their JDBC URL. */
public enum DatabaseEngine {
    POSTGRESQL,
    H2;

    /**
     * The engine a JDBC URL names.
     *
     * @throws IllegalArgumentException for a URL of another engine, naming what is supported
     */
    public static DatabaseEngine of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("database URL " + jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***")
                + " is neither PostgreSQL (jdbc:postgresql:...) nor H2 (jdbc:h2:...)");
    }
}

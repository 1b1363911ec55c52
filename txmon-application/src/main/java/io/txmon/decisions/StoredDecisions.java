package io.txmon.decisions;

import io.txmon.storage.Database;
import io.txmon.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Consumer;

/** The decisions a database holds, read back in the order they were made. */
public final class StoredDecisions {
    /** Rows fetched per round trip: the whole history is streamed, never held. */
    private static final int FETCH_SIZE = 10_000;

    private final Database database;

    public StoredDecisions(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * Hands every stored decision to {@code each}, in sequence order.
     *
     * @throws StorageException when the database fails
     */
    public void forEach(Consumer<StoredDecision> each) {
        try (Connection connection = database.connect()) {
            // PostgreSQL streams with a fetch size only inside a transaction.
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("SELECT " + DecisionColumns.SELECTED + " FROM "
                    + DecisionColumns.JOIN + " ORDER BY t.sequence_number")) {
                select.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        each.accept(DecisionColumns.read(rs, 1));
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new StorageException("reading the stored decisions failed: " + e.getMessage(), e);
        }
    }
}

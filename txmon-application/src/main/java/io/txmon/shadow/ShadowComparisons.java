package io.txmon.shadow;

import io.txmon.storage.Database;
import io.txmon.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The comparison's one query: each challenger decision joined with the champion's decision on the same transaction
 * and that transaction's latest label, counted in one pass.
 */
final class ShadowComparisons {
    private static final String FLAGGED = "d.recommendation <> 'APPROVE'";
    private static final String SHADOW_FLAGGED = "s.recommendation <> 'APPROVE'";

    private static final String QUERY = "SELECT COUNT(*),"
            + count("(" + FLAGGED + ") = (" + SHADOW_FLAGGED + ")") + ","
            + count("d.recommendation = s.recommendation") + ","
            + count(FLAGGED) + ","
            + count(SHADOW_FLAGGED) + ","
            + count("l.suspicious IS NOT NULL") + ","
            + count(FLAGGED + " AND l.suspicious IS NOT NULL") + ","
            + count(FLAGGED + " AND l.suspicious") + ","
            + count(SHADOW_FLAGGED + " AND l.suspicious IS NOT NULL") + ","
            + count(SHADOW_FLAGGED + " AND l.suspicious")
            + " FROM shadow_decisions s"
            + " JOIN decisions d ON d.sequence_number = s.sequence_number"
            + " JOIN transactions t ON t.sequence_number = s.sequence_number"
            + " LEFT JOIN labels l ON l.transaction_id = t.transaction_id AND l.label_id ="
            + " (SELECT MAX(latest.label_id) FROM labels latest WHERE latest.transaction_id = t.transaction_id)"
            + " WHERE s.challenger_id = ?";

    private final Database database;

    ShadowComparisons(Database database) {
        this.database = database;
    }

    ShadowComparison compare(Challenger challenger) {
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement(QUERY)) {
            select.setLong(1, challenger.id());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                long decided = rs.getLong(1);
                ShadowComparison.Agreement agreement = new ShadowComparison.Agreement(
                        rs.getLong(2),
                        ShadowComparison.share(rs.getLong(2), decided),
                        rs.getLong(3),
                        ShadowComparison.share(rs.getLong(3), decided));
                ShadowComparison.Side champion =
                        ShadowComparison.Side.of(rs.getLong(4), decided, rs.getLong(7), rs.getLong(8));
                ShadowComparison.Side shadow =
                        ShadowComparison.Side.of(rs.getLong(5), decided, rs.getLong(9), rs.getLong(10));
                return new ShadowComparison(challenger, decided, agreement, champion, shadow, rs.getLong(6));
            }
        } catch (SQLException e) {
            throw new StorageException("could not compare challenger " + challenger.id() + " with the champion", e);
        }
    }

    private static String count(String condition) {
        return " COALESCE(SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END), 0)";
    }
}

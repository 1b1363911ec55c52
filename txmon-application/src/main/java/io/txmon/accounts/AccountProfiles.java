package io.txmon.accounts;

import io.txmon.decisions.DecisionColumns;
import io.txmon.decisions.StoredDecision;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import io.txmon.storage.Database;
import io.txmon.storage.Jdbc;
import io.txmon.storage.StorageException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads an account's profile: what the {@code accounts} table knows, its activity, and its latest decisions. */
public final class AccountProfiles {
    /**
     * An account.
     *
     * @param riskScore the risk of its latest decision (the accounts' {@code risk_score}, docs/storage.md)
     * @param transactions how many stored transactions it paid or received
     */
    public record AccountProfile(
            String userId,
            Instant openedAt,
            String accountType,
            String country,
            String city,
            BigDecimal openingBalance,
            BigDecimal riskScore,
            Instant riskUpdatedAt,
            long transactions,
            Instant firstSeen,
            Instant lastSeen,
            List<RecentDecision> recentDecisions) {

        public AccountProfile {
            recentDecisions = List.copyOf(recentDecisions);
        }
    }

    /** One of the account's latest transactions with the decision on it. */
    public record RecentDecision(
            String transactionId,
            Instant timestamp,
            BigDecimal amount,
            String currency,
            String type,
            BigDecimal riskScore,
            RiskLevel riskLevel,
            Recommendation recommendation,
            List<String> reasonCodes) {

        public RecentDecision {
            reasonCodes = List.copyOf(reasonCodes);
        }
    }

    private final Database database;

    public AccountProfiles(Database database) {
        this.database = database;
    }

    /** The account {@code userId} with its latest {@code recent} decisions, if txmon knows it. */
    public Optional<AccountProfile> profile(String userId, int recent) {
        try {
            try (Connection connection = database.connect()) {
                long count;
                Instant first;
                Instant last;
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT COUNT(*), MIN(event_time), MAX(event_time) FROM transactions WHERE user_id = ?")) {
                    select.setString(1, userId);
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        count = rs.getLong(1);
                        first = Jdbc.instant(rs, 2);
                        last = Jdbc.instant(rs, 3);
                    }
                }
                try (PreparedStatement select = connection.prepareStatement("SELECT opened_at, account_type, country,"
                        + " city, opening_balance, risk_score, risk_updated_at FROM accounts WHERE user_id = ?")) {
                    select.setString(1, userId);
                    try (ResultSet rs = select.executeQuery()) {
                        boolean known = rs.next();
                        if (!known && count == 0) {
                            return Optional.empty();
                        }
                        return Optional.of(new AccountProfile(
                                userId,
                                known ? Jdbc.instant(rs, 1) : null,
                                known ? rs.getString(2) : null,
                                known ? rs.getString(3) : null,
                                known ? rs.getString(4) : null,
                                known ? rs.getBigDecimal(5) : null,
                                known ? rs.getBigDecimal(6) : BigDecimal.ZERO.setScale(4),
                                known ? Jdbc.instant(rs, 7) : null,
                                count,
                                first,
                                last,
                                recent(connection, userId, recent)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new StorageException("could not read account " + userId, e);
        }
    }

    private static List<RecentDecision> recent(Connection connection, String userId, int limit) throws SQLException {
        List<RecentDecision> decisions = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT t.event_time, t.amount, t.currency, t.type, " + DecisionColumns.SELECTED + " FROM "
                        + DecisionColumns.JOIN + " WHERE t.user_id = ? ORDER BY t.sequence_number DESC LIMIT ?")) {
            select.setString(1, userId);
            select.setInt(2, Math.max(0, limit));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    StoredDecision decision = DecisionColumns.read(rs, 5);
                    decisions.add(new RecentDecision(
                            decision.transactionId(),
                            Jdbc.instant(rs, 1),
                            rs.getBigDecimal(2),
                            rs.getString(3).strip(),
                            rs.getString(4),
                            decision.riskScore(),
                            decision.riskLevel(),
                            decision.recommendation(),
                            decision.reasonCodes()));
                }
            }
        }
        return decisions;
    }
}

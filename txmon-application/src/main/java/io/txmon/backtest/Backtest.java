package io.txmon.backtest;

import io.txmon.features.InMemoryAccountStates;
import io.txmon.model.AnomalyModel;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.TransactionScorer;
import io.txmon.storage.Database;
import io.txmon.storage.StorageException;
import io.txmon.storage.StoredHistory;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Replays stored history through two rule sets, the active one and a candidate, each from fresh account states, and
 * reports for the transactions of a window what each would have flagged, by reason code, and how its flags agree
 * with what analysts found: reviewed alerts closed as true or false positives.
 *
 * <p>Both replays see every stored transaction up to the window's end, in the stored order, so that the states
 * within the window are those the scoring saw; only decisions inside the window are counted. Nothing is stored.
 */
public final class Backtest {
    /** Most stored transactions one backtest replays. */
    public static final int MAX_TRANSACTIONS = 2_000_000;

    /** What one rule set would have done in the window. */
    public record Outcome(
            String ruleSetVersion,
            String ruleSetName,
            long flagged,
            long blocked,
            Map<String, Long> flaggedByReason,
            long reviewedTruePositivesFlagged,
            long reviewedFalsePositivesFlagged,
            Double precision,
            Double recall) {

        public Outcome {
            flaggedByReason = Map.copyOf(flaggedByReason);
        }
    }

    /**
     * The report.
     *
     * @param transactions decided in the window
     * @param reviewedTruePositives transactions in the window whose alert analysts closed as true positives
     * @param reviewedFalsePositives those closed as false positives
     */
    public record Report(
            Instant from,
            Instant to,
            long transactions,
            long reviewedTruePositives,
            long reviewedFalsePositives,
            Outcome active,
            Outcome candidate) {}

    private final Database database;

    public Backtest(Database database) {
        this.database = database;
    }

    /**
     * Runs both rule sets, with {@code model} (or none) alongside, over the stored history up to {@code to}.
     *
     * @throws IllegalArgumentException when that history holds more than {@link #MAX_TRANSACTIONS}
     */
    public Report run(RuleSet active, RuleSet candidate, Optional<AnomalyModel> model, Instant from, Instant to) {
        StoredHistory history = new StoredHistory(database);
        List<Transaction> replay = history.between(Optional.empty(), Optional.of(to));
        if (replay.size() > MAX_TRANSACTIONS) {
            throw new IllegalArgumentException("the history up to " + to + " holds " + replay.size()
                    + " transactions; a backtest replays at most " + MAX_TRANSACTIONS + ": choose an earlier 'to'");
        }
        Map<String, Account> accounts = history.accounts();
        Map<String, Boolean> labels = reviewedLabels();
        Tally activeTally = new Tally(active, model, accounts);
        Tally candidateTally = new Tally(candidate, model, accounts);
        long inWindow = 0;
        long truePositives = 0;
        long falsePositives = 0;
        for (Transaction tx : replay) {
            boolean counted = !tx.timestamp().isBefore(from) && tx.timestamp().isBefore(to);
            Boolean label = counted ? labels.get(tx.transactionId()) : null;
            activeTally.decide(tx, counted, label);
            candidateTally.decide(tx, counted, label);
            if (counted) {
                inWindow++;
                truePositives += Boolean.TRUE.equals(label) ? 1 : 0;
                falsePositives += Boolean.FALSE.equals(label) ? 1 : 0;
            }
        }
        return new Report(
                from,
                to,
                inWindow,
                truePositives,
                falsePositives,
                activeTally.outcome(truePositives),
                candidateTally.outcome(truePositives));
    }

    /** Transaction id to true (true positive) or false (false positive), for every alert closed with a label. */
    private Map<String, Boolean> reviewedLabels() {
        Map<String, Boolean> labels = new HashMap<>();
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement("SELECT t.transaction_id, a.label FROM alerts a"
                        + " JOIN transactions t ON t.sequence_number = a.sequence_number WHERE a.label IS NOT NULL");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                labels.put(rs.getString(1), "TRUE_POSITIVE".equals(rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new StorageException("could not read the reviewed alerts' labels", e);
        }
        return labels;
    }

    /** One rule set's replay and counts. */
    private static final class Tally {
        private final RuleSet rules;
        private final TransactionScorer scorer;
        private final Map<String, Long> byReason = new TreeMap<>();
        private long flagged;
        private long blocked;
        private long truePositivesFlagged;
        private long falsePositivesFlagged;

        Tally(RuleSet rules, Optional<AnomalyModel> model, Map<String, Account> accounts) {
            this.rules = rules;
            this.scorer = new TransactionScorer(
                    rules, model, new InMemoryAccountStates(id -> accounts.getOrDefault(id, Account.unknown(id))));
        }

        void decide(Transaction tx, boolean counted, Boolean label) {
            Decision decision = scorer.score(tx);
            if (!counted || decision.recommendation() == Recommendation.APPROVE) {
                return;
            }
            flagged++;
            blocked += decision.recommendation() == Recommendation.BLOCK ? 1 : 0;
            decision.reasonCodes().forEach(code -> byReason.merge(code, 1L, Long::sum));
            truePositivesFlagged += Boolean.TRUE.equals(label) ? 1 : 0;
            falsePositivesFlagged += Boolean.FALSE.equals(label) ? 1 : 0;
        }

        Outcome outcome(long reviewedTruePositives) {
            long reviewedFlagged = truePositivesFlagged + falsePositivesFlagged;
            return new Outcome(
                    rules.version(),
                    rules.name(),
                    flagged,
                    blocked,
                    byReason,
                    truePositivesFlagged,
                    falsePositivesFlagged,
                    reviewedFlagged == 0 ? null : (double) truePositivesFlagged / reviewedFlagged,
                    reviewedTruePositives == 0 ? null : (double) truePositivesFlagged / reviewedTruePositives);
        }
    }
}

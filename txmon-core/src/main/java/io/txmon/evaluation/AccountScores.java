package io.txmon.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rolls transaction decisions up to the accounts that took part in them, for data sets whose truth is per
 * account (AMLSim's SAR flags). An account's score is the highest risk score of the transactions it took
 * part in, as payer ({@code user_id}) or as receiver ({@code counterparty_id}): an analyst who reviews the
 * account sees its riskiest movement. It is flagged when any of those transactions was flagged, with the
 * reason codes of those flagged transactions.
 *
 * <p>Accumulates as decisions arrive, holding one small entry per account; not thread-safe.
 */
public final class AccountScores {
    private final Map<String, Entry> accounts = new HashMap<>();

    /**
     * Adds one decided transaction to the accounts that took part in it.
     *
     * @param userId the payer, card holder, depositor or withdrawer
     * @param counterpartyId the receiver, when there is one
     * @param riskScore the decision's risk score
     * @param flagged whether the decision asked for review or a block
     * @param reasonCodes the decision's reason codes
     */
    public void add(
            String userId,
            Optional<String> counterpartyId,
            double riskScore,
            boolean flagged,
            List<String> reasonCodes) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(reasonCodes, "reasonCodes");
        if (Double.isNaN(riskScore)) {
            throw new IllegalArgumentException("riskScore is NaN for a transaction of " + userId);
        }
        entry(userId).add(riskScore, flagged, reasonCodes);
        counterpartyId.filter(receiver -> !receiver.equals(userId)).ifPresent(receiver -> entry(receiver)
                .add(riskScore, flagged, reasonCodes));
    }

    /** How many distinct accounts took part in the transactions added so far. */
    public int accounts() {
        return accounts.size();
    }

    /**
     * Compares the account scores with the labels at an alert budget of accounts.
     *
     * @param labels one label per account; a repeated account keeps its first label
     * @param budget the share of labelled accounts analysts can review, in (0, 1]
     */
    public AccountDetectionReport evaluate(Collection<AccountLabel> labels, double budget) {
        List<Outcome> outcomes = new ArrayList<>(labels.size());
        Set<String> labelled = new HashSet<>();
        long withoutTransactions = 0;
        for (AccountLabel label : labels) {
            if (!labelled.add(label.userId())) {
                continue;
            }
            Entry entry = accounts.get(label.userId());
            if (entry == null) {
                withoutTransactions++;
                outcomes.add(new Outcome(0, false, List.of(), label.suspicious(), Optional.empty()));
            } else {
                outcomes.add(new Outcome(
                        entry.maxScore,
                        entry.flagged,
                        List.copyOf(entry.reasons),
                        label.suspicious(),
                        Optional.empty()));
            }
        }
        long unlabelled = accounts.keySet().stream()
                .filter(account -> !labelled.contains(account))
                .count();
        DetectionReport report = Evaluation.of(outcomes, budget);
        return new AccountDetectionReport(
                report.transactions(),
                report.suspicious(),
                withoutTransactions,
                unlabelled,
                report.rocAuc(),
                report.prAuc(),
                report.budget(),
                report.atBudget(),
                report.flagged(),
                report.reasons());
    }

    private Entry entry(String account) {
        return accounts.computeIfAbsent(account, a -> new Entry());
    }

    /** What one account's transactions add up to. */
    private static final class Entry {
        private double maxScore = Double.NEGATIVE_INFINITY;
        private boolean flagged;
        // Most accounts are never flagged, so they share the empty set until they are.
        private Set<String> reasons = Set.of();

        void add(double riskScore, boolean flaggedTransaction, List<String> reasonCodes) {
            maxScore = Math.max(maxScore, riskScore);
            if (flaggedTransaction) {
                if (!flagged) {
                    reasons = new TreeSet<>();
                    flagged = true;
                }
                reasons.addAll(reasonCodes);
            }
        }
    }
}

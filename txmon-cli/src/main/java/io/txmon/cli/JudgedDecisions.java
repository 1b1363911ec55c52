package io.txmon.cli;

import io.txmon.evaluation.Label;
import io.txmon.evaluation.Outcome;
import io.txmon.formats.DecisionFiles;
import io.txmon.formats.LabelFiles;
import io.txmon.formats.RecordedDecision;
import io.txmon.formats.TransactionFiles;
import io.txmon.scoring.Recommendation;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decisions next to the truth about their transactions, read as {@code evaluate} and {@code model-report} both judge
 * them: a labels file, the decisions, and, when given, the decided transactions for when each happened (so that
 * {@code --from} can leave out the decisions before an instant). What is left out is said on stderr, never dropped
 * silently.
 *
 * @param outcomes each judged decision next to its label, in the decisions file's order
 * @param first the earliest judged transaction's time, when the transactions were given
 * @param last the latest judged transaction's time, likewise
 */
record JudgedDecisions(List<Outcome> outcomes, Optional<Instant> first, Optional<Instant> last) {
    /** Transactions are read only for who took part in them and when; the currency plays no role. */
    private static final Currency ANY_CURRENCY = Currency.getInstance("USD");

    JudgedDecisions {
        outcomes = List.copyOf(outcomes);
    }

    /**
     * Reads and judges the decisions that have a label.
     *
     * @param transactions the decided transactions, or null; needed with {@code from}
     * @param from judge only the decisions of transactions at or after this instant, or null for all
     * @throws IllegalArgumentException when no decision has a label
     */
    static JudgedDecisions read(Path decisions, Path labels, Path transactions, Instant from, PrintWriter err) {
        InputFiles inputs = new InputFiles(err, null);
        Map<String, Label> truthByTransaction = new HashMap<>();
        LabelFiles.read(
                labels,
                parsed -> truthByTransaction.putIfAbsent(parsed.value().transactionId(), parsed.value()),
                inputs::reject);
        Map<String, Participants> times = participants(transactions, inputs);
        List<Outcome> outcomes = new ArrayList<>();
        long[] unlabelled = {0};
        long[] before = {0};
        Instant[] span = {null, null};
        DecisionFiles.read(
                decisions,
                parsed -> {
                    RecordedDecision d = parsed.value();
                    Participants who = times.get(d.transactionId());
                    if (from != null && (who == null || !judged(who, from))) {
                        before[0]++;
                        return;
                    }
                    Label label = truthByTransaction.get(d.transactionId());
                    if (label == null) {
                        unlabelled[0]++;
                        return;
                    }
                    outcomes.add(new Outcome(
                            d.riskScore(),
                            d.recommendation() != Recommendation.APPROVE,
                            d.reasonCodes(),
                            label.suspicious(),
                            label.typology()));
                    if (who != null) {
                        span[0] = span[0] == null || who.at().isBefore(span[0]) ? who.at() : span[0];
                        span[1] = span[1] == null || who.at().isAfter(span[1]) ? who.at() : span[1];
                    }
                },
                inputs::reject);
        inputs.close();
        if (unlabelled[0] > 0) {
            err.printf("%,d decisions have no label and are left out%n", unlabelled[0]);
        }
        if (before[0] > 0) {
            err.printf(
                    "%,d decisions are of transactions before %s (or not in %s) and are left out%n",
                    before[0], from, transactions);
        }
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("no decision in " + decisions + " has a label in " + labels);
        }
        return new JudgedDecisions(outcomes, Optional.ofNullable(span[0]), Optional.ofNullable(span[1]));
    }

    /** The transactions' participants and times, when a transactions file is given; else empty. */
    static Map<String, Participants> participants(Path transactions, InputFiles inputs) {
        Map<String, Participants> participants = new HashMap<>();
        if (transactions != null) {
            TransactionFiles.read(
                    transactions,
                    new TransactionParser(ANY_CURRENCY),
                    parsed -> {
                        Transaction tx = parsed.value();
                        participants.putIfAbsent(
                                tx.transactionId(),
                                new Participants(
                                        tx.userId(), Optional.ofNullable(tx.counterpartyId()), tx.timestamp()));
                    },
                    inputs::reject);
        }
        return participants;
    }

    /** Whether a decision of {@code who}'s transaction is judged: all are, unless {@code from} leaves earlier out. */
    static boolean judged(Participants who, Instant from) {
        return from == null || !who.at().isBefore(from);
    }

    /**
     * Who took part in a transaction, and when.
     *
     * @param userId the payer, card holder, depositor or withdrawer
     * @param counterpartyId the receiver, when there is one
     * @param at when it happened
     */
    record Participants(String userId, Optional<String> counterpartyId, Instant at) {}
}

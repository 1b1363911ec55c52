package io.txmon.learning;

import io.txmon.evaluation.Label;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.features.InMemoryEntityStates;
import io.txmon.labels.KnownOutcomes;
import io.txmon.labels.LabelTimeline;
import io.txmon.model.AnomalyModel;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.TransactionScorer;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rows retraining learns from: history replayed as the decisions lived it, each transaction decided from what came
 * before it (and from the outcomes known strictly before its event time, as {@link LabelledReplay} does), its features
 * kept as its decision saw them (with the anomaly score and the places among the population the decision writes),
 * then labelled with its outcome as known at {@code asOf} when one was known by then. Labels learned after {@code
 * asOf} are cut off before anything reads them, and transactions after it are not replayed.
 */
final class LabelledHistory {
    private LabelledHistory() {}

    /**
     * Rows in event-time order.
     *
     * @param features one {@code float[Feature.COUNT]} per row
     * @param positive whether each row's transaction was known as fraud at {@code asOf}
     * @param times each row's event time
     */
    record Rows(List<float[]> features, boolean[] positive, List<Instant> times) {
        Rows {
            features = List.copyOf(features);
            times = List.copyOf(times);
            if (positive.length != features.size() || times.size() != features.size()) {
                throw new IllegalArgumentException("one label and one time per row: " + features.size() + " rows, "
                        + positive.length + " labels, " + times.size() + " times");
            }
        }

        int size() {
            return features.size();
        }

        int positives(int from, int to) {
            int count = 0;
            for (int i = from; i < to; i++) {
                count += positive[i] ? 1 : 0;
            }
            return count;
        }
    }

    /**
     * Replays {@code transactions} (in the order they were stored; sorted here by event time, ties kept in that
     * order) up to {@code asOf}, decided with {@code rules} and {@code anomalyModel} as the supervised model will
     * decide beside them, learning the outcomes of {@code labels} known by {@code asOf}.
     */
    static Rows replay(
            List<Transaction> transactions,
            Function<String, Account> directory,
            RuleSet rules,
            Optional<AnomalyModel> anomalyModel,
            LabelTimeline labels,
            Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        LabelTimeline known = labels.knownBy(asOf);
        List<Transaction> ordered = transactions.stream()
                .filter(tx -> !tx.timestamp().isAfter(asOf))
                .sorted(Comparator.comparing(Transaction::timestamp))
                .toList();
        // Decided, not only tracked: the decision writes inputs the supervised model reads (anomaly_score, the
        // *_population_pct features), which a batch replay (LabelledReplay) trains with too.
        TransactionScorer scorer = new TransactionScorer(
                rules, anomalyModel, new InMemoryAccountStates(directory), new InMemoryEntityStates());
        KnownOutcomes outcomes = new KnownOutcomes(known);
        Map<String, Transaction> seen = new HashMap<>(ordered.size() * 2);
        List<float[]> rows = new ArrayList<>();
        List<Boolean> positive = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (Transaction tx : ordered) {
            // Outcomes known strictly before the transaction, as a decision at its event time would have had them.
            outcomes.learnUpTo(tx.timestamp().minusNanos(1), (id, delta) -> {
                Transaction earlier = seen.get(id);
                if (earlier != null) {
                    scorer.learnOutcome(earlier, delta);
                }
            });
            scorer.score(tx);
            seen.put(tx.transactionId(), tx);
            Optional<Label> label = known.labelAt(tx.transactionId(), tx.timestamp(), asOf);
            if (label.isPresent()) {
                rows.add(toFloats(scorer.lastFeatures()));
                positive.add(label.get().suspicious());
                times.add(tx.timestamp());
            }
        }
        boolean[] labelled = new boolean[positive.size()];
        for (int i = 0; i < labelled.length; i++) {
            labelled[i] = positive.get(i);
        }
        return new Rows(rows, labelled, times);
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}

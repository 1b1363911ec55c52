package io.txmon.learning;

import io.txmon.boosting.SupervisedModel;
import io.txmon.evaluation.Label;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.features.InMemoryEntityStates;
import io.txmon.labels.KnownOutcomes;
import io.txmon.labels.LabelTimeline;
import io.txmon.model.AnomalyModel;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.TransactionScorer;
import io.txmon.training.boosting.TooFewPositivesException;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Replays history as production would have lived it with labels arriving late (docs/supervised-model.md, "Replay"):
 * every transaction in event-time order, each decided with only what was known at its event time. Outcomes known by
 * then feed the entity states; at the first training instant, and every {@code retrainEvery} of event time after, the
 * supervised model is trained on every earlier transaction whose outcome was known by that instant, with the
 * features its decision saw, and decides what follows.
 *
 * <p>Nothing here reads a label before the timeline says it was known, so replaying with every label and with only
 * those known by some instant T gives the same decisions for every transaction before T: the property {@code
 * LabelledReplayTest} pins.
 */
public final class LabelledReplay {
    /** How often the replay retrains by default, as a nightly job trained weekly would. */
    public static final Duration DEFAULT_RETRAIN_EVERY = Duration.ofDays(7);

    private final RuleSet rules;
    private final Optional<AnomalyModel> anomalyModel;
    private final Function<String, Account> directory;
    private final LabelTimeline labels;
    private final Instant firstTraining;
    private final Duration retrainEvery;
    private final SupervisedTraining training;
    private final Consumer<String> progress;

    /**
     * @param firstTraining when the supervised model is first trained; transactions before it are decided without
     * @param retrainEvery event time between trainings
     */
    public LabelledReplay(
            RuleSet rules,
            Optional<AnomalyModel> anomalyModel,
            Function<String, Account> directory,
            LabelTimeline labels,
            Instant firstTraining,
            Duration retrainEvery,
            SupervisedTraining training,
            Consumer<String> progress) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.anomalyModel = Objects.requireNonNull(anomalyModel, "anomalyModel");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.firstTraining = Objects.requireNonNull(firstTraining, "firstTraining");
        if (retrainEvery.isNegative() || retrainEvery.isZero()) {
            throw new IllegalArgumentException("retrain-every must be positive, was " + retrainEvery);
        }
        this.retrainEvery = retrainEvery;
        this.training = Objects.requireNonNull(training, "training");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** One training of the replay: when, on what, and the model it made, if it could make one. */
    public record Training(Instant at, int rows, int positives, Optional<SupervisedModel> model, String outcome) {}

    /**
     * Decides every transaction, in the order given (event-time order), handing each decision on.
     *
     * @return the trainings, in order
     */
    public List<Training> run(List<Transaction> ordered, Consumer<Decision> decisions) {
        TransactionScorer scorer = new TransactionScorer(
                rules, anomalyModel, new InMemoryAccountStates(directory), new InMemoryEntityStates());
        Map<String, Integer> indexOf = new HashMap<>(ordered.size() * 2);
        List<float[]> seen = new ArrayList<>(ordered.size());
        KnownOutcomes outcomes = new KnownOutcomes(labels);
        List<Training> trainings = new ArrayList<>();
        Instant nextTraining = firstTraining;
        for (int i = 0; i < ordered.size(); i++) {
            Transaction tx = ordered.get(i);
            Instant at = tx.timestamp();
            while (!at.isBefore(nextTraining)) {
                Training trained = train(ordered, seen, nextTraining);
                trainings.add(trained);
                if (trained.model().isPresent()) {
                    scorer.useSupervised(trained.model());
                }
                nextTraining = nextTraining.plus(retrainEvery);
            }
            // Outcomes known strictly before the transaction: one learned at the very instant it happened is the
            // transaction's own at the earliest, and it is counted once the transaction has been.
            int scoredSoFar = i;
            outcomes.learnUpTo(at.minusNanos(1), (id, delta) -> {
                Integer index = indexOf.get(id);
                if (index != null && index < scoredSoFar) {
                    scorer.learnOutcome(ordered.get(index), delta);
                }
            });
            decisions.accept(scorer.score(tx));
            indexOf.put(tx.transactionId(), i);
            seen.add(toFloats(scorer.lastFeatures()));
        }
        return trainings;
    }

    private Training train(List<Transaction> ordered, List<float[]> seen, Instant at) {
        List<float[]> rows = new ArrayList<>();
        List<Boolean> positive = new ArrayList<>();
        for (int j = 0; j < seen.size(); j++) {
            Transaction tx = ordered.get(j);
            Optional<Label> known = labels.labelAt(tx.transactionId(), tx.timestamp(), at);
            if (known.isPresent()) {
                rows.add(seen.get(j));
                positive.add(known.get().suspicious());
            }
        }
        int positives = (int) positive.stream().filter(p -> p).count();
        if (rows.isEmpty()) {
            progress.accept(String.format("%s: no transaction's outcome is known yet; no supervised model", at));
            return new Training(at, 0, 0, Optional.empty(), "no known outcomes");
        }
        boolean[] labelled = new boolean[positive.size()];
        for (int r = 0; r < labelled.length; r++) {
            labelled[r] = positive.get(r);
        }
        long started = System.nanoTime();
        try {
            SupervisedTraining.Trained trained = training.train(rows, labelled);
            progress.accept(String.format(
                    "%s: trained supervised model %s on %,d transactions with known outcomes (%,d fraud) in %.1f s;"
                            + " validation PR-AUC %.3f",
                    at,
                    trained.model(),
                    rows.size(),
                    positives,
                    (System.nanoTime() - started) / 1e9,
                    trained.trees().summary().validationAucpr()));
            return new Training(at, rows.size(), positives, Optional.of(trained.model()), "trained");
        } catch (TooFewPositivesException e) {
            progress.accept(String.format("%s: %s; deciding on as before", at, e.getMessage()));
            return new Training(at, rows.size(), positives, Optional.empty(), e.getMessage());
        }
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}

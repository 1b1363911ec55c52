package io.txmon.learning;

import io.txmon.boosting.SupervisedModel;
import io.txmon.drift.PopulationStability;
import io.txmon.evaluation.Label;
import io.txmon.features.Feature;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    /** Most rows of a sample the drift is measured on; larger samples are taken every n-th row. */
    static final int DRIFT_SAMPLE = 100_000;

    /**
     * One training of the replay: when, on what, the model it made if it could make one, and how far the traffic
     * since the previous model's training had drifted from what that model learned (empty for the first).
     */
    public record Training(
            Instant at,
            int rows,
            int positives,
            Optional<SupervisedModel> model,
            String outcome,
            List<InputDrift> driftSincePrevious) {
        public Training {
            driftSincePrevious = List.copyOf(driftSincePrevious);
        }
    }

    /** The population stability index of one model input between its training rows and the traffic since. */
    public record InputDrift(Feature input, double psi) {}

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
        Previous previous = null;
        for (int i = 0; i < ordered.size(); i++) {
            Transaction tx = ordered.get(i);
            Instant at = tx.timestamp();
            while (!at.isBefore(nextTraining)) {
                List<InputDrift> drift = previous == null ? List.of() : drift(previous, seen);
                Trained trained = train(ordered, seen, nextTraining, drift);
                trainings.add(trained.training());
                if (trained.training().model().isPresent()) {
                    scorer.useSupervised(trained.training().model());
                    previous = new Previous(trained.training().model().get(), trained.rowIndices(), seen.size());
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

    private Trained train(List<Transaction> ordered, List<float[]> seen, Instant at, List<InputDrift> drift) {
        List<float[]> rows = new ArrayList<>();
        List<Boolean> positive = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (int j = 0; j < seen.size(); j++) {
            Transaction tx = ordered.get(j);
            Optional<Label> known = labels.labelAt(tx.transactionId(), tx.timestamp(), at);
            if (known.isPresent()) {
                rows.add(seen.get(j));
                positive.add(known.get().suspicious());
                indices.add(j);
            }
        }
        if (!drift.isEmpty()) {
            long shifted = drift.stream()
                    .filter(d -> d.psi() >= PopulationStability.SHIFTED)
                    .count();
            progress.accept(String.format(
                    "%s: since the model in force was trained, %d of its %d inputs shifted (PSI >= %.2f); most: %s",
                    at,
                    shifted,
                    drift.size(),
                    PopulationStability.SHIFTED,
                    drift.stream()
                            .limit(3)
                            .map(d -> String.format("%s %.3f", d.input().featureName(), d.psi()))
                            .collect(Collectors.joining(", "))));
        }
        int positives = (int) positive.stream().filter(p -> p).count();
        if (rows.isEmpty()) {
            progress.accept(String.format("%s: no transaction's outcome is known yet; no supervised model", at));
            return new Trained(new Training(at, 0, 0, Optional.empty(), "no known outcomes", drift), indices);
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
            return new Trained(
                    new Training(at, rows.size(), positives, Optional.of(trained.model()), "trained", drift), indices);
        } catch (TooFewPositivesException e) {
            progress.accept(String.format("%s: %s; deciding on as before", at, e.getMessage()));
            return new Trained(
                    new Training(at, rows.size(), positives, Optional.empty(), e.getMessage(), drift), indices);
        }
    }

    /** A training with the rows it trained on, by their place in the replay. */
    private record Trained(Training training, List<Integer> rowIndices) {}

    /** The model in force: the rows it trained on, and how many transactions had been seen when it was trained. */
    private record Previous(SupervisedModel model, List<Integer> trainedOn, int seenThen) {}

    /**
     * Each input of the model in force: its population stability index between the rows the model trained on and the
     * transactions decided since, each side sampled every n-th row down to at most {@value #DRIFT_SAMPLE}; most
     * shifted first.
     */
    private static List<InputDrift> drift(Previous previous, List<float[]> seen) {
        int recentCount = seen.size() - previous.seenThen();
        if (recentCount == 0 || previous.trainedOn().isEmpty()) {
            return List.of();
        }
        int referenceStride = Math.max(1, previous.trainedOn().size() / DRIFT_SAMPLE);
        int recentStride = Math.max(1, recentCount / DRIFT_SAMPLE);
        List<InputDrift> drift = new ArrayList<>();
        for (Feature input : previous.model().inputs()) {
            int f = input.ordinal();
            double[] reference = new double[(previous.trainedOn().size() + referenceStride - 1) / referenceStride];
            for (int r = 0; r < reference.length; r++) {
                reference[r] = seen.get(previous.trainedOn().get(r * referenceStride))[f];
            }
            double[] recent = new double[(recentCount + recentStride - 1) / recentStride];
            for (int r = 0; r < recent.length; r++) {
                recent[r] = seen.get(previous.seenThen() + r * recentStride)[f];
            }
            double psi = PopulationStability.of(reference, PopulationStability.DEFAULT_BINS)
                    .index(recent);
            drift.add(new InputDrift(input, psi));
        }
        drift.sort(Comparator.comparingDouble(InputDrift::psi).reversed());
        return drift;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}

package io.txmon.benchmarks;

import io.txmon.boosting.SupervisedModel;
import io.txmon.formats.rules.RuleFile;
import io.txmon.learning.SupervisedTraining;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.TransactionScorer;
import io.txmon.training.boosting.BoostedTreesTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole decision on warm states, as the API makes it: the transaction's features from the states of the accounts
 * and entities (merchant or terminal, device, payee) it touches, the default rule set, the models in use
 * ({@link #models}), and the decision with its reasons. A simulated bank's first month trains the models and warms
 * the states; each iteration then decides the following weeks' transactions in order, from the warm month again.
 * With 2,000 customers the states fit in the processor's caches; with 20,000 they mostly do not.
 *
 * <p>{@code models}: {@code rules} alone; {@code forest}, the rules and the default anomaly model (150 trees);
 * {@code forest+supervised}, those and a supervised model trained on the warm month's feature vectors with the
 * simulator's labels, the trainer's defaults (depth 6, early stopping picks the rounds, at most 300);
 * {@code forest+supervised100}, the same with 100 rounds of depth 6 grown without stopping early (the trainer then
 * keeps the rounds up to the best validation score). The added cost of the supervised model is the difference
 * between the last two and {@code forest}; that of the forest, between {@code forest} and {@code rules}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Thread)
public class DecisionBenchmark {
    /**
     * Positives the warm month must hold for the supervised model to learn from it; below this, a month of a bank
     * of at least 20,000 customers (same seed) gives the training rows instead. Training needs 10 at least.
     */
    static final int MIN_TRAINING_POSITIVES = 200;

    @Param({"2000", "20000"})
    public int customers;

    @Param({"rules", "forest", "forest+supervised", "forest+supervised100"})
    public String models;

    private SimulatedWorkload workload;
    private RuleSet rules;
    private Optional<AnomalyModel> model;
    private Optional<SupervisedModel> supervised;
    private TransactionScorer scorer;
    private int next;

    @Setup(Level.Trial)
    public void warmMonth() {
        workload = SimulatedWorkload.forMeasurement(customers);
        rules = RuleFile.defaults();
        model = models.equals("rules")
                ? Optional.empty()
                : Optional.of(AnomalyModelTrainer.builder(7)
                        .build()
                        .train(workload.warmUp, workload.directory, rules.features()));
        SimulatedWorkload.States states = new SimulatedWorkload.States(workload.directory);
        SimulatedWorkload.Entities entities = new SimulatedWorkload.Entities();
        TransactionScorer warming = new TransactionScorer(rules, model, states, entities);
        List<float[]> vectors = new ArrayList<>(workload.warmUp.size());
        for (var tx : workload.warmUp) {
            warming.score(tx);
            vectors.add(toFloats(warming.lastFeatures()));
        }
        workload.saveWarm(states);
        workload.saveWarm(entities);
        System.out.printf(
                "%nwarm month: %,d transactions, %,d account states, %,d entity states%n",
                workload.warmUp.size(), states.byAccount.size(), entities.size());
        supervised = switch (models) {
            case "rules", "forest" -> Optional.empty();
            case "forest+supervised" -> Optional.of(supervised(vectors, BoostedTreesTrainer.builder(7)));
            case "forest+supervised100" ->
                Optional.of(supervised(
                        vectors,
                        BoostedTreesTrainer.builder(7)
                                .maxDepth(6)
                                .maxRounds(100)
                                .earlyStoppingRounds(100)));
            default -> throw new IllegalArgumentException("unknown models: " + models);
        };
    }

    @Setup(Level.Iteration)
    public void fromTheWarmMonth() {
        scorer = new TransactionScorer(rules, model, workload.restoreWarm(), workload.restoreWarmEntities());
        scorer.useSupervised(supervised);
        next = 0;
    }

    @Benchmark
    public Decision decideOneTransaction() {
        // The stream holds more than an iteration needs (SimulatedWorkload.MIN_STREAM); this only guards it.
        if (next == workload.stream.length) {
            fromTheWarmMonth();
        }
        return scorer.score(workload.stream[next++]);
    }

    /** The supervised model from the warm month's vectors and labels, or a bigger month's when it has too few. */
    private SupervisedModel supervised(List<float[]> warmVectors, BoostedTreesTrainer.Builder trainer) {
        List<float[]> vectors = warmVectors;
        boolean[] labels = workload.warmUpLabels;
        int positives = positives(labels);
        String source = "the warm month";
        if (positives < MIN_TRAINING_POSITIVES) {
            int bigger = Math.max(20_000, 2 * customers);
            SimulatedWorkload month = new SimulatedWorkload(bigger, 31);
            TransactionScorer scoring = new TransactionScorer(
                    rules, model, new SimulatedWorkload.States(month.directory), new SimulatedWorkload.Entities());
            vectors = new ArrayList<>(month.warmUp.size());
            for (var tx : month.warmUp) {
                scoring.score(tx);
                vectors.add(toFloats(scoring.lastFeatures()));
            }
            labels = month.warmUpLabels;
            source = "the first month of a bank of " + bigger + " customers (the warm month had " + positives
                    + " positives)";
            positives = positives(labels);
        }
        return train(vectors, labels, trainer.build(), source, positives);
    }

    /** Trains through {@code SupervisedTraining}, as {@code score --labels} does, and says what it made. */
    private static SupervisedModel train(
            List<float[]> vectors, boolean[] labels, BoostedTreesTrainer trainer, String source, int positives) {
        SupervisedTraining.Trained trained =
                new SupervisedTraining(trainer, SupervisedTraining.DEFAULT_ALERT_QUANTILE).train(vectors, labels);
        SupervisedModel model = trained.model();
        System.out.printf(
                "supervised model: %d trees (%d rounds grown), %d inputs, trained on %s: %,d rows, %,d positives;"
                        + " validation aucpr %.4f%n",
                model.trees().trees().size(),
                trained.trees().summary().roundsTrained(),
                model.inputs().size(),
                source,
                vectors.size(),
                positives,
                trained.trees().summary().validationAucpr());
        return model;
    }

    private static int positives(boolean[] labels) {
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        return positives;
    }

    private static float[] toFloats(double[] features) {
        float[] vector = new float[features.length];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) features[i];
        }
        return vector;
    }
}

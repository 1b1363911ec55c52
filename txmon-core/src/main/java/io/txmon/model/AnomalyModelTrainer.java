package io.txmon.model;

import io.txmon.features.EntityFeatures;
import io.txmon.features.Feature;
import io.txmon.features.FeatureExtractor;
import io.txmon.features.FeatureSettings;
import io.txmon.features.FeatureTracker;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.features.PeerProfile;
import io.txmon.features.PopulationMeasure;
import io.txmon.features.PopulationProfile;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Trains an {@link AnomalyModel} on a window of history, without labels: it learns the merchant-category
 * peer baseline from the window, replays the window in event-time order through fresh account states to
 * get every transaction's features exactly as scoring would have seen them, keeps the quantiles of the counts
 * and amounts rules compare with the population ({@link PopulationProfile}), grows an Isolation Forest on
 * the chosen inputs, and records where the training scores fell.
 */
public final class AnomalyModelTrainer {

    /**
     * txmon's inputs: how much money moves relative to the account's own history and balance, how it flows
     * in, out and through, to and from how many parties, and the signs of a stolen card or a taken-over
     * account. Each is clipped on its harmless side (see {@link RiskDirection}), so the forest looks for
     * transactions that are unusual in a risky way. Account age is left out: without reference data it
     * counts from first sight, which in a file's first weeks only says how early a transaction came. Chosen on simulated data of one seed and checked on
     * others and on public data sets; docs/detection.md has the measurements.
     */
    public static final List<ModelInput> DEFAULT_INPUTS = List.of(
            ModelInput.higherLog(Feature.AMOUNT),
            ModelInput.higherLog(Feature.AMOUNT_ZSCORE_30D),
            ModelInput.higherLog(Feature.AMOUNT_TO_MAX_30D),
            ModelInput.higherLog(Feature.OUT_SUM_24H),
            ModelInput.higherLog(Feature.IN_SUM_24H),
            ModelInput.higherLog(Feature.CP_IN_SUM_24H),
            ModelInput.higherLog(Feature.FAN_OUT_24H),
            ModelInput.higherLog(Feature.CP_FAN_IN_24H),
            ModelInput.higherLog(Feature.CP_IN_COUNT_RATIO_24H),
            ModelInput.higher(Feature.PASS_THROUGH_24H),
            ModelInput.higher(Feature.DRAIN_24H),
            ModelInput.higher(Feature.NEAR_THRESHOLD_DEPOSITS_7D),
            ModelInput.higherLog(Feature.SMALL_TX_COUNT_1H),
            ModelInput.higherLog(Feature.DISTINCT_MERCHANTS_1H),
            ModelInput.higherLog(Feature.CITY_CHANGES_24H),
            ModelInput.higher(Feature.IS_RECENT_DEVICE),
            ModelInput.higher(Feature.IS_RECENT_CITY));

    /** What the seeds' detector reads: the raw request fields, amount and hour of day. */
    public static final List<ModelInput> SEED_BASELINE_INPUTS =
            List.of(ModelInput.raw(Feature.AMOUNT), ModelInput.raw(Feature.HOUR_OF_DAY));

    /**
     * The fewest transactions a model is trained on: one full subsample for a tree. Fewer say too little
     * about what is usual for a model to tell what is not.
     */
    public static final int MIN_TRANSACTIONS = IsolationForestTrainer.DEFAULT_SAMPLES;

    /** Training scores used for calibration; an even spread of this many is plenty for its quantiles. */
    static final int CALIBRATION_ROWS = 100_000;

    private final List<ModelInput> inputs;
    private final IsolationForestTrainer forestTrainer;

    private AnomalyModelTrainer(List<ModelInput> inputs, IsolationForestTrainer forestTrainer) {
        this.inputs = inputs;
        this.forestTrainer = forestTrainer;
    }

    /**
     * A trainer with txmon's inputs and the forest defaults of the detector txmon replaces: 150 trees, 256
     * samples, 1 % (kept as they were; docs/anomaly-model.md, "Defaults", lists them).
     */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    /**
     * Trains on {@code history}, which is put in event-time order (ties in the given order) first.
     *
     * @param directory reference data for the accounts, as scoring will use it
     * @param settings the feature settings scoring will use
     * @throws IllegalArgumentException when the history holds fewer than {@link #MIN_TRANSACTIONS}
     */
    public AnomalyModel train(
            List<Transaction> history, Function<String, Account> directory, FeatureSettings settings) {
        return train(history, directory, settings, tx -> false);
    }

    /**
     * Trains on {@code history} as {@link #train(List, Function, FeatureSettings)} does, but leaves the transactions
     * {@code knownSuspicious} accepts (such as those analysts confirmed as fraud) out of what the forest learns as
     * usual; they still shape the account states the others' features come from.
     *
     * @throws IllegalArgumentException when fewer than {@link #MIN_TRANSACTIONS} are left to learn from
     */
    public AnomalyModel train(
            List<Transaction> history,
            Function<String, Account> directory,
            FeatureSettings settings,
            Predicate<Transaction> knownSuspicious) {
        if (history.size() < MIN_TRANSACTIONS) {
            throw new IllegalArgumentException("cannot train a model on " + history.size()
                    + " transactions; it needs at least " + MIN_TRANSACTIONS);
        }
        List<Transaction> ordered = history.stream()
                .sorted(Comparator.comparing(Transaction::timestamp))
                .toList();
        PeerProfile.Builder peerBuilder = PeerProfile.builder();
        for (Transaction tx : ordered) {
            peerBuilder.add(tx.merchantType(), tx.amount().doubleValue());
        }
        PeerProfile peers = peerBuilder.build();

        FeatureExtractor extractor = new FeatureExtractor(settings, peers);
        InMemoryAccountStates states = new InMemoryAccountStates(directory);
        // The shipped inputs read no entity feature: then the entities' states need not be built only to be dropped.
        boolean readsEntities = inputs.stream().anyMatch(input -> EntityFeatures.writes(input.feature()));
        FeatureTracker tracker =
                readsEntities ? new FeatureTracker(extractor, states) : FeatureTracker.accountsOnly(extractor, states);
        double[] features = FeatureTracker.newVector();
        List<double[]> learned = new ArrayList<>(ordered.size());
        InputShaper unclipped = InputShaper.unclipped(inputs);
        PopulationProfile.Builder population = PopulationProfile.builder(ordered.size());
        // What the population usually does, like what the forest learns as usual, leaves known fraud out.
        Map<String, Integer> paid = new HashMap<>();
        Map<String, Integer> received = new HashMap<>();
        for (Transaction tx : ordered) {
            if (!knownSuspicious.test(tx)) {
                paid.merge(tx.userId(), 1, Integer::sum);
                if (tx.payeeAccount() != null) {
                    received.merge(tx.payeeAccount(), 1, Integer::sum);
                }
            }
        }
        for (Transaction tx : ordered) {
            tracker.observe(tx, features);
            if (!knownSuspicious.test(tx)) {
                learned.add(unclipped.row(features));
                population.add(
                        features,
                        paid.get(tx.userId()),
                        tx.payeeAccount() == null ? 0 : received.get(tx.payeeAccount()));
            }
        }
        if (learned.size() < MIN_TRANSACTIONS) {
            throw new IllegalArgumentException("cannot train a model on " + learned.size()
                    + " transactions not known to be suspicious; it needs at least " + MIN_TRANSACTIONS);
        }
        double[][] rows = learned.toArray(double[][]::new);
        double[] medians = medians(rows);
        new InputShaper(inputs, medians).clip(rows);
        IsolationForest forest = forestTrainer.fit(rows);
        TrainingSummary training = new TrainingSummary(
                ordered.get(0).timestamp(), ordered.get(ordered.size() - 1).timestamp(), ordered.size());
        return new AnomalyModel(
                inputs, medians, forest, peers.withPopulation(population.build()), calibrate(forest, rows), training);
    }

    /**
     * The transactions of the earliest {@code share} of an ordered list's time span: what batch scoring
     * trains on when it is given no model (the earliest 25 %, as the README's "Using it" says of {@code score}).
     */
    public static List<Transaction> earliestShare(List<Transaction> ordered, double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be within (0, 1], was " + share);
        }
        if (ordered.isEmpty()) {
            return List.of();
        }
        long first = ordered.get(0).timestamp().toEpochMilli();
        long last = ordered.get(ordered.size() - 1).timestamp().toEpochMilli();
        long end = first + (long) Math.floor((last - first) * share);
        int count = 0;
        while (count < ordered.size() && ordered.get(count).timestamp().toEpochMilli() <= end) {
            count++;
        }
        return ordered.subList(0, count);
    }

    private static double[] medians(double[][] rows) {
        int columns = rows[0].length;
        double[] medians = new double[columns];
        double[] column = new double[rows.length];
        for (int j = 0; j < columns; j++) {
            for (int i = 0; i < rows.length; i++) {
                column[i] = rows[i][j];
            }
            Arrays.sort(column);
            medians[j] = column[rows.length / 2];
        }
        return medians;
    }

    private static ScoreCalibration calibrate(IsolationForest forest, double[][] rows) {
        int n = Math.min(rows.length, CALIBRATION_ROWS);
        double[][] spread = new double[n][];
        for (int i = 0; i < n; i++) {
            spread[i] = rows[(int) ((long) i * rows.length / n)];
        }
        double[] scores = forest.scoreAll(spread);
        Arrays.sort(scores);
        double threshold = forest.threshold();
        double median = Math.min(quantile(scores, 0.5), threshold);
        double top = Math.max(quantile(scores, 0.999), threshold);
        // A forest whose scores barely spread (tiny or constant training data) still needs a usable scale.
        return new ScoreCalibration(median, threshold, top > threshold ? top : Math.min(1, threshold + 1e-3));
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    /** Configures a trainer; defaults are {@link #DEFAULT_INPUTS} and the forest's own defaults. */
    public static final class Builder {
        private final long seed;
        private List<ModelInput> inputs = DEFAULT_INPUTS;
        private int trees = IsolationForestTrainer.DEFAULT_TREES;
        private int samples = IsolationForestTrainer.DEFAULT_SAMPLES;
        private double contamination = IsolationForestTrainer.DEFAULT_CONTAMINATION;

        private Builder(long seed) {
            this.seed = seed;
        }

        public Builder inputs(List<ModelInput> inputs) {
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("inputs: a model needs at least one");
            }
            for (ModelInput input : inputs) {
                // The decision writes these from the model itself; training, which makes the model, cannot see them.
                if (input.feature() == Feature.ANOMALY_SCORE || PopulationMeasure.isPercentile(input.feature())) {
                    throw new IllegalArgumentException(
                            "inputs: " + input.feature().featureName()
                                    + " is written by the decision from the model, so the model cannot read it");
                }
            }
            this.inputs = List.copyOf(inputs);
            return this;
        }

        public Builder trees(int trees) {
            this.trees = trees;
            return this;
        }

        public Builder samples(int samples) {
            this.samples = samples;
            return this;
        }

        public Builder contamination(double contamination) {
            this.contamination = contamination;
            return this;
        }

        public AnomalyModelTrainer build() {
            IsolationForestTrainer forest = IsolationForestTrainer.builder(seed)
                    .trees(trees)
                    .samples(samples)
                    .contamination(contamination)
                    .build();
            return new AnomalyModelTrainer(Objects.requireNonNull(inputs, "inputs"), forest);
        }
    }
}

package io.txmon.training;

import io.txmon.drift.PopulationStability;
import io.txmon.features.FeatureExtractor;
import io.txmon.features.FeatureSettings;
import io.txmon.features.FeatureTracker;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.model.AnomalyModel;
import io.txmon.model.ModelInput;
import io.txmon.storage.Database;
import io.txmon.storage.StoredHistory;
import io.txmon.storage.StoredModels;
import io.txmon.storage.UnknownModelVersionException;
import io.txmon.transaction.Account;
import io.txmon.transaction.InvalidFieldException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How far recent traffic has moved from what a kept model was trained on: the population stability index
 * ({@link PopulationStability}) of each model input and of the model's anomaly score, between the transactions of its
 * training window and those of a recent window (by default the {@link #DEFAULT_RECENT} of event time up to the latest
 * stored transaction).
 *
 * <p>Each window's feature vectors come from replaying stored history in event-time order through fresh account
 * states (the accounts-only {@link FeatureTracker}), so that a transaction's features use only what came before it,
 * as scoring saw them. The replay starts {@link #DEFAULT_WARM_UP} before the window (the longest period a feature
 * looks back over): those transactions teach the accounts but are not measured, so that a window's first days are not
 * read from accounts that look new. Both windows are replayed the same way, so an unchanged population compares like
 * with like; when nothing is stored before the training window, its rows are exactly those the model learned from.
 *
 * <p>Memory is bounded whatever a window holds: transactions are streamed from the database, not listed, and each
 * window keeps a uniform sample of at most {@link #DEFAULT_SAMPLE_ROWS} rows (reservoir sampling with a fixed seed, so
 * a measurement is the same every time), plus the account states of the replay, as training holds them. PSI is taken
 * on each input's feature before it is clipped at its training median: the input's log transform does not change the
 * index (the bins are quantiles), and a move on the harmless side still shows.
 */
public final class ModelDrift {
    /** The recent window's length when only its end, or nothing, is given: a week of event time. */
    public static final Duration DEFAULT_RECENT = Duration.ofDays(7);
    /** Replayed before each window to warm the accounts up: the longest window a feature reads (30 days). */
    public static final Duration DEFAULT_WARM_UP = Duration.ofDays(30);
    /** The most rows a window's sample keeps. */
    public static final int DEFAULT_SAMPLE_ROWS = 50_000;
    /** The seed of the samples, so that the same history always gives the same index. */
    public static final long DEFAULT_SEED = 42;

    private final Database database;
    private final FeatureSettings settings;
    private final DriftWindows windows;

    /** Measures with the defaults above. */
    public ModelDrift(Database database, FeatureSettings settings) {
        this(database, settings, DEFAULT_SAMPLE_ROWS, DEFAULT_WARM_UP, DEFAULT_SEED);
    }

    /**
     * @param settings the feature settings scoring uses
     * @param sampleRows the most rows sampled from each window
     * @param warmUp how long before each window the replay starts
     * @param seed the samples' seed
     */
    public ModelDrift(Database database, FeatureSettings settings, int sampleRows, Duration warmUp, long seed) {
        this.database = Objects.requireNonNull(database, "database");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.windows = new DriftWindows(sampleRows, warmUp, seed);
    }

    /**
     * The drift of the kept model {@code version} between its training window and the recent window [from, to],
     * each end defaulting as {@link #measure(AnomalyModel, Optional, Optional, Duration)} says, with
     * {@link #DEFAULT_RECENT}.
     *
     * @throws UnknownModelVersionException when no such version is kept
     * @throws InvalidFieldException as {@link #measure(AnomalyModel, Optional, Optional, Duration)} does
     */
    public Drift measure(String version, Optional<Instant> from, Optional<Instant> to) {
        AnomalyModel model =
                new StoredModels(database).model(version).orElseThrow(() -> new UnknownModelVersionException(version));
        return measure(model, from, to, DEFAULT_RECENT);
    }

    /**
     * The drift of {@code model} between its training window and the recent window [from, to]: {@code to} defaults
     * to the latest stored event time, {@code from} to {@code recent} before {@code to}.
     *
     * @throws InvalidFieldException naming {@code to} when it is not after {@code from} or no transaction is stored to
     *     end the window at, naming {@code from} when the window holds no stored transaction
     */
    public Drift measure(AnomalyModel model, Optional<Instant> from, Optional<Instant> to, Duration recent) {
        StoredHistory history = new StoredHistory(database);
        Instant[] window = DriftWindows.recent(history, from, to, recent);
        Instant start = window[0];
        Instant end = window[1];
        Map<String, Account> accounts = history.accounts();
        Sample training = sample(
                model,
                history,
                accounts,
                model.training().from(),
                model.training().to());
        if (training.rows.size() == 0) {
            throw new InvalidFieldException(
                    "model_version",
                    "the training window of " + model.version() + " holds no stored transactions any more");
        }
        Sample latest = sample(model, history, accounts, start, end);
        if (latest.rows.size() == 0) {
            throw new InvalidFieldException(
                    "from", "the window [" + start + ", " + end + "] holds no stored transactions to compare");
        }
        List<ModelInput> inputs = model.inputs();
        List<InputDrift> drifts = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            double psi = psi(training.rows.column(i), latest.rows.column(i));
            drifts.add(
                    new InputDrift(inputs.get(i).name(), inputs.get(i).feature().featureName(), psi, Verdict.of(psi)));
        }
        double scorePsi = psi(training.rows.column(inputs.size()), latest.rows.column(inputs.size()));
        return new Drift(
                model.version(),
                training.window(model.training().from(), model.training().to()),
                latest.window(start, end),
                drifts,
                scorePsi,
                Verdict.of(scorePsi));
    }

    static double psi(double[] reference, double[] recent) {
        return PopulationStability.of(reference, PopulationStability.DEFAULT_BINS)
                .index(recent);
    }

    /** Replays [from - warm-up, to] and samples the inputs and score of the transactions from {@code from} on. */
    private Sample sample(
            AnomalyModel model, StoredHistory history, Map<String, Account> accounts, Instant from, Instant to) {
        List<ModelInput> inputs = model.inputs();
        int[] featureIndexes =
                inputs.stream().mapToInt(input -> input.feature().ordinal()).toArray();
        FeatureTracker tracker = FeatureTracker.accountsOnly(
                new FeatureExtractor(settings, model.peers()),
                new InMemoryAccountStates(id -> accounts.getOrDefault(id, Account.unknown(id))));
        double[] features = FeatureTracker.newVector();
        Reservoir rows = new Reservoir(inputs.size() + 1, windows.sampleRows(), windows.seed());
        history.forEachBetween(from.minus(windows.warmUp()), to, tx -> {
            tracker.observe(tx, features);
            if (tx.timestamp().isBefore(from)) {
                return;
            }
            int slot = rows.offer();
            if (slot >= 0) {
                for (int i = 0; i < featureIndexes.length; i++) {
                    rows.set(slot, i, features[featureIndexes[i]]);
                }
                // Scored only when kept: most rows of a long window are not.
                rows.set(slot, featureIndexes.length, model.anomalyScore(features));
            }
        });
        return new Sample(rows);
    }

    private record Sample(Reservoir rows) {
        Window window(Instant from, Instant to) {
            return new Window(from, to, rows.seen(), rows.size());
        }
    }

    /** How a PSI reads, by the usual cut-offs of {@link PopulationStability}. */
    public enum Verdict {
        /** Under {@link PopulationStability#STABLE}. */
        STABLE,
        /** From {@link PopulationStability#STABLE} to under {@link PopulationStability#SHIFTED}: worth watching. */
        MODERATE,
        /** From {@link PopulationStability#SHIFTED}: worth acting on (retrain, look at what moved). */
        SHIFTED;

        /** The verdict on {@code psi}. */
        public static Verdict of(double psi) {
            if (psi < PopulationStability.STABLE) {
                return STABLE;
            }
            return psi < PopulationStability.SHIFTED ? MODERATE : SHIFTED;
        }
    }

    /**
     * A window of event time a population was taken from.
     *
     * @param transactions how many stored transactions it holds
     * @param sampled how many of them were measured: all, or {@link #DEFAULT_SAMPLE_ROWS} (as configured) chosen
     *     uniformly
     */
    public record Window(Instant from, Instant to, long transactions, int sampled) {
        public Window {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * The drift of one model input.
     *
     * @param input the input's name, as explanations give it, such as {@code log(amount)}
     * @param feature the feature it reads, such as {@code amount}
     */
    public record InputDrift(String input, String feature, double psi, Verdict verdict) {
        public InputDrift {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(feature, "feature");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /**
     * A model's drift between its training window and a recent one.
     *
     * @param inputs each input's drift, in the model's order
     * @param scorePsi the PSI of the model's score: the anomaly score, or a supervised model's fraud probability
     */
    public record Drift(
            String modelVersion,
            Window training,
            Window recent,
            List<InputDrift> inputs,
            double scorePsi,
            Verdict scoreVerdict) {
        public Drift {
            Objects.requireNonNull(modelVersion, "modelVersion");
            Objects.requireNonNull(training, "training");
            Objects.requireNonNull(recent, "recent");
            inputs = List.copyOf(inputs);
            Objects.requireNonNull(scoreVerdict, "scoreVerdict");
        }

        /** The inputs whose PSI reached {@code threshold}, and {@code score} when the score's did. */
        public List<String> atOrOver(double threshold) {
            List<String> over = new ArrayList<>();
            inputs.stream().filter(i -> i.psi() >= threshold).forEach(i -> over.add(i.input()));
            if (scorePsi >= threshold) {
                over.add("score");
            }
            return over;
        }
    }
}

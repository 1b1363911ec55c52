package io.txmon.training;

import io.txmon.boosting.SupervisedModel;
import io.txmon.features.Feature;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.features.InMemoryEntityStates;
import io.txmon.labelling.StoredLabels;
import io.txmon.labels.KnownLabel;
import io.txmon.labels.KnownOutcomes;
import io.txmon.labels.LabelTimeline;
import io.txmon.scoring.TransactionScorer;
import io.txmon.storage.Database;
import io.txmon.storage.DecisionSetup;
import io.txmon.storage.StoredHistory;
import io.txmon.storage.StoredSupervisedModels;
import io.txmon.storage.SupervisedModelVersion;
import io.txmon.storage.UnknownModelVersionException;
import io.txmon.training.ModelDrift.Drift;
import io.txmon.training.ModelDrift.InputDrift;
import io.txmon.training.ModelDrift.Verdict;
import io.txmon.training.ModelDrift.Window;
import io.txmon.transaction.Account;
import io.txmon.transaction.InvalidFieldException;
import io.txmon.transaction.Transaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link ModelDrift} for a kept supervised model: the population stability index of each of its inputs and of its
 * fraud probability, between its training window and recent traffic.
 *
 * <p>A supervised model reads more than account features: what the decision writes (the anomaly score of the model in
 * force, the places among the population) and the entities' known outcomes. So each window is decided, not only
 * tracked: replayed from stored history ({@link ModelDrift#DEFAULT_WARM_UP} before it, to warm accounts and
 * entities up) through the rule set and anomaly model that decide on the database, learning each stored label's
 * outcome strictly before the first transaction after it became known, as the decisions and retraining do. Memory is a
 * window's sample, the replay's states, and the transactions known as fraud, which outcomes must find again.
 */
public final class SupervisedDrift {
    private final Database database;
    private final Duration labelDelay;
    private final Clock clock;
    private final DriftWindows windows;

    /** Measures with {@link ModelDrift}'s defaults; labels without {@code labelled_at} known {@code labelDelay} late. */
    public SupervisedDrift(Database database, Duration labelDelay, Clock clock) {
        this(
                database,
                labelDelay,
                clock,
                ModelDrift.DEFAULT_SAMPLE_ROWS,
                ModelDrift.DEFAULT_WARM_UP,
                ModelDrift.DEFAULT_SEED);
    }

    /**
     * @param sampleRows the most rows sampled from each window
     * @param warmUp how long before each window the replay starts
     * @param seed the samples' seed
     */
    public SupervisedDrift(
            Database database, Duration labelDelay, Clock clock, int sampleRows, Duration warmUp, long seed) {
        this.database = Objects.requireNonNull(database, "database");
        this.labelDelay = Objects.requireNonNull(labelDelay, "labelDelay");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windows = new DriftWindows(sampleRows, warmUp, seed);
    }

    /**
     * The drift of the kept supervised model {@code version} between its training window and the recent window [from,
     * to]: {@code to} defaults to the latest stored event time, {@code from} to {@code recent} before {@code to}.
     *
     * @throws UnknownModelVersionException when no such version is kept
     * @throws InvalidFieldException as {@link ModelDrift#measure(io.txmon.model.AnomalyModel, Optional, Optional,
     *     Duration)} does
     */
    public Drift measure(String version, Optional<Instant> from, Optional<Instant> to, Duration recent) {
        StoredSupervisedModels registry = new StoredSupervisedModels(database);
        SupervisedModelVersion kept =
                registry.version(version).orElseThrow(() -> new UnknownModelVersionException(version));
        SupervisedModel model = registry.model(version).orElseThrow(() -> new UnknownModelVersionException(version));
        StoredHistory history = new StoredHistory(database);
        Instant[] window = DriftWindows.recent(history, from, to, recent);
        Instant start = window[0];
        Instant end = window[1];
        Instant now = clock.instant();
        DecisionSetup setup = DecisionSetup.resolve(database, "txmon", now);
        Map<String, Account> accounts = history.accounts();
        LabelTimeline labels = new StoredLabels(database, clock).timeline(labelDelay);
        Replay replay = new Replay(model, setup, history, accounts, labels);
        Instant trainedFrom = kept.training().from();
        Instant trainedTo = kept.training().to();
        Reservoir training = replay.sample(trainedFrom, trainedTo);
        if (training.size() == 0) {
            throw new InvalidFieldException(
                    "model_version", "the training window of " + version + " holds no stored transactions any more");
        }
        Reservoir latest = replay.sample(start, end);
        if (latest.size() == 0) {
            throw new InvalidFieldException(
                    "from", "the window [" + start + ", " + end + "] holds no stored transactions to compare");
        }
        List<Feature> inputs = model.inputs();
        List<InputDrift> drifts = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            double psi = ModelDrift.psi(training.column(i), latest.column(i));
            String name = inputs.get(i).featureName();
            drifts.add(new InputDrift(name, name, psi, Verdict.of(psi)));
        }
        double scorePsi = ModelDrift.psi(training.column(inputs.size()), latest.column(inputs.size()));
        return new Drift(
                version,
                new Window(trainedFrom, trainedTo, training.seen(), training.size()),
                new Window(start, end, latest.seen(), latest.size()),
                drifts,
                scorePsi,
                Verdict.of(scorePsi));
    }

    /** Decides stored history window by window, as the decisions the model saw were decided. */
    private final class Replay {
        private final SupervisedModel model;
        private final DecisionSetup setup;
        private final StoredHistory history;
        private final Map<String, Account> accounts;
        private final LabelTimeline labels;
        private final Set<String> everKnownAsFraud;

        Replay(
                SupervisedModel model,
                DecisionSetup setup,
                StoredHistory history,
                Map<String, Account> accounts,
                LabelTimeline labels) {
            this.model = model;
            this.setup = setup;
            this.history = history;
            this.accounts = accounts;
            this.labels = labels;
            this.everKnownAsFraud = labels.inOrderOfKnowledge().stream()
                    .map(KnownLabel::label)
                    .filter(label -> label.suspicious())
                    .map(label -> label.transactionId())
                    .collect(Collectors.toSet());
        }

        /** Replays [from - warm-up, to] and samples the inputs and probability of the transactions from {@code from} on. */
        Reservoir sample(Instant from, Instant to) {
            TransactionScorer scorer = new TransactionScorer(
                    setup.rules(),
                    setup.model(),
                    new InMemoryAccountStates(id -> accounts.getOrDefault(id, Account.unknown(id))),
                    new InMemoryEntityStates());
            KnownOutcomes outcomes = new KnownOutcomes(labels);
            // Only transactions an outcome can name are kept, so that memory follows the frauds, not the traffic.
            Map<String, Transaction> frauds = new HashMap<>();
            int columns = model.inputs().size();
            Reservoir rows = new Reservoir(columns + 1, windows.sampleRows(), windows.seed());
            history.forEachBetween(from.minus(windows.warmUp()), to, tx -> {
                outcomes.learnUpTo(tx.timestamp().minusNanos(1), (id, delta) -> {
                    Transaction earlier = frauds.get(id);
                    if (earlier != null) {
                        scorer.learnOutcome(earlier, delta);
                    }
                });
                scorer.score(tx);
                if (everKnownAsFraud.contains(tx.transactionId())) {
                    frauds.put(tx.transactionId(), tx);
                }
                if (tx.timestamp().isBefore(from)) {
                    return;
                }
                int slot = rows.offer();
                if (slot >= 0) {
                    double[] row = model.rowOf(scorer.lastFeatures());
                    for (int i = 0; i < columns; i++) {
                        rows.set(slot, i, row[i]);
                    }
                    rows.set(slot, columns, model.trees().probability(row));
                }
            });
            return rows;
        }
    }
}

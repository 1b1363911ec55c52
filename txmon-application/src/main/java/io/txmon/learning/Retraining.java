package io.txmon.learning;

import io.txmon.labelling.StoredLabels;
import io.txmon.rules.AlertBudget;
import io.txmon.storage.Database;
import io.txmon.storage.DecisionSetup;
import io.txmon.storage.StoredHistory;
import io.txmon.storage.StoredSupervisedModels;
import io.txmon.storage.StoredSupervisedModels.Registration;
import io.txmon.storage.SupervisedModelVersion;
import io.txmon.storage.SupervisedModelVersion.Metrics;
import io.txmon.storage.SupervisedModelVersion.Window;
import io.txmon.training.boosting.BoostedTreesTrainer;
import io.txmon.training.boosting.TooFewPositivesException;
import io.txmon.transaction.Account;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Retrains the supervised model on the stored history with the labels known at an instant, and decides whether it
 * replaces the champion (docs/supervised-model.md, "Registry and retraining"): the nightly job of the service, {@code
 * bin/txmon train --supervised} and {@code POST /models/supervised/train} all come here.
 *
 * <ol>
 *   <li>Every stored transaction up to {@code asOf} is replayed in event time ({@link LabelledHistory}), its features
 *       computed from what came before it with the rule set and anomaly model that decide on the database; those whose
 *       outcome was known at {@code asOf} become rows. No label learned after {@code asOf} is read.
 *   <li>The latest {@value #HOLDOUT_PERCENT} % of those rows in event time, the most recent labelled window, are held
 *       out. A share of rows rather than a number of days, so that the window holds enough fraud whatever the bank's
 *       volume; it needs at least {@value #MIN_HOLDOUT_POSITIVES} frauds and one ordinary transaction to judge by.
 *   <li>The new model trains on the rows before the window; it and the champion are then judged on the same window.
 *   <li>The new model becomes champion when there is none, or when its PR-AUC (average precision) on the window is
 *       strictly higher than the champion's: that metric weighs the top of the ranking, where analysts work, and a tie
 *       is no reason to change. Otherwise it is kept as the challenger.
 * </ol>
 *
 * With fewer than {@value #MIN_POSITIVES} transactions known as fraud it refuses ({@link TooFewLabelsException}) and
 * keeps nothing: the system then decides as before.
 */
public final class Retraining {
    /** The share of the latest labelled rows held out to judge the new model and the champion. */
    public static final double HOLDOUT_SHARE = 0.2;

    static final int HOLDOUT_PERCENT = 20;

    /** The fewest transactions known as fraud retraining starts with. */
    public static final int MIN_POSITIVES = 20;

    /** The fewest frauds the held-out window must hold for its metrics to mean something. */
    public static final int MIN_HOLDOUT_POSITIVES = 5;

    /** The seed retraining trains with, so that the same history and labels give the same model. */
    public static final long DEFAULT_SEED = 42;

    private static final double SECONDS_A_DAY = 86_400;

    private final Database database;
    private final Duration labelDelay;
    private final SupervisedTraining training;
    private final Clock clock;

    /**
     * @param labelDelay how long after its transaction an undated label, or the absence of one, is known
     * @param clock gives the instant a model is kept at, and {@code asOf} when none is given
     */
    public Retraining(Database database, Duration labelDelay, SupervisedTraining training, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.labelDelay = Objects.requireNonNull(labelDelay, "labelDelay");
        this.training = Objects.requireNonNull(training, "training");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Retraining with the trainer's defaults, trained with {@code seed} ({@link #DEFAULT_SEED} by default). */
    public static Retraining withTrainerDefaults(Database database, Duration labelDelay, long seed, Clock clock) {
        return new Retraining(
                database,
                labelDelay,
                new SupervisedTraining(
                        BoostedTreesTrainer.builder(seed).build(), SupervisedTraining.DEFAULT_ALERT_QUANTILE),
                clock);
    }

    /** What a retraining decided about the model it trained. */
    public enum Verdict {
        /** There was no champion: the new model is the first. */
        FIRST_CHAMPION,
        /** It beat the champion on the held-out window and replaced it. */
        PROMOTED,
        /** It did not beat the champion, and is kept as the challenger. */
        CHALLENGER,
        /** Training gave a model already kept (same history, same labels): nothing changed. */
        ALREADY_KEPT
    }

    /**
     * What a retraining did.
     *
     * @param model the new model as the registry lists it after the run
     * @param champion the champion it was judged against, with its metrics on the same window; empty when none
     */
    public record Outcome(SupervisedModelVersion model, Verdict verdict, Optional<Judged> champion) {
        public Outcome {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(champion, "champion");
        }

        /** What the run did, in a sentence. */
        public String summary() {
            if (verdict == Verdict.ALREADY_KEPT) {
                return "supervised model " + model.version() + " was already kept (now " + model.role()
                        + "): the same history and labels give the same model; nothing changed";
            }
            return "supervised model " + model.version() + " kept as " + model.role() + ", " + model.decision();
        }
    }

    /** A model's metrics on a held-out window. */
    public record Judged(String version, Metrics metrics) {}

    /**
     * Trains on the history up to {@code asOf} (now when empty) with the labels known then, keeps the model and
     * decides its role; {@code by} is recorded as who activated it when it becomes champion.
     *
     * @throws TooFewLabelsException when too few outcomes are known; nothing is kept then
     * @throws IllegalArgumentException when {@code asOf} is after now: labels of the future are not known
     */
    public Outcome run(Optional<Instant> asOf, String by) {
        Instant now = clock.instant();
        Instant at = asOf.orElse(now);
        if (at.isAfter(now)) {
            throw new IllegalArgumentException("as-of must not be after now (" + now + "), was " + at);
        }
        DecisionSetup setup = DecisionSetup.resolve(database, by, now);
        LabelledHistory.Rows rows = rows(setup, at);
        int holdout = (int) Math.round(rows.size() * HOLDOUT_SHARE);
        int trainEnd = rows.size() - holdout;
        requireEnoughLabels(rows, trainEnd, at);
        SupervisedTraining.Trained trained;
        try {
            trained = training.train(
                    rows.features().subList(0, trainEnd), Arrays.copyOfRange(rows.positive(), 0, trainEnd));
        } catch (TooFewPositivesException e) {
            throw new TooFewLabelsException(
                    "no supervised model trained with the labels known at " + at + ": " + e.getMessage());
        }
        StoredSupervisedModels registry = new StoredSupervisedModels(database);
        Optional<SupervisedModelVersion> kept = registry.version(trained.model().version());
        double share = alertShare(setup.rules().decision().alertBudget(), rows, trainEnd);
        List<float[]> held = rows.features().subList(trainEnd, rows.size());
        boolean[] heldPositive = Arrays.copyOfRange(rows.positive(), trainEnd, rows.size());
        Optional<Judged> champion = registry.champion()
                .map(model -> new Judged(model.version(), ModelValidation.of(model, held, heldPositive, share)));
        if (kept.isPresent()) {
            return new Outcome(kept.get(), Verdict.ALREADY_KEPT, champion);
        }
        Metrics metrics = ModelValidation.of(trained.model(), held, heldPositive, share);
        Window validation = window(rows, trainEnd, rows.size());
        Verdict verdict = champion.isEmpty()
                ? Verdict.FIRST_CHAMPION
                : metrics.prAuc() > champion.get().metrics().prAuc() ? Verdict.PROMOTED : Verdict.CHALLENGER;
        Registration registration = new Registration(
                trained.model(),
                now,
                at,
                window(rows, 0, trainEnd),
                validation,
                metrics,
                decision(verdict, metrics, champion, validation));
        if (verdict == Verdict.CHALLENGER) {
            registry.keepAsChallenger(registration);
        } else {
            registry.keepAsChampion(registration, by, now);
        }
        return new Outcome(registry.version(trained.model().version()).orElseThrow(), verdict, champion);
    }

    private LabelledHistory.Rows rows(DecisionSetup setup, Instant at) {
        StoredHistory history = new StoredHistory(database);
        Map<String, Account> accounts = history.accounts();
        return LabelledHistory.replay(
                history.between(Optional.empty(), Optional.of(at)),
                id -> accounts.getOrDefault(id, Account.unknown(id)),
                setup.rules(),
                setup.model(),
                new StoredLabels(database, clock).timeline(labelDelay),
                at);
    }

    private void requireEnoughLabels(LabelledHistory.Rows rows, int trainEnd, Instant at) {
        int positives = rows.positives(0, rows.size());
        if (positives < MIN_POSITIVES) {
            throw new TooFewLabelsException(String.format(
                    Locale.ROOT,
                    "retraining needs at least %d transactions known as fraud, but by %s (label delay %s) %d of %d"
                            + " stored transactions with a known outcome are",
                    MIN_POSITIVES,
                    at,
                    labelDelay,
                    positives,
                    rows.size()));
        }
        int heldPositives = rows.positives(trainEnd, rows.size());
        int held = rows.size() - trainEnd;
        if (heldPositives < MIN_HOLDOUT_POSITIVES || heldPositives == held) {
            throw new TooFewLabelsException(String.format(
                    Locale.ROOT,
                    "the most recent labelled window (the latest %d %% of %d labelled transactions, %d of them) holds"
                            + " %d known as fraud; judging a model needs at least %d and one ordinary transaction",
                    HOLDOUT_PERCENT,
                    rows.size(),
                    held,
                    heldPositives,
                    MIN_HOLDOUT_POSITIVES));
        }
    }

    /**
     * The share of transactions the active rule set's alert budget sends to review, over the held-out window's
     * traffic; the default budget when it is off, so that precision at the budget always means the same thing.
     */
    private static double alertShare(AlertBudget active, LabelledHistory.Rows rows, int from) {
        AlertBudget budget = active.isOff() ? AlertBudget.DEFAULT : active;
        Duration span = Duration.between(rows.times().get(from), rows.times().get(rows.size() - 1));
        double days = Math.max(1.0, span.toSeconds() / SECONDS_A_DAY);
        return Math.max(Double.MIN_NORMAL, budget.shareAt((rows.size() - from) / days));
    }

    private static Window window(LabelledHistory.Rows rows, int from, int to) {
        return new Window(rows.times().get(from), rows.times().get(to - 1), to - from, rows.positives(from, to));
    }

    private static String decision(Verdict verdict, Metrics metrics, Optional<Judged> champion, Window window) {
        String on = String.format(
                Locale.ROOT,
                "on the %,d most recent labelled transactions (%,d fraud, %s to %s)",
                window.rows(),
                window.positives(),
                window.from(),
                window.to());
        return switch (verdict) {
            case FIRST_CHAMPION ->
                String.format(
                        Locale.ROOT, "first champion: no champion before it; PR-AUC %.3f %s", metrics.prAuc(), on);
            case PROMOTED ->
                String.format(
                        Locale.ROOT,
                        "promoted: PR-AUC %.3f beats champion %s's %.3f %s",
                        metrics.prAuc(),
                        champion.orElseThrow().version(),
                        champion.orElseThrow().metrics().prAuc(),
                        on);
            case CHALLENGER ->
                String.format(
                        Locale.ROOT,
                        "challenger: PR-AUC %.3f does not beat champion %s's %.3f %s",
                        metrics.prAuc(),
                        champion.orElseThrow().version(),
                        champion.orElseThrow().metrics().prAuc(),
                        on);
            case ALREADY_KEPT -> throw new IllegalStateException("a model already kept is not kept again");
        };
    }
}

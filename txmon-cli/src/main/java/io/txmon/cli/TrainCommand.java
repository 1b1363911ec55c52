package io.txmon.cli;

import io.txmon.learning.Retraining;
import io.txmon.learning.TooFewLabelsException;
import io.txmon.model.AnomalyModel;
import io.txmon.storage.ActiveRuleSet;
import io.txmon.storage.Database;
import io.txmon.storage.SupervisedModelVersion;
import io.txmon.training.TrainingFromHistory;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code txmon train}: the anomaly model trained on stored history and kept in the database as a version; with {@code
 * --supervised}, the supervised model retrained with the labels known at {@code --as-of} and promoted only when it
 * beats the champion ({@link Retraining}); with {@code --schedule}, that as a system cron job runs it.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains the anomaly model on the stored transactions with event times in [--from, --to] (all of them by"
                    + " default) and keeps it in the database; the next ingest scores with it.",
            "Ends with one line of JSON: model_version, new_version, training_transactions, trained_from,"
                    + " trained_to.",
            "With --supervised: retrains the supervised model on the stored transactions up to --as-of with the labels"
                    + " known then, holds out the latest 20 %% of labelled transactions, and makes the new model the"
                    + " champion only when its PR-AUC there beats the champion's (or there is none); else it is kept"
                    + " as the challenger. Ends with one line of JSON: model_version, verdict, role, the metrics and"
                    + " the champion's. Exit code 0 whether promoted or not.",
            "With --schedule (for system cron): --supervised as of now, and too few labels to train is said on"
                    + " stderr with exit code 0, since the system then decides as before."
        })
final class TrainCommand implements Callable<Integer> {
    /** The seed {@code score} and {@code demo} train with, so the same history gives the same model. */
    static final long DEFAULT_SEED = 42;

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOption db;

    @Option(names = "--from", paramLabel = "INSTANT", description = "Earliest event time to train on (ISO-8601).")
    Instant from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Latest event time to train on (ISO-8601).")
    Instant to;

    @Option(
            names = "--seed",
            defaultValue = "" + DEFAULT_SEED,
            paramLabel = "N",
            description = "Seed for training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--supervised",
            description = "Retrain the supervised model and decide whether it becomes the champion.")
    boolean supervised;

    @Option(
            names = "--schedule",
            description = "Run as a scheduled job does: --supervised as of now; too few labels is not a failure.")
    boolean schedule;

    @Option(
            names = "--as-of",
            paramLabel = "INSTANT",
            description = "With --supervised: train on the transactions up to this instant with only the labels known"
                    + " then (ISO-8601; default: now).")
    Instant asOf;

    @Option(
            names = "--label-delay",
            converter = Durations.class,
            defaultValue = "7d",
            paramLabel = "DURATION",
            description = "With --supervised: when a label without labelled_at is known after its transaction, and when"
                    + " a transaction no label names counts as ordinary (default: ${DEFAULT-VALUE}).")
    Duration labelDelay;

    @Override
    public Integer call() {
        if (supervised || schedule) {
            return retrain();
        }
        if (asOf != null) {
            throw new ParameterException(spec.commandLine(), "--as-of is for --supervised or --schedule");
        }
        PrintWriter err = spec.commandLine().getErr();
        TrainingFromHistory.Trained trained =
                train(db.open(), Optional.ofNullable(from), Optional.ofNullable(to), seed);
        err.printf(
                "trained model %s%s%n",
                trained.model(), trained.newVersion() ? ": a new version, kept" : ": this version was already kept");
        PrintWriter out = spec.commandLine().getOut();
        out.println(json(trained));
        out.flush();
        return 0;
    }

    private int retrain() {
        if (from != null || to != null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--from and --to choose the anomaly model's window; the supervised model trains on everything up"
                            + " to --as-of");
        }
        if (schedule && asOf != null) {
            throw new ParameterException(spec.commandLine(), "--schedule retrains as of now; leave out --as-of");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        String by = (schedule ? "bin/txmon train --schedule" : "bin/txmon train --supervised") + " by "
                + System.getProperty("user.name");
        Retraining.Outcome outcome;
        try {
            outcome = Retraining.withTrainerDefaults(db.open(), labelDelay, seed, Clock.systemUTC())
                    .run(Optional.ofNullable(asOf), by);
        } catch (TooFewLabelsException e) {
            if (!schedule) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            err.println("no supervised model trained: " + e.getMessage());
            err.flush();
            return 0;
        }
        err.println(outcome.summary());
        err.flush();
        out.println(json(outcome));
        out.flush();
        return 0;
    }

    static String json(Retraining.Outcome outcome) {
        SupervisedModelVersion model = outcome.model();
        // Versions are hex hashes, roles and verdicts enum names, instants ISO-8601: nothing needs escaping.
        return String.format(
                Locale.ROOT,
                "{\"model_version\": \"%s\", \"verdict\": \"%s\", \"role\": \"%s\", \"labels_as_of\": \"%s\","
                        + " \"training_rows\": %d, \"training_positives\": %d, \"validation_rows\": %d,"
                        + " \"validation_positives\": %d, \"roc_auc\": %.4f, \"pr_auc\": %.4f,"
                        + " \"precision_at_budget\": %.4f, \"champion_version\": %s, \"champion_pr_auc\": %s}",
                model.version(),
                outcome.verdict(),
                model.role(),
                model.labelsAsOf(),
                model.training().rows(),
                model.training().positives(),
                model.validation().rows(),
                model.validation().positives(),
                model.metrics().rocAuc(),
                model.metrics().prAuc(),
                model.metrics().precisionAtBudget(),
                outcome.champion().map(c -> "\"" + c.version() + "\"").orElse("null"),
                outcome.champion()
                        .map(c -> String.format(Locale.ROOT, "%.4f", c.metrics().prAuc()))
                        .orElse("null"));
    }

    /** Trains with the feature settings of the rule set that decides on {@code database}, as every door does. */
    static TrainingFromHistory.Trained train(
            Database database, Optional<Instant> from, Optional<Instant> to, long seed) {
        return new TrainingFromHistory(
                        database,
                        ActiveRuleSet.resolve(database, "txmon train", Instant.now())
                                .rules()
                                .features(),
                        Clock.systemUTC())
                .train(from, to, seed);
    }

    static String json(TrainingFromHistory.Trained trained) {
        AnomalyModel model = trained.model();
        // Versions are hex hashes and instants ISO-8601: nothing in them needs escaping.
        return String.format(
                Locale.ROOT,
                "{\"model_version\": \"%s\", \"new_version\": %b, \"training_transactions\": %d,"
                        + " \"trained_from\": \"%s\", \"trained_to\": \"%s\"}",
                model.version(),
                trained.newVersion(),
                model.training().transactions(),
                model.training().from(),
                model.training().to());
    }
}

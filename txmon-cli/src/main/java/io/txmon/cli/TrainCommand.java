package io.txmon.cli;

import io.txmon.model.AnomalyModel;
import io.txmon.storage.ActiveRuleSet;
import io.txmon.storage.Database;
import io.txmon.training.TrainingFromHistory;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code txmon train}: the anomaly model trained on stored history and kept in the database as a version. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains the anomaly model on the stored transactions with event times in [--from, --to] (all of them by"
                    + " default) and keeps it in the database; the next ingest scores with it.",
            "Ends with one line of JSON: model_version, new_version, training_transactions, trained_from,"
                    + " trained_to."
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

    @Override
    public Integer call() {
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

package io.txmon.cli;

import io.txmon.model.AnomalyModel;
import io.txmon.storage.ActiveModel;
import io.txmon.storage.ActiveSupervisedModel;
import io.txmon.storage.Database;
import io.txmon.storage.StoredModels;
import io.txmon.storage.StoredModels.ModelVersion;
import io.txmon.storage.StoredSupervisedModels;
import io.txmon.storage.SupervisedModelVersion;
import io.txmon.storage.UnknownModelVersionException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code txmon models}: the anomaly model versions kept in the database, newest first, then the supervised models of
 * the registry with their metrics and roles.
 */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "Lists the anomaly model versions kept in the database, newest first, and which one scoring"
                + " uses: the active one, else the newest; then the supervised models (bin/txmon train --supervised),"
                + " newest first, with their metrics on the latest labelled window and their role.",
        subcommands = {ModelsCommand.Activate.class})
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOption db;

    @Override
    public Integer call() {
        Database database = db.open();
        List<ModelVersion> versions = new StoredModels(database).versions();
        PrintWriter out = spec.commandLine().getOut();
        if (versions.isEmpty()) {
            out.println("no models kept (bin/txmon train makes one)");
        } else {
            out.printf("%-16s  %-24s  %-45s  %9s  %s%n", "version", "created", "window", "rows", "used");
            ModelVersion used = scoringUses(versions);
            for (ModelVersion v : versions) {
                out.printf(
                        "%-16s  %-24s  %-45s  %,9d  %s%n",
                        v.version(),
                        v.createdAt(),
                        v.trainedFrom() + ".." + v.trainedTo(),
                        v.trainingRows(),
                        usage(v, used));
            }
        }
        listSupervised(new StoredSupervisedModels(database).versions(), out);
        out.flush();
        return 0;
    }

    private static void listSupervised(List<SupervisedModelVersion> versions, PrintWriter out) {
        if (versions.isEmpty()) {
            return;
        }
        out.println();
        out.println("supervised models (metrics on the latest labelled window when each was trained):");
        out.printf(
                "%-16s  %-24s  %-24s  %9s  %7s  %7s  %7s  %8s  %s%n",
                "version", "created", "labels as of", "rows", "fraud", "ROC-AUC", "PR-AUC", "P@budget", "role");
        for (SupervisedModelVersion v : versions) {
            out.printf(
                    Locale.ROOT,
                    "%-16s  %-24s  %-24s  %,9d  %,7d  %7.3f  %7.3f  %8.3f  %s%n",
                    v.version(),
                    v.createdAt(),
                    v.labelsAsOf(),
                    v.training().rows() + v.validation().rows(),
                    v.training().positives() + v.validation().positives(),
                    v.metrics().rocAuc(),
                    v.metrics().prAuc(),
                    v.metrics().precisionAtBudget(),
                    v.role()
                            + v.activation()
                                    .map(chosen -> ", chosen by " + chosen.by() + " at " + chosen.at())
                                    .orElse(""));
        }
    }

    /**
     * {@code txmon models activate ID}: what {@code PUT /models/active} does ({@link ActiveModel#activate}), from the
     * command line; for a supervised version, what {@code PUT /models/supervised/active} does ({@link
     * ActiveSupervisedModel#activate}), recorded as chosen by the user who ran it.
     */
    @Command(
            name = "activate",
            mixinStandardHelpOptions = true,
            description = "Makes a kept model version the one scoring uses in ingest, demo and at the next start of"
                    + " serve (a running serve takes PUT /models/active); a supervised version becomes the champion,"
                    + " the former champion retired.")
    static final class Activate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOption db;

        @Parameters(index = "0", paramLabel = "ID", description = "The model version, as bin/txmon models lists it.")
        String version;

        @Override
        public Integer call() {
            Database database = db.open();
            if (version != null && new StoredSupervisedModels(database).contains(version.strip())) {
                SupervisedModelVersion champion = ActiveSupervisedModel.activate(
                        database,
                        version,
                        "bin/txmon models activate by " + System.getProperty("user.name"),
                        Instant.now());
                PrintWriter out = spec.commandLine().getOut();
                out.printf("supervised model %s is the champion%n", champion.version());
                out.flush();
                return 0;
            }
            AnomalyModel model;
            try {
                model = ActiveModel.activate(database, version, "bin/txmon models activate", Instant.now());
            } catch (UnknownModelVersionException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage() + " (bin/txmon models lists them)");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("model %s is active%n", model.version());
            out.flush();
            return 0;
        }
    }

    /** The same choice {@link ActiveModel#resolve} makes: the active version, else the newest. */
    private static ModelVersion scoringUses(List<ModelVersion> newestFirst) {
        return newestFirst.stream().filter(ModelVersion::active).findFirst().orElse(newestFirst.get(0));
    }

    private static String usage(ModelVersion v, ModelVersion used) {
        if (v.active()) {
            return v.activation()
                    .map(chosen -> "active (scoring uses it), chosen by " + chosen.by() + " at " + chosen.at())
                    .orElse("active (scoring uses it)");
        }
        return v == used ? "newest (scoring uses it)" : "";
    }
}

package io.txmon.cli;

import io.txmon.model.AnomalyModel;
import io.txmon.storage.ActiveModel;
import io.txmon.storage.StoredModels;
import io.txmon.storage.StoredModels.ModelVersion;
import io.txmon.storage.UnknownModelVersionException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code txmon models}: the anomaly model versions kept in the database, newest first. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "Lists the anomaly model versions kept in the database, newest first, and which one scoring"
                + " uses: the active one, else the newest.",
        subcommands = {ModelsCommand.Activate.class})
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOption db;

    @Override
    public Integer call() {
        List<ModelVersion> versions = new StoredModels(db.open()).versions();
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
        out.flush();
        return 0;
    }

    /**
     * {@code txmon models activate ID}: what {@code PUT /models/active} does ({@link ActiveModel#activate}), from the
     * command line.
     */
    @Command(
            name = "activate",
            mixinStandardHelpOptions = true,
            description = "Makes a kept model version the one scoring uses in ingest, demo and at the next start of"
                    + " serve (a running serve takes PUT /models/active).")
    static final class Activate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOption db;

        @Parameters(index = "0", paramLabel = "ID", description = "The model version, as bin/txmon models lists it.")
        String version;

        @Override
        public Integer call() {
            AnomalyModel model;
            try {
                model = ActiveModel.activate(db.open(), version, "bin/txmon models activate", Instant.now());
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

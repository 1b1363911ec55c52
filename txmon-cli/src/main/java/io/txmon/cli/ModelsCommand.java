package io.txmon.cli;

import io.txmon.storage.StoredModels;
import io.txmon.storage.StoredModels.ModelVersion;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code txmon models}: the anomaly model versions kept in the database, newest first. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "Lists the anomaly model versions kept in the database, newest first, and which one scoring"
                + " uses: the active one, else the newest.")
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOption db;

    @Override
    public Integer call() throws SQLException {
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

    /** The same choice {@link StoredModels#forScoring()} makes: the active version, else the newest. */
    private static ModelVersion scoringUses(List<ModelVersion> newestFirst) {
        return newestFirst.stream().filter(ModelVersion::active).findFirst().orElse(newestFirst.get(0));
    }

    private static String usage(ModelVersion v, ModelVersion used) {
        if (v.active()) {
            return "active (scoring uses it)";
        }
        return v == used ? "newest (scoring uses it)" : "";
    }
}

package io.txmon.cli;

import io.txmon.model.AnomalyModelCodec;
import io.txmon.stream.topics.ControlMessages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code txmon control}: a new rule set or model for the running stream, on its control topic. */
@Command(
        name = "control",
        mixinStandardHelpOptions = true,
        description = {
            "Sends a rule file or a model to the running stream job's control topic. The job checks it and decides"
                    + " with it from then on; one it refuses goes to the control-errors topic with its reason, and the"
                    + " running one stays."
        })
final class ControlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "The Kafka broker.")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "control", description = "The control topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @ArgGroup(multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--rules", paramLabel = "FILE", description = "A rule file.")
        Path rules;

        @Option(names = "--model", paramLabel = "FILE", description = "A model file.")
        Path model;
    }

    @Override
    public Integer call() throws ExecutionException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (what.rules != null) {
            ControlMessages.sendRules(bootstrapServers, topic, what.rules.toString(), read(what.rules));
        } else {
            ControlMessages.sendModel(
                    bootstrapServers,
                    topic,
                    what.model.toString(),
                    AnomalyModelCodec.toBytes(ModelFiles.read(what.model)));
        }
        err.printf("sent %s to %s%n", what.rules != null ? what.rules : what.model, topic);
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + file + ": " + e.getMessage(), e);
        }
    }
}

package io.txmon.cli;

import io.txmon.stream.topics.DecisionConsumer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code txmon consume}: the decisions topic into the file {@code bin/txmon score} writes. */
@Command(
        name = "consume",
        mixinStandardHelpOptions = true,
        description = {
            "Reads the decisions topic from its beginning (read_committed: only what the job committed) into a"
                    + " decisions file with the columns bin/txmon score writes."
        })
final class ConsumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "The Kafka broker.")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "decisions", description = "The topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Decisions (.csv or .jsonl).")
    Path output;

    @Option(
            names = "--stop-when-idle",
            defaultValue = "10s",
            converter = Durations.class,
            paramLabel = "DURATION",
            description = "Stop once no decision has come for this long (default: ${DEFAULT-VALUE}).")
    Duration idle;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        long count = DecisionConsumer.toFile(bootstrapServers, topic, output, idle);
        err.printf("consumed %,d decisions from %s into %s%n", count, topic, output);
        return 0;
    }
}

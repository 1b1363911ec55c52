package io.txmon.cli;

import io.txmon.stream.broker.LocalKafka;
import io.txmon.stream.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code txmon kafka}: a single-node Kafka broker for trying the stream out (docs/streaming.md). */
@Command(
        name = "kafka",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a single-node Kafka broker (KRaft, broker and controller in one) on 127.0.0.1, with txmon's topics"
                    + " created, until stopped with Ctrl-C. For trying txmon out and for tests: production uses the"
                    + " bank's own cluster."
        })
final class KafkaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--dir",
            defaultValue = "kafka-data",
            paramLabel = "DIR",
            description = "Where the broker keeps its log; kept across restarts (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(
            names = "--partitions",
            defaultValue = "2",
            description = "Partitions of each topic it creates (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        LocalKafka kafka = LocalKafka.start(port, dir);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-shutdown"));
        Topics topics = Topics.DEFAULTS;
        kafka.createTopics(topics.all(), partitions, List.of(topics.accounts()));
        err.printf(
                "kafka: listening on %s, log in %s; topics %s (%s compacted); Ctrl-C stops it%n",
                kafka.bootstrapServers(), dir.toAbsolutePath(), String.join(", ", topics.all()), topics.accounts());
        err.flush();
        kafka.awaitShutdown();
        return 0;
    }
}

package io.txmon.stream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.stream.broker.LocalKafka;
import io.txmon.stream.topics.DecisionConsumer;
import io.txmon.stream.topics.OutputMessages;
import io.txmon.stream.topics.Topics;
import io.txmon.stream.topics.TransactionProducer;
import io.txmon.transaction.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The job jar as {@code flink run} submits it: the program's main builds the job graph from its arguments, in a class
 * loader of the jar alone (Flink's own classes from the cluster), and the cluster decides every transaction with it.
 */
class FlinkJobJarIT {
    private static final Path JAR = Path.of("target", "txmon-stream-job.jar");

    @TempDir
    Path dir;

    /**
     * Two partitions for the job's two tasks, with the default idle timeout; and one partition for two tasks with a
     * 1 s timeout, under which, before the fixes of docs/streaming.md ("Quiet spells"), transactions went undecided
     * when the machine was loaded.
     */
    @ParameterizedTest(name = "{0} partition(s), idle partition timeout {1}")
    @CsvSource({"2, 30s", "1, 1s"})
    void theJobJarDecidesEveryTransactionOnACluster(int partitions, String idleTimeout) throws Exception {
        assertThat(JAR).as("built by the package phase").exists();
        SimulatedData world = Simulator.simulate(
                SimulationSettings.builder().seed(2).customers(40).days(4).build());
        List<Transaction> inOrder = new ArrayList<>(world.transactions());
        inOrder.sort(Comparator.comparing(Transaction::timestamp));
        try (LocalKafka kafka = LocalKafka.start(0, dir.resolve("kafka"))) {
            Topics topics = Topics.DEFAULTS;
            // A transaction a day after the world on each partition moves event time past every one of the world's,
            // as a live stream does, without bin/txmon stream's final drain. Kafka's default partitioner puts the
            // keys late_riser and night_owl on partitions 0 and 1 of two; with two keys on one partition, the other
            // held event time back until its idle timeout (30 s).
            kafka.createTopics(topics.all(), partitions, List.of(topics.accounts()));
            Transaction dayAfter = Transaction.builder(
                            "day-after",
                            inOrder.get(inOrder.size() - 1).timestamp().plus(Duration.ofDays(1)),
                            "late_riser",
                            new java.math.BigDecimal("1.00"))
                    .build();
            try (TransactionProducer producer = new TransactionProducer(kafka.bootstrapServers(), topics)) {
                producer.accounts(world.accounts());
                producer.transactions(inOrder, 0, OptionalDouble.empty());
                producer.transactions(List.of(dayAfter), inOrder.size(), OptionalDouble.empty());
                producer.transactions(
                        List.of(Transaction.builder(
                                        "day-after-2",
                                        dayAfter.timestamp(),
                                        "night_owl",
                                        new java.math.BigDecimal("1.00"))
                                .build()),
                        inOrder.size() + 1,
                        OptionalDouble.empty());
            }
            Path rules =
                    Files.writeString(dir.resolve("rules.yaml"), io.txmon.stream.ControlFixtures.defaultRuleFile());

            Configuration config = new Configuration();
            // On a real cluster neither the Kafka connector nor Kafka's client is on Flink's class path, so both load
            // from the job jar. Here the test's class path holds both and Flink takes its own packages parent-first:
            // Kafka's must come from the same loader as the connector that names them, so parent-first too. Every
            // other class (txmon's, its JSON, CSV and YAML libraries) still comes from the job jar.
            config.setString("classloader.parent-first-patterns.additional", "org.apache.kafka.");
            try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                    .setConfiguration(config)
                    .setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(2)
                    .build())) {
                cluster.start();
                PackagedProgram program = PackagedProgram.newBuilder()
                        .setJarFile(JAR.toFile())
                        .setConfiguration(config)
                        .setArguments(
                                "--bootstrap-servers",
                                kafka.bootstrapServers(),
                                "--rules",
                                rules.toString(),
                                "--checkpoint-interval",
                                "300ms",
                                "--idle-partition-timeout",
                                idleTimeout)
                        .build();
                JobGraph graph = PackagedProgramUtils.createJobGraph(program, config, 2, false);
                JobID job = cluster.submitJob(graph).get().getJobID();

                Set<String> decided = new HashSet<>();
                long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (!decided.containsAll(ids(inOrder)) && System.nanoTime() < until) {
                    if (cluster.getJobStatus(job).get().isGloballyTerminalState()) {
                        throw new AssertionError("the job ended: "
                                + cluster.requestJobResult(job)
                                        .get()
                                        .getSerializedThrowable()
                                        .map(thrown -> thrown.getFullStringifiedStackTrace())
                                        .orElse("without an error"));
                    }
                    DecisionConsumer.read(
                            kafka.bootstrapServers(),
                            topics.decisions(),
                            Duration.ofMillis(500),
                            record -> decided.add(
                                    OutputMessages.decisionRow(record.value()).transactionId()));
                }
                var graphNow = cluster.getExecutionGraph(job).get();
                String failure = graphNow.getState() + " "
                        + (graphNow.getFailureInfo() == null
                                ? "no failure"
                                : graphNow.getFailureInfo().getExceptionAsString());
                cluster.cancelJob(job).get();

                assertThat(decided).as(failure).containsAll(ids(inOrder));
            }
        }
    }

    private static List<String> ids(List<Transaction> transactions) {
        return transactions.stream().map(Transaction::transactionId).toList();
    }
}

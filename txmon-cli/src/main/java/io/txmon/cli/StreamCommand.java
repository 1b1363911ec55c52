package io.txmon.cli;

import io.txmon.stream.DecisionJob;
import io.txmon.stream.cluster.LocalCluster;
import io.txmon.stream.topics.StreamSettings;
import io.txmon.stream.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code txmon stream}: the decision job on Kafka, on a Flink mini-cluster in this process (docs/streaming.md). */
@Command(
        name = "stream",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the decision job between Kafka topics on a local Flink mini-cluster: transactions, accounts and"
                    + " outcome labels in; decisions, alerts, late and rejected input and labels set aside out, each"
                    + " exactly once. With --checkpoints it resumes from the newest checkpoint or savepoint there."
        })
final class StreamCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "The Kafka broker.")
    String bootstrapServers;

    @Option(
            names = "--parallelism",
            defaultValue = "1",
            description = "Tasks per operator (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--model", paramLabel = "FILE", description = "A model file; default: the rules alone.")
    Path model;

    @Option(
            names = "--supervised-model",
            paramLabel = "FILE",
            description = "A supervised model file (score --save-supervised-model, or models) to decide with from the"
                    + " start; default: none until a SUPERVISED control message.")
    Path supervisedModel;

    @Option(
            names = "--learn-from-labels",
            description = "Read the labels topic and learn each outcome once known (entity states, as score --labels"
                    + " does). Off by default: with it, transactions after a quiet spell longer than"
                    + " --idle-partition-timeout can come late (docs/streaming.md).")
    boolean learnFromLabels;

    @Option(
            names = "--labels-topic",
            defaultValue = "labels",
            paramLabel = "NAME",
            description = "Topic of outcome labels, one JSON object per message with a labels file's fields"
                    + " (default: ${DEFAULT-VALUE}).")
    String labelsTopic;

    @Option(
            names = "--label-delay",
            converter = Durations.class,
            defaultValue = "7d",
            paramLabel = "DURATION",
            description = "When a label without labelled_at is known after its transaction, as score --labels takes it"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration labelDelay;

    @Option(names = "--rules", paramLabel = "FILE", description = "A rule file; default: the shipped default rule set.")
    Path rules;

    @Option(
            names = "--db",
            paramLabel = "URL",
            description = "Also store decisions and alerts in this database (the service's), idempotently by"
                    + " transaction id; default: Kafka only.")
    String databaseUrl;

    @Option(
            names = "--checkpoints",
            paramLabel = "DIR",
            description = "Where checkpoints and savepoints are kept, and resumed from; default: a new temporary one.")
    Path checkpoints;

    @Option(
            names = "--checkpoint-interval",
            converter = Durations.class,
            paramLabel = "DURATION",
            description = "How often to checkpoint, which is how often decisions are published (default: 1s).")
    Duration checkpointInterval = StreamSettings.DEFAULT_CHECKPOINT_INTERVAL;

    @Option(
            names = "--out-of-orderness",
            converter = Durations.class,
            paramLabel = "DURATION",
            description = "How far behind in event time a transaction may arrive and still be decided (default: 2m).")
    Duration outOfOrderness = DecisionJob.DEFAULT_OUT_OF_ORDERNESS;

    @Option(
            names = "--idle-partition-timeout",
            converter = Durations.class,
            paramLabel = "DURATION",
            description =
                    "How long a source task may read nothing before event time moves on without it (default: 30s).")
    Duration idlePartitionTimeout = StreamSettings.DEFAULT_IDLE_PARTITION_TIMEOUT;

    @Option(
            names = "--forget-quiet-accounts-after",
            converter = Durations.class,
            paramLabel = "DURATION",
            description = "Forget an account's state once it has been quiet this long; it then starts afresh from its"
                    + " reference data (default: 730d).")
    Duration quietAccountTtl = DecisionJob.DEFAULT_QUIET_ACCOUNT_TTL;

    @Option(
            names = "--delivery",
            defaultValue = "EXACTLY_ONCE",
            description =
                    "EXACTLY_ONCE publishes each decision once, at the checkpoint after it; AT_LEAST_ONCE at once,"
                            + " and again after a failure (default: ${DEFAULT-VALUE}).")
    StreamSettings.Delivery delivery;

    @Option(
            names = "--watermark-interval",
            converter = Durations.class,
            paramLabel = "DURATION",
            description = "How often event time moves on; each decision waits up to this for it (default: 200ms).")
    Duration watermarkInterval = StreamSettings.DEFAULT_WATERMARK_INTERVAL;

    @Option(
            names = "--buffer-timeout",
            converter = Durations.class,
            paramLabel = "DURATION",
            description = "How long a task may hold a part-filled network buffer (default: 100ms).")
    Duration bufferTimeout = StreamSettings.DEFAULT_BUFFER_TIMEOUT;

    @Option(
            names = "--group",
            defaultValue = StreamSettings.DEFAULT_GROUP_ID,
            description = "Kafka consumer group (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(
            names = "--state",
            defaultValue = "HEAP",
            description = "Keyed state on the HEAP or in ROCKSDB on local disk (default: ${DEFAULT-VALUE}).")
    StreamSettings.StateBackend state;

    @Option(
            names = "--metrics-port",
            defaultValue = "9249",
            description = "Port of the Prometheus metrics endpoint, 0 for none (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(
            names = "--stop-when-idle",
            converter = Durations.class,
            paramLabel = "DURATION",
            description = "Stop, with a savepoint, once the input has all been decided and nothing new has come for"
                    + " this long; default: run until stopped.")
    Duration stopWhenIdle;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        StreamSettings settings = settings();
        try (LocalCluster job = LocalCluster.start(settings, metricsPort)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(job), "stream-shutdown"));
            err.printf(
                    "stream: deciding from %s (group %s) at parallelism %d; %s; %,d accounts known from the accounts"
                            + " topic (%,d messages there skipped: no account); Flink web UI at %s%s%n",
                    bootstrapServers,
                    group,
                    parallelism,
                    job.resumedFrom().map(from -> "resumed from " + from).orElse("started afresh"),
                    job.started().accounts(),
                    job.started().skippedAccountMessages(),
                    job.webUi(),
                    metricsPort > 0 ? "; metrics at http://127.0.0.1:" + metricsPort + "/metrics" : "");
            err.flush();
            if (stopWhenIdle == null) {
                job.awaitEnd();
                return 0;
            }
            job.awaitIdleInput(settings, stopWhenIdle);
            Path savepoint = job.stopWithSavepoint();
            err.printf("stream: input idle for %s; stopped with savepoint %s%n", stopWhenIdle, savepoint);
        }
        return 0;
    }

    /** The job's settings from the options. */
    StreamSettings settings() {
        StreamSettings.Builder builder = StreamSettings.builder(bootstrapServers)
                .topics(Topics.DEFAULTS.withLabels(labelsTopic))
                .labelDelay(labelDelay)
                .learnFromLabels(learnFromLabels)
                .parallelism(parallelism)
                .groupId(group)
                .checkpointInterval(checkpointInterval)
                .outOfOrderness(outOfOrderness)
                .idlePartitionTimeout(idlePartitionTimeout)
                .quietAccountTtl(quietAccountTtl)
                .stateBackend(state)
                .delivery(delivery)
                .watermarkInterval(watermarkInterval)
                .bufferTimeout(bufferTimeout);
        if (checkpoints != null) {
            builder.checkpoints(checkpoints);
        }
        if (databaseUrl != null) {
            builder.databaseUrl(databaseUrl);
        }
        if (rules != null) {
            builder.ruleFile(read(rules));
        }
        if (model != null) {
            builder.model(ModelFiles.read(model));
        }
        if (supervisedModel != null) {
            builder.supervised(ModelFiles.readSupervised(supervisedModel));
        }
        return builder.build();
    }

    private static void close(LocalCluster job) {
        try {
            job.close();
        } catch (Exception e) {
            // Shutting down anyway: the newest checkpoint is on disk, and a start on the same directory resumes.
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + file + ": " + e.getMessage(), e);
        }
    }
}

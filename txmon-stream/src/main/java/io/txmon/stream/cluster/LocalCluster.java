package io.txmon.stream.cluster;

import io.txmon.stream.DecisionDatabaseSink;
import io.txmon.stream.topics.KafkaDecisionJob;
import io.txmon.stream.topics.StreamSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * The streaming job on a Flink mini-cluster in this process, as {@code bin/txmon stream} runs it: checkpoints in a
 * directory (and a start from the newest one there), Flink's web UI and a Prometheus endpoint on ports it reports, and
 * a stop with a savepoint, draining event time, when asked or when its input has been idle.
 */
public final class LocalCluster implements AutoCloseable {
    private final MiniCluster cluster;
    private final JobID job;
    private final Checkpoints checkpoints;
    private final Optional<Path> resumedFrom;
    private final KafkaDecisionJob.Started started;

    private LocalCluster(
            MiniCluster cluster,
            JobID job,
            Checkpoints checkpoints,
            Optional<Path> resumedFrom,
            KafkaDecisionJob.Started started) {
        this.cluster = cluster;
        this.job = job;
        this.checkpoints = checkpoints;
        this.resumedFrom = resumedFrom;
        this.started = started;
    }

    /**
     * Starts the job: from the newest checkpoint or savepoint in {@code settings.checkpoints()} when there is one,
     * else from the committed offsets of its consumer group (the beginning of each topic for a new group).
     *
     * @param prometheusPort where Flink's Prometheus reporter serves the job's metrics; 0 for none
     */
    public static LocalCluster start(StreamSettings settings, int prometheusPort) throws Exception {
        Path dir = settings.checkpoints().orElse(Files.createTempDirectory("txmon-checkpoints"));
        Checkpoints checkpoints = new Checkpoints(dir);
        Optional<Path> resume = checkpoints.newest();

        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.BIND_PORT, "0");
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, settings.parallelism());
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
        config.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, settings.watermarkInterval());
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
        config.set(
                CheckpointingOptions.SAVEPOINT_DIRECTORY,
                checkpoints.savepoints().toUri().toString());
        // Kept when the job is cancelled or its process dies: that is what a start after a crash resumes from.
        config.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        config.set(
                StateBackendOptions.STATE_BACKEND,
                settings.stateBackend() == StreamSettings.StateBackend.ROCKSDB ? "rocksdb" : "hashmap");
        resume.ifPresent(path ->
                config.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toUri().toString()));
        if (prometheusPort > 0) {
            config.setString(
                    "metrics.reporter.prom.factory.class",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            config.setString("metrics.reporter.prom.port", Integer.toString(prometheusPort));
        }

        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(settings.parallelism())
                .build());
        cluster.start();
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
            env.setParallelism(settings.parallelism());
            KafkaDecisionJob.Started started = new KafkaDecisionJob(settings).addTo(env);
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName("txmon decisions");
            JobID job = cluster.submitJob(graph).get().getJobID();
            return new LocalCluster(cluster, job, checkpoints, resume, started);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /** Flink's web UI and REST API. */
    public URI webUi() throws ExecutionException, InterruptedException {
        return cluster.getRestAddress().get();
    }

    /** The checkpoint or savepoint the job resumed from, if it did. */
    public Optional<Path> resumedFrom() {
        return resumedFrom;
    }

    /** What the job knew of accounts when it started. */
    public KafkaDecisionJob.Started started() {
        return started;
    }

    /**
     * Kills the task manager that runs the job's tasks and starts a new one, as when a machine is lost: the job
     * fails over and restarts from its newest completed checkpoint. A drill, for the recovery test.
     */
    void loseTaskManager() throws Exception {
        cluster.terminateTaskManager(0).get();
        cluster.startTaskManager();
    }

    /** Whether the job has restarted after a failure since it was submitted. */
    boolean restarted() throws ExecutionException, InterruptedException {
        return cluster.getExecutionGraph(job).get().getStatusTimestamp(JobStatus.RESTARTING) > 0;
    }

    /** Whether the job is still running (or restarting after a failure). */
    public boolean running() throws ExecutionException, InterruptedException {
        JobStatus status = cluster.getJobStatus(job).get();
        return !status.isGloballyTerminalState();
    }

    /**
     * Stops the job with a savepoint after advancing event time to its end, so that every transaction waiting for
     * the watermark is decided and published first; a job started again on the same directory resumes from it.
     *
     * @return the savepoint
     */
    public Path stopWithSavepoint() throws ExecutionException, InterruptedException {
        String savepoint = cluster.stopWithSavepoint(
                        job, checkpoints.savepoints().toUri().toString(), true, SavepointFormatType.CANONICAL)
                .get();
        started.database().ifPresent(DecisionDatabaseSink::succeeded);
        return Path.of(URI.create(savepoint));
    }

    /**
     * Waits until the input topics (transactions, and labels when the job reads them) have been taken by completed checkpoints to its end (the group's committed offsets
     * there, or one short where a partition ends with a transaction marker) and neither has moved for {@code idle}.
     *
     * @throws IllegalStateException when the job ends first
     */
    public void awaitIdleInput(StreamSettings settings, Duration idle) throws Exception {
        try (InputProgress input = new InputProgress(
                settings.bootstrapServers(),
                settings.groupId(),
                settings.learnsFromLabels()
                        ? List.of(
                                settings.topics().transactions(),
                                settings.topics().labels())
                        : List.of(settings.topics().transactions()))) {
            long idleSince = System.nanoTime();
            InputProgress.Position last = null;
            while (true) {
                if (!running()) {
                    awaitEnd();
                    throw new IllegalStateException("the job ended before its input was idle");
                }
                InputProgress.Position position = input.position();
                long now = System.nanoTime();
                boolean caughtUp = position.caughtUp();
                if (!position.equals(last) || !caughtUp) {
                    last = position;
                    idleSince = now;
                } else if (now - idleSince >= idle.toNanos()) {
                    return;
                }
                Thread.sleep(Math.min(500, Math.max(10, idle.toMillis() / 4)));
            }
        }
    }

    /** Waits for the job to end: a failure is thrown with its cause. */
    public void awaitEnd() throws ExecutionException, InterruptedException {
        JobResult result = cluster.requestJobResult(job).get();
        if (result.isSuccess()) {
            started.database().ifPresent(DecisionDatabaseSink::succeeded);
        } else {
            Throwable cause = result.getSerializedThrowable()
                    .map(thrown -> thrown.deserializeError(getClass().getClassLoader()))
                    .orElse(null);
            started.database()
                    .ifPresent(sink -> sink.failed(
                            cause != null
                                    ? cause
                                    : new IllegalStateException("ended as " + result.getApplicationStatus())));
            throw new IllegalStateException(
                    "the job ended as " + result.getApplicationStatus()
                            + (cause == null ? "" : ": " + cause.getMessage()),
                    cause);
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}

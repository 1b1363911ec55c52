package io.txmon.benchmarks.stream;

import io.txmon.stream.topics.StreamSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.FileUtils;

/**
 * A mini-cluster for a reference job, set up as {@code LocalCluster} sets up txmon's (slots, checkpoint interval and
 * directory, state backend), so that what differs between the jobs measured is the job alone.
 */
final class BenchmarkCluster implements AutoCloseable {
    private final MiniCluster cluster;
    private final Configuration config;
    private final int parallelism;
    private final Path checkpoints;

    private BenchmarkCluster(MiniCluster cluster, Configuration config, int parallelism, Path checkpoints) {
        this.cluster = cluster;
        this.config = config;
        this.parallelism = parallelism;
        this.checkpoints = checkpoints;
    }

    /** Adds a job's operators to an environment. */
    @FunctionalInterface
    interface Job {
        void addTo(StreamExecutionEnvironment env) throws Exception;
    }

    /** Starts a cluster and submits {@code job} to it as {@code name}; closing what it returns stops both. */
    static AutoCloseable run(
            String name,
            int parallelism,
            Duration checkpointInterval,
            StreamSettings.StateBackend stateBackend,
            Job job)
            throws Exception {
        BenchmarkCluster cluster = start(parallelism, checkpointInterval, stateBackend);
        try {
            StreamExecutionEnvironment env = cluster.environment();
            job.addTo(env);
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName(name);
            cluster.cluster.submitJob(graph).get();
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    private static BenchmarkCluster start(
            int parallelism, Duration checkpointInterval, StreamSettings.StateBackend stateBackend) throws Exception {
        Path checkpoints = Files.createTempDirectory("txmon-reference-checkpoints");
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.BIND_PORT, "0");
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        config.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        config.set(
                StateBackendOptions.STATE_BACKEND,
                stateBackend == StreamSettings.StateBackend.ROCKSDB ? "rocksdb" : "hashmap");
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism)
                .build());
        cluster.start();
        return new BenchmarkCluster(cluster, config, parallelism, checkpoints);
    }

    private StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(parallelism);
        return env;
    }

    /** Stops the cluster and deletes its checkpoints. */
    @Override
    public void close() throws Exception {
        try {
            cluster.close();
        } finally {
            FileUtils.deleteDirectory(checkpoints.toFile());
        }
    }
}

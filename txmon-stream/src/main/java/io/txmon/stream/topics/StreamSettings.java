package io.txmon.stream.topics;

import io.txmon.boosting.SupervisedModel;
import io.txmon.model.AnomalyModel;
import io.txmon.stream.DecisionJob;
import io.txmon.transaction.TransactionParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * How the streaming job on Kafka is set up: where the broker is, what it decides with, how often it checkpoints.
 * Built with {@link #builder}, whose defaults are the constants here.
 *
 * @param ruleFile the rule file's text; empty for the shipped defaults
 * @param model the anomaly model; empty for the rules alone
 * @param databaseUrl where to store decisions and alerts as well, as {@code bin/txmon ingest --db} takes it
 * @param checkpoints where checkpoints and savepoints are kept; a job started again with the same directory resumes
 *     from the newest one there
 * @param transactionTimeout how long the broker keeps an open transaction of the exactly-once sinks: longer than
 *     the longest outage a restart must survive, at most the broker's {@code transaction.max.timeout.ms}
 * @param quietAccountTtl how long an account's state is kept once nothing changes it ({@link
 *     DecisionJob#DEFAULT_QUIET_ACCOUNT_TTL} says what forgetting costs)
 * @param idlePartitionTimeout how long a source task may read nothing before event time moves on without it: a task
 *     with no partition at all (more tasks than partitions) or a partition gone quiet would otherwise hold event
 *     time, and every decision, back for ever
 * @param watermarkInterval how often the sources emit a watermark; a transaction is decided only once the watermark
 *     passes it, so this adds up to its length to every decision's latency
 * @param delivery how the Kafka sinks publish: exactly once (in Kafka transactions committed at checkpoints, so a
 *     read_committed reader sees a decision only after the next checkpoint) or at least once (at once; after a
 *     failure, decisions made since the last checkpoint are published again)
 * @param bufferTimeout how long a task may hold a part-filled network buffer before sending it on; each shuffle can
 *     add up to this to a decision's latency
 * @param supervised the supervised model the job starts deciding with, beside the rules and the anomaly model; empty
 *     for none (a {@code SUPERVISED} control message sets or replaces it while the job runs)
 * @param labelDelay how long after its transaction a label without {@code labelled_at} is known, as {@code bin/txmon
 *     score --label-delay} takes it
 * @param learnsFromLabels whether the job reads the labels topic and learns the outcomes on it; off by default, since
 *     the second path that carries each transaction to its labels makes transactions after a quiet spell longer than
 *     the idle-partition timeout come late about one time in two (docs/streaming.md, "Entities and outcomes")
 */
public record StreamSettings(
        String bootstrapServers,
        Topics topics,
        String groupId,
        int parallelism,
        Duration outOfOrderness,
        Duration checkpointInterval,
        Optional<Path> checkpoints,
        Optional<String> ruleFile,
        Optional<AnomalyModel> model,
        Optional<String> databaseUrl,
        Currency baseCurrency,
        Duration transactionTimeout,
        StateBackend stateBackend,
        Duration watermarkInterval,
        Duration idlePartitionTimeout,
        Duration quietAccountTtl,
        Delivery delivery,
        Duration bufferTimeout,
        Optional<SupervisedModel> supervised,
        Duration labelDelay,
        boolean learnsFromLabels) {

    /** How decisions are published to Kafka. */
    public enum Delivery {
        /** Each decision published exactly once, at the checkpoint after it was made. */
        EXACTLY_ONCE,
        /**
         * Each decision published as soon as it is made; after a failure, those made since the last checkpoint are
         * made again and published again (the same decisions: readers keep one per transaction id, as the database
         * sink does).
         */
        AT_LEAST_ONCE
    }

    /** Where keyed state lives: on the heap (fast, bounded by memory), or in RocksDB on local disk (for production). */
    public enum StateBackend {
        HEAP,
        ROCKSDB
    }

    /**
     * Half a minute: far longer than any pause in a bank's live payments on a partition, so that a partition that still
     * has transactions to come is never left behind; short enough that a task without a partition does not hold the
     * job's decisions back noticeably at start-up.
     */
    public static final Duration DEFAULT_IDLE_PARTITION_TIMEOUT = Duration.ofSeconds(30);

    /** Seed 001's consumer group. */
    public static final String DEFAULT_GROUP_ID = "anomaly-detection";

    /**
     * Often enough that the exactly-once sinks publish decisions within a second (a read_committed reader sees
     * them only at a checkpoint), rarely enough that checkpoints stay a small share of the work.
     */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    /** A broker's default {@code transaction.max.timeout.ms}: the longest a restart may take without losing output. */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    /**
     * Flink's own default ({@code pipeline.auto-watermark-interval}). Each watermark costs a little on every task, so
     * a shorter interval buys latency with throughput; with the default out-of-orderness of minutes it hardly matters.
     */
    public static final Duration DEFAULT_WATERMARK_INTERVAL = Duration.ofMillis(200);

    /**
     * Flink's own ({@code execution.buffer-timeout}). A decision crosses two shuffles, so at a rate that fills buffers
     * slower than this it can add up to twice this to a decision's latency; shorter timeouts send more, smaller
     * buffers, which cost throughput (BENCHMARKS.md, streaming).
     */
    public static final Duration DEFAULT_BUFFER_TIMEOUT = Duration.ofMillis(100);

    public StreamSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(groupId, "groupId");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        if (outOfOrderness.isNegative()) {
            throw new IllegalArgumentException("out-of-orderness must not be negative, was " + outOfOrderness);
        }
        if (checkpointInterval.toMillis() < 10) {
            throw new IllegalArgumentException("checkpoint interval must be at least 10ms, was " + checkpointInterval);
        }
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(ruleFile, "ruleFile");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(baseCurrency, "baseCurrency");
        Objects.requireNonNull(stateBackend, "stateBackend");
        if (quietAccountTtl.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "a quiet account's state must be kept at least 1ms, was " + quietAccountTtl);
        }
        if (idlePartitionTimeout.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "idle partition timeout must be at least 1ms, was " + idlePartitionTimeout);
        }
        Objects.requireNonNull(delivery, "delivery");
        if (bufferTimeout.isNegative()) {
            throw new IllegalArgumentException("buffer timeout must not be negative, was " + bufferTimeout);
        }
        Objects.requireNonNull(supervised, "supervised");
        if (labelDelay.isNegative()) {
            throw new IllegalArgumentException("label delay must not be negative, was " + labelDelay);
        }
        if (watermarkInterval.toMillis() < 1) {
            throw new IllegalArgumentException("watermark interval must be at least 1ms, was " + watermarkInterval);
        }
        if (transactionTimeout.compareTo(checkpointInterval) <= 0) {
            throw new IllegalArgumentException(
                    "transaction timeout must be longer than the checkpoint interval, was " + transactionTimeout);
        }
    }

    /** Settings for the broker at {@code bootstrapServers}, every other one at its default. */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** Builds {@link StreamSettings}; each setter names its default. */
    public static final class Builder {
        private final String bootstrapServers;
        private Topics topics = Topics.DEFAULTS;
        private String groupId = DEFAULT_GROUP_ID;
        private int parallelism = 1;
        private Duration outOfOrderness = DecisionJob.DEFAULT_OUT_OF_ORDERNESS;
        private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
        private Path checkpoints;
        private String ruleFile;
        private AnomalyModel model;
        private String databaseUrl;
        private Currency baseCurrency = TransactionParser.DEFAULT_BASE_CURRENCY;
        private Duration transactionTimeout = DEFAULT_TRANSACTION_TIMEOUT;
        private StateBackend stateBackend = StateBackend.HEAP;
        private Duration watermarkInterval = DEFAULT_WATERMARK_INTERVAL;
        private Duration idlePartitionTimeout = DEFAULT_IDLE_PARTITION_TIMEOUT;
        private Duration quietAccountTtl = DecisionJob.DEFAULT_QUIET_ACCOUNT_TTL;
        private Delivery delivery = Delivery.EXACTLY_ONCE;
        private Duration bufferTimeout = DEFAULT_BUFFER_TIMEOUT;
        private SupervisedModel supervised;
        private Duration labelDelay = DecisionJob.DEFAULT_LABEL_DELAY;
        private boolean learnsFromLabels;

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        /** Default {@link Topics#DEFAULTS}. */
        public Builder topics(Topics value) {
            topics = value;
            return this;
        }

        /** Default {@value #DEFAULT_GROUP_ID}. */
        public Builder groupId(String value) {
            groupId = value;
            return this;
        }

        /** Default 1. */
        public Builder parallelism(int value) {
            parallelism = value;
            return this;
        }

        /** Default {@link DecisionJob#DEFAULT_OUT_OF_ORDERNESS}. */
        public Builder outOfOrderness(Duration value) {
            outOfOrderness = value;
            return this;
        }

        /** Default {@link #DEFAULT_CHECKPOINT_INTERVAL}. */
        public Builder checkpointInterval(Duration value) {
            checkpointInterval = value;
            return this;
        }

        /** Default none: checkpoints in memory, lost with the process. */
        public Builder checkpoints(Path value) {
            checkpoints = value;
            return this;
        }

        /** Default none: the shipped rules. */
        public Builder ruleFile(String text) {
            ruleFile = text;
            return this;
        }

        /** Default none: the rules alone. */
        public Builder model(AnomalyModel value) {
            model = value;
            return this;
        }

        /** Default none: decisions go to Kafka only. */
        public Builder databaseUrl(String value) {
            databaseUrl = value;
            return this;
        }

        /** Default {@link TransactionParser#DEFAULT_BASE_CURRENCY}. */
        public Builder baseCurrency(Currency value) {
            baseCurrency = value;
            return this;
        }

        /** Default {@link #DEFAULT_TRANSACTION_TIMEOUT}. */
        public Builder transactionTimeout(Duration value) {
            transactionTimeout = value;
            return this;
        }

        /** Default {@link StateBackend#HEAP}; {@link StateBackend#ROCKSDB} for more accounts than memory holds. */
        public Builder stateBackend(StateBackend value) {
            stateBackend = value;
            return this;
        }

        /** Default {@link DecisionJob#DEFAULT_QUIET_ACCOUNT_TTL}. */
        public Builder quietAccountTtl(Duration value) {
            quietAccountTtl = value;
            return this;
        }

        /** Default {@link #DEFAULT_IDLE_PARTITION_TIMEOUT}. */
        public Builder idlePartitionTimeout(Duration value) {
            idlePartitionTimeout = value;
            return this;
        }

        /** Default {@link #DEFAULT_WATERMARK_INTERVAL}; shorter for lower latency when the out-of-orderness is small. */
        public Builder watermarkInterval(Duration value) {
            watermarkInterval = value;
            return this;
        }

        /** Default {@link Delivery#EXACTLY_ONCE}. */
        public Builder delivery(Delivery value) {
            delivery = value;
            return this;
        }

        /** Default {@link #DEFAULT_BUFFER_TIMEOUT}; zero sends every record at once. */
        public Builder bufferTimeout(Duration value) {
            bufferTimeout = value;
            return this;
        }

        /** Default none: the rules and the anomaly model alone, until a {@code SUPERVISED} control message. */
        public Builder supervised(SupervisedModel value) {
            supervised = value;
            return this;
        }

        /** Default off: the labels topic is not read. */
        public Builder learnFromLabels(boolean value) {
            learnsFromLabels = value;
            return this;
        }

        /** Default {@link DecisionJob#DEFAULT_LABEL_DELAY}, as {@code bin/txmon score --labels} takes it. */
        public Builder labelDelay(Duration value) {
            labelDelay = value;
            return this;
        }

        public StreamSettings build() {
            return new StreamSettings(
                    bootstrapServers,
                    topics,
                    groupId,
                    parallelism,
                    outOfOrderness,
                    checkpointInterval,
                    Optional.ofNullable(checkpoints),
                    Optional.ofNullable(ruleFile),
                    Optional.ofNullable(model),
                    Optional.ofNullable(databaseUrl),
                    baseCurrency,
                    transactionTimeout,
                    stateBackend,
                    watermarkInterval,
                    idlePartitionTimeout,
                    quietAccountTtl,
                    delivery,
                    bufferTimeout,
                    Optional.ofNullable(supervised),
                    labelDelay,
                    learnsFromLabels);
        }
    }
}

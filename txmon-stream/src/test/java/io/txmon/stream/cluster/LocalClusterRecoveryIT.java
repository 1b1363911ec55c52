package io.txmon.stream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.features.InMemoryAccountStates;
import io.txmon.formats.DecisionRow;
import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.TransactionScorer;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.stream.broker.LocalKafka;
import io.txmon.stream.topics.DecisionConsumer;
import io.txmon.stream.topics.OutputMessages;
import io.txmon.stream.topics.StreamSettings;
import io.txmon.stream.topics.Topics;
import io.txmon.stream.topics.TransactionProducer;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once end to end through a failure: the task manager running the job is lost mid-stream, the job restarts
 * from its newest checkpoint, and a read_committed consumer of the decisions topic sees every decision once, equal to
 * batch scoring's, although the failure made the sinks write some decisions twice (in transactions then aborted).
 */
class LocalClusterRecoveryIT {
    @TempDir
    Path dir;

    @Test
    void losingTheTaskManagerMidStreamNeitherLosesNorRepeatsADecision() throws Exception {
        SimulatedData world = Simulator.simulate(
                SimulationSettings.builder().seed(9).customers(150).days(10).build());
        Map<String, Account> accounts = new HashMap<>();
        world.accounts().forEach(account -> accounts.put(account.userId(), account));
        Function<String, Account> directory = id -> accounts.getOrDefault(id, Account.unknown(id));
        List<Transaction> inOrder = new ArrayList<>(world.transactions());
        inOrder.sort(Comparator.comparing(Transaction::timestamp));
        RuleSet rules = RuleFile.defaults();
        AnomalyModel model = AnomalyModelTrainer.builder(7)
                .build()
                .train(AnomalyModelTrainer.earliestShare(inOrder, 0.25), directory, rules.features());
        TransactionScorer scorer =
                new TransactionScorer(rules, Optional.of(model), new InMemoryAccountStates(directory));
        Map<String, DecisionRow> batch = new HashMap<>();
        inOrder.forEach(tx -> batch.put(tx.transactionId(), DecisionRow.of(scorer.score(tx))));
        int half = inOrder.size() / 2;

        try (LocalKafka kafka = LocalKafka.start(0, dir.resolve("kafka"))) {
            Topics topics = Topics.DEFAULTS;
            kafka.createTopics(topics.all(), 2, List.of(topics.accounts()));
            StreamSettings settings = StreamSettings.builder(kafka.bootstrapServers())
                    .parallelism(2)
                    .model(model)
                    .checkpointInterval(Duration.ofMillis(300))
                    .checkpoints(dir.resolve("checkpoints"))
                    .build();
            try (TransactionProducer producer = new TransactionProducer(kafka.bootstrapServers(), topics);
                    LocalCluster job = startWithAccounts(settings, producer, accounts)) {
                producer.transactions(inOrder.subList(0, half), 0, OptionalDouble.empty());
                awaitCommittedDecisions(kafka.bootstrapServers(), topics.decisions(), 1);
                // Paced, so that the job is busy deciding when its task manager goes.
                Thread failure = new Thread(() -> {
                    try {
                        Thread.sleep(1_000);
                        job.loseTaskManager();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                failure.start();
                producer.transactions(inOrder.subList(half, inOrder.size()), half, OptionalDouble.of(1_500));
                failure.join();

                job.awaitIdleInput(settings, Duration.ofSeconds(3));
                assertThat(job.restarted()).as("the job failed over").isTrue();
                job.stopWithSavepoint();
            }

            List<String> ids = new ArrayList<>();
            Map<String, DecisionRow> streamed = new HashMap<>();
            DecisionConsumer.read(kafka.bootstrapServers(), topics.decisions(), Duration.ofSeconds(2), record -> {
                DecisionRow row = OutputMessages.decisionRow(record.value());
                ids.add(row.transactionId());
                streamed.put(row.transactionId(), row);
            });
            assertThat(ids).as("each decision once").hasSize(batch.size()).doesNotHaveDuplicates();
            assertThat(streamed).isEqualTo(batch);
            assertThat(uncommittedCount(kafka.bootstrapServers(), topics.decisions()))
                    .as("decisions written in transactions the failure aborted, which read_committed never sees")
                    .isGreaterThan(batch.size());
        }
    }

    private static LocalCluster startWithAccounts(
            StreamSettings settings, TransactionProducer producer, Map<String, Account> accounts) throws Exception {
        producer.accounts(accounts.values());
        return LocalCluster.start(settings, 0);
    }

    private static void awaitCommittedDecisions(String servers, String topic, long atLeast)
            throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            if (DecisionConsumer.read(servers, topic, Duration.ofMillis(300), record -> {}) >= atLeast) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no decision was committed within 60 s");
    }

    /** Every message on the topic, those of aborted transactions included. */
    private static long uncommittedCount(String servers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        servers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_uncommitted"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long count = 0;
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(2).toNanos()) {
                int polled = consumer.poll(Duration.ofMillis(100)).count();
                count += polled;
                if (polled > 0) {
                    quietSince = System.nanoTime();
                }
            }
            return count;
        }
    }
}

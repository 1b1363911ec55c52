package io.txmon.stream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.DecisionRow;
import io.txmon.model.AnomalyModel;
import io.txmon.stream.ScoredWorld;
import io.txmon.stream.broker.LocalKafka;
import io.txmon.stream.topics.DecisionConsumer;
import io.txmon.stream.topics.PublishedDecisions;
import io.txmon.stream.topics.StreamSettings;
import io.txmon.stream.topics.Topics;
import io.txmon.stream.topics.TransactionProducer;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once end to end through a failure: the task manager running the job is lost mid-stream, while transactions
 * are still coming, the job restarts from its newest checkpoint, and a read_committed consumer of the decisions topic
 * sees every decision once, equal to batch scoring's.
 */
class LocalClusterRecoveryIT {
    @TempDir
    Path dir;

    @Test
    void losingTheTaskManagerMidStreamNeitherLosesNorRepeatsADecision() throws Exception {
        ScoredWorld scored = ScoredWorld.of(9, 150, 10);
        Map<String, Account> accounts = scored.accounts();
        List<Transaction> inOrder = scored.inEventTimeOrder();
        AnomalyModel model = scored.model();
        Map<String, DecisionRow> batch = scored.batch(DecisionRow::of);
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
                AtomicBoolean produced = new AtomicBoolean();
                AtomicBoolean lostMidStream = new AtomicBoolean();
                Thread failure = new Thread(() -> {
                    try {
                        Thread.sleep(1_000);
                        lostMidStream.set(!produced.get());
                        job.loseTaskManager();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                failure.start();
                producer.transactions(inOrder.subList(half, inOrder.size()), half, OptionalDouble.of(500));
                produced.set(true);
                failure.join();
                assertThat(lostMidStream)
                        .as("lost while transactions were still coming")
                        .isTrue();

                job.awaitIdleInput(settings, Duration.ofSeconds(3));
                assertThat(job.restarted()).as("the job failed over").isTrue();
                job.stopWithSavepoint();
            }

            PublishedDecisions.assertEachOnceAsInBatch(kafka.bootstrapServers(), topics.decisions(), batch);
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
}

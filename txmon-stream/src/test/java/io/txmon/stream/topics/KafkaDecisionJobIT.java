package io.txmon.stream.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.DecisionRow;
import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.stream.ControlFixtures;
import io.txmon.stream.ScoredWorld;
import io.txmon.stream.broker.LocalKafka;
import io.txmon.stream.cluster.LocalCluster;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job between real Kafka topics on a local broker: accounts read from their compacted topic before deciding,
 * transactions from theirs, and decisions read back with {@code read_committed} equal to batch scoring's, each once.
 */
class KafkaDecisionJobIT {
    @TempDir
    static Path dir;

    private static LocalKafka kafka;
    private static List<Transaction> inEventTimeOrder;
    private static Map<String, Account> accounts;
    private static AnomalyModel model;
    private static Map<String, DecisionRow> batch;

    @BeforeAll
    static void startABrokerAndScoreAWorldInBatch() {
        ScoredWorld scored = ScoredWorld.of(5, 150, 10);
        accounts = scored.accounts();
        inEventTimeOrder = scored.inEventTimeOrder();
        model = scored.model();
        batch = scored.batch(DecisionRow::of);
        kafka = LocalKafka.start(0, dir.resolve("kafka"));
    }

    @AfterAll
    static void stopTheBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void decidesEveryTransactionOnItsTopicOnceAndAsBatchScoringDoesOnTwoTasks() throws Exception {
        Topics topics = Topics.prefixed("parity", "parity");
        kafka.createTopics(topics.all(), 2, List.of(topics.accounts()));
        try (TransactionProducer producer = new TransactionProducer(kafka.bootstrapServers(), topics)) {
            producer.accounts(accounts.values());
            producer.transactions(inEventTimeOrder, 0, OptionalDouble.empty());
        }
        StreamSettings settings = StreamSettings.builder(kafka.bootstrapServers())
                .topics(topics)
                .groupId("parity")
                .parallelism(2)
                .model(model)
                .checkpointInterval(Duration.ofMillis(500))
                .checkpoints(dir.resolve("parity-checkpoints"))
                .build();

        try (LocalCluster job = LocalCluster.start(settings, 0)) {
            assertThat(job.started().accounts()).isEqualTo(accounts.size());
            job.awaitIdleInput(settings, Duration.ofSeconds(2));
            job.stopWithSavepoint();
        }

        PublishedDecisions.assertEachOnceAsInBatch(kafka.bootstrapServers(), topics.decisions(), batch);
    }

    @Test
    void takesANewRuleSetFromTheControlTopicWhileRunningRefusesABadOneWithItsReasonAndServesMetrics() throws Exception {
        Topics topics = Topics.prefixed("control", "control");
        kafka.createTopics(topics.all(), 2, List.of(topics.accounts()));
        int third = inEventTimeOrder.size() / 3;
        int metricsPort = freePort();
        StreamSettings settings = StreamSettings.builder(kafka.bootstrapServers())
                .topics(topics)
                .groupId("control")
                .model(model)
                .checkpointInterval(Duration.ofMillis(300))
                .build();
        String stricter =
                RuleFile.parse(ControlFixtures.stricterRuleFile(), "stricter").version();
        String metrics;
        try (TransactionProducer producer = new TransactionProducer(kafka.bootstrapServers(), topics)) {
            producer.accounts(accounts.values());
            try (LocalCluster job = LocalCluster.start(settings, metricsPort);
                    KafkaProducer<byte[], byte[]> control = new KafkaProducer<>(
                            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                            new ByteArraySerializer(),
                            new ByteArraySerializer())) {
                producer.transactions(inEventTimeOrder.subList(0, third), 0, OptionalDouble.empty());
                awaitAtLeastOne(topics.decisions());

                control.send(ControlMessages.rules(topics.control(), "broken.yaml", "rules: ["))
                        .get();
                control.send(ControlMessages.rules(
                                topics.control(), "stricter.yaml", ControlFixtures.stricterRuleFile()))
                        .get();
                awaitAtLeastOne(topics.controlErrors());
                Thread.sleep(2_000); // The stricter set, sent after the broken one, has reached the tasks by now.
                producer.transactions(
                        inEventTimeOrder.subList(third, inEventTimeOrder.size()), third, OptionalDouble.empty());
                job.awaitIdleInput(settings, Duration.ofSeconds(2));
                metrics = get("http://127.0.0.1:" + metricsPort + "/metrics");
                job.stopWithSavepoint();
            }
        }

        Map<String, String> versions = new HashMap<>();
        DecisionConsumer.read(kafka.bootstrapServers(), topics.decisions(), Duration.ofSeconds(2), record -> {
            DecisionRow row = OutputMessages.decisionRow(record.value());
            versions.put(row.transactionId(), row.ruleSetVersion());
        });
        List<String> errors = new ArrayList<>();
        DecisionConsumer.read(
                kafka.bootstrapServers(),
                topics.controlErrors(),
                Duration.ofSeconds(1),
                record -> errors.add(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8)));
        String defaults = RuleFile.defaults().version();
        assertThat(versions).hasSize(inEventTimeOrder.size());
        assertThat(versions.get(inEventTimeOrder.get(0).transactionId())).isEqualTo(defaults);
        assertThat(versions.get(
                        inEventTimeOrder.get(inEventTimeOrder.size() - 1).transactionId()))
                .isEqualTo(stricter);
        assertThat(versions.values()).containsOnly(defaults, stricter);
        assertThat(errors).singleElement().asString().contains("broken.yaml").contains("\"kind\":\"RULES\"");
        assertThat(metrics)
                .contains("transactions_processed_total")
                .contains("risk_level=\"LOW\"")
                .contains("scoring_latency_nanoseconds");
    }

    @Test
    void aQuietSpellLongerThanTheIdlePartitionTimeoutMakesNoLaterTransactionLate() throws Exception {
        Topics topics = Topics.prefixed("quiet", "quiet");
        // One partition for two tasks, as in the runs of FlinkJobJarIT that left transactions undecided.
        kafka.createTopics(topics.all(), 1, List.of(topics.accounts()));
        int half = inEventTimeOrder.size() / 2;
        StreamSettings settings = StreamSettings.builder(kafka.bootstrapServers())
                .topics(topics)
                .groupId("quiet")
                .parallelism(2)
                .model(model)
                .checkpointInterval(Duration.ofMillis(300))
                .idlePartitionTimeout(Duration.ofSeconds(1))
                .build();
        try (TransactionProducer producer = new TransactionProducer(kafka.bootstrapServers(), topics)) {
            producer.accounts(accounts.values());
            try (LocalCluster job = LocalCluster.start(settings, 0)) {
                producer.transactions(inEventTimeOrder.subList(0, half), 0, OptionalDouble.empty());
                awaitAtLeastOne(topics.decisions());
                // Both partitions quiet for four times the idle timeout, as a small bank's topic is at night.
                Thread.sleep(4_000);
                producer.transactions(
                        inEventTimeOrder.subList(half, inEventTimeOrder.size()), half, OptionalDouble.empty());
                job.awaitIdleInput(settings, Duration.ofSeconds(2));
                job.stopWithSavepoint();
            }
        }

        assertThat(messages(topics.late())).as("late after the quiet spell").isEmpty();
        PublishedDecisions.assertEachOnceAsInBatch(kafka.bootstrapServers(), topics.decisions(), batch);
    }

    @Test
    void atLeastOnceDeliveryPublishesDecisionsAsTheyAreMadeWithoutWaitingForACheckpoint() throws Exception {
        Topics topics = Topics.prefixed("at-least-once", "at-least-once");
        kafka.createTopics(topics.all(), 2, List.of(topics.accounts()));
        StreamSettings settings = StreamSettings.builder(kafka.bootstrapServers())
                .topics(topics)
                .groupId("at-least-once")
                .model(model)
                // No checkpoint completes while the test runs: exactly once would publish nothing in that time.
                .checkpointInterval(Duration.ofMinutes(10))
                .delivery(StreamSettings.Delivery.AT_LEAST_ONCE)
                .build();
        try (TransactionProducer producer = new TransactionProducer(kafka.bootstrapServers(), topics)) {
            producer.accounts(accounts.values());
            try (LocalCluster job = LocalCluster.start(settings, 0)) {
                producer.transactions(inEventTimeOrder, 0, OptionalDouble.empty());

                awaitAtLeastOne(topics.decisions());
            }
        }
    }

    @Test
    void setsAsideLateTransactionsCopiesAndMessagesThatAreNoTransactionEachWithItsReason() throws Exception {
        Topics topics = Topics.prefixed("late", "late");
        // One partition: event time moves per partition, so the late one must share the partition that moved it.
        kafka.createTopics(topics.all(), 1, List.of(topics.accounts()));
        Instant nine = Instant.parse("2026-02-02T09:00:00Z");
        Transaction early = card("early", nine);
        Transaction later = card("later", nine.plus(Duration.ofMinutes(10)));
        Transaction tooLate = card("too-late", nine.plus(Duration.ofMinutes(5)));
        Transaction last = card("last", nine.plus(Duration.ofMinutes(20)));
        StreamSettings settings = StreamSettings.builder(kafka.bootstrapServers())
                .topics(topics)
                .groupId("late")
                .checkpointInterval(Duration.ofMillis(300))
                .build();
        try (TransactionProducer producer = new TransactionProducer(kafka.bootstrapServers(), topics);
                KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            try (LocalCluster job = LocalCluster.start(settings, 0)) {
                producer.transactions(List.of(early, later), 0, OptionalDouble.empty());
                // Once "early" is decided, event time has passed 09:08 (later's time less the two minutes).
                awaitAtLeastOne(topics.decisions());
                producer.transactions(List.of(tooLate, later, last), 2, OptionalDouble.empty());
                raw.send(new ProducerRecord<>(
                                topics.transactions(),
                                "{\"transaction_id\":\"no-amount\",\"timestamp\":\"2026-02-02T09:30:00Z\",\"user_id\":\"u\"}"
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .get();
                job.awaitIdleInput(settings, Duration.ofSeconds(2));
                job.stopWithSavepoint();
            }
        }

        List<String> decided = new ArrayList<>();
        DecisionConsumer.read(
                kafka.bootstrapServers(),
                topics.decisions(),
                Duration.ofSeconds(1),
                record -> decided.add(OutputMessages.decisionRow(record.value()).transactionId()));
        assertThat(decided).containsExactlyInAnyOrder("early", "later", "last");
        assertThat(messages(topics.late()))
                .singleElement()
                .asString()
                .contains("\"transaction_id\":\"too-late\"", "\"account_id\":\"acct_late\"", "already learned later");
        assertThat(messages(topics.rejected()))
                .hasSize(2)
                .anySatisfy(copy -> assertThat(copy).contains("\"transaction_id\":\"later\"", "already decided"))
                .anySatisfy(bad -> assertThat(bad).contains("no-amount", "amount"));
    }

    private static Transaction card(String id, Instant at) {
        return Transaction.builder(id, at, "acct_late", new BigDecimal("25.00")).build();
    }

    private static List<String> messages(String topic) {
        List<String> messages = new ArrayList<>();
        DecisionConsumer.read(
                kafka.bootstrapServers(),
                topic,
                Duration.ofSeconds(1),
                record -> messages.add(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8)));
        return messages;
    }

    private static void awaitAtLeastOne(String topic) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            if (DecisionConsumer.read(kafka.bootstrapServers(), topic, Duration.ofMillis(300), record -> {}) > 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("nothing was committed to " + topic + " within 60 s");
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

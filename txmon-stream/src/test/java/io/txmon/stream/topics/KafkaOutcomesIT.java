package io.txmon.stream.topics;

import static io.txmon.testkit.SupervisedModels.largePaymentsAreFraud;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.txmon.evaluation.Label;
import io.txmon.labels.ReportedLabel;
import io.txmon.stream.broker.LocalKafka;
import io.txmon.stream.cluster.LocalCluster;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outcomes and the supervised model through real topics: labels from the labels topic learned by the merchants of
 * their transactions (dated ones when they became known, undated ones the label delay after their transaction), a
 * message that is no label set aside to the rejected topic with the field it breaks, a label of a transaction never
 * seen to the set-aside-labels topic with why, and a supervised model given at start-up naming itself in decisions.
 */
class KafkaOutcomesIT {
    /** One rule, on what the merchant's transactions are known to have been: it fires only once a label is learned. */
    private static final String MERCHANT_RULES = """
            name: merchant-outcomes
            decision:
              alert_budget: off
            rules:
              - id: MERCHANT_KNOWN_FRAUD
                reason_code: MERCHANT_KNOWN_FRAUD
                description: A fraud at the merchant became known in the last 30 days.
                weight: 0.4
                enabled: true
                condition: merchant_known_frauds_30d >= 1
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant DAY_1 = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    static Path dir;

    private static LocalKafka kafka;

    @BeforeAll
    static void startABroker() {
        kafka = LocalKafka.start(0, dir.resolve("kafka"));
    }

    @AfterAll
    static void stopTheBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void labelsOnTheirTopicAreLearnedByTheMerchantBeforeItsLaterTransactionsAndBadOnesAreSetAsideWithWhy()
            throws Exception {
        Topics topics = Topics.prefixed("outcomes", "outcomes");
        // One partition each: the labels' watermark must be the one that held event time back for them.
        kafka.createTopics(topics.all(), 1, List.of(topics.accounts()));
        // Merchant m-dated: stolen on day 1, labelled fraud on day 2; a payment there on day 4 comes after.
        Transaction stolen = card("stolen", DAY_1, "acct_a", "m-dated");
        Transaction afterDated = card("after-dated", DAY_1.plus(Duration.ofDays(3)), "acct_b", "m-dated");
        // Merchant m-undated: the label does not say when it was learned, so it is known seven days after.
        Transaction skimmed = card("skimmed", DAY_1.plusSeconds(60), "acct_c", "m-undated");
        Transaction withinDelay = card("within-delay", DAY_1.plus(Duration.ofDays(5)), "acct_d", "m-undated");
        Transaction afterDelay = card("after-delay", DAY_1.plus(Duration.ofDays(8)), "acct_e", "m-undated");
        List<Transaction> inEventTimeOrder = List.of(stolen, skimmed, afterDated, withinDelay, afterDelay);
        StreamSettings settings = StreamSettings.builder(kafka.bootstrapServers())
                .learnFromLabels(true)
                .topics(topics)
                .groupId("outcomes")
                .ruleFile(MERCHANT_RULES)
                .checkpointInterval(Duration.ofMillis(300))
                .idlePartitionTimeout(Duration.ofSeconds(1))
                .build();

        try (TransactionProducer producer = new TransactionProducer(kafka.bootstrapServers(), topics);
                KafkaProducer<byte[], byte[]> labels = rawProducer()) {
            labels.send(LabelMessages.record(
                            topics.labels(),
                            ReportedLabel.learnedAt(
                                    Label.suspicious("stolen", "card_theft"), DAY_1.plus(Duration.ofDays(1)))))
                    .get();
            labels.send(LabelMessages.record(
                            topics.labels(), ReportedLabel.undated(Label.suspicious("skimmed", "skimming"))))
                    .get();
            labels.send(LabelMessages.record(
                            topics.labels(),
                            ReportedLabel.learnedAt(Label.suspicious("never-seen"), DAY_1.plus(Duration.ofDays(1)))))
                    .get();
            labels.send(new ProducerRecord<>(
                            topics.labels(),
                            "{\"transaction_id\":\"stolen\",\"label\":\"maybe\"}".getBytes(StandardCharsets.UTF_8)))
                    .get();
            producer.transactions(inEventTimeOrder, 0, OptionalDouble.empty());
            try (LocalCluster job = LocalCluster.start(settings, 0)) {
                job.awaitIdleInput(settings, Duration.ofSeconds(2));
                job.stopWithSavepoint();
            }
        }

        Map<String, List<String>> reasons = new HashMap<>();
        DecisionConsumer.read(kafka.bootstrapServers(), topics.decisions(), Duration.ofSeconds(1), record -> {
            var row = OutputMessages.decisionRow(record.value());
            reasons.put(row.transactionId(), row.reasonCodes());
        });
        assertThat(reasons).hasSize(inEventTimeOrder.size());
        assertThat(reasons.get("after-dated"))
                .as("a day after the label was known")
                .contains("MERCHANT_KNOWN_FRAUD");
        assertThat(reasons.get("within-delay"))
                .as("five days after an undated label's transaction")
                .doesNotContain("MERCHANT_KNOWN_FRAUD");
        assertThat(reasons.get("after-delay"))
                .as("eight days after an undated label's transaction")
                .contains("MERCHANT_KNOWN_FRAUD");
        assertThat(reasons.get("stolen")).doesNotContain("MERCHANT_KNOWN_FRAUD");
        assertThat(messages(topics.rejected()))
                .singleElement()
                .asString()
                .contains("\"source\":\"" + topics.labels() + "-0@3\"", "label: must be 1, 0, true or false");
        assertThat(messages(topics.setAsideLabels()))
                .singleElement()
                .asString()
                .contains("\"transaction_id\":\"never-seen\"", "\"label\":1", "was not seen");
    }

    @Test
    void aSupervisedModelGivenAtStartUpDecidesAndNamesItselfWithItsProbabilityOnTheDecisionsTopic() throws Exception {
        Topics topics = Topics.prefixed("supervised", "supervised");
        kafka.createTopics(topics.all(), 1, List.of(topics.accounts()));
        Transaction small = card("small", DAY_1, "acct_s", "m-1");
        Transaction large = Transaction.builder("large", DAY_1.plusSeconds(60), "acct_s", new BigDecimal("5000.00"))
                .merchantId("m-1")
                .build();
        StreamSettings settings = StreamSettings.builder(kafka.bootstrapServers())
                .topics(topics)
                .groupId("supervised")
                .supervised(largePaymentsAreFraud("sl-kafka-it", 0.9f))
                .checkpointInterval(Duration.ofMillis(300))
                .idlePartitionTimeout(Duration.ofSeconds(1))
                .build();

        try (TransactionProducer producer = new TransactionProducer(kafka.bootstrapServers(), topics)) {
            producer.transactions(List.of(small, large), 0, OptionalDouble.empty());
            try (LocalCluster job = LocalCluster.start(settings, 0)) {
                job.awaitIdleInput(settings, Duration.ofSeconds(2));
                job.stopWithSavepoint();
            }
        }

        Map<String, JsonNode> decisions = new HashMap<>();
        for (String message : messages(topics.decisions())) {
            JsonNode decision = JSON.readTree(message);
            decisions.put(decision.path("transaction_id").asString(), decision);
        }
        assertThat(decisions).containsOnlyKeys("small", "large");
        assertThat(decisions.values()).allSatisfy(decision -> assertThat(
                        decision.path("supervised_model_version").asString())
                .isEqualTo("sl-kafka-it"));
        assertThat(decisions.get("large").path("fraud_probability").asDouble()).isCloseTo(0.9, within(1e-6));
        assertThat(decisions.get("small").path("fraud_probability").asDouble()).isLessThan(0.1);
    }

    @Test
    void anEmptyLabelsTopicHoldsNoDecisionBackWhileItsIdleTimeoutRuns() throws Exception {
        Topics topics = Topics.prefixed("no-labels", "no-labels");
        kafka.createTopics(topics.all(), 1, List.of(topics.accounts()));
        StreamSettings settings = StreamSettings.builder(kafka.bootstrapServers())
                .learnFromLabels(true)
                .topics(topics)
                .groupId("no-labels")
                .checkpointInterval(Duration.ofMillis(300))
                // Far longer than the test waits: a labels topic active from the start would hold everything back.
                .idlePartitionTimeout(Duration.ofMinutes(10))
                .build();

        try (TransactionProducer producer = new TransactionProducer(kafka.bootstrapServers(), topics)) {
            producer.transactions(
                    List.of(
                            card("first", DAY_1, "acct_n", "m-1"),
                            card("an-hour-on", DAY_1.plus(Duration.ofHours(1)), "acct_n", "m-1")),
                    0,
                    OptionalDouble.empty());
            try (LocalCluster job = LocalCluster.start(settings, 0)) {
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (messages(topics.decisions()).isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(200);
                }
            }
        }

        assertThat(messages(topics.decisions()))
                .as("decided within a minute, the labels topic idle")
                .singleElement()
                .asString()
                .contains("\"transaction_id\":\"first\"");
    }

    private static Transaction card(String id, Instant at, String account, String merchant) {
        return Transaction.builder(id, at, account, new BigDecimal("25.00"))
                .merchantId(merchant)
                .build();
    }

    private static KafkaProducer<byte[], byte[]> rawProducer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static List<String> messages(String topic) {
        List<String> messages = new ArrayList<>();
        DecisionConsumer.read(
                kafka.bootstrapServers(),
                topic,
                Duration.ofSeconds(1),
                record -> messages.add(new String(record.value(), StandardCharsets.UTF_8)));
        return messages;
    }
}

package io.txmon.stream.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.stream.topics.TransactionMessage;
import io.txmon.stream.topics.TransactionMessages;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-node broker of {@code bin/txmon kafka}: up on a free port, and keeping its messages across restarts. */
class LocalKafkaIT {
    private static final Transaction COFFEE = Transaction.builder(
                    "tx-1", Instant.parse("2026-01-14T15:00:00Z"), "acct_a", new BigDecimal("4.50"))
            .build();

    @Test
    void keepsATransactionWithItsSequenceAcrossARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
        try (LocalKafka kafka = LocalKafka.start(0, dir)) {
            kafka.createTopics(List.of("transactions"), 2, List.of());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                producer.send(TransactionMessages.record("transactions", 41, COFFEE))
                        .get();
            }
        }

        try (LocalKafka kafka = LocalKafka.start(0, dir)) {
            List<TransactionMessage> read = readAll(kafka.bootstrapServers(), "transactions", 1);

            assertThat(read).singleElement().satisfies(message -> {
                assertThat(message.transaction().transaction()).isEqualTo(COFFEE);
                assertThat(message.transaction().sequence()).isEqualTo(41);
            });
        }
    }

    private static List<TransactionMessage> readAll(String servers, String topic, int expected) {
        List<TransactionMessage> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                        ConsumerConfig.GROUP_ID_CONFIG, "test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.size() < expected && System.nanoTime() < until) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(TransactionMessages.read(
                            record, new TransactionParser(TransactionParser.DEFAULT_BASE_CURRENCY)));
                }
            }
        }
        return read;
    }
}

package io.txmon.benchmarks.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ObjLongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads an output topic from its beginning on a thread of its own, as a downstream system would, and hands each
 * message's key to a consumer with the {@link System#nanoTime} at which the poll that brought it returned.
 */
final class OutputWatch implements AutoCloseable {
    /** What a downstream reader sees: {@code read_committed} only what checkpoints committed, or everything written. */
    enum Isolation {
        READ_COMMITTED,
        READ_UNCOMMITTED;

        String property() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Thread thread;
    private volatile boolean stop;
    private volatile RuntimeException failure;

    private OutputWatch(String servers, String topic, Isolation isolation, ObjLongConsumer<String> each) {
        thread = new Thread(() -> {
            try {
                read(servers, topic, isolation, each);
            } catch (RuntimeException e) {
                failure = e;
            }
        });
        thread.setName("watch " + topic + " " + isolation.property());
        thread.setDaemon(true);
    }

    /** Starts reading {@code topic} (which must exist) from its beginning; returns at once. */
    static OutputWatch start(String servers, String topic, Isolation isolation, ObjLongConsumer<String> each) {
        OutputWatch watch = new OutputWatch(servers, topic, isolation, each);
        watch.thread.start();
        return watch;
    }

    private void read(String servers, String topic, Isolation isolation, ObjLongConsumer<String> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        servers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        isolation.property(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    each.accept(record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8), now);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join();
        if (failure != null) {
            throw failure;
        }
    }
}

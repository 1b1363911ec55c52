package io.txmon.stream.topics;

import io.txmon.formats.DecisionFiles;
import io.txmon.formats.DecisionRow;
import io.txmon.formats.RecordWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the decisions topic from its beginning with {@code read_committed}, as a bank's downstream system would: only
 * what the job's checkpoints committed, each decision once.
 */
public final class DecisionConsumer {
    private DecisionConsumer() {}

    /**
     * Writes every decision on {@code topic} to {@code output} (the file {@code bin/txmon score} writes), until none
     * has come for {@code idle} after at least one has, or for {@code idle} from the start on an empty topic.
     *
     * @return how many were written
     */
    public static long toFile(String bootstrapServers, String topic, Path output, Duration idle) {
        try (RecordWriter<DecisionRow> rows = DecisionFiles.newRowWriter(output)) {
            return read(
                    bootstrapServers, topic, idle, record -> rows.write(OutputMessages.decisionRow(record.value())));
        }
    }

    /** Hands every committed decision on {@code topic}, from its beginning, to {@code each} until idle for {@code idle}. */
    public static long readDecisions(String bootstrapServers, String topic, Duration idle, Consumer<DecisionRow> each) {
        return read(bootstrapServers, topic, idle, record -> each.accept(OutputMessages.decisionRow(record.value())));
    }

    /** How many committed messages {@code topic} holds, counted until none has come for {@code idle}. */
    public static long count(String bootstrapServers, String topic, Duration idle) {
        return read(bootstrapServers, topic, idle, record -> {});
    }

    /** Hands every committed message on {@code topic}, from its beginning, to {@code each} until idle for {@code idle}. */
    public static long read(
            String bootstrapServers, String topic, Duration idle, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long count = 0;
            long lastSeen = System.nanoTime();
            while (System.nanoTime() - lastSeen < idle.toNanos()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    each.accept(record);
                    count++;
                    lastSeen = System.nanoTime();
                }
            }
            return count;
        }
    }
}

package io.txmon.stream.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group has come on its input topics, by the offsets it committed: the Flink Kafka source commits them
 * when a checkpoint completes, so a group at the end has had all of its input taken by a checkpoint.
 */
final class InputProgress implements AutoCloseable {
    private final Admin admin;
    private final String group;
    private final List<String> topics;

    InputProgress(String bootstrapServers, String group, List<String> topics) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.group = group;
        this.topics = List.copyOf(topics);
    }

    /**
     * The topics' end and the group's committed offsets, each summed over partitions, and how many partitions the
     * group is more than one message short of their end. A partition whose last message is a transaction marker stays
     * one short: the source commits past the last record it read, and a marker is no record.
     */
    record Position(long end, long committed, int partitions, int lagging) {
        /** Whether every partition has been taken to its end, or to the marker that ends it. */
        boolean caughtUp() {
            return lagging == 0;
        }
    }

    Position position() throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(description -> description.partitions().stream()
                        .map(info -> new TopicPartition(description.name(), info.partition())))
                .toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        long end = 0;
        long done = 0;
        int lagging = 0;
        for (TopicPartition partition : partitions) {
            long partitionEnd = ends.get(partition).offset();
            OffsetAndMetadata at = committed.get(partition);
            long partitionDone = at == null ? 0 : at.offset();
            end += partitionEnd;
            done += partitionDone;
            if (partitionEnd - partitionDone > 1) {
                lagging++;
            }
        }
        return new Position(end, done, partitions.size(), lagging);
    }

    @Override
    public void close() {
        admin.close();
    }
}

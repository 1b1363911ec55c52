package io.txmon.stream.topics;

import io.txmon.formats.AccountFiles;
import io.txmon.transaction.Account;
import io.txmon.transaction.AccountParser;
import io.txmon.transaction.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Account reference data on the compacted accounts topic: keyed by {@code user_id}, the value the JSON object of an
 * accounts file's record (docs/file-formats.md, "Accounts"). The newest message per key is the account.
 */
public final class AccountMessages {
    private static final Duration POLL = Duration.ofMillis(200);

    private AccountMessages() {}

    /** The message for {@code account}. */
    public static ProducerRecord<byte[], byte[]> record(String topic, Account account) {
        return new ProducerRecord<>(
                topic,
                TransactionMessages.utf8(account.userId()),
                TransactionMessages.utf8(AccountFiles.toJson(account)));
    }

    /** The account a message holds; empty for a deletion marker or a message that is no account, which are skipped. */
    public static Optional<Account> read(ConsumerRecord<byte[], byte[]> record, AccountParser parser) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(AccountFiles.parseJson(new String(record.value(), StandardCharsets.UTF_8), parser));
        } catch (InvalidFieldException e) {
            return Optional.empty();
        }
    }

    /** The topic read from its beginning to its end as it was when reading started, and where that end was. */
    public record Snapshot(Map<String, Account> accounts, Map<TopicPartition, Long> end, int skipped) {}

    /**
     * Reads {@code topic} to its end: what the job knows of accounts before it decides anything, as {@code score
     * --accounts} reads its file first.
     */
    public static Snapshot readToEnd(String bootstrapServers, String topic, AccountParser parser) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<String, Account> accounts = new HashMap<>();
            int skipped = 0;
            while (!reached(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue; // Written after reading started: the live stream of updates brings it.
                    }
                    Optional<Account> account = read(record, parser);
                    if (account.isPresent()) {
                        accounts.put(account.get().userId(), account.get());
                    } else if (record.value() != null) {
                        skipped++;
                    } else if (record.key() != null) {
                        accounts.remove(new String(record.key(), StandardCharsets.UTF_8));
                    }
                }
            }
            return new Snapshot(Map.copyOf(accounts), Map.copyOf(end), skipped);
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}

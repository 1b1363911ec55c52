package io.txmon.stream.topics;

import io.txmon.labels.ReportedLabel;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Seed 001's producer: accounts to the accounts topic first, then transactions to the transactions topic keyed by
 * {@code user_id}, each with its place in the input, optionally paced to a rate; and outcome labels to the labels
 * topic.
 */
public final class TransactionProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Topics topics;

    public TransactionProducer(String bootstrapServers, Topics topics) {
        this.topics = topics;
        // Idempotent, so that a retry after a lost acknowledgement never writes a transaction twice.
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** Writes every account and waits until the broker has them all. */
    public void accounts(Collection<Account> accounts) {
        for (Account account : accounts) {
            producer.send(AccountMessages.record(topics.accounts(), account));
        }
        producer.flush();
    }

    /**
     * Writes {@code transactions} in the order given, numbering them from {@code firstSequence}, at most {@code
     * perSecond} a second when given, and waits until the broker has them all.
     *
     * @return how long it took
     */
    public Duration transactions(List<Transaction> transactions, long firstSequence, OptionalDouble perSecond) {
        long started = System.nanoTime();
        long sequence = firstSequence;
        for (Transaction transaction : transactions) {
            if (perSecond.isPresent()) {
                long due = started + (long) ((sequence - firstSequence) * 1e9 / perSecond.getAsDouble());
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            producer.send(TransactionMessages.record(topics.transactions(), sequence++, transaction));
        }
        producer.flush();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Writes every label to the labels topic keyed by {@code transaction_id}, and waits until the broker has them all. */
    public void labels(Collection<ReportedLabel> labels) {
        for (ReportedLabel label : labels) {
            producer.send(LabelMessages.record(topics.labels(), label));
        }
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}

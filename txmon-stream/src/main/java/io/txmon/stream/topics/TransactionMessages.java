package io.txmon.stream.topics;

import io.txmon.formats.TransactionJson;
import io.txmon.stream.SequencedTransaction;
import io.txmon.transaction.InvalidFieldException;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Transactions as messages on the transactions topic: the value is the JSON object the HTTP API takes
 * (../spec/transactions.md), the key the payer's {@code user_id}, and the header {@value #SEQUENCE_HEADER} the
 * transaction's place in its input, which breaks ties in event time as a file's row order does in batch scoring.
 */
public final class TransactionMessages {
    /** Header holding the input sequence as decimal text. */
    public static final String SEQUENCE_HEADER = "txmon-sequence";

    private TransactionMessages() {}

    /** The message for {@code transaction}, number {@code sequence} of its input. */
    public static ProducerRecord<byte[], byte[]> record(String topic, long sequence, Transaction transaction) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, utf8(transaction.userId()), utf8(TransactionJson.toJson(transaction)));
        record.headers().add(SEQUENCE_HEADER, utf8(Long.toString(sequence)));
        return record;
    }

    /**
     * The transaction a message holds, or why it holds none. Without a sequence header, the message's place in its
     * partition stands in: ties then break in partition order, which is all a topic promises.
     */
    public static TransactionMessage read(ConsumerRecord<byte[], byte[]> record, TransactionParser parser) {
        return read(record, TransactionJson.reader(parser));
    }

    /** The transaction a message holds, or why it holds none, read by {@code reader}: for a stream of messages. */
    public static TransactionMessage read(ConsumerRecord<byte[], byte[]> record, TransactionJson.Reader reader) {
        String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        try {
            Transaction transaction = reader.parse(value);
            long sequence = sequence(record).orElse(record.offset());
            return TransactionMessage.accepted(new SequencedTransaction(sequence, transaction));
        } catch (InvalidFieldException e) {
            return TransactionMessage.rejected(where(record), value, e.getMessage());
        } catch (NumberFormatException e) {
            return TransactionMessage.rejected(where(record), value, SEQUENCE_HEADER + " must be a whole number");
        }
    }

    private static String where(ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static Optional<Long> sequence(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(SEQUENCE_HEADER);
        return header == null
                ? Optional.empty()
                : Optional.of(Long.parseLong(new String(header.value(), StandardCharsets.UTF_8).trim()));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

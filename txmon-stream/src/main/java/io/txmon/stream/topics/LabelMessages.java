package io.txmon.stream.topics;

import io.txmon.evaluation.Label;
import io.txmon.formats.LabelJson;
import io.txmon.labels.ReportedLabel;
import io.txmon.stream.OutcomeLabel;
import io.txmon.transaction.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Outcome labels as messages on the labels topic: the value is one JSON object with the fields of a labels file
 * ({@code transaction_id}, {@code label} 1 or 0, {@code typology}, an optional {@code labelled_at}), read by {@link
 * LabelJson} as {@code bin/txmon score --labels} reads its file; the key is the {@code transaction_id}. A label
 * without {@code labelled_at} is undated: the job takes it to be known the label delay after its transaction.
 */
public final class LabelMessages {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LabelMessages() {}

    /** The message for {@code reported}. */
    public static ProducerRecord<byte[], byte[]> record(String topic, ReportedLabel reported) {
        Label label = reported.label();
        ObjectNode json = JSON.createObjectNode()
                .put("transaction_id", label.transactionId())
                .put("label", label.suspicious() ? 1 : 0);
        label.typology().ifPresent(typology -> json.put("typology", typology));
        reported.labelledAt().ifPresent(at -> json.put("labelled_at", at.toString()));
        return new ProducerRecord<>(
                topic, TransactionMessages.utf8(label.transactionId()), JSON.writeValueAsBytes(json));
    }

    /** The label a message holds, or why it holds none, naming the field. */
    public static LabelMessage read(ConsumerRecord<byte[], byte[]> record) {
        String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        try {
            ReportedLabel reported = LabelJson.parse(value);
            Label label = reported.label();
            Instant knownAt = reported.labelledAt().orElse(null);
            return LabelMessage.accepted(new OutcomeLabel(
                    label.transactionId(), label.suspicious(), label.typology().orElse(null), knownAt));
        } catch (InvalidFieldException e) {
            return LabelMessage.rejected(
                    record.topic() + "-" + record.partition() + "@" + record.offset(), value, e.getMessage());
        }
    }
}

package io.txmon.stream.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.DecisionRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the Kafka tests check of a decisions topic: read committed, one decision per transaction, batch's. */
public final class PublishedDecisions {
    private PublishedDecisions() {}

    /** The committed decisions on {@code topic}: each transaction once, each decision the one {@code batch} holds. */
    public static void assertEachOnceAsInBatch(String servers, String topic, Map<String, DecisionRow> batch) {
        Map<String, DecisionRow> streamed = new HashMap<>();
        List<String> ids = new ArrayList<>();
        DecisionConsumer.read(servers, topic, Duration.ofSeconds(2), record -> {
            DecisionRow row = OutputMessages.decisionRow(record.value());
            ids.add(row.transactionId());
            streamed.put(row.transactionId(), row);
        });
        assertThat(ids).as("each decision once").hasSize(batch.size()).doesNotHaveDuplicates();
        assertThat(streamed).isEqualTo(batch);
    }
}

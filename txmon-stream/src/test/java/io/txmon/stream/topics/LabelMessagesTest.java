package io.txmon.stream.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.evaluation.Label;
import io.txmon.labels.ReportedLabel;
import io.txmon.stream.OutcomeLabel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Labels as messages on the labels topic: written and read with a labels file's fields, bad ones named. */
class LabelMessagesTest {
    private static final Instant KNOWN = Instant.parse("2026-03-03T10:00:00Z");

    @Test
    void aDatedLabelIsKeyedByItsTransactionAndReadBackAsTheInstantItBecameKnown() {
        ProducerRecord<byte[], byte[]> sent =
                LabelMessages.record("labels", ReportedLabel.learnedAt(Label.suspicious("t1", "card_theft"), KNOWN));

        LabelMessage read = LabelMessages.read(received(sent.key(), sent.value()));

        assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("t1");
        assertThat(read.label()).isEqualTo(new OutcomeLabel("t1", true, "card_theft", KNOWN));
        assertThat(read.eventTimeMillis()).isEqualTo(KNOWN.toEpochMilli());
    }

    @Test
    void aLabelWithoutLabelledAtIsUndatedAndHasNoEventTime() {
        ProducerRecord<byte[], byte[]> sent =
                LabelMessages.record("labels", ReportedLabel.undated(Label.ordinary("t2")));

        LabelMessage read = LabelMessages.read(received(sent.key(), sent.value()));

        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).doesNotContain("labelled_at");
        assertThat(read.label()).isEqualTo(OutcomeLabel.undated("t2", false, null));
        assertThat(read.eventTimeMillis()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aMessageThatIsNoLabelIsKeptWholeWithTheFieldItBreaksAndWhereItWas() {
        String bad = "{\"transaction_id\":\"t3\",\"label\":1,\"labelled_at\":\"yesterday\"}";

        LabelMessage read = LabelMessages.read(received(null, bad.getBytes(StandardCharsets.UTF_8)));

        assertThat(read.label()).isNull();
        assertThat(read.source()).isEqualTo("labels-0@7");
        assertThat(read.value()).isEqualTo(bad);
        assertThat(read.reason()).startsWith("labelled_at");
    }

    private static ConsumerRecord<byte[], byte[]> received(byte[] key, byte[] value) {
        return new ConsumerRecord<>("labels", 0, 7, key, value);
    }
}

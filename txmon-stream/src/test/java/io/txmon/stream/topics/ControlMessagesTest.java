package io.txmon.stream.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.stream.ControlMessage;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Control messages as the control topic carries them. */
class ControlMessagesTest {

    @Test
    void aSupervisedModelOnTheControlTopicIsReadAsOneWithItsBytes() {
        String json = "{\"kind\":\"SUPERVISED\",\"origin\":\"sl-1.model\",\"model\":\"AQIDBA==\"}";

        ControlMessage read = ControlMessages.read(record(json));

        assertThat(read.kind()).isEqualTo(ControlMessage.Kind.SUPERVISED);
        assertThat(read.model()).containsExactly(1, 2, 3, 4);
        assertThat(read.origin()).isEqualTo("sl-1.model (control-0@5)");
    }

    @Test
    void aMessageOfNoKnownKindSaysWhichKindsThereAre() {
        assertThatThrownBy(() -> ControlMessages.read(record("{\"kind\":\"FOREST\",\"model\":\"AQ==\"}")))
                .hasMessageContaining("RULES with rule_file, or MODEL or SUPERVISED with model, was 'FOREST'");
    }

    private static ConsumerRecord<byte[], byte[]> record(String json) {
        return new ConsumerRecord<>("control", 0, 5, null, json.getBytes(StandardCharsets.UTF_8));
    }
}

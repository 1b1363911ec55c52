package io.txmon.stream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.stream.topics.StreamSettings;
import io.txmon.stream.topics.Topics;
import java.time.Duration;
import org.apache.flink.util.ParameterTool;
import org.junit.jupiter.api.Test;

class FlinkJobMainTest {
    @Test
    void readsTheLatencySettingsFromItsArgumentsAndLeavesTheRestAtTheirDefaults() throws Exception {
        StreamSettings settings = FlinkJobMain.settings(
                ParameterTool.fromArgs(new String[] {
                    "--bootstrap-servers", "broker:9092",
                    "--delivery", "AT_LEAST_ONCE",
                    "--buffer-timeout", "5 ms",
                    "--watermark-interval", "20 ms"
                }),
                2);

        assertThat(settings.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(settings.delivery()).isEqualTo(StreamSettings.Delivery.AT_LEAST_ONCE);
        assertThat(settings.bufferTimeout()).isEqualTo(Duration.ofMillis(5));
        assertThat(settings.watermarkInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(settings.checkpointInterval()).isEqualTo(StreamSettings.DEFAULT_CHECKPOINT_INTERVAL);
    }

    @Test
    void publishesExactlyOnceWhenNotToldOtherwise() throws Exception {
        StreamSettings settings =
                FlinkJobMain.settings(ParameterTool.fromArgs(new String[] {"--bootstrap-servers", "broker:9092"}), 1);

        assertThat(settings.delivery()).isEqualTo(StreamSettings.Delivery.EXACTLY_ONCE);
        assertThat(settings.bufferTimeout()).isEqualTo(StreamSettings.DEFAULT_BUFFER_TIMEOUT);
    }

    @Test
    void readsTheLabelsTopicAndTheLabelDelayFromItsArguments() throws Exception {
        StreamSettings settings = FlinkJobMain.settings(
                ParameterTool.fromArgs(new String[] {
                    "--bootstrap-servers",
                    "broker:9092",
                    "--learn-from-labels",
                    "--labels-topic",
                    "bank.labels",
                    "--label-delay",
                    "3 d"
                }),
                1);

        assertThat(settings.learnsFromLabels()).isTrue();
        assertThat(settings.topics().labels()).isEqualTo("bank.labels");
        assertThat(settings.topics().decisions()).isEqualTo(Topics.DEFAULTS.decisions());
        assertThat(settings.labelDelay()).isEqualTo(Duration.ofDays(3));
        assertThat(settings.supervised()).isEmpty();
    }
}

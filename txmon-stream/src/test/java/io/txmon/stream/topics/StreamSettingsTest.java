package io.txmon.stream.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamSettingsTest {
    @Test
    void emitsWatermarksAsOftenAsFlinkDoesUnlessToldOtherwise() {
        assertThat(StreamSettings.builder("127.0.0.1:9092").build().watermarkInterval())
                .isEqualTo(Duration.ofMillis(200));
        assertThat(StreamSettings.builder("127.0.0.1:9092")
                        .watermarkInterval(Duration.ofMillis(10))
                        .build()
                        .watermarkInterval())
                .isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void refusesAWatermarkIntervalUnderAMillisecondAndNamesIt() {
        assertThatThrownBy(() -> StreamSettings.builder("127.0.0.1:9092")
                        .watermarkInterval(Duration.ZERO)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("watermark interval")
                .hasMessageContaining("PT0S");
    }
}

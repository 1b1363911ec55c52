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

    @Test
    void publishesExactlyOnceWithFlinksBufferTimeoutUnlessToldOtherwise() {
        StreamSettings defaults = StreamSettings.builder("127.0.0.1:9092").build();

        assertThat(defaults.delivery()).isEqualTo(StreamSettings.Delivery.EXACTLY_ONCE);
        assertThat(defaults.bufferTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(StreamSettings.builder("127.0.0.1:9092")
                        .delivery(StreamSettings.Delivery.AT_LEAST_ONCE)
                        .bufferTimeout(Duration.ZERO)
                        .build())
                .satisfies(settings -> {
                    assertThat(settings.delivery()).isEqualTo(StreamSettings.Delivery.AT_LEAST_ONCE);
                    assertThat(settings.bufferTimeout()).isZero();
                });
    }

    @Test
    void refusesANegativeBufferTimeoutAndNamesIt() {
        assertThatThrownBy(() -> StreamSettings.builder("127.0.0.1:9092")
                        .bufferTimeout(Duration.ofMillis(-1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buffer timeout")
                .hasMessageContaining("PT-0.001S");
    }
}

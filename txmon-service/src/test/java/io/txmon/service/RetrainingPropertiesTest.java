package io.txmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** {@code txmon.retraining}: the scheduled retraining of the supervised model, as docs/service.md lists it. */
class RetrainingPropertiesTest {

    private static TxmonProperties.Retraining bind(PropertySource<?> source) {
        return new Binder(ConfigurationPropertySources.from(source))
                .bindOrCreate("txmon", TxmonProperties.class)
                .retraining();
    }

    @Test
    void retrainingIsNotScheduledByDefaultAndLabelsAreKnownAWeekLate() {
        TxmonProperties.Retraining retraining = bind(new MapPropertySource("none", Map.of()));

        assertThat(retraining.scheduled()).isFalse();
        assertThat(retraining.cron()).isEqualTo("-");
        assertThat(retraining.labelDelay()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void bindsTheCronAndTheLabelDelayFromTheEnvironment() {
        TxmonProperties.Retraining retraining = bind(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("TXMON_RETRAINING_CRON", "0 30 3 * * *", "TXMON_RETRAINING_LABEL_DELAY", "2d")));

        assertThat(retraining.scheduled()).isTrue();
        assertThat(retraining.cron()).isEqualTo("0 30 3 * * *");
        assertThat(retraining.labelDelay()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void aCronSpringCannotReadIsRefusedNamingTheSetting() {
        assertThatThrownBy(() ->
                        bind(new MapPropertySource("application.yml", Map.of("txmon.retraining.cron", "nightly"))))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("txmon.retraining.cron must be Spring's six-field cron expression")
                .hasMessageContaining("'nightly'");
    }
}

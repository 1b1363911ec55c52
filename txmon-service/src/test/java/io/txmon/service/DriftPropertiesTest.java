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

/** {@code txmon.drift}: the active model's drift gauges and alert, as docs/service.md's Configuration lists them. */
class DriftPropertiesTest {

    private static TxmonProperties.Drift bind(PropertySource<?> source) {
        return new Binder(ConfigurationPropertySources.from(source))
                .bindOrCreate("txmon", TxmonProperties.class)
                .drift();
    }

    @Test
    void driftIsMeasuredHourlyOverTheLastWeekAndAlertsFromAShiftByDefault() {
        TxmonProperties.Drift drift = bind(new MapPropertySource("none", Map.of()));

        assertThat(drift.enabled()).isTrue();
        assertThat(drift.refreshEvery()).isEqualTo(Duration.ofHours(1));
        assertThat(drift.alertThreshold()).isEqualTo(0.25);
        assertThat(drift.recent()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void bindsItsPropertiesAndTheirEnvironmentVariables() {
        TxmonProperties.Drift configured = bind(new MapPropertySource(
                "application.yml",
                Map.of(
                        "txmon.drift.enabled", "false",
                        "txmon.drift.refresh-every", "15m",
                        "txmon.drift.alert-threshold", "0.2",
                        "txmon.drift.recent", "3d")));
        TxmonProperties.Drift environment = bind(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("TXMON_DRIFT_ENABLED", "false", "TXMON_DRIFT_REFRESH_EVERY", "2h")));

        assertThat(configured)
                .isEqualTo(new TxmonProperties.Drift(false, Duration.ofMinutes(15), 0.2, Duration.ofDays(3)));
        assertThat(environment.enabled()).isFalse();
        assertThat(environment.refreshEvery()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void refusesAPeriodThatIsNotPositiveNamingTheProperty() {
        assertThatThrownBy(() -> bind(new MapPropertySource("bad", Map.of("txmon.drift.refresh-every", "0s"))))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("txmon.drift.refresh-every must be positive, was PT0S");
    }
}

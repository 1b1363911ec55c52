package io.txmon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class SimulationSettingsTest {

    @Test
    void defaultsDescribeTwoThousandCustomersOverThirtyDaysFromNewYear2026() {
        SimulationSettings defaults = SimulationSettings.builder().build();

        assertThat(defaults.customers()).isEqualTo(2_000);
        assertThat(defaults.days()).isEqualTo(30);
        assertThat(defaults.start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(defaults.currency()).isEqualTo(Currency.getInstance("GBP"));
        assertThat(defaults.suspiciousShare()).isEqualTo(0.015);
        assertThat(defaults).isEqualTo(SimulationSettings.DEFAULTS);
    }

    @Test
    void builderChangesOnlyTheSettingsItIsGiven() {
        SimulationSettings settings = SimulationSettings.builder()
                .seed(7)
                .customers(500)
                .days(90)
                .start(Instant.parse("2025-06-01T00:00:00Z"))
                .currency(Currency.getInstance("EUR"))
                .suspiciousShare(0)
                .build();

        assertThat(settings)
                .isEqualTo(new SimulationSettings(
                        7, 500, 90, Instant.parse("2025-06-01T00:00:00Z"), Currency.getInstance("EUR"), 0));
    }

    @Test
    void rejectsTooFewCustomersNamingTheCustomersSetting() {
        assertThatThrownBy(() -> SimulationSettings.builder().customers(9).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("customers must be between 10 and 1000000, was 9");
    }

    @Test
    void rejectsZeroDaysNamingTheDaysSetting() {
        assertThatThrownBy(() -> SimulationSettings.builder().days(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("days must be between 1 and 3660, was 0");
    }

    @Test
    void rejectsAWorldTooLargeToHoldInMemoryNamingBothSizes() {
        assertThatThrownBy(() -> SimulationSettings.builder()
                        .customers(100_000)
                        .days(365)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customers times days")
                .hasMessageContaining("100000 customers for 365 days");
    }

    @Test
    void rejectsAStartBetweenSecondsNamingTheStartSetting() {
        assertThatThrownBy(() -> SimulationSettings.builder()
                        .start(Instant.parse("2026-01-01T00:00:00.250Z"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("start must be a whole second")
                .hasMessageEndingWith("was 2026-01-01T00:00:00.250Z");
    }

    @Test
    void rejectsAMissingCurrencyNamingTheCurrencySetting() {
        assertThatThrownBy(() -> SimulationSettings.builder().currency(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("currency");
    }

    @Test
    void rejectsASuspiciousShareAboveTwentyPercentNamingTheSetting() {
        assertThatThrownBy(
                        () -> SimulationSettings.builder().suspiciousShare(0.25).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("suspicious_share must be between 0 and 0.2, was 0.25");
    }

    @Test
    void rejectsASuspiciousShareThatIsNotANumber() {
        assertThatThrownBy(() ->
                        SimulationSettings.builder().suspiciousShare(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("suspicious_share must be between 0 and 0.2, was NaN");
    }
}

package io.txmon.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimesTest {
    @Test
    void acceptsEveryInstantFrom1900ToTheEndOf9999() {
        assertThat(EventTimes.isValid(Instant.parse("1900-01-01T00:00:00Z"))).isTrue();
        assertThat(EventTimes.isValid(Instant.parse("2026-01-14T15:00:00Z"))).isTrue();
        assertThat(EventTimes.isValid(Instant.parse("9999-12-31T23:59:59.999999999Z")))
                .isTrue();
    }

    @Test
    void refusesTheExtremesIso8601CanSpellNamingTheField() {
        assertThat(EventTimes.isValid(Instant.parse("1899-12-31T23:59:59.999999999Z")))
                .isFalse();
        assertThat(EventTimes.isValid(Instant.parse("+10000-01-01T00:00:00Z"))).isFalse();
        assertThat(EventTimes.isValid(Instant.MAX)).isFalse();
        assertThat(EventTimes.isValid(null)).isFalse();
        assertThatThrownBy(() -> EventTimes.require("timestamp", Instant.parse("+999999999-12-31T23:59:59Z")))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("timestamp"))
                .hasMessage("timestamp: must be from 1900-01-01T00:00:00Z to the end of the year 9999, was"
                        + " +999999999-12-31T23:59:59Z");
        assertThatThrownBy(() -> EventTimes.require("from", Instant.parse("-999999999-01-01T00:00:00Z")))
                .hasMessageStartingWith("from: must be from 1900");
    }
}

package io.txmon.testkit;

import java.time.Duration;
import java.time.Instant;

/** Named instants, so that tests read as stories about time. */
public final class Instants {
    /** A Wednesday afternoon, the seed API's example time. */
    public static final Instant WEDNESDAY_3PM = Instant.parse("2026-01-14T15:00:00Z");

    private Instants() {}

    public static Instant seconds(Instant from, long seconds) {
        return from.plusSeconds(seconds);
    }

    public static Instant minutes(Instant from, long minutes) {
        return from.plus(Duration.ofMinutes(minutes));
    }

    public static Instant hours(Instant from, long hours) {
        return from.plus(Duration.ofHours(hours));
    }

    public static Instant days(Instant from, long days) {
        return from.plus(Duration.ofDays(days));
    }
}

package io.txmon.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The UTC buckets of the analytics tables, computed in Java where SQL would differ between the engines. */
final class UtcBuckets {
    private UtcBuckets() {}

    static LocalDateTime hourOf(Instant instant) {
        return utc(instant).truncatedTo(ChronoUnit.HOURS);
    }

    static LocalDateTime fiveMinutesOf(Instant instant) {
        LocalDateTime time = utc(instant).truncatedTo(ChronoUnit.MINUTES);
        return time.withMinute(time.getMinute() / 5 * 5);
    }

    static LocalDate monthOf(Instant instant) {
        return utc(instant).toLocalDate().withDayOfMonth(1);
    }

    static int yearOf(Instant instant) {
        return utc(instant).getYear();
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static OffsetDateTime offset(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static OffsetDateTime offset(LocalDateTime utc) {
        return utc.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC);
    }
}

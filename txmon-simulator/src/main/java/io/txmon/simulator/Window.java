package io.txmon.simulator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulated stretch of time, {@code [start, start + days)}, and the local calendar inside it. People
 * live by local dates and hours, so activity is planned on the local dates that overlap the window in
 * each time zone (one more on each side) and whatever falls outside the window is left out; the first
 * and last days are as busy as any other.
 */
final class Window {
    static final int SECONDS_PER_DAY = 86_400;
    static final int SECONDS_PER_HOUR = 3_600;

    private final long start;
    private final long end;
    private final int days;
    private final LocalDate firstDate;
    private final int dateCount;
    private final Map<ZoneId, long[]> midnights = new HashMap<>();

    Window(Instant start, int days, Collection<ZoneId> zones) {
        this.start = start.getEpochSecond();
        this.end = this.start + (long) days * SECONDS_PER_DAY;
        this.days = days;
        this.firstDate = LocalDate.ofInstant(start, ZoneOffset.UTC).minusDays(1);
        this.dateCount = days + 3;
        for (ZoneId zone : zones) {
            long[] zoneMidnights = new long[dateCount + 1];
            for (int i = 0; i <= dateCount; i++) {
                zoneMidnights[i] = firstDate.plusDays(i).atStartOfDay(zone).toEpochSecond();
            }
            midnights.put(zone, zoneMidnights);
        }
    }

    /** First second of the window, in epoch seconds. */
    long start() {
        return start;
    }

    /** First second after the window. */
    long end() {
        return end;
    }

    int days() {
        return days;
    }

    boolean contains(long second) {
        return second >= start && second < end;
    }

    /** How many local dates activity is planned on. */
    int dateCount() {
        return dateCount;
    }

    LocalDate date(int dateIndex) {
        return firstDate.plusDays(dateIndex);
    }

    DayOfWeek dayOfWeek(int dateIndex) {
        return date(dateIndex).getDayOfWeek();
    }

    boolean isWeekend(int dateIndex) {
        DayOfWeek day = dayOfWeek(dateIndex);
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    /** The epoch second of a local time of day on a planned date, in a zone. */
    long at(int dateIndex, ZoneId zone, int secondOfDay) {
        return midnights(zone)[dateIndex] + secondOfDay;
    }

    /** The planned date an instant falls on in a zone; clamped to the planned dates. */
    int dateIndexOf(long second, ZoneId zone) {
        long[] zoneMidnights = midnights(zone);
        int found = Arrays.binarySearch(zoneMidnights, second);
        int index = found >= 0 ? found : -found - 2;
        return Math.max(0, Math.min(dateCount - 1, index));
    }

    /** The local hour of the day of an instant in a zone. */
    int localHour(long second, ZoneId zone) {
        long sinceMidnight = second - midnights(zone)[dateIndexOf(second, zone)];
        return (int) Math.max(0, Math.min(23, sinceMidnight / SECONDS_PER_HOUR));
    }

    private long[] midnights(ZoneId zone) {
        long[] zoneMidnights = midnights.get(zone);
        if (zoneMidnights == null) {
            throw new IllegalArgumentException("zone " + zone + " is not one of the world's zones");
        }
        return zoneMidnights;
    }
}

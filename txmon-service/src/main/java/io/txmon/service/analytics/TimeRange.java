package io.txmon.service.analytics;

import io.txmon.service.problems.InvalidParameterException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** A {@code [from, to)} range of event time from query parameters, each an ISO-8601 instant. */
record TimeRange(Instant from, Instant to) {

    static TimeRange of(String from, String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!start.isBefore(end)) {
            throw new InvalidParameterException("to", "must be after from (" + start + "), was " + end);
        }
        return new TimeRange(start, end);
    }

    static Instant instant(String parameter, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidParameterException(
                    parameter, "is required: an ISO-8601 instant such as 2026-01-14T15:00:00Z");
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(
                    parameter,
                    "must be an ISO-8601 instant such as 2026-01-14T15:00:00Z, was '" + abbreviate(text) + "'");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}

package io.txmon.service.problems;

import io.txmon.transaction.EventTimes;
import io.txmon.transaction.InvalidFieldException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads query parameters the way every endpoint does, refusing a bad one with a problem that names it. */
public final class QueryParameters {
    private QueryParameters() {}

    /** An ISO-8601 instant in the range {@link EventTimes} accepts; required. */
    public static Instant instant(String parameter, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException(parameter, "is required: an ISO-8601 instant such as 2026-01-14T15:00:00Z");
        }
        return optionalInstant(parameter, text).orElseThrow();
    }

    /** An ISO-8601 instant in the range {@link EventTimes} accepts, or empty when not given. */
    public static Optional<Instant> optionalInstant(String parameter, String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            // Bounded as event times are: PostgreSQL cannot compare with an instant past its range and fails the query.
            return Optional.of(EventTimes.require(
                    parameter, OffsetDateTime.parse(text.strip()).toInstant()));
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(
                    parameter,
                    "must be an ISO-8601 instant such as 2026-01-14T15:00:00Z, was '" + abbreviate(text) + "'");
        }
    }

    /** A count from 1 to {@code max}. */
    public static int limit(String parameter, int value, int max) {
        if (value < 1 || value > max) {
            throw new InvalidFieldException(parameter, "must be from 1 to " + max + ", was " + value);
        }
        return value;
    }

    /** A position to page from: 0 or more. */
    public static int offset(String parameter, int value) {
        if (value < 0) {
            throw new InvalidFieldException(parameter, "must be 0 or more, was " + value);
        }
        return value;
    }

    /** Text as a problem may quote it: short enough to read, never the whole of a huge value. */
    public static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}

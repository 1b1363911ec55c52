package io.txmon.service.analytics;

import io.txmon.service.problems.QueryParameters;
import io.txmon.transaction.InvalidFieldException;
import java.time.Instant;

/** A {@code [from, to)} range of event time from query parameters, each an ISO-8601 instant. */
record TimeRange(Instant from, Instant to) {

    static TimeRange of(String from, String to) {
        Instant start = QueryParameters.instant("from", from);
        Instant end = QueryParameters.instant("to", to);
        if (!start.isBefore(end)) {
            throw new InvalidFieldException("to", "must be after from (" + start + "), was " + end);
        }
        return new TimeRange(start, end);
    }
}

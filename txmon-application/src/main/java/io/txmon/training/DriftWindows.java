package io.txmon.training;

import io.txmon.storage.StoredHistory;
import io.txmon.transaction.InvalidFieldException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** How every drift measurement samples its windows, and where its recent window lies. */
record DriftWindows(int sampleRows, Duration warmUp, long seed) {
    DriftWindows {
        if (sampleRows < 2) {
            throw new IllegalArgumentException("sampleRows must be at least 2, was " + sampleRows);
        }
        if (warmUp.isNegative()) {
            throw new IllegalArgumentException("warmUp must not be negative, was " + warmUp);
        }
    }

    /** [from, to] of recent traffic: {@code to} defaults to the latest stored event time, {@code from} to {@code recent} before it. */
    static Instant[] recent(StoredHistory history, Optional<Instant> from, Optional<Instant> to, Duration recent) {
        if (recent.isNegative() || recent.isZero()) {
            throw new IllegalArgumentException("recent must be positive, was " + recent);
        }
        Instant end = to.or(history::latestEventTime)
                .orElseThrow(() -> new InvalidFieldException(
                        "to", "no transaction is stored to end the recent window at; give the window"));
        Instant start = from.orElse(end.minus(recent));
        if (!start.isBefore(end)) {
            throw new InvalidFieldException("to", "must be after from (" + start + "), was " + end);
        }
        return new Instant[] {start, end};
    }
}

package io.txmon.stream;

import java.util.Objects;

/**
 * A control message the job refused, with why: the rules and model it was running stay.
 *
 * @param origin the message's origin, as it gave it
 * @param kind {@code RULES} or {@code MODEL}
 * @param reason what is wrong with it, naming the line and key of a rule file where there is one
 * @param receivedAtMillis when the job's check received it, in processing time (epoch milliseconds)
 */
public record ControlError(String origin, String kind, String reason, long receivedAtMillis) {
    public ControlError {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }
}

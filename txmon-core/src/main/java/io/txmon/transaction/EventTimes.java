package io.txmon.transaction;

import java.time.Instant;

/**
 * The event times txmon accepts: from {@value #EARLIEST_TEXT} up to, not including, {@value #END_TEXT}.
 *
 * <p>ISO-8601 reads years up to nine digits, and {@code +999999999-12-31T23:59:59Z} once passed every check and
 * then overflowed the feature windows' arithmetic. Both engines store every instant in this range (PostgreSQL's
 * {@code timestamptz} runs from 4713 BC to 294276 AD), it leaves windows of any length room to subtract, and it
 * holds any real payment's time. The same range bounds the times a query may ask about.
 */
public final class EventTimes {
    static final String EARLIEST_TEXT = "1900-01-01T00:00:00Z";
    static final String END_TEXT = "10000-01-01T00:00:00Z";

    /** The earliest event time accepted. */
    public static final Instant EARLIEST = Instant.parse(EARLIEST_TEXT);

    /** The first instant past the range: 10000-01-01T00:00:00Z. */
    public static final Instant END = Instant.parse("+" + END_TEXT);

    private EventTimes() {}

    /** Whether {@code instant} lies in the accepted range. */
    public static boolean isValid(Instant instant) {
        return instant != null && !instant.isBefore(EARLIEST) && instant.isBefore(END);
    }

    /**
     * The instant {@code text} gives (ISO-8601, as a transaction's {@code timestamp}), once checked.
     *
     * @throws InvalidFieldException naming {@code field} when it is no instant or outside the range
     */
    public static Instant parse(String field, String text) {
        return require(field, TransactionParser.instant(field, text));
    }

    /**
     * {@code instant} itself, once checked.
     *
     * @throws InvalidFieldException naming {@code field} when it is missing or outside the range
     */
    public static Instant require(String field, Instant instant) {
        if (instant == null) {
            throw new InvalidFieldException(field, "is required");
        }
        if (!isValid(instant)) {
            throw new InvalidFieldException(
                    field, "must be from " + EARLIEST_TEXT + " to the end of the year 9999, was " + instant);
        }
        return instant;
    }
}

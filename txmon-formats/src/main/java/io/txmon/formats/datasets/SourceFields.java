package io.txmon.formats.datasets;

import io.txmon.transaction.FieldSource;
import io.txmon.transaction.InvalidFieldException;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Reads a source row's fields, naming the source's own column and the offending text when one is unusable. */
final class SourceFields {
    private static final int MAX_SHOWN = 40;
    private static final int CENTS = 2;

    private SourceFields() {}

    /** The column's text without surrounding blanks. */
    static String text(FieldSource row, String column) {
        String value = row.get(column);
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty()) {
            throw new InvalidFieldException(column, "is required");
        }
        return stripped;
    }

    static BigDecimal decimal(FieldSource row, String column) {
        String text = text(row, column);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(column, "must be a decimal number, was '" + shown(text) + "'");
        }
    }

    /**
     * A sum of money within the contract's limits for amounts ({@value Transaction#MAX_AMOUNT_INTEGER_DIGITS}
     * digits before the point, {@value Transaction#MAX_AMOUNT_SCALE} after), of either sign: an amount or a
     * balance. Checked before anything else is done with it, since {@code 1E+999999999} is short text for a
     * number with a billion digits.
     */
    static BigDecimal money(FieldSource row, String column) {
        BigDecimal value = decimal(row, column);
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.precision() - (long) stripped.scale() > Transaction.MAX_AMOUNT_INTEGER_DIGITS) {
            throw new InvalidFieldException(
                    column,
                    "has more than " + Transaction.MAX_AMOUNT_INTEGER_DIGITS + " digits before the decimal point, was '"
                            + shown(row.get(column).strip()) + "'");
        }
        if (stripped.scale() > Transaction.MAX_AMOUNT_SCALE) {
            throw new InvalidFieldException(
                    column,
                    "has more than " + Transaction.MAX_AMOUNT_SCALE + " decimal places, was '"
                            + shown(row.get(column).strip()) + "'");
        }
        return value;
    }

    /** A sum of money rounded half-even to cents, for sources whose amounts went through binary doubles. */
    static BigDecimal cents(FieldSource row, String column) {
        BigDecimal value = decimal(row, column);
        if (value.precision() - (long) value.scale() > Transaction.MAX_AMOUNT_INTEGER_DIGITS) {
            throw new InvalidFieldException(
                    column,
                    "has more than " + Transaction.MAX_AMOUNT_INTEGER_DIGITS + " digits before the decimal point, was '"
                            + shown(row.get(column).strip()) + "'");
        }
        return value.setScale(CENTS, RoundingMode.HALF_EVEN);
    }

    static long wholeNumber(FieldSource row, String column) {
        String text = text(row, column);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(column, "must be a whole number, was '" + shown(text) + "'");
        }
    }

    /** A 0/1 flag; {@code true} and {@code false} are accepted as well. */
    static boolean flag(FieldSource row, String column) {
        String text = text(row, column);
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new InvalidFieldException(column, "must be 1 or 0, was '" + shown(text) + "'");
        };
    }

    /**
     * The instant of a step of the source's clock: {@code start + step × unit}.
     *
     * @throws InvalidFieldException naming {@code column} when the step is negative or beyond the calendar
     */
    static Instant step(FieldSource row, String column, Instant start, Duration unit) {
        long step = wholeNumber(row, column);
        if (step < 0) {
            throw new InvalidFieldException(column, "must be 0 or more, was " + step);
        }
        try {
            return start.plus(unit.multipliedBy(step));
        } catch (ArithmeticException | DateTimeException e) {
            throw new InvalidFieldException(column, "is too large to be a time, was " + step);
        }
    }

    static String shown(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN - 3) + "...";
    }
}

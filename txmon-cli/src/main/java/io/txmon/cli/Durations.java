package io.txmon.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a duration as people write one on a command line: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 730d}, or ISO-8601. */
final class Durations implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new TypeConversionException(
                    "'" + text + "' is not a duration: write 500ms, 30s, 2m, 1h, 730d or ISO-8601 such as PT2M");
        }
    }

    /** A duration as people say it: {@code 7 days}, {@code 12 hours}, else ISO-8601. */
    static String text(Duration duration) {
        if (!duration.isZero() && duration.toDays() > 0 && duration.equals(Duration.ofDays(duration.toDays()))) {
            return duration.toDays() == 1 ? "1 day" : duration.toDays() + " days";
        }
        if (!duration.isZero() && duration.equals(Duration.ofHours(duration.toHours()))) {
            return duration.toHours() == 1 ? "1 hour" : duration.toHours() + " hours";
        }
        return duration.toString();
    }
}

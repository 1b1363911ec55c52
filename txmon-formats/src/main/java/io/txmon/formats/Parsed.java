package io.txmon.formats;

import java.util.Objects;

/**
 * A record read from a file: its value and the line the record starts on.
 *
 * @param line 1-based line where the record starts; a CSV record may span several lines
 * @param value the validated value
 * @param <T> the kind of record
 */
public record Parsed<T>(long line, T value) {
    public Parsed {
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1, was " + line);
        }
        Objects.requireNonNull(value, "value");
    }
}

package io.txmon.formats;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A whole file cannot be used: it cannot be opened, read or written, or its header lacks a required
 * column. The message is one line that names the file, fit to show an operator as it is.
 */
public final class DataFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    DataFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = Objects.requireNonNull(file, "file");
    }

    DataFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The file that cannot be used. */
    public Path file() {
        return file;
    }
}

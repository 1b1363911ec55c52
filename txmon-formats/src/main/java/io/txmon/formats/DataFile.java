package io.txmon.formats;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A data file with the format and compression its name asks for: {@code .csv}, {@code .jsonl} or
 * {@code .ndjson}, each optionally followed by {@code .gz}.
 *
 * @param path the file
 * @param format its record syntax
 * @param gzip whether its bytes are gzip-compressed
 */
record DataFile(Path path, Format format, boolean gzip) {

    /**
     * Stands in for bytes that are not UTF-8. Valid UTF-8 never decodes to an unpaired surrogate, so a
     * record holding one provably held invalid bytes, and a genuine U+FFFD in the input stays valid.
     */
    static final char INVALID_INPUT = '\uDC00';

    private static final String GZIP_SUFFIX = ".gz";
    private static final int BUFFER_BYTES = 1 << 16;

    DataFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
    }

    /**
     * The file at {@code path}, which must be named for one of the {@code supported} formats.
     *
     * @throws DataFileException when its name asks for no supported format
     */
    static DataFile of(Path path, Set<Format> supported) {
        Objects.requireNonNull(path, "path");
        Path fileName = path.getFileName();
        String name = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
        boolean gzip = name.endsWith(GZIP_SUFFIX);
        String base = gzip ? name.substring(0, name.length() - GZIP_SUFFIX.length()) : name;
        Format format = null;
        if (base.endsWith(".csv")) {
            format = Format.CSV;
        } else if (base.endsWith(".jsonl") || base.endsWith(".ndjson")) {
            format = Format.JSON_LINES;
        }
        if (format == null || !supported.contains(format)) {
            throw new DataFileException(path, "unsupported file name: " + expectedNames(supported));
        }
        return new DataFile(path, format, gzip);
    }

    private static String expectedNames(Set<Format> supported) {
        String names = supported.contains(Format.JSON_LINES)
                ? (supported.contains(Format.CSV) ? ".csv, .jsonl or .ndjson" : ".jsonl or .ndjson")
                : ".csv";
        return "expected a name ending in " + names + ", optionally followed by .gz";
    }

    /**
     * Opens the file for reading as UTF-8 text; bytes that are not UTF-8 arrive as {@link #INVALID_INPUT}.
     *
     * @throws DataFileException when the file cannot be opened
     */
    Reader openReader() {
        InputStream in = null;
        try {
            in = Files.newInputStream(path);
            InputStream bytes = gzip ? new GZIPInputStream(in, BUFFER_BYTES) : in;
            CharsetDecoder decoder = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .replaceWith(String.valueOf(INVALID_INPUT));
            return new InputStreamReader(bytes, decoder);
        } catch (IOException e) {
            closeQuietly(in, e);
            throw failure("cannot open", e);
        }
    }

    /**
     * Creates or truncates the file for writing, compressing when its name ends in {@code .gz}.
     *
     * @throws DataFileException when the file cannot be created
     */
    OutputStream openOutput() {
        OutputStream out = null;
        try {
            out = Files.newOutputStream(path);
            OutputStream bytes = gzip ? new GZIPOutputStream(out, BUFFER_BYTES) : out;
            return new BufferedOutputStream(bytes, BUFFER_BYTES);
        } catch (IOException e) {
            closeQuietly(out, e);
            throw failure("cannot create", e);
        }
    }

    /** A one-line failure naming the file, what was being done and why it failed. */
    DataFileException failure(String action, IOException e) {
        return new DataFileException(path, action + ": " + describe(e), e);
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.replaceAll("\\s+", " ").strip();
    }

    private static void closeQuietly(AutoCloseable resource, Exception failure) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}

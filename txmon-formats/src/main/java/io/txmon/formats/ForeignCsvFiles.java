package io.txmon.formats;

import io.txmon.transaction.FieldSource;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads CSV files in another system's columns, such as public data sets, with the same rules as txmon's
 * own files (see {@code docs/file-formats.md}): {@code .csv} or {@code .csv.gz}, UTF-8, RFC 4180, header
 * names matched ignoring case, unknown columns ignored, and every bad row handed on as a
 * {@link RejectedRecord} with its line, raw text and reason while reading goes on.
 */
public final class ForeignCsvFiles {

    private ForeignCsvFiles() {}

    /**
     * Reads every row of a CSV file, streaming.
     *
     * @param columns the columns the header must name (ignoring case); the parser reads them by these names
     * @param parser turns one row's fields into a value, throwing
     *     {@link io.txmon.transaction.InvalidFieldException} to reject the row
     * @return how many rows went each way
     * @throws DataFileException when the file cannot be opened or read, is not named {@code .csv} or
     *     {@code .csv.gz}, or its header lacks one of the columns
     */
    public static <T> ReadSummary read(
            Path file,
            List<String> columns,
            Function<FieldSource, T> parser,
            Consumer<Parsed<T>> accepted,
            Consumer<RejectedRecord> rejected) {
        Objects.requireNonNull(parser, "parser");
        // The CSV reader matches header names in lower case; the caller keeps its own spelling.
        List<String> lowerCase = columns.stream().map(ForeignCsvFiles::lower).toList();
        RecordSchema<T> schema =
                RecordSchema.of(lowerCase, lowerCase, fields -> parser.apply(name -> fields.get(lower(name))));
        return RecordFileReader.read(DataFile.of(file, EnumSet.of(Format.CSV)), schema, accepted, rejected);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

package io.txmon.formats;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes records as RFC 4180 CSV with FastCSV: UTF-8 without a byte-order mark, a header row, LF line
 * ends, and quotes only where a value needs them.
 */
final class CsvRecordWriter<T> implements RecordWriter<T> {
    private final DataFile file;
    private final Function<T, String[]> cells;
    private final CsvWriter csv;

    CsvRecordWriter(DataFile file, List<String> header, Function<T, String[]> cells) {
        this.file = Objects.requireNonNull(file, "file");
        this.cells = Objects.requireNonNull(cells, "cells");
        this.csv = CsvWriter.builder()
                .lineDelimiter(LineDelimiter.LF)
                .build(new OutputStreamWriter(file.openOutput(), StandardCharsets.UTF_8));
        try {
            csv.writeRecord(header);
        } catch (UncheckedIOException e) {
            closeAfter(e);
            throw file.failure("cannot write", e.getCause());
        }
    }

    @Override
    public void write(T record) {
        Objects.requireNonNull(record, "record");
        try {
            csv.writeRecord(cells.apply(record));
        } catch (UncheckedIOException e) {
            throw file.failure("cannot write", e.getCause());
        }
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw file.failure("cannot write", e);
        }
    }

    /** The cell text of an optional value: empty when absent. */
    static String cell(Object value) {
        return value == null ? "" : value.toString();
    }

    private void closeAfter(Exception failure) {
        try {
            csv.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}

package io.txmon.formats;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * Writes rejected records to a CSV dead-letter file, {@code source, line, reason, raw}, where an operator
 * can see what was refused and why.
 */
public final class RejectedRecordFiles {

    private static final List<String> COLUMNS = List.of("source", "line", "reason", "raw");

    private RejectedRecordFiles() {}

    /**
     * Creates (or truncates) a rejected-records CSV file. A record's raw text keeps its line breaks, quoted.
     *
     * @throws DataFileException when the file cannot be created or is not named {@code .csv} or {@code .csv.gz}
     */
    public static RecordWriter<RejectedRecord> newWriter(Path file) {
        return new CsvRecordWriter<>(
                DataFile.of(file, EnumSet.of(Format.CSV)), COLUMNS, rejected -> new String[] {
                    rejected.source(), Long.toString(rejected.line()), rejected.reason(), rejected.rawText()
                });
    }
}

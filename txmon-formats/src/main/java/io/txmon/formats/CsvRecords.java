package io.txmon.formats;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.txmon.transaction.InvalidFieldException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Splits framed CSV records into fields with FastCSV's strict RFC 4180 parser and names them by the
 * header row. Header names are matched ignoring case and surrounding blanks; columns the schema does not
 * know are ignored.
 */
final class CsvRecords {
    private final Path file;
    private final RecordSchema<?> schema;
    private final CsvReader.CsvReaderBuilder parser = CsvReader.builder();

    private Map<String, Integer> columns = Map.of();
    private int width;
    private boolean headerRead;

    CsvRecords(Path file, RecordSchema<?> schema) {
        this.file = Objects.requireNonNull(file, "file");
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    boolean headerRead() {
        return headerRead;
    }

    /**
     * Takes the first record as the header.
     *
     * @throws DataFileException when the header is unreadable, lacks a required column or repeats a known one
     */
    void readHeader(RawRecord raw) {
        RecordFileReader.flaw(raw).ifPresent(problem -> {
            throw new DataFileException(file, "line " + raw.line() + ": the header row " + problem);
        });
        CsvRecord header;
        try {
            header = parser.ofSingleCsvRecord(raw.text());
        } catch (CsvParseException e) {
            throw new DataFileException(
                    file, "line " + raw.line() + ": the header row is malformed CSV: " + rootMessage(e));
        }
        Map<String, Integer> known = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.getFieldCount(); i++) {
            String name = header.getField(i).strip().toLowerCase(Locale.ROOT);
            names.add(name);
            if (!schema.fields().contains(name)) {
                continue;
            }
            Integer earlier = known.putIfAbsent(name, i);
            if (earlier != null) {
                throw new DataFileException(
                        file,
                        "line " + raw.line() + ": the header names column '" + name + "' twice (columns "
                                + (earlier + 1) + " and " + (i + 1) + ")");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String required : schema.requiredColumns()) {
            if (!known.containsKey(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataFileException(
                    file,
                    "line " + raw.line() + ": the header lacks the required column" + (missing.size() > 1 ? "s " : " ")
                            + String.join(", ", missing) + " (it has: " + abbreviate(String.join(", ", names)) + ")");
        }
        columns = Map.copyOf(known);
        width = header.getFieldCount();
        headerRead = true;
    }

    /**
     * The fields of a data record.
     *
     * @throws InvalidFieldException naming {@code record} when the row is malformed or has the wrong number of cells
     */
    RecordFields fields(RawRecord raw) {
        String text = raw.text();
        if (text.indexOf('"') < 0) {
            return unquotedFields(text);
        }
        CsvRecord row;
        try {
            row = parser.ofSingleCsvRecord(raw.text());
        } catch (CsvParseException e) {
            throw new InvalidFieldException(RecordFileReader.RECORD, "is malformed CSV: " + rootMessage(e));
        }
        if (row.getFieldCount() != width) {
            throw new InvalidFieldException(
                    RecordFileReader.RECORD,
                    "has " + row.getFieldCount() + (row.getFieldCount() == 1 ? " cell" : " cells") + ", the header has "
                            + width);
        }
        return field -> {
            Integer column = columns.get(field);
            return column == null ? null : row.getField(column);
        };
    }

    /**
     * The fields of a record without a quote, where RFC 4180 makes every comma a separator and every other
     * character part of a field: split here rather than by FastCSV, whose per-record set-up cost more than the
     * split itself (a tenth of a million-transaction ingest's reading), and cut out only when asked for.
     */
    private RecordFields unquotedFields(String text) {
        int[] commas = new int[width];
        int count = 0;
        for (int at = text.indexOf(','); at >= 0; at = text.indexOf(',', at + 1)) {
            if (count == commas.length) {
                count++;
                break;
            }
            commas[count++] = at;
        }
        int cells = count == commas.length + 1 ? countCells(text) : count + 1;
        if (cells != width) {
            throw new InvalidFieldException(
                    RecordFileReader.RECORD,
                    "has " + cells + (cells == 1 ? " cell" : " cells") + ", the header has " + width);
        }
        return field -> {
            Integer column = columns.get(field);
            if (column == null) {
                return null;
            }
            int start = column == 0 ? 0 : commas[column - 1] + 1;
            int end = column == width - 1 ? text.length() : commas[column];
            return text.substring(start, end);
        };
    }

    private static int countCells(String text) {
        int cells = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ',') {
                cells++;
            }
        }
        return cells;
    }

    /** FastCSV wraps the parser's own explanation in a generic one. */
    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message.strip();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }
}

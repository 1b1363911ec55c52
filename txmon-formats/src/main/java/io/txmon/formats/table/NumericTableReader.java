package io.txmon.formats.table;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads CSV files of numbers into a {@link NumericTable}: a header row, then rows in which every cell is a
 * finite number. Files whose name ends in {@code .gz} are gunzipped on the way. Several files with the same
 * header are read in the order given as one table, as data sets split into {@code part1}, {@code part2}
 * files come. A label column named by the caller is split from the features and must hold 0 or 1.
 *
 * <p>Numbers are parsed by {@link Double#parseDouble}, which gives back exactly the double a shortest
 * round-trip text was written from. Anything else fails the whole read with the file, the line, the
 * column's name and the offending text: a table of numbers with a bad cell is a broken input, not a
 * batch to go on with.
 */
public final class NumericTableReader {
    private static final int BUFFER_BYTES = 1 << 16;

    private NumericTableReader() {}

    /** Reads the files as one table in which every column is a feature. */
    public static NumericTable read(List<Path> files) throws IOException {
        return read(files, null);
    }

    /**
     * Reads the files as one table, splitting off the named label column.
     *
     * @throws IOException if a file cannot be read or is not such a table, or it has no column of that name;
     *     the message names the file, and for a bad cell the line, the column and the text
     */
    public static NumericTable read(List<Path> files, String labelColumn) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("files must name at least one file, got none");
        }
        Table table = null;
        for (Path file : files) {
            try (Reader text = open(file);
                    CsvReader<CsvRecord> csv = CsvReader.builder()
                            // Counted here instead, to report the file and line in the same words as a bad cell.
                            .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                            .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                            .ofCsvRecord(text)) {
                table = readFile(file, csv, table, labelColumn);
            } catch (CsvParseException e) {
                throw new IOException(file + ": not a readable CSV file: " + e.getMessage(), e);
            }
        }
        return Objects.requireNonNull(table).toNumericTable(labelColumn);
    }

    private static Reader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, BUFFER_BYTES);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static Table readFile(Path file, CsvReader<CsvRecord> csv, Table soFar, String labelColumn)
            throws IOException {
        var records = csv.iterator();
        if (!records.hasNext()) {
            throw new IOException(file + ": the file is empty; a table starts with a header row");
        }
        List<String> header = records.next().getFields();
        Table table = soFar == null ? Table.withHeader(file, header, labelColumn) : soFar.continuedBy(file, header);
        while (records.hasNext()) {
            table.add(file, records.next());
        }
        return table;
    }

    /** The table being read: the first file's header, and the rows of all files so far. */
    private static final class Table {
        private final Path firstFile;
        private final List<String> header;
        private final int labelIndex;
        private final List<String> featureNames;
        private final List<double[]> rows = new ArrayList<>();
        private boolean[] labels = new boolean[1024];

        private Table(Path firstFile, List<String> header, int labelIndex) {
            this.firstFile = firstFile;
            this.header = List.copyOf(header);
            this.labelIndex = labelIndex;
            List<String> names = new ArrayList<>(header);
            if (labelIndex >= 0) {
                names.remove(labelIndex);
            }
            this.featureNames = names;
        }

        static Table withHeader(Path file, List<String> header, String labelColumn) throws IOException {
            Set<String> seen = new HashSet<>();
            for (String name : header) {
                if (name.isBlank()) {
                    throw new IOException(file + ": the header has a column without a name: " + header);
                }
                if (!seen.add(name)) {
                    throw new IOException(file + ": the header names column '" + name + "' twice");
                }
            }
            int labelIndex = labelColumn == null ? -1 : header.indexOf(labelColumn);
            if (labelColumn != null && labelIndex < 0) {
                throw new IOException(file + ": there is no label column '" + labelColumn + "'; the columns are "
                        + String.join(", ", header));
            }
            if (header.size() == (labelIndex < 0 ? 0 : 1)) {
                throw new IOException(file + ": the table has no feature columns");
            }
            return new Table(file, header, labelIndex);
        }

        Table continuedBy(Path file, List<String> nextHeader) throws IOException {
            if (!nextHeader.equals(header)) {
                throw new IOException(file + ": its header " + nextHeader + " differs from " + header + " in "
                        + firstFile + "; files read as one table need the same columns");
            }
            return this;
        }

        void add(Path file, CsvRecord record) throws IOException {
            if (record.getFieldCount() != header.size()) {
                throw new IOException(file + ", line " + record.getStartingLineNumber() + ": " + record.getFieldCount()
                        + " cells, the header has " + header.size() + " columns");
            }
            double[] row = new double[featureNames.size()];
            int column = 0;
            for (int i = 0; i < header.size(); i++) {
                double value = number(file, record, i);
                if (i == labelIndex) {
                    label(file, record, i, value);
                } else {
                    row[column++] = value;
                }
            }
            rows.add(row);
        }

        private double number(Path file, CsvRecord record, int i) throws IOException {
            String text = record.getField(i);
            try {
                double value = Double.parseDouble(text);
                if (Double.isFinite(value)) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // Reported below with the file, line and column, like a non-finite number.
            }
            throw new IOException(file + ", line " + record.getStartingLineNumber() + ", column " + header.get(i)
                    + ": '" + text + "' is not a finite number");
        }

        private void label(Path file, CsvRecord record, int i, double value) throws IOException {
            if (value != 0 && value != 1) {
                throw new IOException(file + ", line " + record.getStartingLineNumber() + ", column " + header.get(i)
                        + ": '" + record.getField(i) + "' is not a label; labels are 0 or 1");
            }
            if (rows.size() == labels.length) {
                labels = Arrays.copyOf(labels, labels.length * 2);
            }
            labels[rows.size()] = value == 1;
        }

        NumericTable toNumericTable(String labelColumn) {
            double[][] table = rows.toArray(new double[0][]);
            return new NumericTable(
                    featureNames, table, labelColumn, labelIndex < 0 ? null : Arrays.copyOf(labels, table.length));
        }
    }
}

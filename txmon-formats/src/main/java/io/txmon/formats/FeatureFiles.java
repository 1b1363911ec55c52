package io.txmon.formats;

import io.txmon.features.Feature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Writes each transaction's feature vector as CSV: {@code transaction_id} and then one column per feature,
 * named as rules name them. Values are written as the shortest text that reads back to the same double,
 * so the file is exact input for offline analysis or another model.
 */
public final class FeatureFiles {

    private FeatureFiles() {}

    /**
     * One transaction's features.
     *
     * @param transactionId the transaction
     * @param values its feature vector, {@code double[Feature.COUNT]} indexed by {@link Feature#ordinal()}
     */
    public record Row(String transactionId, double[] values) {
        public Row {
            Objects.requireNonNull(transactionId, "transactionId");
            if (values.length != Feature.COUNT) {
                throw new IllegalArgumentException(
                        "a feature vector has " + Feature.COUNT + " values, this one " + values.length);
            }
        }
    }

    /**
     * Creates (or truncates) a features CSV file.
     *
     * @throws DataFileException when the file cannot be created or is not named {@code .csv} or {@code .csv.gz}
     */
    public static RecordWriter<Row> newWriter(Path file) {
        List<String> header = new ArrayList<>(Feature.COUNT + 1);
        header.add("transaction_id");
        for (Feature feature : Feature.values()) {
            header.add(feature.featureName());
        }
        return new CsvRecordWriter<>(DataFile.of(file, EnumSet.of(Format.CSV)), header, row -> {
            String[] cells = new String[Feature.COUNT + 1];
            cells[0] = row.transactionId();
            for (int i = 0; i < Feature.COUNT; i++) {
                cells[i + 1] = Double.toString(row.values()[i]);
            }
            return cells;
        });
    }
}

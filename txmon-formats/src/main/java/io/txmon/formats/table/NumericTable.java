package io.txmon.formats.table;

import java.util.List;
import java.util.Optional;

/**
 * Rows of numbers read from CSV files: the feature columns by name, one {@code double[]} per row in file
 * order, and the label column's 0/1 values when one was named.
 *
 * <p>The arrays are handed over, not copied: a table is a file loaded for one job, often with hundreds of
 * thousands of rows, and whoever read it owns it.
 */
public final class NumericTable {
    private final List<String> featureNames;
    private final double[][] rows;
    private final String labelColumn;
    private final boolean[] labels;

    NumericTable(List<String> featureNames, double[][] rows, String labelColumn, boolean[] labels) {
        this.featureNames = List.copyOf(featureNames);
        this.rows = rows;
        this.labelColumn = labelColumn;
        this.labels = labels;
    }

    /** The feature columns' names, in file order, without the label column. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** How many values each row has. */
    public int featureCount() {
        return featureNames.size();
    }

    /** How many rows all files held together. */
    public int rowCount() {
        return rows.length;
    }

    /** The rows in file order (files in the order given), each with {@link #featureCount()} finite values. */
    public double[][] rows() {
        return rows;
    }

    /** The label column's name, when one was split off. */
    public Optional<String> labelColumn() {
        return Optional.ofNullable(labelColumn);
    }

    /** Whether each row is labelled 1 (an anomaly), when a label column was split off. */
    public Optional<boolean[]> labels() {
        return Optional.ofNullable(labels);
    }
}

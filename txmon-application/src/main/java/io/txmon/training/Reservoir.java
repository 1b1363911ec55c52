package io.txmon.training;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A uniform sample of at most {@code capacity} rows of a stream of unknown length (Vitter's algorithm R): the first
 * rows fill it, and the n-th row after that replaces a random slot with probability capacity / n. Memory is the
 * capacity times the columns, whatever the stream's length; the seed makes the sample the same on every run. Columns
 * are kept apart so that each can be handed on as one array.
 */
final class Reservoir {
    private final int capacity;
    private final SplittableRandom random;
    private double[][] columns;
    private int size;
    private long seen;

    Reservoir(int columns, int capacity, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a sample holds at least 1 row, was " + capacity);
        }
        this.capacity = capacity;
        this.random = new SplittableRandom(seed);
        // Grown as rows come, so that a short window does not cost a full sample's memory.
        this.columns = new double[columns][Math.min(capacity, 1024)];
    }

    /**
     * Offers the next row of the stream: the slot to write it to with {@link #set}, or -1 when it is not kept (then
     * nothing need be computed for it).
     */
    int offer() {
        seen++;
        if (size < capacity) {
            if (size == columns[0].length) {
                int grown = (int) Math.min(capacity, 2L * size);
                for (int c = 0; c < columns.length; c++) {
                    columns[c] = Arrays.copyOf(columns[c], grown);
                }
            }
            return size++;
        }
        long slot = random.nextLong(seen);
        return slot < capacity ? (int) slot : -1;
    }

    void set(int slot, int column, double value) {
        columns[column][slot] = value;
    }

    /** The kept values of one column. */
    double[] column(int column) {
        return Arrays.copyOf(columns[column], size);
    }

    /** How many rows the stream held. */
    long seen() {
        return seen;
    }

    /** How many rows are kept: the stream's length, at most the capacity. */
    int size() {
        return size;
    }
}

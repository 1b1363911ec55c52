package io.txmon.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Writes an {@link IsolationForest} to a binary stream and reads it back, with the same scores.
 *
 * <p>Format version 1, big-endian as {@link DataOutput} writes it:
 *
 * <pre>
 * int     magic 0x54584946, "TXIF"
 * int     format version, 1
 * int     features          int     sample size (ψ)
 * long    seed              double  contamination
 * double  threshold
 * int     trees (t)         int     nodes (n)
 * int[t]    root node of each tree
 * int[n]    feature cut by each node, -1 for an external node
 * double[n] threshold of each node's cut, 0 for an external node
 * int[n]    left child of each node (the right child is the next node), -1 for an external node
 * int[n]    training rows of the tree's subsample that reached each node
 * </pre>
 *
 * Path lengths are not stored: they follow from each external node's depth and rows. A reader accepts
 * every version up to its own and refuses newer ones by name, so a model written by a newer txmon fails
 * with a message instead of scoring wrongly; the trees are checked as they are read, so a damaged file
 * fails on reading rather than while scoring.
 */
public final class IsolationForestCodec {
    /** The first four bytes of every model file: "TXIF". */
    public static final int MAGIC = 0x54584946;
    /** The format this codec writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    /** Values allocated before any is read; arrays grow from there as the file proves it holds more. */
    private static final int FIRST_CHUNK = 1 << 16;

    private IsolationForestCodec() {}

    /** Writes the forest in format {@value #FORMAT_VERSION}. */
    public static void write(IsolationForest forest, DataOutput out) throws IOException {
        StoredTrees trees = forest.storedTrees();
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(forest.features());
        out.writeInt(forest.sampleSize());
        out.writeLong(forest.seed());
        out.writeDouble(forest.contamination());
        out.writeDouble(forest.threshold());
        out.writeInt(trees.roots().length);
        out.writeInt(trees.nodes());
        for (int root : trees.roots()) {
            out.writeInt(root);
        }
        for (int feature : trees.splitFeature()) {
            out.writeInt(feature);
        }
        for (double threshold : trees.threshold()) {
            out.writeDouble(threshold);
        }
        for (int child : trees.leftChild()) {
            out.writeInt(child);
        }
        for (int size : trees.size()) {
            out.writeInt(size);
        }
    }

    /**
     * Reads a forest written by this or an older version of the codec.
     *
     * @throws IOException if reading fails, the data is not an Isolation Forest model, comes from a newer
     *     format version, ends early, or does not hold valid trees; the message says which
     */
    public static IsolationForest read(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(String.format(
                    "not a txmon Isolation Forest model: it starts with 0x%08x, a model starts with 0x%08x (\"TXIF\")",
                    magic, MAGIC));
        }
        int version = in.readInt();
        if (version > FORMAT_VERSION || version < 1) {
            throw new IOException("Isolation Forest model format version " + version
                    + " is not readable here: this txmon reads versions 1 to " + FORMAT_VERSION
                    + (version > FORMAT_VERSION ? "; it was written by a newer txmon" : ""));
        }
        try {
            return readVersion1(in);
        } catch (EOFException e) {
            throw new EOFException("the Isolation Forest model ends early: the file is truncated");
        }
    }

    private static IsolationForest readVersion1(DataInput in) throws IOException {
        int features = in.readInt();
        int sampleSize = in.readInt();
        long seed = in.readLong();
        double contamination = in.readDouble();
        double threshold = in.readDouble();
        int trees = in.readInt();
        int nodes = in.readInt();
        if (sampleSize < 1 || trees < 1 || nodes < trees || (long) nodes > (long) trees * (2L * sampleSize - 1)) {
            throw new IOException("corrupt Isolation Forest model: " + trees + " trees of " + nodes
                    + " nodes in all cannot have been grown on samples of " + sampleSize + " rows");
        }
        int[] roots = readInts(in, trees);
        int[] splitFeature = readInts(in, nodes);
        double[] cut = readDoubles(in, nodes);
        int[] leftChild = readInts(in, nodes);
        int[] size = readInts(in, nodes);
        try {
            IsolationTrees forest =
                    IsolationTrees.of(features, sampleSize, new StoredTrees(roots, splitFeature, cut, leftChild, size));
            return new IsolationForest(features, sampleSize, seed, contamination, threshold, forest);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt Isolation Forest model: " + e.getMessage(), e);
        }
    }

    /** Grows the array as values arrive, so that a damaged count meets the end of the file before it can exhaust memory. */
    private static int[] readInts(DataInput in, int count) throws IOException {
        int[] values = new int[Math.min(count, FIRST_CHUNK)];
        for (int i = 0; i < count; i++) {
            if (i == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(count, 2L * values.length));
            }
            values[i] = in.readInt();
        }
        return values;
    }

    private static double[] readDoubles(DataInput in, int count) throws IOException {
        double[] values = new double[Math.min(count, FIRST_CHUNK)];
        for (int i = 0; i < count; i++) {
            if (i == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(count, 2L * values.length));
            }
            values[i] = in.readDouble();
        }
        return values;
    }
}

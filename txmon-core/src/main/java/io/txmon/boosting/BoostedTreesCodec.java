package io.txmon.boosting;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link BoostedTrees} to a binary stream and reads them back, with the same margins and explanations.
 *
 * <p>Format version 1, big-endian as {@link DataOutput} writes it:
 *
 * <pre>
 * int     magic 0x54584254, "TXBT"
 * int     format version, 1
 * int     features          double  base margin
 * int     trees
 * per tree:
 *   int       nodes (n)
 *   int[n]    feature each node tests, -1 at a leaf
 *   float[n]  threshold of each split
 *   int[n]    left child of each node, -1 at a leaf
 *   int[n]    right child of each node, -1 at a leaf
 *   byte[n]   1 where a missing value goes left
 *   float[n]  value of each leaf
 *   float[n]  cover of each node
 * </pre>
 *
 * The trees' own form is kept, not the padded layout scoring builds from it, so that the layout can change without a
 * new format. A reader accepts every version up to its own and refuses newer ones by name; trees are checked as they
 * are read, so a damaged file fails on reading rather than while scoring.
 */
public final class BoostedTreesCodec {
    /** The first four bytes of every file: "TXBT". */
    public static final int MAGIC = 0x54584254;

    /** The format this codec writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Most nodes a tree may claim: a full tree of depth 20, far beyond any XGBoost grows (its default depth is 6), so
     * that a damaged count fails as corrupt instead of asking for gigabytes.
     */
    private static final int MAX_NODES = (1 << 21) - 1;

    private BoostedTreesCodec() {}

    /** Writes {@code model} in format {@value #FORMAT_VERSION}. */
    public static void write(BoostedTrees model, DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(model.features());
        out.writeDouble(model.baseMargin());
        out.writeInt(model.trees().size());
        for (RegressionTree tree : model.trees()) {
            int nodes = tree.nodes();
            out.writeInt(nodes);
            for (int value : tree.feature()) {
                out.writeInt(value);
            }
            for (float value : tree.threshold()) {
                out.writeFloat(value);
            }
            for (int value : tree.left()) {
                out.writeInt(value);
            }
            for (int value : tree.right()) {
                out.writeInt(value);
            }
            for (boolean value : tree.missingGoesLeft()) {
                out.writeByte(value ? 1 : 0);
            }
            for (float value : tree.leafValue()) {
                out.writeFloat(value);
            }
            for (float value : tree.cover()) {
                out.writeFloat(value);
            }
        }
    }

    /**
     * Reads a model written by format version 1 up to {@value #FORMAT_VERSION}.
     *
     * @throws IOException naming what is wrong: another kind of file, a newer format, damaged trees
     * @throws EOFException when the stream ends before the model does
     */
    public static BoostedTrees read(DataInput in) throws IOException {
        try {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IOException(String.format(
                        "not a txmon boosted trees model: it starts with 0x%08x, a model starts with 0x%08x (\"TXBT\")",
                        magic, MAGIC));
            }
            int version = in.readInt();
            if (version < 1 || version > FORMAT_VERSION) {
                throw new IOException("boosted trees model format version " + version
                        + " is not readable here: this txmon reads versions 1 to " + FORMAT_VERSION
                        + (version > FORMAT_VERSION ? "; it was written by a newer txmon" : ""));
            }
            int features = in.readInt();
            double baseMargin = in.readDouble();
            int count = in.readInt();
            if (count < 0) {
                throw new IOException("corrupt boosted trees model: " + count + " trees");
            }
            List<RegressionTree> trees = new ArrayList<>(Math.min(count, 1 << 12));
            for (int t = 0; t < count; t++) {
                trees.add(readTree(in, t));
            }
            return new BoostedTrees(trees, baseMargin, features);
        } catch (EOFException e) {
            EOFException truncated = new EOFException("boosted trees model truncated: the stream ended inside it");
            truncated.initCause(e);
            throw truncated;
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt boosted trees model: " + e.getMessage(), e);
        }
    }

    private static RegressionTree readTree(DataInput in, int index) throws IOException {
        int nodes = in.readInt();
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new IOException("corrupt boosted trees model: tree " + index + " claims " + nodes + " nodes");
        }
        int[] feature = readInts(in, nodes);
        float[] threshold = readFloats(in, nodes);
        int[] left = readInts(in, nodes);
        int[] right = readInts(in, nodes);
        boolean[] missingGoesLeft = new boolean[nodes];
        for (int i = 0; i < nodes; i++) {
            missingGoesLeft[i] = in.readByte() != 0;
        }
        float[] leafValue = readFloats(in, nodes);
        float[] cover = readFloats(in, nodes);
        try {
            return new RegressionTree(feature, threshold, left, right, missingGoesLeft, leafValue, cover);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt boosted trees model: tree " + index + ": " + e.getMessage(), e);
        }
    }

    private static int[] readInts(DataInput in, int count) throws IOException {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static float[] readFloats(DataInput in, int count) throws IOException {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}

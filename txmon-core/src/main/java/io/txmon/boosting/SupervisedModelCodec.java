package io.txmon.boosting;

import io.txmon.features.Feature;
import io.txmon.model.ScoreCalibration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The supervised model file: a versioned binary form of a {@link SupervisedModel}.
 *
 * <p>Format version 1, big-endian as {@link DataOutput} writes it:
 *
 * <pre>
 * int     magic 0x54585355, "TXSU"
 * int     format version, 1
 * UTF     the model's version, as training gave it ("sl-" and a hash)
 * int     inputs, then per input: UTF feature name
 * double  calibration median    double  probability at the alert line    double  99.9th percentile
 * the trees in their own format ({@link BoostedTreesCodec})
 * </pre>
 *
 * Features are stored by name, as the anomaly model's are, so a model survives features being added or reordered; a
 * model naming a feature this txmon does not have fails to load with that name. The version is stored as written, not
 * recomputed, so a model read back is the model that was saved. A reader accepts every version up to its own and
 * refuses newer ones by name.
 */
public final class SupervisedModelCodec {
    /** The first four bytes of every file: "TXSU". */
    public static final int MAGIC = 0x54585355;

    /** The format this codec writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private SupervisedModelCodec() {}

    /** Writes {@code model} in format {@value #FORMAT_VERSION}. */
    public static void write(SupervisedModel model, DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(model.version());
        out.writeInt(model.inputs().size());
        for (Feature input : model.inputs()) {
            out.writeUTF(input.featureName());
        }
        ScoreCalibration calibration = model.calibration();
        out.writeDouble(calibration.median());
        out.writeDouble(calibration.threshold());
        out.writeDouble(calibration.top());
        BoostedTreesCodec.write(model.trees(), out);
    }

    /**
     * Reads a model written by format version 1 up to {@value #FORMAT_VERSION}.
     *
     * @throws IOException naming what is wrong: another kind of file, a newer format, a feature this txmon does not
     *     have, damaged trees or calibration
     * @throws EOFException when the stream ends before the model does
     */
    public static SupervisedModel read(DataInput in) throws IOException {
        try {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IOException(String.format(
                        "not a txmon supervised model: it starts with 0x%08x, a supervised model starts with 0x%08x"
                                + " (\"TXSU\")",
                        magic, MAGIC));
            }
            int format = in.readInt();
            if (format < 1 || format > FORMAT_VERSION) {
                throw new IOException("supervised model format version " + format
                        + " is not readable here: this txmon reads versions 1 to " + FORMAT_VERSION
                        + (format > FORMAT_VERSION ? "; it was written by a newer txmon" : ""));
            }
            String version = in.readUTF();
            int count = in.readInt();
            if (count < 1 || count > Feature.COUNT) {
                throw new IOException("corrupt supervised model: it claims " + count + " inputs");
            }
            List<Feature> inputs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                inputs.add(Feature.byName(name)
                        .orElseThrow(() -> new IOException("supervised model " + version + " reads the feature '" + name
                                + "', which this txmon does not have")));
            }
            ScoreCalibration calibration = new ScoreCalibration(in.readDouble(), in.readDouble(), in.readDouble());
            BoostedTrees trees = BoostedTreesCodec.read(in);
            return new SupervisedModel(version, trees, inputs, calibration);
        } catch (EOFException e) {
            EOFException truncated = new EOFException("supervised model truncated: the stream ended inside it");
            truncated.initCause(e);
            throw truncated;
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt supervised model: " + e.getMessage(), e);
        }
    }

    /** The model's bytes in format {@value #FORMAT_VERSION}. */
    public static byte[] toBytes(SupervisedModel model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * The model these bytes hold.
     *
     * @throws IOException as {@link #read} does
     */
    public static SupervisedModel fromBytes(byte[] bytes) throws IOException {
        return read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}

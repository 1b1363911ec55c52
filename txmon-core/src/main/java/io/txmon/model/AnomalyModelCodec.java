package io.txmon.model;

import io.txmon.features.Feature;
import io.txmon.features.PeerProfile;
import io.txmon.features.PopulationMeasure;
import io.txmon.features.PopulationProfile;
import io.txmon.features.Quantiles;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model file: a versioned binary form of an {@link AnomalyModel}.
 *
 * <p>Format version 2, big-endian as {@link DataOutput} writes it:
 *
 * <pre>
 * int    magic 0x54584d4d, "TXMM"
 * int    format version, 2
 * long   training window start, epoch milliseconds    long  end    long  transactions
 * int    inputs, then per input: UTF feature name, UTF transform name, UTF risk direction, double median
 * int    peer categories, then per category (sorted by name): UTF name, long count, double mean, double sd
 * int    population measures, then per measure (in PopulationMeasure order): UTF name of the measured feature,
 *        int cut points, then each as a double (ascending)
 * double calibration median    double threshold    double top
 * the Isolation Forest in its own format ({@link IsolationForestCodec})
 * </pre>
 *
 * Version 1 is the same without the population measures; a model read from it has none, so its population
 * percentiles are neutral and its rules decide on their fixed limits, as they did.
 *
 * <p>Features are stored by name, so a model survives features being added or reordered; a model naming a
 * feature this txmon does not have fails to load with that name. The model's version is a hash of these
 * bytes, so equal models have equal versions wherever they were trained. A model without population measures
 * is written in version 1, so that a model file written before version 2 keeps its bytes and so its version
 * (decisions, drift and stored models name models by it).
 */
public final class AnomalyModelCodec {
    /** "TXMM". */
    public static final int MAGIC = 0x54584d4d;
    /** The format this codec writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 2;

    /** The first format with population measures. */
    static final int POPULATION_VERSION = 2;

    private static final String VERSION_PREFIX = "if-";
    /** Far more than any txmon writes ({@value Quantiles#CUT_POINTS}), so that a damaged count is caught. */
    private static final int MAX_CUT_POINTS = 1 << 16;

    private static final int VERSION_HEX_DIGITS = 12;

    private AnomalyModelCodec() {}

    public static void write(AnomalyModel model, DataOutput out) throws IOException {
        PopulationProfile population = model.peers().population();
        boolean withPopulation = !population.byMeasure().isEmpty();
        out.writeInt(MAGIC);
        out.writeInt(withPopulation ? FORMAT_VERSION : 1);
        TrainingSummary training = model.training();
        out.writeLong(training.from().toEpochMilli());
        out.writeLong(training.to().toEpochMilli());
        out.writeLong(training.transactions());
        out.writeInt(model.inputs().size());
        double[] medians = model.medians();
        for (int i = 0; i < medians.length; i++) {
            ModelInput input = model.inputs().get(i);
            out.writeUTF(input.feature().featureName());
            out.writeUTF(input.transform().name());
            out.writeUTF(input.direction().name());
            out.writeDouble(medians[i]);
        }
        Map<String, PeerProfile.LogAmountStats> peers =
                new TreeMap<>(model.peers().byMerchantType());
        out.writeInt(peers.size());
        for (Map.Entry<String, PeerProfile.LogAmountStats> peer : peers.entrySet()) {
            out.writeUTF(peer.getKey());
            out.writeLong(peer.getValue().count());
            out.writeDouble(peer.getValue().mean());
            out.writeDouble(peer.getValue().standardDeviation());
        }
        if (withPopulation) {
            writePopulation(population, out);
        }
        ScoreCalibration calibration = model.calibration();
        out.writeDouble(calibration.median());
        out.writeDouble(calibration.threshold());
        out.writeDouble(calibration.top());
        IsolationForestCodec.write(model.forest(), out);
    }

    /**
     * Reads a model written by this or an older version.
     *
     * @throws IOException when the data is not a txmon model, comes from a newer format, names an unknown
     *     feature or transform, or is damaged; the message says which
     */
    public static AnomalyModel read(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(String.format(
                    "not a txmon model file: it starts with 0x%08x, a model file starts with 0x%08x (\"TXMM\")",
                    magic, MAGIC));
        }
        int version = in.readInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException("model file has format " + version + "; this txmon reads formats 1 to "
                    + FORMAT_VERSION + " (a newer txmon wrote it?)");
        }
        TrainingSummary training = new TrainingSummary(
                Instant.ofEpochMilli(in.readLong()), Instant.ofEpochMilli(in.readLong()), in.readLong());
        int inputCount = in.readInt();
        checkCount("inputs", inputCount, Feature.COUNT);
        List<ModelInput> inputs = new ArrayList<>(inputCount);
        double[] medians = new double[inputCount];
        for (int i = 0; i < inputCount; i++) {
            String name = in.readUTF();
            Feature feature = Feature.byName(name)
                    .orElseThrow(() -> new IOException(
                            "model file reads the feature '" + name + "', which this txmon does not have"));
            Transform transform = named(Transform.class, in.readUTF(), name);
            RiskDirection direction = named(RiskDirection.class, in.readUTF(), name);
            inputs.add(new ModelInput(feature, transform, direction));
            medians[i] = in.readDouble();
        }
        int peerCount = in.readInt();
        checkCount("peer categories", peerCount, 1_000_000);
        Map<String, PeerProfile.LogAmountStats> peers = new TreeMap<>();
        for (int i = 0; i < peerCount; i++) {
            String category = in.readUTF();
            peers.put(category, new PeerProfile.LogAmountStats(in.readLong(), in.readDouble(), in.readDouble()));
        }
        PopulationProfile population = version >= POPULATION_VERSION ? readPopulation(in) : PopulationProfile.NONE;
        ScoreCalibration calibration = new ScoreCalibration(in.readDouble(), in.readDouble(), in.readDouble());
        IsolationForest forest = IsolationForestCodec.read(in);
        try {
            return new AnomalyModel(inputs, medians, forest, new PeerProfile(peers, population), calibration, training);
        } catch (IllegalArgumentException e) {
            throw new IOException("model file is inconsistent: " + e.getMessage(), e);
        }
    }

    private static void writePopulation(PopulationProfile population, DataOutput out) throws IOException {
        Map<PopulationMeasure, Quantiles> byMeasure = population.byMeasure();
        out.writeInt(byMeasure.size());
        for (Map.Entry<PopulationMeasure, Quantiles> entry : byMeasure.entrySet()) {
            out.writeUTF(entry.getKey().measure().featureName());
            double[] cuts = entry.getValue().cutPoints();
            out.writeInt(cuts.length);
            for (double cut : cuts) {
                out.writeDouble(cut);
            }
        }
    }

    private static PopulationProfile readPopulation(DataInput in) throws IOException {
        int measures = in.readInt();
        checkCount("population measures", measures, PopulationMeasure.values().length);
        Map<PopulationMeasure, Quantiles> byMeasure = new EnumMap<>(PopulationMeasure.class);
        for (int i = 0; i < measures; i++) {
            String name = in.readUTF();
            PopulationMeasure measure = Feature.byName(name)
                    .flatMap(PopulationMeasure::of)
                    .orElseThrow(() -> new IOException("model file has population quantiles of '" + name
                            + "', which this txmon does not measure"));
            int count = in.readInt();
            checkCount("cut points of " + name, count, MAX_CUT_POINTS);
            double[] cuts = new double[count];
            for (int k = 0; k < count; k++) {
                cuts[k] = in.readDouble();
            }
            try {
                byMeasure.put(measure, new Quantiles(cuts));
            } catch (IllegalArgumentException e) {
                throw new IOException(
                        "model file is damaged: population quantiles of " + name + ": " + e.getMessage(), e);
            }
        }
        return new PopulationProfile(byMeasure);
    }

    /** The model file's bytes. */
    public static byte[] toBytes(AnomalyModel model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static String versionOf(AnomalyModel model) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(toBytes(model));
            return VERSION_PREFIX + HexFormat.of().formatHex(digest).substring(0, VERSION_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static <E extends Enum<E>> E named(Class<E> type, String text, String input) throws IOException {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    "model file gives the input '" + input + "' an unknown " + type.getSimpleName() + " '" + text + "'",
                    e);
        }
    }

    private static void checkCount(String what, int count, int max) throws IOException {
        if (count < 0 || count > max) {
            throw new IOException("model file is damaged: it claims " + count + " " + what);
        }
    }
}

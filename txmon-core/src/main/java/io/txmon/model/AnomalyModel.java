package io.txmon.model;

import io.txmon.features.PeerProfile;
import java.util.List;
import java.util.Objects;

/**
 * The trained model txmon scores transactions with: which features it reads, how it shapes them and
 * where it clips their harmless side, the Isolation Forest grown on them, the peer profile the features were computed
 * with (merchant categories, and the population's counts and amounts for the {@code ..._population_pct} features),
 * and where training scores fell. Immutable and safe to share; scoring is a pure function of the
 * model and a feature vector. {@link AnomalyModelTrainer} makes one, {@link AnomalyModelCodec} saves it.
 */
public final class AnomalyModel {
    private final List<ModelInput> inputs;
    private final double[] medians;
    private final InputShaper shaper;
    private final IsolationForest forest;
    private final PeerProfile peers;
    private final ScoreCalibration calibration;
    private final TrainingSummary training;
    private final String version;

    AnomalyModel(
            List<ModelInput> inputs,
            double[] medians,
            IsolationForest forest,
            PeerProfile peers,
            ScoreCalibration calibration,
            TrainingSummary training) {
        this.inputs = List.copyOf(inputs);
        if (this.inputs.size() != forest.features()) {
            throw new IllegalArgumentException(
                    inputs.size() + " inputs do not fit a forest of " + forest.features() + " features");
        }
        this.medians = medians.clone();
        this.shaper = new InputShaper(this.inputs, this.medians);
        this.forest = forest;
        this.peers = Objects.requireNonNull(peers, "peers");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.training = Objects.requireNonNull(training, "training");
        this.version = AnomalyModelCodec.versionOf(this);
    }

    /** The anomaly score of a transaction's features: about 0.5 when ordinary, towards 1 when isolated. */
    public double anomalyScore(double[] features) {
        return forest.score(row(features));
    }

    /** Each input's share in making these features easy to isolate, in {@link #inputs()} order. */
    public double[] attributions(double[] features) {
        return forest.attributions(row(features));
    }

    /** The forest's row for a feature vector: the inputs, shaped. */
    public double[] row(double[] features) {
        return shaper.row(features);
    }

    /** A content hash of everything that affects scores, such as {@code if-3fa2c9d01b7e}. */
    public String version() {
        return version;
    }

    public List<ModelInput> inputs() {
        return inputs;
    }

    /** Each input's training median, where its harmless side is clipped, in {@link #inputs()} order. */
    public double[] medians() {
        return medians.clone();
    }

    public IsolationForest forest() {
        return forest;
    }

    /** The peer baseline the model's features must be computed with. */
    public PeerProfile peers() {
        return peers;
    }

    public ScoreCalibration calibration() {
        return calibration;
    }

    public TrainingSummary training() {
        return training;
    }

    @Override
    public String toString() {
        return version + " (" + inputs.size() + " inputs, " + forest.trees() + " trees, trained on "
                + training.transactions() + " transactions " + training.from() + ".." + training.to() + ")";
    }
}

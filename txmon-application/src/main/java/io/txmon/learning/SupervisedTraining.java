package io.txmon.learning;

import io.txmon.boosting.BoostedTrees;
import io.txmon.boosting.BoostedTreesCodec;
import io.txmon.boosting.SupervisedModel;
import io.txmon.features.Feature;
import io.txmon.model.ScoreCalibration;
import io.txmon.training.boosting.BoostedTreesModel;
import io.txmon.training.boosting.BoostedTreesTrainer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns labelled feature vectors into the {@link SupervisedModel} a decision uses: chooses the inputs (every feature
 * that varies among the rows: a constant column cannot separate anything), trains the trees, and calibrates their
 * probabilities on the latest rows, those XGBoost validated on.
 */
public final class SupervisedTraining {
    /** Share of the latest rows whose probabilities calibrate the model: the trainer's validation share. */
    static final double CALIBRATION_SHARE = BoostedTreesTrainer.DEFAULT_VALIDATION_SHARE;
    /** The calibration's alert line: the quantile of recent probabilities the model alone sends to review. */
    public static final double DEFAULT_ALERT_QUANTILE = 0.99;

    private static final double TOP_QUANTILE = 0.999;

    private final BoostedTreesTrainer trainer;
    private final double alertQuantile;

    public SupervisedTraining(BoostedTreesTrainer trainer, double alertQuantile) {
        this.trainer = trainer;
        if (!(alertQuantile > 0.5 && alertQuantile < TOP_QUANTILE)) {
            throw new IllegalArgumentException("the alert quantile must be within (0.5, 0.999), was " + alertQuantile);
        }
        this.alertQuantile = alertQuantile;
    }

    /** A trained model with what training did. */
    public record Trained(SupervisedModel model, BoostedTreesModel trees) {}

    /**
     * Trains on feature vectors ({@code float[Feature.COUNT]} each) in event-time order and their labels.
     *
     * @throws io.txmon.training.boosting.TooFewPositivesException when the labels hold too few positives
     */
    public Trained train(List<float[]> vectors, boolean[] labels) {
        List<Feature> inputs = varyingFeatures(vectors);
        double[][] rows = new double[vectors.size()][];
        for (int r = 0; r < rows.length; r++) {
            float[] vector = vectors.get(r);
            double[] row = new double[inputs.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = vector[inputs.get(i).ordinal()];
            }
            rows[r] = row;
        }
        BoostedTreesModel trained = trainer.train(rows, labels);
        ScoreCalibration calibration = calibrate(trained.trees(), rows);
        return new Trained(
                new SupervisedModel(
                        versionOf(trained.trees(), inputs, calibration), trained.trees(), inputs, calibration),
                trained);
    }

    private static List<Feature> varyingFeatures(List<float[]> vectors) {
        List<Feature> varying = new ArrayList<>();
        for (Feature feature : Feature.values()) {
            int f = feature.ordinal();
            float first = vectors.get(0)[f];
            for (float[] vector : vectors) {
                if (Float.compare(vector[f], first) != 0) {
                    varying.add(feature);
                    break;
                }
            }
        }
        if (varying.isEmpty()) {
            throw new IllegalArgumentException("every feature has the same value in all " + vectors.size() + " rows");
        }
        return varying;
    }

    private ScoreCalibration calibrate(BoostedTrees trees, double[][] rows) {
        int from = rows.length - Math.max(1, (int) Math.round(rows.length * CALIBRATION_SHARE));
        double[] probabilities = new double[rows.length - from];
        for (int r = from; r < rows.length; r++) {
            probabilities[r - from] = trees.probability(rows[r]);
        }
        Arrays.sort(probabilities);
        double median = Math.max(Double.MIN_NORMAL, quantile(probabilities, 0.5));
        double threshold = Math.min(Math.nextDown(1.0), Math.max(median, quantile(probabilities, alertQuantile)));
        double top = Math.min(1.0, Math.max(Math.nextUp(threshold), quantile(probabilities, TOP_QUANTILE)));
        return new ScoreCalibration(median, threshold, top);
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    /** {@code sl-} and the start of a SHA-256 over the trees, the inputs and the calibration: same model, same name. */
    static String versionOf(BoostedTrees trees, List<Feature> inputs, ScoreCalibration calibration) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                BoostedTreesCodec.write(trees, out);
                for (Feature input : inputs) {
                    out.write(input.featureName().getBytes(StandardCharsets.UTF_8));
                    out.writeByte(0);
                }
                out.writeDouble(calibration.median());
                out.writeDouble(calibration.threshold());
                out.writeDouble(calibration.top());
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
            return "sl-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}

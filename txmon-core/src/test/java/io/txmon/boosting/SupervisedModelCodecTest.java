package io.txmon.boosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.features.Feature;
import io.txmon.model.ScoreCalibration;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SupervisedModelCodecTest {
    // What the version 1 fixture's model printed when the file was written (see readsAModelWrittenByFormatVersionOne).
    private static final double V1_PROBABILITY_OF_RISKY_ROW = 0.6694195879134768;
    private static final double V1_PROBABILITY_OF_ORDINARY_ROW = 8.290182102289176E-4;

    @Test
    void readsBackAModelEqualToTheOneWrittenThatGivesEveryRowTheSameProbability() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        List<RegressionTree> trees = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            trees.add(BoostedTreesTest.randomTree(random, random.nextInt(25), 4, 6));
        }
        List<Feature> inputs =
                List.of(Feature.AMOUNT, Feature.TX_COUNT_1H, Feature.MERCHANT_FRAUD_SHARE_30D, Feature.TX_COUNT_5M);
        SupervisedModel model = new SupervisedModel(
                "sl-abcdef012345",
                new BoostedTrees(trees, BoostedTrees.marginOf(0.02), 4),
                inputs,
                new ScoreCalibration(0.01, 0.3, 0.9));

        SupervisedModel read = SupervisedModelCodec.fromBytes(SupervisedModelCodec.toBytes(model));

        assertThat(read).isEqualTo(model);
        assertThat(read.version()).isEqualTo("sl-abcdef012345");
        assertThat(read.inputs()).containsExactlyElementsOf(inputs);
        for (int r = 0; r < 200; r++) {
            double[] features = new double[Feature.COUNT];
            for (int f = 0; f < features.length; f++) {
                features[f] = random.nextInt(20) == 0 ? Double.NaN : random.nextDouble() * 2 - 1;
            }
            assertThat(read.probability(features)).isEqualTo(model.probability(features));
        }
        assertThat(SupervisedModelCodec.toBytes(read)).isEqualTo(SupervisedModelCodec.toBytes(model));
    }

    /**
     * {@code supervised-model-v1.bin} was written by format version 1 from {@link #handMadeModel()}. The expected
     * probabilities were printed by that model when the file was written; a later version must read the file and
     * score exactly as it did.
     */
    @Test
    void readsAModelWrittenByFormatVersionOne() throws IOException {
        SupervisedModel model;
        try (InputStream in = getClass().getResourceAsStream("supervised-model-v1.bin")) {
            model = SupervisedModelCodec.read(new DataInputStream(in));
        }

        assertThat(model).isEqualTo(handMadeModel());
        assertThat(model.version()).isEqualTo("sl-0123456789ab");
        assertThat(model.inputs())
                .containsExactly(Feature.AMOUNT, Feature.MERCHANT_FRAUD_SHARE_30D, Feature.TX_COUNT_1H);
        assertThat(model.calibration()).isEqualTo(new ScoreCalibration(0.02, 0.5, 0.99));
        assertThat(model.probability(riskyRow())).isEqualTo(V1_PROBABILITY_OF_RISKY_ROW);
        assertThat(model.probability(ordinaryRow())).isEqualTo(V1_PROBABILITY_OF_ORDINARY_ROW);
        assertThat(model.probability(riskyRow())).isEqualTo(handMadeModel().probability(riskyRow()));
    }

    @Test
    void refusesAFileOfAnotherKind() {
        byte[] treesAlone = ByteBuffer.allocate(16)
                .putInt(BoostedTreesCodec.MAGIC)
                .putInt(1)
                .array();

        assertThatThrownBy(() -> SupervisedModelCodec.fromBytes(treesAlone))
                .isInstanceOf(IOException.class)
                .hasMessage("not a txmon supervised model: it starts with 0x54584254,"
                        + " a supervised model starts with 0x54585355 (\"TXSU\")");
    }

    @Test
    void refusesAModelFromANewerFormatVersionByName() {
        byte[] newer = ByteBuffer.allocate(64)
                .putInt(SupervisedModelCodec.MAGIC)
                .putInt(2)
                .array();

        assertThatThrownBy(() -> SupervisedModelCodec.fromBytes(newer))
                .isInstanceOf(IOException.class)
                .hasMessage("supervised model format version 2 is not readable here: this txmon reads versions 1"
                        + " to 1; it was written by a newer txmon");
    }

    @Test
    void refusesAModelThatReadsAFeatureThisTxmonDoesNotHaveByItsName() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(SupervisedModelCodec.MAGIC);
            out.writeInt(1);
            out.writeUTF("sl-from-elsewhere");
            out.writeInt(2);
            out.writeUTF(Feature.AMOUNT.featureName());
            out.writeUTF("moon_phase");
        }

        assertThatThrownBy(() -> SupervisedModelCodec.fromBytes(bytes.toByteArray()))
                .isInstanceOf(IOException.class)
                .hasMessage("supervised model sl-from-elsewhere reads the feature 'moon_phase', which this txmon does"
                        + " not have");
    }

    @Test
    void refusesATruncatedFile() {
        byte[] whole = SupervisedModelCodec.toBytes(handMadeModel());

        assertThatThrownBy(() -> SupervisedModelCodec.fromBytes(Arrays.copyOf(whole, whole.length - 3)))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("truncated");
    }

    /**
     * Two trees over three inputs: a payment over 1,000 at a terminal with known fraud is likely fraud, anything else
     * not; more than 5 payments in the hour adds to it.
     */
    static SupervisedModel handMadeModel() {
        RegressionTree terminal = new RegressionTree(
                new int[] {1, -1, 0, -1, -1},
                new float[] {0.5f, 0, 1000f, 0, 0},
                new int[] {1, -1, 3, -1, -1},
                new int[] {2, -1, 4, -1, -1},
                new boolean[] {true, false, false, false, false},
                new float[] {0, -3.9f, 0, -3.9f, 2.9f},
                new float[] {100, 50, 50, 10, 40});
        RegressionTree velocity = new RegressionTree(
                new int[] {2, -1, -1},
                new float[] {5f, 0, 0},
                new int[] {1, -1, -1},
                new int[] {2, -1, -1},
                new boolean[] {false, false, false},
                new float[] {0, -0.25f, 0.75f},
                new float[] {100, 80, 20});
        return new SupervisedModel(
                "sl-0123456789ab",
                new BoostedTrees(List.of(terminal, velocity), BoostedTrees.marginOf(0.05), 3),
                List.of(Feature.AMOUNT, Feature.MERCHANT_FRAUD_SHARE_30D, Feature.TX_COUNT_1H),
                new ScoreCalibration(0.02, 0.5, 0.99));
    }

    private static double[] riskyRow() {
        double[] features = new double[Feature.COUNT];
        features[Feature.AMOUNT.ordinal()] = 1500;
        features[Feature.MERCHANT_FRAUD_SHARE_30D.ordinal()] = 0.8;
        features[Feature.TX_COUNT_1H.ordinal()] = 7;
        return features;
    }

    private static double[] ordinaryRow() {
        double[] features = new double[Feature.COUNT];
        features[Feature.AMOUNT.ordinal()] = 20;
        features[Feature.MERCHANT_FRAUD_SHARE_30D.ordinal()] = Double.NaN;
        features[Feature.TX_COUNT_1H.ordinal()] = 1;
        return features;
    }
}

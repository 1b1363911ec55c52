package io.txmon.boosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
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

class BoostedTreesCodecTest {
    // What the version 1 fixture's model printed when the file was written (see readsAModelWrittenByFormatVersionOne).
    private static final double V1_MARGIN_OF_ORIGIN = -2.763630568261335;
    private static final double V1_MARGIN_OF_MIXED_ROW = -0.11361403691310645;
    private static final double V1_MARGIN_OF_ROW_WITH_MISSING = -0.9852072812869048;
    private static final double[] V1_CONTRIBUTIONS_OF_MIXED_ROW = {
        -0.02205528205261139, -0.7388473189329189, 1.5408842860028489, 0.29741321533693343, -1.1910089372673591
    };

    @Test
    void readsBackTreesThatGiveEveryRowTheSameMarginAndExplanation() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        List<RegressionTree> trees = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            trees.add(BoostedTreesTest.randomTree(random, random.nextInt(30), 6, 7));
        }
        BoostedTrees model = new BoostedTrees(trees, BoostedTrees.marginOf(0.03), 6);

        BoostedTrees read = read(bytes(model));

        assertThat(read).isEqualTo(model);
        for (int r = 0; r < 300; r++) {
            double[] row = new double[6];
            for (int f = 0; f < row.length; f++) {
                row[f] = random.nextInt(20) == 0 ? Double.NaN : random.nextDouble() * 2 - 1;
            }
            assertThat(read.margin(row)).isEqualTo(model.margin(row));
            assertThat(read.contributions(row)).containsExactly(model.contributions(row));
        }
        assertThat(bytes(read)).isEqualTo(bytes(model));
    }

    /**
     * {@code boosted-trees-v1.bin} was written by format version 1 from six trees of {@code
     * BoostedTreesTest.randomTree(random, 1 + random.nextInt(12), 4, 5)} drawn from {@code new SplittableRandom(2026)},
     * base margin {@code marginOf(0.12)}, 4 features. The expected values were printed by that model when the file was
     * written; a later version must read the file and score exactly as it did.
     */
    @Test
    void readsAModelWrittenByFormatVersionOne() throws IOException {
        BoostedTrees model;
        try (InputStream in = getClass().getResourceAsStream("boosted-trees-v1.bin")) {
            model = BoostedTreesCodec.read(new DataInputStream(in));
        }

        assertThat(model.features()).isEqualTo(4);
        assertThat(model.trees()).hasSize(6);
        assertThat(model.baseMargin()).isEqualTo(BoostedTrees.marginOf(0.12));
        assertThat(model.margin(new double[] {0, 0, 0, 0})).isEqualTo(V1_MARGIN_OF_ORIGIN);
        assertThat(model.margin(new double[] {0.5, -0.5, 0.25, -0.25})).isEqualTo(V1_MARGIN_OF_MIXED_ROW);
        assertThat(model.margin(new double[] {Double.NaN, 0.9, -0.9, 0.1})).isEqualTo(V1_MARGIN_OF_ROW_WITH_MISSING);
        assertThat(model.contributions(new double[] {0.5, -0.5, 0.25, -0.25}))
                .containsExactly(V1_CONTRIBUTIONS_OF_MIXED_ROW);
    }

    @Test
    void refusesAFileOfAnotherKind() {
        byte[] zip = {0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0};

        assertThatThrownBy(() -> read(zip))
                .isInstanceOf(IOException.class)
                .hasMessage("not a txmon boosted trees model: it starts with 0x504b0304,"
                        + " a model starts with 0x54584254 (\"TXBT\")");
    }

    @Test
    void refusesAModelFromANewerFormatVersionByName() {
        byte[] newer = ByteBuffer.allocate(64)
                .putInt(BoostedTreesCodec.MAGIC)
                .putInt(2)
                .array();

        assertThatThrownBy(() -> read(newer))
                .isInstanceOf(IOException.class)
                .hasMessage("boosted trees model format version 2 is not readable here: this txmon reads versions 1"
                        + " to 1; it was written by a newer txmon");
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        byte[] whole =
                bytes(new BoostedTrees(List.of(BoostedTreesTest.randomTree(new SplittableRandom(6), 5, 3, 4)), 0, 3));

        assertThatThrownBy(() -> read(Arrays.copyOf(whole, whole.length - 3)))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void refusesDamagedTreesWhenReadingRatherThanWhenScoring() throws IOException {
        RegressionTree tree = BoostedTreesTest.randomTree(new SplittableRandom(7), 3, 3, 4);
        byte[] damaged = bytes(new BoostedTrees(List.of(tree), 0, 3));
        int nodes = tree.nodes();
        // The root's left child, made to point back at the root.
        int header = 4 + 4 + 4 + 8 + 4 + 4;
        int rootLeft = header + nodes * 4 + nodes * 4;
        ByteBuffer.wrap(damaged).putInt(rootLeft, 0);

        assertThatThrownBy(() -> read(damaged))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("corrupt boosted trees model: tree 0: node 0 is reached twice from the root");
    }

    @Test
    void refusesAnAbsurdNodeCountBeforeAllocatingForIt() {
        byte[] huge = ByteBuffer.allocate(64)
                .putInt(BoostedTreesCodec.MAGIC)
                .putInt(1)
                .putInt(3)
                .putDouble(0)
                .putInt(1)
                .putInt(Integer.MAX_VALUE)
                .array();

        assertThatThrownBy(() -> read(huge))
                .isInstanceOf(IOException.class)
                .hasMessage("corrupt boosted trees model: tree 0 claims 2147483647 nodes");
    }

    private static byte[] bytes(BoostedTrees model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BoostedTreesCodec.write(model, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static BoostedTrees read(byte[] bytes) throws IOException {
        return BoostedTreesCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}

package io.txmon.model;

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
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IsolationForestCodecTest {
    private static final double[][] ROWS = TrainingRows.gaussian(1_000, 3, 31);

    // What the version 1 fixture's model printed when the file was written (see readsAModelWrittenByFormatVersionOne).
    private static final double V1_THRESHOLD = 0.611922029026582;
    private static final double V1_SCORE_OF_ORIGIN = 0.4174638953672382;
    private static final double V1_SCORE_OF_CORNER = 0.6871215047185304;
    private static final double V1_SCORE_OF_FAR_ROW = 0.6866631392828105;

    @Test
    void readsBackAForestThatScoresEveryRowTheSame() throws IOException {
        IsolationForest forest = IsolationForestTrainer.builder(31)
                .trees(21)
                .contamination(0.05)
                .build()
                .fit(ROWS);

        IsolationForest read = read(bytes(forest));

        assertThat(read.features()).isEqualTo(3);
        assertThat(read.trees()).isEqualTo(21);
        assertThat(read.sampleSize()).isEqualTo(256);
        assertThat(read.seed()).isEqualTo(31);
        assertThat(read.contamination()).isEqualTo(0.05);
        assertThat(read.threshold()).isEqualTo(forest.threshold());
        for (double[] row : TrainingRows.gaussian(500, 3, 32)) {
            assertThat(read.score(row)).isEqualTo(forest.score(row));
            assertThat(read.attributions(row)).containsExactly(forest.attributions(row));
        }
        assertThat(bytes(read)).isEqualTo(bytes(forest));
    }

    /**
     * {@code isolation-forest-v1.bin} was written by format version 1 from
     * {@code IsolationForestTrainer.builder(7).trees(10).samples(32).contamination(0.05).build()} fitted to
     * {@code TrainingRows.gaussian(200, 3, 2024)}. The expected values were printed by that model when the
     * file was written; a later version must read the file and score exactly as it did.
     */
    @Test
    void readsAModelWrittenByFormatVersionOne() throws IOException {
        IsolationForest forest;
        try (InputStream in = getClass().getResourceAsStream("isolation-forest-v1.bin")) {
            forest = IsolationForestCodec.read(new DataInputStream(in));
        }

        assertThat(forest.features()).isEqualTo(3);
        assertThat(forest.trees()).isEqualTo(10);
        assertThat(forest.sampleSize()).isEqualTo(32);
        assertThat(forest.seed()).isEqualTo(7);
        assertThat(forest.contamination()).isEqualTo(0.05);
        assertThat(forest.threshold()).isEqualTo(V1_THRESHOLD);
        assertThat(forest.score(new double[] {0, 0, 0})).isEqualTo(V1_SCORE_OF_ORIGIN);
        assertThat(forest.score(new double[] {3, -3, 0})).isEqualTo(V1_SCORE_OF_CORNER);
        assertThat(forest.score(new double[] {10, 10, 10})).isEqualTo(V1_SCORE_OF_FAR_ROW);
    }

    @Test
    void refusesAFileOfAnotherKind() {
        byte[] zip = {0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0};

        assertThatThrownBy(() -> read(zip))
                .isInstanceOf(IOException.class)
                .hasMessage("not a txmon Isolation Forest model: it starts with 0x504b0304,"
                        + " a model starts with 0x54584946 (\"TXIF\")");
    }

    @Test
    void refusesAModelFromANewerFormatVersionByName() {
        byte[] newer = ByteBuffer.allocate(64)
                .putInt(IsolationForestCodec.MAGIC)
                .putInt(2)
                .array();

        assertThatThrownBy(() -> read(newer))
                .isInstanceOf(IOException.class)
                .hasMessage("Isolation Forest model format version 2 is not readable here: this txmon reads"
                        + " versions 1 to 1; it was written by a newer txmon");
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        byte[] whole = bytes(IsolationForestTrainer.builder(33).trees(4).build().fit(ROWS));

        assertThatThrownBy(() -> read(Arrays.copyOf(whole, whole.length - 5)))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void refusesDamagedTreesWhenReadingRatherThanWhenScoring() throws IOException {
        IsolationForest forest =
                IsolationForestTrainer.builder(34).trees(2).build().fit(ROWS);
        byte[] damaged = bytes(forest);
        // The first left child, of the first tree's root, made to point back at the root.
        int header = 4 + 4 + 4 + 4 + 8 + 8 + 8 + 4 + 4;
        int nodes = forest.storedTrees().nodes();
        int firstChild = header + 2 * 4 + nodes * 4 + nodes * 8;
        ByteBuffer.wrap(damaged).putInt(firstChild, 0);

        assertThatThrownBy(() -> read(damaged))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("corrupt Isolation Forest model: tree 0, node 0 has children 0 and 1");
    }

    @Test
    void refusesAHugeNodeCountAtTheEndOfTheFileWithoutAllocatingIt() {
        byte[] header = ByteBuffer.allocate(56)
                .putInt(IsolationForestCodec.MAGIC)
                .putInt(1)
                .putInt(3)
                .putInt(1 << 30)
                .putLong(1)
                .putDouble(0.01)
                .putDouble(0.6)
                .putInt(2)
                .putInt(Integer.MAX_VALUE)
                .putInt(0) // the two roots; the node arrays that should follow are missing
                .putInt(1)
                .array();

        assertThatThrownBy(() -> read(header)).isInstanceOf(EOFException.class).hasMessageContaining("truncated");
    }

    private static byte[] bytes(IsolationForest forest) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        IsolationForestCodec.write(forest, new DataOutputStream(buffer));
        return buffer.toByteArray();
    }

    private static IsolationForest read(byte[] bytes) throws IOException {
        return IsolationForestCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}

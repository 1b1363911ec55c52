package io.txmon.formats.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumericTableReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryColumnAsAFeatureWhenNoLabelColumnIsNamed() throws IOException {
        Path file = write("plain.csv", "x0,x1\n1.5,-2\n3e2,0.1\n");

        NumericTable table = NumericTableReader.read(List.of(file));

        assertThat(table.featureNames()).containsExactly("x0", "x1");
        assertThat(table.rows()).isDeepEqualTo(new double[][] {{1.5, -2}, {300, 0.1}});
        assertThat(table.labelColumn()).isEmpty();
        assertThat(table.labels()).isEmpty();
    }

    @Test
    void splitsTheNamedLabelColumnFromTheFeaturesWhereverItStands() throws IOException {
        Path file = write("labelled.csv", "a,label,b\n1,0,2\n3,1,4\n5,0,6\n");

        NumericTable table = NumericTableReader.read(List.of(file), "label");

        assertThat(table.featureNames()).containsExactly("a", "b");
        assertThat(table.featureCount()).isEqualTo(2);
        assertThat(table.rowCount()).isEqualTo(3);
        assertThat(table.rows()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        assertThat(table.labelColumn()).contains("label");
        assertThat(table.labels().orElseThrow()).containsExactly(false, true, false);
    }

    @Test
    void readsBackTheExactDoubleOfAShortestRoundTripText() throws IOException {
        double value = 0.1 + 0.2;
        Path file = write("exact.csv", "x\n" + value + "\n");

        assertThat(NumericTableReader.read(List.of(file)).rows()[0][0]).isEqualTo(value);
    }

    @Test
    void readsGzippedFilesAndPartsWithTheSameHeaderInOrderAsOneTable() throws IOException {
        Path part1 = writeGzip("set.part1.csv.gz", "x0,x1,label\n1,2,0\n3,4,1\n");
        Path part2 = writeGzip("set.part2.csv.gz", "x0,x1,label\n5,6,0\n");
        Path part3 = write("set.part3.csv", "x0,x1,label\n7,8,1\n");

        NumericTable table = NumericTableReader.read(List.of(part1, part2, part3), "label");

        assertThat(table.rows()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
        assertThat(table.labels().orElseThrow()).containsExactly(false, true, false, true);
    }

    @Test
    void growsPastItsFirstLabelBufferWithoutLosingALabel() throws IOException {
        StringBuilder text = new StringBuilder("x,label\n");
        for (int i = 0; i < 5_000; i++) {
            text.append(i).append(',').append(i % 7 == 0 ? 1 : 0).append('\n');
        }
        NumericTable table = NumericTableReader.read(List.of(write("long.csv", text.toString())), "label");

        boolean[] labels = table.labels().orElseThrow();
        assertThat(labels).hasSize(5_000);
        for (int i = 0; i < 5_000; i++) {
            assertThat(labels[i]).as("label of row %d", i).isEqualTo(i % 7 == 0);
        }
    }

    @Test
    void refusesAPartWhoseHeaderDiffersNamingBothFiles() throws IOException {
        Path first = write("a.csv", "x0,x1\n1,2\n");
        Path second = write("b.csv", "x0,x2\n3,4\n");

        assertThatThrownBy(() -> NumericTableReader.read(List.of(first, second)))
                .isInstanceOf(IOException.class)
                .hasMessage(second + ": its header [x0, x2] differs from [x0, x1] in " + first
                        + "; files read as one table need the same columns");
    }

    @Test
    void refusesABadCellNamingTheFileLineColumnAndText() throws IOException {
        Path file = write("bad.csv", "x0,x1,label\n1,2,0\n3,abc,1\n");

        assertThatThrownBy(() -> NumericTableReader.read(List.of(file), "label"))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ", line 3, column x1: 'abc' is not a finite number");
    }

    @Test
    void refusesAnEmptyCell() throws IOException {
        Path file = write("empty-cell.csv", "x0,x1\n1,\n");

        assertThatThrownBy(() -> NumericTableReader.read(List.of(file)))
                .hasMessage(file + ", line 2, column x1: '' is not a finite number");
    }

    @Test
    void refusesNaNAndInfinity() throws IOException {
        Path nan = write("nan.csv", "x0\nNaN\n");
        Path infinite = write("infinite.csv", "x0\n1\n-Infinity\n");

        assertThatThrownBy(() -> NumericTableReader.read(List.of(nan)))
                .hasMessage(nan + ", line 2, column x0: 'NaN' is not a finite number");
        assertThatThrownBy(() -> NumericTableReader.read(List.of(infinite)))
                .hasMessage(infinite + ", line 3, column x0: '-Infinity' is not a finite number");
    }

    @Test
    void refusesALabelOtherThanZeroOrOne() throws IOException {
        Path file = write("labels.csv", "x,label\n1,0\n2,2\n");

        assertThatThrownBy(() -> NumericTableReader.read(List.of(file), "label"))
                .hasMessage(file + ", line 3, column label: '2' is not a label; labels are 0 or 1");
    }

    @Test
    void refusesALabelColumnThatIsNotThereListingTheColumns() throws IOException {
        Path file = write("unlabelled.csv", "x0,x1\n1,2\n");

        assertThatThrownBy(() -> NumericTableReader.read(List.of(file), "class"))
                .hasMessage(file + ": there is no label column 'class'; the columns are x0, x1");
    }

    @Test
    void refusesARowWithTheWrongNumberOfCells() throws IOException {
        Path file = write("short.csv", "x0,x1,x2\n1,2,3\n4,5\n");

        assertThatThrownBy(() -> NumericTableReader.read(List.of(file)))
                .hasMessage(file + ", line 3: 2 cells, the header has 3 columns");
    }

    @Test
    void refusesAnEmptyFileAndATableOfOnlyTheLabel() throws IOException {
        Path empty = write("empty.csv", "");
        Path onlyLabel = write("only-label.csv", "label\n1\n");

        assertThatThrownBy(() -> NumericTableReader.read(List.of(empty)))
                .hasMessage(empty + ": the file is empty; a table starts with a header row");
        assertThatThrownBy(() -> NumericTableReader.read(List.of(onlyLabel), "label"))
                .hasMessage(onlyLabel + ": the table has no feature columns");
    }

    @Test
    void refusesAHeaderNamingAColumnTwice() throws IOException {
        Path file = write("twice.csv", "x,y,x\n1,2,3\n");

        assertThatThrownBy(() -> NumericTableReader.read(List.of(file)))
                .hasMessage(file + ": the header names column 'x' twice");
    }

    @Test
    void reportsAFileThatIsNotThere() {
        Path missing = dir.resolve("missing.csv");

        assertThatThrownBy(() -> NumericTableReader.read(List.of(missing)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("missing.csv");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Path writeGzip(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}

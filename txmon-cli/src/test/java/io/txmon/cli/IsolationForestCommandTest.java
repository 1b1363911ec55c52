package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.txmon.evaluation.RankMetrics;
import io.txmon.model.IsolationForest;
import io.txmon.model.IsolationForestTrainer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class IsolationForestCommandTest {
    private static final int NORMAL_ROWS = 600;
    private static final int ANOMALIES = 12;

    @TempDir
    Path dir;

    @Test
    void endsWithOneJsonLineOfMeanAndPopulationSpreadOverTheRepeats() throws IOException {
        Path table = write("labelled.csv", labelledTable());

        CommandRun run = CommandRun.of(
                "iforest",
                "--input",
                table.toString(),
                "--label-column",
                "label",
                "--trees",
                "40",
                "--seed",
                "5",
                "--repeats",
                "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(1);
        JsonNode json = JsonMapper.builder().build().readTree(run.outLines().get(0));
        assertThat(json.propertyNames())
                .containsExactly("rows", "features", "roc_auc", "roc_auc_sd", "pr_auc", "pr_auc_sd");
        assertThat(json.get("rows").asInt()).isEqualTo(NORMAL_ROWS + ANOMALIES);
        assertThat(json.get("features").asInt()).isEqualTo(3);

        double[] rocAuc = new double[3];
        double[] prAuc = new double[3];
        for (int r = 0; r < 3; r++) {
            double[] scores = forest(5 + r, 40).scoreAll(rows());
            rocAuc[r] = RankMetrics.rocAuc(scores, labels());
            prAuc[r] = RankMetrics.averagePrecision(scores, labels());
        }
        assertThat(json.get("roc_auc").asDouble()).isCloseTo(mean(rocAuc), within(1e-12));
        assertThat(json.get("roc_auc_sd").asDouble()).isCloseTo(populationSd(rocAuc), within(1e-12));
        assertThat(json.get("pr_auc").asDouble()).isCloseTo(mean(prAuc), within(1e-12));
        assertThat(json.get("pr_auc_sd").asDouble()).isCloseTo(populationSd(prAuc), within(1e-12));
        assertThat(json.get("roc_auc").asDouble()).isGreaterThan(0.95);
        assertThat(run.err())
                .contains("read 612 rows × 3 features, 12 labelled 1 from 1 file")
                .contains("seed 7:");
    }

    @Test
    void readsGzippedPartsInOrderAsOneTable() throws IOException {
        List<String> lines = labelledTable().lines().toList();
        Path part1 = writeGzip("set.part1.csv.gz", String.join("\n", lines.subList(0, 300)) + "\n");
        Path part2 = writeGzip(
                "set.part2.csv.gz", lines.get(0) + "\n" + String.join("\n", lines.subList(300, lines.size())) + "\n");

        CommandRun run = CommandRun.of(
                "iforest",
                "--input",
                part1.toString(),
                "--input",
                part2.toString(),
                "--label-column",
                "label",
                "--trees",
                "20");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(run.out());
        assertThat(json.get("rows").asInt()).isEqualTo(NORMAL_ROWS + ANOMALIES);
        assertThat(json.get("roc_auc").asDouble())
                .isEqualTo(RankMetrics.rocAuc(forest(0, 20).scoreAll(rows()), labels()));
        assertThat(json.get("roc_auc_sd").asDouble()).isZero();
    }

    @Test
    void writesTheFirstRepeatsScoreOfEveryRowWithItsLabel() throws IOException {
        Path table = write("labelled.csv", labelledTable());
        Path scores = dir.resolve("scores.csv");

        CommandRun run = CommandRun.of(
                "iforest",
                "--input",
                table.toString(),
                "--label-column",
                "label",
                "--trees",
                "30",
                "--seed",
                "9",
                "--repeats",
                "2",
                "--output",
                scores.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(scores);
        assertThat(lines).hasSize(NORMAL_ROWS + ANOMALIES + 1);
        assertThat(lines.get(0)).isEqualTo("row,score,label");
        double[] expected = forest(9, 30).scoreAll(rows());
        for (int i = 0; i < expected.length; i++) {
            assertThat(lines.get(i + 1)).isEqualTo((i + 1) + "," + expected[i] + "," + (labels()[i] ? 1 : 0));
        }
    }

    @Test
    void scoresATableWithoutLabelsWithoutPrintingAJsonLine() throws IOException {
        Path table = write("features.csv", "a,b\n1,2\n2,3\n3,1\n50,-40\n");
        Path scores = dir.resolve("scores.csv");

        CommandRun run = CommandRun.of("iforest", "--input", table.toString(), "--output", scores.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        List<String> lines = Files.readAllLines(scores);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("row,score");
        assertThat(lines.get(4)).startsWith("4,");
    }

    @Test
    void failsWithOneLineNamingTheSettingOnATreeCountOfZero() throws IOException {
        Path table = write("labelled.csv", labelledTable());

        CommandRun run = CommandRun.of("iforest", "--input", table.toString(), "--trees", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly("txmon iforest: invalid setting: trees must be at least 1, was 0"
                        + " (see txmon iforest --help)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void failsWithOneLineWhenTheInputIsMissingOrRepeatsAreZero() {
        CommandRun noInput = CommandRun.of("iforest", "--trees", "10");
        CommandRun noRepeats = CommandRun.of("iforest", "--input", "x.csv", "--repeats", "0");

        assertThat(noInput.exitCode()).isEqualTo(2);
        assertThat(noInput.errLines()).hasSize(1);
        assertThat(noInput.err()).startsWith("txmon iforest: Missing required option: '--input=FILE'");
        assertThat(noRepeats.exitCode()).isEqualTo(2);
        assertThat(noRepeats.errLines())
                .containsExactly("txmon iforest: --repeats must be at least 1, was 0 (see txmon iforest --help)");
    }

    @Test
    void failsWithOneLineWhenAFileIsNotThere() {
        Path missing = dir.resolve("missing.csv");

        CommandRun run = CommandRun.of("iforest", "--input", missing.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("txmon iforest: cannot read the input: no such file: " + missing);
    }

    @Test
    void failsWithOneLineNamingTheFileLineAndColumnOfABadCell() throws IOException {
        Path table = write("bad.csv", "a,b,label\n1,2,0\n3,x,1\n");

        CommandRun run = CommandRun.of("iforest", "--input", table.toString(), "--label-column", "label");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines())
                .containsExactly("txmon iforest: cannot read the input: " + table
                        + ", line 3, column b: 'x' is not a finite number");
    }

    @Test
    void failsWhenTheLabelColumnHasNoAnomalies() throws IOException {
        Path table = write("normal.csv", "a,label\n1,0\n2,0\n3,0\n");

        CommandRun run = CommandRun.of("iforest", "--input", table.toString(), "--label-column", "label");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("txmon iforest: label column 'label' must hold both 0 and 1 to measure a ranking,"
                        + " but every row is 0");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void explainsTheSpreadInItsHelp() {
        CommandRun run = CommandRun.of("iforest", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replaceAll("\\s+", " "))
                .contains("population standard deviations")
                .contains("numpy's default")
                .contains("--label-column");
    }

    /** Three Gaussian features; the anomalies sit far out in one of them each, and are labelled 1. */
    private static String labelledTable() {
        StringBuilder csv = new StringBuilder("x0,x1,x2,label\n");
        for (int i = 0; i < NORMAL_ROWS + ANOMALIES; i++) {
            double[] row = rows()[i];
            csv.append(row[0]).append(',').append(row[1]).append(',').append(row[2]);
            csv.append(',').append(labels()[i] ? 1 : 0).append('\n');
        }
        return csv.toString();
    }

    private static double[][] rows() {
        SplittableRandom random = new SplittableRandom(17);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < NORMAL_ROWS + ANOMALIES; i++) {
            double[] row = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            if (i >= NORMAL_ROWS) {
                row[i % 3] += 7;
            }
            rows.add(row);
        }
        return rows.toArray(new double[0][]);
    }

    private static boolean[] labels() {
        boolean[] labels = new boolean[NORMAL_ROWS + ANOMALIES];
        for (int i = NORMAL_ROWS; i < labels.length; i++) {
            labels[i] = true;
        }
        return labels;
    }

    private static IsolationForest forest(long seed, int trees) {
        return IsolationForestTrainer.builder(seed).trees(trees).build().fit(rows());
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double populationSd(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / values.length);
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

package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelReportCommandTest {
    @TempDir
    static Path dir;

    private static Path world;
    private static Path decisions;
    private static Path supervisedModel;
    private static Path anomalyModel;

    /** A simulated bank scored with its labels replayed, so that a supervised model is trained and saved. */
    @BeforeAll
    static void scoreASimulatedBankWithItsLabels() {
        world = dir.resolve("world");
        CommandRun simulate = CommandRun.of(
                "simulate", "--seed", "9", "--customers", "150", "--days", "24", "--output", world.toString());
        assertThat(simulate.exitCode()).as(simulate.err()).isZero();
        decisions = dir.resolve("decisions.jsonl");
        supervisedModel = dir.resolve("supervised.model");
        anomalyModel = dir.resolve("anomaly.model");
        CommandRun score = CommandRun.of(
                "score",
                "--input",
                world.resolve("transactions.csv").toString(),
                "--accounts",
                world.resolve("accounts.csv").toString(),
                "--labels",
                world.resolve("labels.csv").toString(),
                "--label-delay",
                "2d",
                "--retrain-every",
                "4d",
                "--save-supervised-model",
                supervisedModel.toString(),
                "--save-model",
                anomalyModel.toString(),
                "--output",
                decisions.toString());
        assertThat(score.exitCode()).as(score.err()).isZero();
    }

    @Test
    void writesAnHtmlReportWithTheMetricsEvaluatePrintsAndBothCharts() throws IOException {
        Path html = dir.resolve("report.html");

        CommandRun run =
                report(html, "--supervised-model", supervisedModel.toString(), "--model", anomalyModel.toString());
        CommandRun evaluate = CommandRun.of(
                "evaluate",
                "--decisions",
                decisions.toString(),
                "--labels",
                world.resolve("labels.csv").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("wrote the model report on");
        String text = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("<th>ROC-AUC</th><td>" + evaluated(evaluate, "ROC-AUC") + "</td>")
                .contains("<th>PR-AUC (average precision)</th><td>" + evaluated(evaluate, "PR-AUC") + "</td>")
                .contains("Supervised model (gradient-boosted trees): sl-")
                .contains("Anomaly model (Isolation Forest): if-")
                .contains("Training window", "Total cover", "Recall per typology");
        assertThat(Pattern.compile("src=\"data:image/png;base64,").matcher(text).results())
                .hasSize(2);
    }

    @Test
    void writesAPdfReportWhosePagesAllRenderWithSomethingOnThem() throws IOException {
        Path pdf = dir.resolve("report.pdf");

        CommandRun run = report(pdf, "--supervised-model", supervisedModel.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                assertThat(inkedShare(renderer.renderImageWithDPI(page, 40)))
                        .as("page %d", page + 1)
                        .isGreaterThan(0.005);
            }
            assertThat(new PDFTextStripper().getText(document))
                    .contains("ROC-AUC", "Precision and recall at each threshold", "Most important inputs");
        }
    }

    @Test
    void takesTheFormatFromFormatWhateverTheExtension() throws IOException {
        Path output = dir.resolve("report.out");

        CommandRun run = report(output, "--format", "pdf");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(output)).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void judgesOnlyTheDecisionsFromAnInstantOnAndGivesTheirTimeSpan() throws IOException {
        Path html = dir.resolve("from.html");

        CommandRun run = report(
                html, "--transactions", world.resolve("transactions.csv").toString(), "--from", "2030-01-01T00:00:00Z");
        CommandRun withSpan =
                report(html, "--transactions", world.resolve("transactions.csv").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("decisions are of transactions before 2030-01-01T00:00:00Z", "has a label in");
        assertThat(withSpan.exitCode()).as(withSpan.err()).isZero();
        assertThat(Files.readString(html, StandardCharsets.UTF_8))
                .containsPattern("<th>Time span</th><td>20\\d\\d-\\d\\d-\\d\\dT[^<]* to 20\\d\\d-");
    }

    @Test
    void refusesAnOutputWhoseFormatItCannotTellAndNamesTheOption() {
        CommandRun run = report(dir.resolve("report.docx"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--output: cannot tell the format of", "report.docx");
        assertThat(dir.resolve("report.docx")).doesNotExist();
    }

    @Test
    void refusesAMissingInputFileByItsOptionBeforeWritingAnything() {
        Path output = dir.resolve("never.html");

        CommandRun missingModel = report(
                output, "--supervised-model", dir.resolve("nowhere.model").toString());
        CommandRun badFormat = report(output, "--format", "docx");

        assertThat(missingModel.exitCode()).isEqualTo(2);
        assertThat(missingModel.err()).contains("--supervised-model: no such readable file: ", "nowhere.model");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format must be html or pdf, was 'docx'");
        assertThat(output).doesNotExist();
    }

    private static CommandRun report(Path output, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "model-report",
                "--decisions",
                decisions.toString(),
                "--labels",
                world.resolve("labels.csv").toString(),
                "--output",
                output.toString()));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    /** The value evaluate printed on the line starting with {@code name}. */
    private static String evaluated(CommandRun evaluate, String name) {
        Matcher line =
                Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s+(\\S+)$").matcher(evaluate.out());
        assertThat(line.find()).as(evaluate.out()).isTrue();
        return line.group(1);
    }

    private static double inkedShare(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 3 * 230) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }
}

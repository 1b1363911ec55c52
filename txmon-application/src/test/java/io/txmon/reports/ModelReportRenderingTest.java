package io.txmon.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelReportRenderingTest {
    /** A page with text, tables or a chart on it darkens well over this share of its pixels; a blank one none. */
    private static final double INKED_SHARE = 0.005;

    private final ModelReport report = ModelReportFixtures.report();

    @TempDir
    Path dir;

    @Test
    void writesHtmlWithEvaluationsMetricsToFourDecimalsAndBothChartsAsEmbeddedPngs() throws IOException {
        Path file = dir.resolve("report.html");

        ModelReportHtml.write(report, file);

        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(html)
                .contains("<td>" + fourDecimals(report.metrics().rocAuc()) + "</td>")
                .contains("<td>" + fourDecimals(report.metrics().prAuc()) + "</td>")
                .contains(
                        "precision " + fourDecimals(report.metrics().atBudget().precision()) + ", recall "
                                + fourDecimals(report.metrics().atBudget().recall()))
                .contains("<td>card_testing</td>", "<td>mule</td>")
                .contains("<td>amount</td>", "Total cover")
                .contains("Of the model's 3 inputs, 2 are tested by some split and 1 by none")
                .doesNotContain("<td>is_card</td>")
                .contains("sl-0123456789ab")
                .contains("2026-03-01T00:00:00Z to 2026-03-31T23:00:00Z")
                .contains("class=\"budget\"");
        Matcher images = Pattern.compile("<img alt=\"([^\"]+)\" src=\"data:image/png;base64,([^\"]+)\"")
                .matcher(html);
        int charts = 0;
        while (images.find()) {
            BufferedImage chart =
                    ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(images.group(2))));
            assertThat(chart.getWidth()).as(images.group(1)).isEqualTo(ModelReportCharts.WIDTH);
            assertThat(inkedShare(chart)).as(images.group(1)).isGreaterThan(INKED_SHARE);
            charts++;
        }
        assertThat(charts).isEqualTo(2);
    }

    @Test
    void writesAPdfWhosePagesAllRenderWithSomethingOnThem() throws IOException {
        Path file = dir.resolve("report.pdf");

        ModelReportPdf.write(report, file);

        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            assertThat(pdf.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            PDFRenderer renderer = new PDFRenderer(pdf);
            for (int page = 0; page < pdf.getNumberOfPages(); page++) {
                BufferedImage image = renderer.renderImageWithDPI(page, 50);
                assertThat(inkedShare(image)).as("page %d", page + 1).isGreaterThan(INKED_SHARE);
            }
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text)
                    .contains(
                            "Model report",
                            "ROC-AUC",
                            fourDecimals(report.metrics().rocAuc()))
                    .contains(fourDecimals(report.metrics().prAuc()))
                    .contains("card_testing", "mule", "amount", "sl-0123456789ab");
        }
    }

    @Test
    void saysSoWhenNoModelWasGivenRatherThanLeavingSectionsEmpty() throws IOException {
        ModelReport withoutModels = ModelReports.build(
                ModelReportFixtures.judged(),
                ModelReportFixtures.outcomes(),
                0.01,
                java.util.Optional.empty(),
                java.util.Optional.empty());

        assertThat(ModelReportHtml.render(withoutModels))
                .contains("No model file was given")
                .contains("No supervised model was given");
        Path file = dir.resolve("no-models.pdf");
        ModelReportPdf.write(withoutModels, file);
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("No model file was given");
        }
    }

    private static String fourDecimals(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** The share of pixels clearly darker than white. */
    private static double inkedShare(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int brightness = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
                if (brightness < 3 * 230) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }
}

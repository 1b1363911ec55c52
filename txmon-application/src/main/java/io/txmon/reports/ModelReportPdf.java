package io.txmon.reports;

import io.txmon.reports.ModelReport.ModelDescription;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The model report as a PDF on A4 pages, written with PDFBox: the same sections, numbers and charts as the HTML, laid
 * out top to bottom with a new page wherever the next block would not fit. Text is set in the standard Helvetica,
 * which every reader has, so nothing is embedded but the charts; characters outside its Latin-1 encoding print as
 * '?'.
 */
public final class ModelReportPdf {
    private static final float MARGIN = 50;
    private static final float BODY_SIZE = 9.5f;
    private static final float LINE = 13;
    private static final Color BUDGET_ROW = new Color(0xfd, 0xec, 0xea);
    private static final Color RULE = new Color(0xcc, 0xcc, 0xcc);

    private ModelReportPdf() {}

    /** Writes {@code report} to {@code file} as PDF. */
    public static void write(ModelReport report, Path file) {
        try (PDDocument document = new PDDocument()) {
            Layout layout = new Layout(document);
            layout.title(ModelReportFormat.TITLE);

            layout.heading("What was judged");
            layout.facts(ModelReportFormat.judged(report));

            layout.heading("Models");
            if (report.models().isEmpty()) {
                layout.paragraph(ModelReportFormat.NO_MODEL);
            }
            for (ModelDescription model : report.models()) {
                layout.subheading(model.kind() + ": " + model.version());
                layout.facts(model.facts().stream()
                        .map(f -> new String[] {f.name(), f.value()})
                        .toList());
                layout.paragraph("Inputs (" + model.inputs().size() + "): " + String.join(", ", model.inputs()));
            }

            layout.heading("Metrics");
            layout.facts(ModelReportFormat.metrics(report));

            layout.heading("ROC and precision-recall curves");
            layout.image(ModelReportCharts.roc(report));
            layout.image(ModelReportCharts.precisionRecall(report));

            layout.heading("Precision and recall at each threshold");
            layout.paragraph(ModelReportFormat.THRESHOLD_NOTE);
            Set<Integer> budgetRows = new HashSet<>();
            for (int i = 0; i < report.thresholds().size(); i++) {
                if (report.thresholds().get(i).budgetLine()) {
                    budgetRows.add(i);
                }
            }
            layout.table(ModelReportFormat.THRESHOLD_HEADER, ModelReportFormat.thresholds(report), budgetRows);

            layout.heading("Recall per typology");
            if (report.metrics().typologies().isEmpty()) {
                layout.paragraph(ModelReportFormat.NO_TYPOLOGY);
            } else {
                layout.table(ModelReportFormat.TYPOLOGY_HEADER, ModelReportFormat.typologies(report), Set.of());
            }

            layout.heading("Precision per reason code");
            if (report.metrics().reasons().isEmpty()) {
                layout.paragraph("No decision was flagged.");
            } else {
                layout.table(ModelReportFormat.REASON_HEADER, ModelReportFormat.reasons(report), Set.of());
            }

            layout.heading("Most important inputs");
            if (report.importance().isPresent()) {
                layout.paragraph(report.importance().get().measure());
                layout.paragraph(
                        ModelReportFormat.importanceNote(report.importance().get()));
                layout.table(
                        ModelReportFormat.IMPORTANCE_HEADER,
                        ModelReportFormat.importance(report.importance().get()),
                        Set.of());
            } else {
                layout.paragraph(ModelReportFormat.NO_IMPORTANCE);
            }
            layout.close();
            document.save(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Blocks laid out from the top of a page down, a new page started when the next does not fit. */
    private static final class Layout {
        private final PDDocument document;
        private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        private PDPageContentStream content;
        private float y;

        Layout(PDDocument document) throws IOException {
            this.document = document;
            newPage();
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        /** Starts a new page unless {@code height} more fits on this one. */
        private void room(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
            }
        }

        void title(String text) throws IOException {
            text(bold, 18, MARGIN, y - 18, text);
            y -= 30;
        }

        void heading(String text) throws IOException {
            room(16 + 3 * LINE); // never a heading alone at a page's foot
            y -= 8;
            text(bold, 13, MARGIN, y - 13, text);
            y -= 20;
        }

        void subheading(String text) throws IOException {
            room(12 + 2 * LINE);
            text(bold, 10.5f, MARGIN, y - 10.5f, text);
            y -= 16;
        }

        void paragraph(String text) throws IOException {
            for (String line : wrap(regular, BODY_SIZE, text, width)) {
                room(LINE);
                text(regular, BODY_SIZE, MARGIN, y - BODY_SIZE, line);
                y -= LINE;
            }
            y -= 4;
        }

        /** Name and value lines: the names bold in a column, the values wrapped beside them. */
        void facts(List<String[]> lines) throws IOException {
            float nameWidth = 170;
            for (String[] line : lines) {
                List<String> value = wrap(regular, BODY_SIZE, line[1], width - nameWidth);
                room(LINE * value.size());
                text(bold, BODY_SIZE, MARGIN, y - BODY_SIZE, line[0]);
                for (String part : value) {
                    text(regular, BODY_SIZE, MARGIN + nameWidth, y - BODY_SIZE, part);
                    y -= LINE;
                }
            }
            y -= 4;
        }

        /** A table with a bold header, its columns as wide as their widest cell; the header repeats on a new page. */
        void table(String[] header, List<String[]> rows, Set<Integer> highlighted) throws IOException {
            float[] columns = new float[header.length];
            for (int c = 0; c < header.length; c++) {
                columns[c] = width(bold, header[c]);
                for (String[] row : rows) {
                    columns[c] = Math.max(columns[c], width(regular, row[c]));
                }
                columns[c] += 12;
            }
            float total = 0;
            for (float column : columns) {
                total += column;
            }
            if (total > width) {
                for (int c = 0; c < columns.length; c++) {
                    columns[c] *= width / total;
                }
                total = width;
            }
            room(2 * LINE);
            row(header, columns, bold, null);
            for (int r = 0; r < rows.size(); r++) {
                if (y - LINE < MARGIN) {
                    newPage();
                    row(header, columns, bold, null);
                }
                row(rows.get(r), columns, regular, highlighted.contains(r) ? BUDGET_ROW : null);
            }
            content.setStrokingColor(RULE);
            content.moveTo(MARGIN, y + 2);
            content.lineTo(MARGIN + total, y + 2);
            content.stroke();
            y -= 8;
        }

        private void row(String[] cells, float[] columns, PDType1Font font, Color fill) throws IOException {
            float total = 0;
            for (float column : columns) {
                total += column;
            }
            if (fill != null) {
                content.setNonStrokingColor(fill);
                content.addRect(MARGIN, y - LINE + 2, total, LINE);
                content.fill();
                content.setNonStrokingColor(Color.BLACK);
            }
            content.setStrokingColor(RULE);
            content.moveTo(MARGIN, y + 2);
            content.lineTo(MARGIN + total, y + 2);
            content.stroke();
            float x = MARGIN;
            for (int c = 0; c < cells.length; c++) {
                String cell = fit(font, cells[c], columns[c] - 6);
                // The first column reads left to right; numbers line up on the right.
                float at = c == 0 ? x + 3 : x + columns[c] - 3 - width(font, cell);
                // A little above the usual baseline, so that underscores clear the next row's rule.
                text(font, BODY_SIZE, at, y - BODY_SIZE + 1.5f, cell);
                x += columns[c];
            }
            y -= LINE;
        }

        /** A chart across the text's width, in proportion. */
        void image(BufferedImage image) throws IOException {
            float height = width * image.getHeight() / image.getWidth();
            room(height + 8);
            PDImageXObject picture = LosslessFactory.createFromImage(document, image);
            content.drawImage(picture, MARGIN, y - height, width, height);
            y -= height + 8;
        }

        void close() throws IOException {
            content.close();
        }

        private void text(PDType1Font font, float size, float x, float baseline, String text) throws IOException {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, baseline);
            content.showText(latin1(text));
            content.endText();
        }

        private float width(PDType1Font font, String text) throws IOException {
            return font.getStringWidth(latin1(text)) / 1000 * BODY_SIZE;
        }

        /** {@code text} cut with an ellipsis to fit {@code room}. */
        private String fit(PDType1Font font, String text, float room) throws IOException {
            if (width(font, text) <= room) {
                return text;
            }
            String cut = text;
            while (!cut.isEmpty() && width(font, cut + "...") > room) {
                cut = cut.substring(0, cut.length() - 1);
            }
            return cut + "...";
        }

        /** {@code text} broken into lines at spaces, each at most {@code room} wide (a longer word alone). */
        private List<String> wrap(PDType1Font font, float size, String text, float room) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && font.getStringWidth(latin1(candidate)) / 1000 * size > room) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            lines.add(line.toString());
            return lines;
        }

        /** The characters Helvetica's encoding surely holds; any other becomes '?'. */
        private static String latin1(String text) {
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                out.append(c >= 0x20 && c <= 0x7e || c >= 0xa0 && c <= 0xff ? c : '?');
            }
            return out.toString();
        }
    }
}

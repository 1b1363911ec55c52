package io.txmon.reports;

import io.txmon.reports.ModelReport.ModelDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The model report as one self-contained HTML file: the charts are embedded as PNG data URIs, so the file can be
 * mailed or archived on its own.
 */
public final class ModelReportHtml {
    private ModelReportHtml() {}

    /** Writes {@code report} to {@code file} as HTML. */
    public static void write(ModelReport report, Path file) {
        try {
            Files.writeString(file, render(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The report as an HTML document. */
    public static String render(ModelReport report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(ModelReportFormat.TITLE)
                .append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}\n")
                .append("table{border-collapse:collapse;margin:0.5em 0 1em}\n")
                .append("th,td{border:1px solid #ccc;padding:0.2em 0.6em;text-align:left}\n")
                .append("td.n{text-align:right}\ntr.budget{background:#fdecea;font-weight:bold}\n")
                .append("img{width:100%;max-width:50em}\n")
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(ModelReportFormat.TITLE).append("</h1>\n");

        html.append("<h2>What was judged</h2>\n");
        facts(html, ModelReportFormat.judged(report));

        html.append("<h2>Models</h2>\n");
        if (report.models().isEmpty()) {
            paragraph(html, ModelReportFormat.NO_MODEL);
        }
        for (ModelDescription model : report.models()) {
            html.append("<h3>").append(escape(model.kind())).append(": ").append(escape(model.version()));
            html.append("</h3>\n");
            facts(
                    html,
                    model.facts().stream()
                            .map(f -> new String[] {f.name(), f.value()})
                            .toList());
            html.append("<p>Inputs (").append(model.inputs().size()).append("):</p>\n<ul>\n");
            for (String input : model.inputs()) {
                html.append("<li>").append(escape(input)).append("</li>\n");
            }
            html.append("</ul>\n");
        }

        html.append("<h2>Metrics</h2>\n");
        facts(html, ModelReportFormat.metrics(report));
        html.append("<h2>ROC and precision-recall curves</h2>\n");
        image(html, "ROC curve", ModelReportCharts.png(ModelReportCharts.roc(report)));
        image(html, "Precision-recall curve", ModelReportCharts.png(ModelReportCharts.precisionRecall(report)));

        html.append("<h2>Precision and recall at each threshold</h2>\n");
        paragraph(html, ModelReportFormat.THRESHOLD_NOTE);
        html.append("<table>\n");
        row(html, "th", ModelReportFormat.THRESHOLD_HEADER, "");
        for (int i = 0; i < report.thresholds().size(); i++) {
            row(
                    html,
                    "td",
                    ModelReportFormat.thresholds(report).get(i),
                    report.thresholds().get(i).budgetLine() ? " class=\"budget\"" : "");
        }
        html.append("</table>\n");

        html.append("<h2>Recall per typology</h2>\n");
        table(
                html,
                ModelReportFormat.TYPOLOGY_HEADER,
                ModelReportFormat.typologies(report),
                ModelReportFormat.NO_TYPOLOGY);

        html.append("<h2>Precision per reason code</h2>\n");
        table(html, ModelReportFormat.REASON_HEADER, ModelReportFormat.reasons(report), "No decision was flagged.");

        html.append("<h2>Most important inputs</h2>\n");
        if (report.importance().isPresent()) {
            paragraph(html, report.importance().get().measure());
            paragraph(html, ModelReportFormat.importanceNote(report.importance().get()));
            table(
                    html,
                    ModelReportFormat.IMPORTANCE_HEADER,
                    ModelReportFormat.importance(report.importance().get()),
                    "");
        } else {
            paragraph(html, ModelReportFormat.NO_IMPORTANCE);
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void facts(StringBuilder html, List<String[]> lines) {
        html.append("<table>\n");
        for (String[] line : lines) {
            html.append("<tr><th>").append(escape(line[0])).append("</th><td>").append(escape(line[1]));
            html.append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void table(StringBuilder html, String[] header, List<String[]> rows, String whenEmpty) {
        if (rows.isEmpty()) {
            paragraph(html, whenEmpty);
            return;
        }
        html.append("<table>\n");
        row(html, "th", header, "");
        for (String[] cells : rows) {
            row(html, "td", cells, "");
        }
        html.append("</table>\n");
    }

    private static void row(StringBuilder html, String cell, String[] cells, String attributes) {
        html.append("<tr").append(attributes).append('>');
        for (int i = 0; i < cells.length; i++) {
            html.append('<').append(cell).append(cell.equals("td") && i > 0 ? " class=\"n\">" : ">");
            html.append(escape(cells[i])).append("</").append(cell).append('>');
        }
        html.append("</tr>\n");
    }

    private static void paragraph(StringBuilder html, String text) {
        html.append("<p>").append(escape(text)).append("</p>\n");
    }

    private static void image(StringBuilder html, String alt, byte[] png) {
        html.append("<p><img alt=\"").append(escape(alt)).append("\" src=\"data:image/png;base64,");
        html.append(Base64.getEncoder().encodeToString(png)).append("\"></p>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}

package io.txmon.reports;

import io.txmon.reports.ModelReport.CurvePoint;
import io.txmon.reports.ModelReport.ThresholdRow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The model report's charts, drawn by JFreeChart: the ROC curve against chance, and the precision-recall curve
 * against the share of suspicious decisions (what ranking at random would reach), with the budget's line marked.
 * Both renderers use the same images, so the HTML and the PDF show the same charts.
 */
public final class ModelReportCharts {
    /** The size charts are drawn at: twice what a page shows, so that they stay sharp when printed. */
    public static final int WIDTH = 1000;

    public static final int HEIGHT = 700;

    private static final Color CURVE = new Color(0x1f, 0x5f, 0xa8);
    private static final Color REFERENCE = new Color(0x99, 0x99, 0x99);
    private static final Color BUDGET = new Color(0xc0, 0x39, 0x2b);

    private ModelReportCharts() {}

    /** The ROC curve: false-positive rate across, recall up, with the diagonal of a random ranking. */
    public static BufferedImage roc(ModelReport report) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series(
                String.format(
                        Locale.ROOT,
                        "Risk score (ROC-AUC %.4f)",
                        report.metrics().rocAuc()),
                report.roc()));
        data.addSeries(series("Random ranking", List.of(new CurvePoint(0, 0), new CurvePoint(1, 1))));
        return draw("ROC curve", "False-positive rate", "Recall (true-positive rate)", data);
    }

    /** The precision-recall curve, with the share of suspicious decisions and the point at the alert budget. */
    public static BufferedImage precisionRecall(ModelReport report) {
        double base = report.metrics().transactions() == 0
                ? 0
                : (double) report.metrics().suspicious() / report.metrics().transactions();
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series(
                String.format(
                        Locale.ROOT,
                        "Risk score (PR-AUC %.4f)",
                        report.metrics().prAuc()),
                report.precisionRecall()));
        data.addSeries(series(
                String.format(Locale.ROOT, "Random ranking (%.4f suspicious)", base),
                List.of(new CurvePoint(0, base), new CurvePoint(1, base))));
        ThresholdRow budgetLine = report.thresholds().stream()
                .filter(ThresholdRow::budgetLine)
                .findFirst()
                .orElseThrow();
        XYSeries budget = new XYSeries(
                String.format(
                        Locale.ROOT,
                        "At the %.1f %% budget",
                        100 * report.metrics().budget()),
                false,
                true);
        if (!Double.isNaN(budgetLine.precision()) && !Double.isNaN(budgetLine.recall())) {
            budget.add(budgetLine.recall(), budgetLine.precision());
        }
        data.addSeries(budget);
        return draw("Precision-recall curve", "Recall", "Precision", data);
    }

    /** An image as PNG bytes. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart as PNG: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static XYSeries series(String name, List<CurvePoint> points) {
        XYSeries series = new XYSeries(name, false, true);
        for (CurvePoint point : points) {
            series.add(point.x(), point.y());
        }
        return series;
    }

    /** A line chart of {@code data} on the unit square: the first series the curve, the second a reference line. */
    private static BufferedImage draw(String title, String across, String up, XYSeriesCollection data) {
        JFreeChart chart =
                ChartFactory.createXYLineChart(title, across, up, data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setRange(0, 1);
        plot.getRangeAxis().setRange(0, 1.02);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, CURVE);
        renderer.setSeriesStroke(0, new BasicStroke(3f));
        renderer.setSeriesPaint(1, REFERENCE);
        renderer.setSeriesStroke(
                1, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        if (data.getSeriesCount() > 2) {
            renderer.setSeriesPaint(2, BUDGET);
            renderer.setSeriesLinesVisible(2, false);
            renderer.setSeriesShapesVisible(2, true);
            renderer.setSeriesShape(2, new Ellipse2D.Double(-7, -7, 14, 14));
        }
        plot.setRenderer(renderer);
        // Drawn at twice the size shown: the default fonts would come out at half their size.
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 30));
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        for (var axis : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
            axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        }
        return chart.createBufferedImage(WIDTH, HEIGHT);
    }
}

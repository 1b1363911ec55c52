/**
 * Reports for people to read, as HTML and PDF. The model report ({@link io.txmon.reports.ModelReport}, built by
 * {@link io.txmon.reports.ModelReports}) says how well decisions ranked the labelled transactions and what the models
 * behind them were trained on; its renderers ({@link io.txmon.reports.ModelReportHtml},
 * {@link io.txmon.reports.ModelReportPdf}) draw the same content with the charts {@link io.txmon.reports.ModelReportCharts}
 * makes.
 */
package io.txmon.reports;

package io.txmon.cli;

import io.txmon.boosting.SupervisedModel;
import io.txmon.model.AnomalyModel;
import io.txmon.reports.ModelReport;
import io.txmon.reports.ModelReportHtml;
import io.txmon.reports.ModelReportPdf;
import io.txmon.reports.ModelReports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code txmon model-report}: how well decisions ranked the labelled transactions, and the models behind them. */
@Command(
        name = "model-report",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a model report as HTML or PDF: what was judged, what the given models were trained on, ROC-AUC,"
                    + " PR-AUC, precision and recall at the alert budget, ROC and precision-recall charts, precision"
                    + " and recall at each risk-score threshold, recall per typology and the supervised model's most"
                    + " important inputs (docs/supervised-model.md, \"Model report\").",
            "Decisions, labels, --transactions, --from and --budget mean what they mean to txmon evaluate."
        })
final class ModelReportCommand implements Callable<Integer> {
    /** How a report is written. */
    enum Format {
        HTML,
        PDF
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--decisions",
            required = true,
            paramLabel = "FILE",
            description = "Decisions, as txmon score writes them.")
    Path decisions;

    @Option(
            names = "--labels",
            required = true,
            paramLabel = "FILE",
            description = "The truth about the transactions: transaction_id, label and typology.")
    Path labels;

    @Option(
            names = "--transactions",
            paramLabel = "FILE",
            description =
                    "The transactions that were decided: when each happened (the report's time span, and" + " --from).")
    Path transactions;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "Judge only the decisions of transactions at or after this instant (ISO-8601), as after a"
                    + " model's first training; needs --transactions.")
    Instant from;

    @Option(
            names = "--supervised-model",
            paramLabel = "FILE",
            description = "The supervised model behind the decisions (score --save-supervised-model): its inputs,"
                    + " calibration and most important inputs.")
    Path supervisedModel;

    @Option(
            names = "--model",
            paramLabel = "FILE",
            description = "The anomaly model behind the decisions: its training window, inputs and calibration.")
    Path model;

    @Option(
            names = "--budget",
            defaultValue = "0.01",
            paramLabel = "SHARE",
            description = "Alert budget, as a share of transactions (default: ${DEFAULT-VALUE}).")
    double budget;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "FILE",
            description = "Where to write the report: FILE.html or FILE.pdf.")
    Path output;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "html or pdf; by default, from --output's extension.")
    String format;

    @Override
    public Integer call() {
        if (from != null && transactions == null) {
            throw new ParameterException(
                    spec.commandLine(), "--from needs --transactions FILE, the decided transactions");
        }
        Format chosen = format != null ? formatNamed(format) : formatOf(output);
        readable("--decisions", decisions);
        readable("--labels", labels);
        readable("--transactions", transactions);
        readable("--supervised-model", supervisedModel);
        readable("--model", model);
        if (!(budget > 0 && budget <= 1)) {
            throw new ParameterException(spec.commandLine(), "--budget must be within (0, 1], was " + budget);
        }
        Optional<SupervisedModel> supervised =
                Optional.ofNullable(supervisedModel).map(ModelFiles::readSupervised);
        Optional<AnomalyModel> anomaly = Optional.ofNullable(model).map(ModelFiles::read);
        JudgedDecisions judged = JudgedDecisions.read(
                decisions, labels, transactions, from, spec.commandLine().getErr());
        ModelReport report = ModelReports.build(
                new ModelReport.Judged(
                        decisions.toString(),
                        labels.toString(),
                        Optional.ofNullable(from),
                        judged.first(),
                        judged.last()),
                judged.outcomes(),
                budget,
                supervised,
                anomaly);
        switch (chosen) {
            case HTML -> ModelReportHtml.write(report, output);
            case PDF -> ModelReportPdf.write(report, output);
        }
        spec.commandLine()
                .getErr()
                .printf(
                        "wrote the model report on %,d decisions (%,d suspicious) to %s%n",
                        report.metrics().transactions(), report.metrics().suspicious(), output);
        return 0;
    }

    /** The format {@code --format} names. */
    private Format formatNamed(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "html" -> Format.HTML;
            case "pdf" -> Format.PDF;
            default ->
                throw new ParameterException(spec.commandLine(), "--format must be html or pdf, was '" + name + "'");
        };
    }

    /** The format {@code file}'s extension names. */
    private Format formatOf(Path file) {
        String name =
                file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return Format.HTML;
        }
        if (name.endsWith(".pdf")) {
            return Format.PDF;
        }
        throw new ParameterException(
                spec.commandLine(),
                "--output: cannot tell the format of '" + file + "' from its extension: name it .html or .pdf, or"
                        + " give --format html|pdf");
    }

    /** Refuses a missing or unreadable input file by its option, before anything is read or written. */
    private void readable(String option, Path file) {
        if (file != null && !(Files.isRegularFile(file) && Files.isReadable(file))) {
            throw new ParameterException(spec.commandLine(), option + ": no such readable file: " + file);
        }
    }
}

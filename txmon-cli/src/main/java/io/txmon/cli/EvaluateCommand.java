package io.txmon.cli;

import io.txmon.evaluation.DetectionReport;
import io.txmon.evaluation.Evaluation;
import io.txmon.evaluation.Label;
import io.txmon.evaluation.Outcome;
import io.txmon.formats.DecisionFiles;
import io.txmon.formats.LabelFiles;
import io.txmon.formats.RecordedDecision;
import io.txmon.scoring.Recommendation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code txmon evaluate}: how well decisions found the labelled suspicious transactions. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Compares decisions with labels: ROC-AUC, PR-AUC, precision and recall at an alert budget and for the"
                    + " flagged set (REVIEW or BLOCK), recall per typology and precision per reason code.",
            "Labels: transaction_id, label (1/0 or true/false) and typology; a transactions file with those"
                    + " columns serves as well."
        })
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--decisions",
            required = true,
            paramLabel = "FILE",
            description = "Decisions, as txmon score writes them.")
    Path decisions;

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "The truth about the transactions.")
    Path labels;

    @Option(
            names = "--budget",
            defaultValue = "0.01",
            paramLabel = "SHARE",
            description = "Alert budget, as a share of transactions (default: ${DEFAULT-VALUE}).")
    double budget;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path json;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        InputFiles inputs = new InputFiles(err, null);
        Map<String, Label> truth = new HashMap<>();
        LabelFiles.read(
                labels, parsed -> truth.putIfAbsent(parsed.value().transactionId(), parsed.value()), inputs::reject);
        List<Outcome> outcomes = new ArrayList<>();
        long[] unlabelled = {0};
        DecisionFiles.read(
                decisions,
                parsed -> {
                    RecordedDecision d = parsed.value();
                    Label label = truth.get(d.transactionId());
                    if (label == null) {
                        unlabelled[0]++;
                        return;
                    }
                    outcomes.add(new Outcome(
                            d.riskScore(),
                            d.recommendation() != Recommendation.APPROVE,
                            d.reasonCodes(),
                            label.suspicious(),
                            label.typology()));
                },
                inputs::reject);
        inputs.close();
        if (unlabelled[0] > 0) {
            err.printf("%,d decisions have no label and are left out%n", unlabelled[0]);
        }
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("no decision in " + decisions + " has a label in " + labels);
        }
        DetectionReport report = Evaluation.of(outcomes, budget);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ReportText.of(report));
        out.flush();
        if (json != null) {
            ReportJson.write(json, report);
        }
        return 0;
    }
}

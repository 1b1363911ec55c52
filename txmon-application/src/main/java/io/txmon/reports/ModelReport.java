package io.txmon.reports;

import io.txmon.evaluation.DetectionReport;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model report says, apart from how it is drawn: what was judged, the models behind the decisions, how well
 * the risk score ranked the labelled transactions (ROC and precision-recall curves, a table of thresholds), recall
 * per typology and the inputs the supervised model leaned on most. {@link ModelReports} builds one;
 * {@link ModelReportHtml} and {@link ModelReportPdf} draw it.
 *
 * @param judged what was scored and judged
 * @param models the models given, each with what it was trained on; empty when none was given
 * @param metrics the detection report {@code evaluate} prints for the same decisions and budget
 * @param roc the ROC curve: false-positive rate against recall, from the highest score down
 * @param precisionRecall the precision-recall curve: recall against precision, from the highest score down
 * @param thresholds precision and recall at each risk-score threshold, and at the budget's line
 * @param importance the most important inputs of the supervised model, when one was given
 */
public record ModelReport(
        Judged judged,
        List<ModelDescription> models,
        DetectionReport metrics,
        List<CurvePoint> roc,
        List<CurvePoint> precisionRecall,
        List<ThresholdRow> thresholds,
        Optional<Importance> importance) {

    public ModelReport {
        Objects.requireNonNull(judged, "judged");
        models = List.copyOf(models);
        Objects.requireNonNull(metrics, "metrics");
        roc = List.copyOf(roc);
        precisionRecall = List.copyOf(precisionRecall);
        thresholds = List.copyOf(thresholds);
        Objects.requireNonNull(importance, "importance");
    }

    /**
     * What was scored and judged.
     *
     * @param decisionsFile the decisions file's name, as given
     * @param labelsFile the labels file's name, as given
     * @param judgedFrom the instant from which decisions were judged, when only later ones were
     * @param first the earliest judged transaction's time, when the transactions were given
     * @param last the latest judged transaction's time, likewise
     */
    public record Judged(
            String decisionsFile,
            String labelsFile,
            Optional<Instant> judgedFrom,
            Optional<Instant> first,
            Optional<Instant> last) {
        public Judged {
            Objects.requireNonNull(decisionsFile, "decisionsFile");
            Objects.requireNonNull(labelsFile, "labelsFile");
            Objects.requireNonNull(judgedFrom, "judgedFrom");
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(last, "last");
        }
    }

    /**
     * A model behind the decisions, as its file describes it.
     *
     * @param kind what sort of model it is, such as "Supervised model (gradient-boosted trees)"
     * @param version its content-derived version
     * @param facts what it was trained on and how it is built, as name and value, in reading order
     * @param inputs the features it reads, as named in explanations
     */
    public record ModelDescription(String kind, String version, List<Fact> facts, List<String> inputs) {
        public ModelDescription {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(version, "version");
            facts = List.copyOf(facts);
            inputs = List.copyOf(inputs);
        }
    }

    /** One line of a model's description: a name and its value, as text. */
    public record Fact(String name, String value) {
        public Fact {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A point of a curve, each coordinate from 0 to 1. */
    public record CurvePoint(double x, double y) {}

    /**
     * Alerts, precision and recall when every decision at or above a risk score is taken as an alert.
     *
     * @param threshold the risk score from which a decision counts as an alert
     * @param alerts how many decisions would be alerts (fractional on the budget's line, where ties share the
     *     places left)
     * @param precision the share of alerts that were suspicious; NaN without alerts
     * @param recall the share of suspicious transactions among the alerts
     * @param budgetLine whether this row is the budget's line rather than a fixed step
     */
    public record ThresholdRow(double threshold, double alerts, double precision, double recall, boolean budgetLine) {}

    /**
     * How much the supervised model leaned on each input.
     *
     * @param measure what the numbers are, in a sentence for the reader
     * @param inputs the inputs, most important first, each with its share of the total
     */
    public record Importance(String measure, List<InputImportance> inputs) {
        public Importance {
            Objects.requireNonNull(measure, "measure");
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * One input's importance.
     *
     * @param input the feature's name
     * @param value the measure's value
     * @param share its share of the measure's total over all inputs, from 0 to 1
     * @param splits how many splits of all trees test it
     */
    public record InputImportance(String input, double value, double share, long splits) {}
}

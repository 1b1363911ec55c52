package io.txmon.reports;

import io.txmon.boosting.RegressionTree;
import io.txmon.boosting.SupervisedModel;
import io.txmon.evaluation.DetectionReport;
import io.txmon.evaluation.Evaluation;
import io.txmon.evaluation.Outcome;
import io.txmon.features.Feature;
import io.txmon.model.AnomalyModel;
import io.txmon.model.ModelInput;
import io.txmon.model.ScoreCalibration;
import io.txmon.reports.ModelReport.CurvePoint;
import io.txmon.reports.ModelReport.Fact;
import io.txmon.reports.ModelReport.Importance;
import io.txmon.reports.ModelReport.InputImportance;
import io.txmon.reports.ModelReport.ModelDescription;
import io.txmon.reports.ModelReport.ThresholdRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds a {@link ModelReport} from judged decisions and the models behind them. The metrics are {@link Evaluation}'s,
 * so the report and {@code txmon evaluate} agree to the digit; the curves and the threshold table are computed here
 * from the same risk scores.
 *
 * <p>Curves walk the scores from the highest down, one distinct score at a time (tied scores pass a threshold
 * together, as in {@link io.txmon.evaluation.RankMetrics}). A curve over half a million decisions has as many
 * points as distinct scores; points closer than {@link #CURVE_RESOLUTION} to the last one kept are left out, which no
 * chart of a page's width can show anyway, so a curve holds at most a few thousand points.
 */
public final class ModelReports {
    /** Risk-score steps of the threshold table: 0.05, 0.10, ..., 0.95. */
    public static final double THRESHOLD_STEP = 0.05;

    /** The smallest move, in either coordinate's sum, between two points a curve keeps. */
    static final double CURVE_RESOLUTION = 0.001;

    /** What the importance numbers are, as the report says it. */
    static final String TOTAL_COVER = "Total cover: for each input, the sum over every split that tests it, in all"
            + " trees, of the training rows' weight reaching that split (their summed hessians, positives weighted by"
            + " scale_pos_weight; XGBoost's \"total_cover\"). It says how much of the training data the trees sorted"
            + " by that input; the model file keeps no split gains.";

    private ModelReports() {}

    /**
     * The report on {@code outcomes}.
     *
     * @param budget the alert budget, as a share of decisions, in (0, 1]
     * @param supervised the supervised model behind the decisions, when given
     * @param anomaly the anomaly model behind the decisions, when given
     * @throws IllegalArgumentException when there is no outcome, or the budget is out of range
     */
    public static ModelReport build(
            ModelReport.Judged judged,
            List<Outcome> outcomes,
            double budget,
            Optional<SupervisedModel> supervised,
            Optional<AnomalyModel> anomaly) {
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("a model report needs at least one judged decision");
        }
        DetectionReport metrics = Evaluation.of(outcomes, budget);
        Ranking ranking = Ranking.of(outcomes);
        List<ModelDescription> models = new ArrayList<>();
        supervised.ifPresent(model -> models.add(describe(model)));
        anomaly.ifPresent(model -> models.add(describe(model)));
        return new ModelReport(
                judged,
                models,
                metrics,
                ranking.roc(),
                ranking.precisionRecall(),
                thresholds(ranking, metrics),
                supervised.map(ModelReports::importance));
    }

    /** Precision and recall at every {@link #THRESHOLD_STEP}, and at the budget's line, by rising threshold. */
    static List<ThresholdRow> thresholds(Ranking ranking, DetectionReport metrics) {
        List<ThresholdRow> rows = new ArrayList<>();
        for (int step = 1; step * THRESHOLD_STEP < 1 - 1e-9; step++) {
            double threshold = step / (1 / THRESHOLD_STEP);
            long alerts = ranking.atOrAbove(threshold, false);
            long hits = ranking.atOrAbove(threshold, true);
            rows.add(new ThresholdRow(
                    threshold,
                    alerts,
                    alerts == 0 ? Double.NaN : (double) hits / alerts,
                    ranking.positives() == 0 ? Double.NaN : (double) hits / ranking.positives(),
                    false));
        }
        DetectionReport.AlertSet atBudget = metrics.atBudget();
        ThresholdRow budgetLine = new ThresholdRow(
                ranking.scoreOfRank((long) Math.ceil(metrics.budget() * ranking.size())),
                atBudget.alerts(),
                atBudget.precision(),
                atBudget.recall(),
                true);
        int at = 0;
        while (at < rows.size() && rows.get(at).threshold() <= budgetLine.threshold()) {
            at++;
        }
        rows.add(at, budgetLine);
        return rows;
    }

    static ModelDescription describe(SupervisedModel model) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(
                "Training window and rows",
                "not kept in the supervised model file; score --labels prints them when it trains"));
        facts.add(new Fact("Trees", String.valueOf(model.trees().trees().size())));
        int depth = model.trees().trees().stream()
                .mapToInt(RegressionTree::depth)
                .max()
                .orElse(0);
        facts.add(new Fact("Deepest tree", depth + " splits"));
        facts.add(new Fact(
                "Base probability", format(1 / (1 + Math.exp(-model.trees().baseMargin()))) + " (before any tree)"));
        ScoreCalibration calibration = model.calibration();
        facts.add(new Fact(
                "Calibration (validation rows)",
                "median probability " + format(calibration.median()) + ", probability at the alert line "
                        + format(calibration.threshold()) + ", 99.9th percentile " + format(calibration.top())));
        return new ModelDescription(
                "Supervised model (gradient-boosted trees)",
                model.version(),
                facts,
                model.inputs().stream().map(Feature::featureName).toList());
    }

    static ModelDescription describe(AnomalyModel model) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(
                "Training window",
                model.training().from() + " to " + model.training().to()));
        facts.add(new Fact(
                "Training transactions",
                String.format(Locale.ROOT, "%,d", model.training().transactions())));
        facts.add(new Fact(
                "Forest",
                model.forest().trees() + " trees of " + model.forest().sampleSize() + " rows each, contamination "
                        + format(model.forest().contamination()) + ", seed "
                        + model.forest().seed()));
        ScoreCalibration calibration = model.calibration();
        facts.add(new Fact(
                "Calibration (training scores)",
                "median " + format(calibration.median()) + ", alert line " + format(calibration.threshold())
                        + ", 99.9th percentile " + format(calibration.top())));
        double[] medians = model.medians();
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < model.inputs().size(); i++) {
            ModelInput input = model.inputs().get(i);
            inputs.add(input.name() + " (risky side " + input.direction().name().toLowerCase(Locale.ROOT)
                    + ", training median " + format(medians[i]) + ")");
        }
        return new ModelDescription("Anomaly model (Isolation Forest)", model.version(), facts, inputs);
    }

    /** Each input's total cover and split count over all trees, most covered first. */
    static Importance importance(SupervisedModel model) {
        int inputs = model.inputs().size();
        double[] cover = new double[inputs];
        long[] splits = new long[inputs];
        for (RegressionTree tree : model.trees().trees()) {
            int[] feature = tree.feature();
            int[] left = tree.left();
            float[] covers = tree.cover();
            for (int node = 0; node < feature.length; node++) {
                if (left[node] >= 0) {
                    cover[feature[node]] += covers[node];
                    splits[feature[node]]++;
                }
            }
        }
        double total = Arrays.stream(cover).sum();
        List<InputImportance> rows = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            rows.add(new InputImportance(
                    model.inputs().get(i).featureName(), cover[i], total == 0 ? 0 : cover[i] / total, splits[i]));
        }
        rows.sort(Comparator.comparingDouble(InputImportance::value).reversed().thenComparing(InputImportance::input));
        return new Importance(TOTAL_COVER, rows);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /**
     * The risk scores sorted from the highest down, with how many positives are at or above each.
     *
     * @param scores descending
     * @param positivesAbove per index i, the positives among scores[0..i]
     */
    record Ranking(double[] scores, long[] positivesAbove) {
        static Ranking of(List<Outcome> outcomes) {
            int n = outcomes.size();
            List<Outcome> sorted = outcomes.stream()
                    .sorted(Comparator.comparingDouble(Outcome::riskScore).reversed())
                    .toList();
            double[] scores = new double[n];
            long[] positivesAbove = new long[n];
            long positives = 0;
            for (int i = 0; i < n; i++) {
                scores[i] = sorted.get(i).riskScore() + 0.0;
                positives += sorted.get(i).suspicious() ? 1 : 0;
                positivesAbove[i] = positives;
            }
            return new Ranking(scores, positivesAbove);
        }

        int size() {
            return scores.length;
        }

        long positives() {
            return scores.length == 0 ? 0 : positivesAbove[scores.length - 1];
        }

        /** How many decisions (or, with {@code onlyPositives}, suspicious ones) score at least {@code threshold}. */
        long atOrAbove(double threshold, boolean onlyPositives) {
            int count = 0;
            while (count < scores.length && scores[count] >= threshold) {
                count++;
            }
            if (!onlyPositives) {
                return count;
            }
            return count == 0 ? 0 : positivesAbove[count - 1];
        }

        /** The score of the {@code rank}-th highest decision (1 for the highest), as the budget's cut takes it. */
        double scoreOfRank(long rank) {
            return scores[(int) Math.max(0, Math.min(rank, scores.length) - 1)];
        }

        /** False-positive rate against true-positive rate, from (0, 0) to (1, 1). */
        List<CurvePoint> roc() {
            long positives = positives();
            long negatives = scores.length - positives;
            List<CurvePoint> points = new ArrayList<>();
            points.add(new CurvePoint(0, 0));
            for (int end : groupEnds()) {
                long hits = positivesAbove[end];
                long falseAlarms = end + 1 - hits;
                points.add(new CurvePoint(
                        negatives == 0 ? 0 : (double) falseAlarms / negatives,
                        positives == 0 ? 0 : (double) hits / positives));
            }
            return thin(points);
        }

        /** Recall against precision, one point per distinct score from the highest down. */
        List<CurvePoint> precisionRecall() {
            long positives = positives();
            List<CurvePoint> points = new ArrayList<>();
            for (int end : groupEnds()) {
                long hits = positivesAbove[end];
                points.add(new CurvePoint(positives == 0 ? 0 : (double) hits / positives, (double) hits / (end + 1)));
            }
            return thin(points);
        }

        /** The last index of each run of tied scores. */
        private List<Integer> groupEnds() {
            List<Integer> ends = new ArrayList<>();
            for (int i = 0; i < scores.length; i++) {
                if (i == scores.length - 1 || scores[i + 1] != scores[i]) {
                    ends.add(i);
                }
            }
            return ends;
        }

        /** The first and last points, and each between that moves at least the resolution from the last kept. */
        private static List<CurvePoint> thin(List<CurvePoint> points) {
            List<CurvePoint> kept = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                CurvePoint point = points.get(i);
                if (kept.isEmpty() || i == points.size() - 1) {
                    kept.add(point);
                    continue;
                }
                CurvePoint last = kept.get(kept.size() - 1);
                if (Math.abs(point.x() - last.x()) + Math.abs(point.y() - last.y()) >= CURVE_RESOLUTION) {
                    kept.add(point);
                }
            }
            return kept;
        }
    }
}

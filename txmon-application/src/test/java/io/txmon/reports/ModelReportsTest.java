package io.txmon.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.txmon.evaluation.DetectionReport;
import io.txmon.evaluation.Evaluation;
import io.txmon.evaluation.Outcome;
import io.txmon.reports.ModelReport.CurvePoint;
import io.txmon.reports.ModelReport.InputImportance;
import io.txmon.reports.ModelReport.ThresholdRow;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelReportsTest {
    private final List<Outcome> outcomes = ModelReportFixtures.outcomes();
    private final ModelReport report = ModelReportFixtures.report();

    @Test
    void reportsTheMetricsEvaluationGivesForTheSameDecisionsAndBudget() {
        DetectionReport evaluated = Evaluation.of(outcomes, 0.05);

        assertThat(report.metrics()).isEqualTo(evaluated);
        assertThat(report.metrics().transactions()).isEqualTo(600);
        assertThat(report.metrics().suspicious()).isEqualTo(60);
    }

    @Test
    void tabulatesPrecisionAndRecallAtEveryTwentiethOfTheRiskScoreAndAtTheBudgetsLine() {
        List<ThresholdRow> steps =
                report.thresholds().stream().filter(row -> !row.budgetLine()).toList();
        ThresholdRow budgetLine = report.thresholds().stream()
                .filter(ThresholdRow::budgetLine)
                .findFirst()
                .orElseThrow();

        assertThat(steps)
                .extracting(ThresholdRow::threshold)
                .containsExactly(
                        0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85,
                        0.9, 0.95);
        ThresholdRow half = steps.get(9);
        long alerts = outcomes.stream().filter(o -> o.riskScore() >= 0.5).count();
        long hits = outcomes.stream()
                .filter(o -> o.riskScore() >= 0.5 && o.suspicious())
                .count();
        assertThat(half.alerts()).isEqualTo(alerts);
        assertThat(half.precision()).isEqualTo((double) hits / alerts);
        assertThat(half.recall()).isEqualTo(hits / 60.0);
        assertThat(budgetLine.alerts()).isEqualTo(report.metrics().atBudget().alerts());
        assertThat(budgetLine.precision()).isEqualTo(report.metrics().atBudget().precision());
        assertThat(budgetLine.recall()).isEqualTo(report.metrics().atBudget().recall());
        assertThat(report.thresholds())
                .extracting(ThresholdRow::threshold)
                .isSorted()
                .as("the 30 highest scores reach down to the budget's line")
                .contains(outcomes.stream()
                        .mapToDouble(Outcome::riskScore)
                        .boxed()
                        .sorted((a, b) -> Double.compare(b, a))
                        .skip(29)
                        .findFirst()
                        .orElseThrow());
    }

    @Test
    void drawsTheRocCurveFromNothingFlaggedToEverythingFlaggedWithAnAreaMatchingRocAuc() {
        List<CurvePoint> roc = report.roc();

        assertThat(roc.get(0)).isEqualTo(new CurvePoint(0, 0));
        assertThat(roc.get(roc.size() - 1)).isEqualTo(new CurvePoint(1, 1));
        assertThat(roc).extracting(CurvePoint::x).isSorted();
        double area = 0;
        for (int i = 1; i < roc.size(); i++) {
            area += (roc.get(i).x() - roc.get(i - 1).x())
                    * (roc.get(i).y() + roc.get(i - 1).y())
                    / 2;
        }
        assertThat(area).isCloseTo(report.metrics().rocAuc(), within(0.01));
    }

    @Test
    void drawsThePrecisionRecallCurveUntilEverySuspiciousDecisionIsFound() {
        List<CurvePoint> pr = report.precisionRecall();

        assertThat(pr).extracting(CurvePoint::x).isSorted();
        assertThat(pr.get(pr.size() - 1)).isEqualTo(new CurvePoint(1, 0.1));
    }

    @Test
    void keepsACurveOfManyDistinctScoresToAFewThousandPoints() {
        List<Outcome> many = new java.util.ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            many.add(new Outcome(i / 200_000.0, false, List.of(), i % 7 == 0, Optional.empty()));
        }

        ModelReport big =
                ModelReports.build(ModelReportFixtures.judged(), many, 0.01, Optional.empty(), Optional.empty());

        assertThat(big.roc()).hasSizeLessThan(3_000);
        assertThat(big.roc().get(big.roc().size() - 1)).isEqualTo(new CurvePoint(1, 1));
    }

    @Test
    void ranksTheSupervisedModelsInputsByTheirTotalCoverAndSaysSo() {
        List<InputImportance> inputs = report.importance().orElseThrow().inputs();

        assertThat(inputs).extracting(InputImportance::input).containsExactly("amount", "hour_of_day", "is_card");
        assertThat(inputs).extracting(InputImportance::value).containsExactly(190.0, 40.0, 0.0);
        assertThat(inputs).extracting(InputImportance::splits).containsExactly(2L, 1L, 0L);
        assertThat(inputs.get(0).share()).isCloseTo(190.0 / 230, within(1e-12));
        assertThat(report.importance().orElseThrow().measure()).startsWith("Total cover");
    }

    @Test
    void describesTheSupervisedModelItWasGivenWithItsVersionInputsAndCalibration() {
        ModelReport.ModelDescription model = report.models().get(0);

        assertThat(model.version()).isEqualTo("sl-0123456789ab");
        assertThat(model.inputs()).containsExactly("amount", "hour_of_day", "is_card");
        assertThat(model.facts()).extracting(ModelReport.Fact::name).contains("Trees", "Calibration (validation rows)");
    }

    @Test
    void refusesToReportOnNoDecisions() {
        assertThatThrownBy(() -> ModelReports.build(
                        ModelReportFixtures.judged(), List.of(), 0.01, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one judged decision");
    }
}

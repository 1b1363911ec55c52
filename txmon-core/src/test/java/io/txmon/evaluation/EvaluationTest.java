package io.txmon.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static Outcome ordinary(double score) {
        return new Outcome(score, false, List.of(), false, Optional.empty());
    }

    private static Outcome suspicious(double score, boolean flagged, String typology, String... codes) {
        return new Outcome(score, flagged, List.of(codes), true, Optional.of(typology));
    }

    @Test
    void measuresAlertsAtTheBudgetAndInTheFlaggedSet() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 196; i++) {
            outcomes.add(ordinary(0.1));
        }
        outcomes.add(new Outcome(0.95, true, List.of("HIGH_AMOUNT"), false, Optional.empty()));
        outcomes.add(suspicious(0.9, true, "FAN_IN", "FAN_IN"));
        outcomes.add(suspicious(0.8, true, "FAN_IN", "FAN_IN", "HIGH_AMOUNT"));
        outcomes.add(suspicious(0.05, false, "STRUCTURING"));

        DetectionReport report = Evaluation.of(outcomes, 0.01);

        assertThat(report.transactions()).isEqualTo(200);
        assertThat(report.suspicious()).isEqualTo(3);
        assertThat(report.atBudget().alerts()).isEqualTo(2);
        assertThat(report.atBudget().precision()).isEqualTo(0.5);
        assertThat(report.atBudget().recall()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(report.flagged().alerts()).isEqualTo(3);
        assertThat(report.flagged().precision()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(report.typologies())
                .containsExactly(
                        new DetectionReport.TypologyRecall("FAN_IN", 2, 0.5, 1.0),
                        new DetectionReport.TypologyRecall("STRUCTURING", 1, 0.0, 0.0));
        assertThat(report.reasons())
                .containsExactly(
                        new DetectionReport.ReasonPrecision("FAN_IN", 2, 1.0),
                        new DetectionReport.ReasonPrecision("HIGH_AMOUNT", 2, 0.5));
        assertThat(report.rocAuc()).isBetween(0.0, 1.0);
    }

    @Test
    void sharesTheLastPlacesOfTheBudgetAmongTiedScores() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            outcomes.add(i < 25 ? suspicious(0.5, true, "CYCLE") : ordinary(0.5));
        }

        DetectionReport report = Evaluation.of(outcomes, 0.1);

        assertThat(report.atBudget().alerts()).isCloseTo(10, within(1e-9));
        assertThat(report.atBudget().precision()).isCloseTo(0.25, within(1e-9));
        assertThat(report.rocAuc()).isEqualTo(0.5);
    }

    @Test
    void leavesRankingQualityUndefinedWithoutBothClasses() {
        DetectionReport report = Evaluation.of(List.of(ordinary(0.2), ordinary(0.3)), 0.5);

        assertThat(report.rocAuc()).isNaN();
        assertThat(report.atBudget().recall()).isNaN();
    }

    @Test
    void refusesABudgetOutsideZeroToOne() {
        assertThatThrownBy(() -> Evaluation.of(List.of(), 1.5)).hasMessageContaining("budget");
    }
}

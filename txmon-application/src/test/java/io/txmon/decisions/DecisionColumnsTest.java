package io.txmon.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.scoring.Decision;
import io.txmon.scoring.ModelOpinion;
import io.txmon.scoring.Reason;
import io.txmon.scoring.ReasonSource;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionColumnsTest {
    private static final Instant DECIDED = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void storesTheRiskScoreWithFourDecimalsRoundedHalfUp() {
        assertThat(DecisionColumns.riskScore(decision(0.12345, Optional.empty()))
                        .toPlainString())
                .isEqualTo("0.1235");
        assertThat(DecisionColumns.riskScore(decision(0.7, Optional.empty())).toPlainString())
                .isEqualTo("0.7000");
    }

    @Test
    void aStoredDecisionKeepsTheCodesLevelRecommendationVersionsAndPlaceOfTheDecision() {
        Decision decision = decision(0.91, Optional.of(new ModelOpinion("if-0a92cbd210fe", 0.73, 0.4)));

        StoredDecision stored = DecisionColumns.stored(decision, 42);

        assertThat(stored.transactionId()).isEqualTo("tx-1");
        assertThat(stored.sequenceNumber()).isEqualTo(42);
        assertThat(stored.riskLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(stored.recommendation()).isEqualTo(Recommendation.BLOCK);
        assertThat(stored.reasonCodes()).containsExactly("HUGE_TRANSFER", "ML_AMOUNT_DEVIATION");
        assertThat(stored.ruleSetVersion()).isEqualTo("4254cb99710261f2");
        assertThat(stored.modelVersion()).contains("if-0a92cbd210fe");
        assertThat(stored.anomalyScore()).contains(0.73);
        assertThat(stored.reviewThreshold()).contains(new BigDecimal("0.6000"));
        assertThat(stored.opensAlert()).isTrue();
    }

    @Test
    void writesTheRowInTheOrderOfItsInsertedColumns() {
        StoredDecision stored = DecisionColumns.stored(decision(0.91, Optional.empty()), 7);

        Object[] row = DecisionColumns.row(stored, DECIDED);

        assertThat(row).hasSameSizeAs(DecisionColumns.INSERTED.toArray());
        assertThat(row)
                .containsExactly(
                        7L,
                        stored.riskScore(),
                        "HIGH",
                        "BLOCK",
                        "HUGE_TRANSFER;ML_AMOUNT_DEVIATION",
                        "4254cb99710261f2",
                        null,
                        null,
                        new BigDecimal("0.6000"),
                        DECIDED);
    }

    private static Decision decision(double riskScore, Optional<ModelOpinion> model) {
        return new Decision(
                "tx-1",
                riskScore,
                RiskLevel.HIGH,
                Recommendation.BLOCK,
                List.of(
                        new Reason("HUGE_TRANSFER", ReasonSource.RULE, "a transfer above 50,000", 0.6),
                        new Reason("ML_AMOUNT_DEVIATION", ReasonSource.MODEL, "amount unlike the account's", 0.3)),
                "4254cb99710261f2",
                model);
    }
}

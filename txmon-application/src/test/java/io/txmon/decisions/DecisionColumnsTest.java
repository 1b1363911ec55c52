package io.txmon.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.scoring.Decision;
import io.txmon.scoring.ModelOpinion;
import io.txmon.scoring.Reason;
import io.txmon.scoring.ReasonSource;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import io.txmon.scoring.SupervisedOpinion;
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
                        null,
                        null,
                        DECIDED);
    }

    @Test
    void aDecisionOfTheSupervisedModelKeepsItsVersionAndItsProbabilityRoundedAsDecisionFilesRoundIt() {
        Decision decision = supervised(0.91, new SupervisedOpinion("sl-7c1e", 0.12345, 0.5));

        StoredDecision stored = DecisionColumns.stored(decision, 9);
        Object[] row = DecisionColumns.row(stored, DECIDED);

        assertThat(stored.supervisedModelVersion()).contains("sl-7c1e");
        // Half even, as DecisionFiles writes fraud_probability: 0.12345 is 0.1234 there, not the risk score's 0.1235.
        assertThat(stored.fraudProbability()).contains(new BigDecimal("0.1234"));
        int version = DecisionColumns.INSERTED.indexOf("supervised_model_version");
        assertThat(row[version]).isEqualTo("sl-7c1e");
        assertThat(row[DecisionColumns.INSERTED.indexOf("fraud_probability")]).isEqualTo(new BigDecimal("0.1234"));
    }

    @Test
    void aDecisionWithoutASupervisedModelStoresNeitherVersionNorProbability() {
        StoredDecision stored = DecisionColumns.stored(decision(0.4, Optional.empty()), 3);

        assertThat(stored.supervisedModelVersion()).isEmpty();
        assertThat(stored.fraudProbability()).isEmpty();
    }

    @Test
    void refusesAStoredDecisionWithAProbabilityButNoSupervisedModel() {
        StoredDecision stored = DecisionColumns.stored(decision(0.4, Optional.empty()), 3);

        assertThatThrownBy(() -> new StoredDecision(
                        stored.transactionId(),
                        stored.sequenceNumber(),
                        stored.riskScore(),
                        stored.riskLevel(),
                        stored.recommendation(),
                        stored.reasonCodes(),
                        stored.ruleSetVersion(),
                        stored.modelVersion(),
                        stored.anomalyScore(),
                        stored.reviewThreshold(),
                        Optional.empty(),
                        Optional.of(new BigDecimal("0.5000"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fraudProbability");
    }

    private static Decision supervised(double riskScore, SupervisedOpinion opinion) {
        Decision plain = decision(riskScore, Optional.empty());
        return new Decision(
                plain.transactionId(),
                plain.riskScore(),
                plain.riskLevel(),
                plain.recommendation(),
                plain.reasons(),
                plain.ruleSetVersion(),
                plain.model(),
                Optional.of(opinion),
                plain.reviewThreshold());
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

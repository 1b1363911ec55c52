package io.txmon.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.txmon.boosting.BoostedTrees;
import io.txmon.boosting.RegressionTree;
import io.txmon.boosting.SupervisedModel;
import io.txmon.features.Feature;
import io.txmon.features.FeatureSettings;
import io.txmon.features.FeatureTracker;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.model.ModelInput;
import io.txmon.model.ScoreCalibration;
import io.txmon.rules.DecisionThresholds;
import io.txmon.rules.RuleDefinition;
import io.txmon.rules.RuleSet;
import io.txmon.rules.RuleSetDefinition;
import io.txmon.testkit.Instants;
import io.txmon.testkit.Transactions;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecisionEngineTest {
    private static final RuleDefinition HIGH_AMOUNT =
            new RuleDefinition("HIGH_AMOUNT", "HIGH_AMOUNT", "Amount above 10,000", 0.5, true, "amount > 10000");
    private static final RuleDefinition NIGHT = new RuleDefinition(
            "UNUSUAL_HOUR", "UNUSUAL_HOUR", "2 to 5 AM", 0.3, true, "hour_of_day >= 2.0 && hour_of_day < 5.0");

    private static RuleSet rules(RuleDefinition... definitions) {
        return RuleSet.compile(RuleSetDefinition.of("test", List.of(definitions)));
    }

    private static double[] features(double amount, int hour) {
        double[] f = FeatureTracker.newVector();
        f[Feature.AMOUNT.ordinal()] = amount;
        f[Feature.HOUR_OF_DAY.ordinal()] = hour;
        return f;
    }

    /**
     * Two thousand card payments with log-normal amounts (median 33, rarely over 500), as everyday spending
     * is: the largest are few and easy to isolate, and anything beyond them is cut off with them.
     */
    private static List<Transaction> everydayPayments() {
        Transactions tx = new Transactions();
        Random random = new Random(9);
        List<Transaction> history = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            BigDecimal amount = BigDecimal.valueOf(Math.exp(3.5 + 0.8 * random.nextGaussian()))
                    .setScale(2, RoundingMode.HALF_UP);
            history.add(tx.card(
                            "acct-" + random.nextInt(100),
                            Instants.minutes(Instants.WEDNESDAY_3PM, i * 7L),
                            amount.toPlainString(),
                            "Mumbai")
                    .build());
        }
        return history;
    }

    @Test
    void approvesWithNoReasonsWhenNoRuleFiresAndThereIsNoModel() {
        Decision decision =
                new DecisionEngine(rules(HIGH_AMOUNT, NIGHT), Optional.empty()).decide("t1", features(5000, 15));

        assertThat(decision.riskScore()).isZero();
        assertThat(decision.riskLevel()).isEqualTo(RiskLevel.LOW);
        assertThat(decision.recommendation()).isEqualTo(Recommendation.APPROVE);
        assertThat(decision.reasonCodes()).isEmpty();
        assertThat(decision.model()).isEmpty();
    }

    @Test
    void combinesFiredRulesAsIndependentEvidenceStrongestFirst() {
        RuleSet ruleSet = rules(NIGHT, HIGH_AMOUNT);
        Decision decision = new DecisionEngine(ruleSet, Optional.empty()).decide("t1", features(20_000, 3));

        assertThat(decision.riskScore()).isCloseTo(1 - 0.5 * 0.7, within(1e-12));
        assertThat(decision.riskLevel()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(decision.recommendation()).isEqualTo(Recommendation.REVIEW);
        assertThat(decision.reasonCodes()).containsExactly("HIGH_AMOUNT", "UNUSUAL_HOUR");
        assertThat(decision.ruleSetVersion()).isEqualTo(ruleSet.version());
    }

    @Test
    void citesAFiredRuleByItsReasonCodeDescriptionAndWeight() {
        Decision decision =
                new DecisionEngine(rules(HIGH_AMOUNT, NIGHT), Optional.empty()).decide("t1", features(20_000, 15));

        assertThat(decision.reasons())
                .containsExactly(new Reason("HIGH_AMOUNT", ReasonSource.RULE, "Amount above 10,000", 0.5));
    }

    @Test
    void reportsEachReasonCodeOnceEvenWhenTwoRulesShareIt() {
        RuleDefinition alsoHigh =
                new RuleDefinition("VERY_HIGH", "HIGH_AMOUNT", "Amount above 50,000", 0.6, true, "amount > 50000");
        Decision decision =
                new DecisionEngine(rules(HIGH_AMOUNT, alsoHigh), Optional.empty()).decide("t1", features(90_000, 15));

        assertThat(decision.reasonCodes()).containsExactly("HIGH_AMOUNT");
        assertThat(decision.reasons()).hasSize(2);
    }

    @Test
    void theDecisionPlacesAmountsAmongTheModelsPopulationAndWithoutAModelLeavesTheFixedLimitAlone() {
        RuleDefinition unusuallyHigh = new RuleDefinition(
                "HIGH_AMOUNT",
                "HIGH_AMOUNT",
                "Amount above 100, unusual for the population",
                0.5,
                true,
                "amount > 100.0 && amount_population_pct >= 0.99");
        AnomalyModel model = AnomalyModelTrainer.builder(1)
                .build()
                .train(everydayPayments(), Account::unknown, FeatureSettings.DEFAULTS);
        DecisionEngine withModel = new DecisionEngine(rules(unusuallyHigh), Optional.of(model));
        DecisionEngine withoutModel = new DecisionEngine(rules(unusuallyHigh), Optional.empty());

        double[] ordinary = features(40, 12);
        double[] commonAboveTheLimit = features(120, 12);
        double[] beyondEveryone = features(5_000, 12);
        Decision ordinaryDecision = withModel.decide("t1", ordinary);
        Decision common = withModel.decide("t2", commonAboveTheLimit);
        Decision beyond = withModel.decide("t3", beyondEveryone);
        double[] noModel = features(120, 12);
        Decision limitAlone = withoutModel.decide("t4", noModel);

        assertThat(ordinary[Feature.AMOUNT_POPULATION_PCT.ordinal()]).isBetween(0.3, 0.7);
        assertThat(ordinaryDecision.reasonCodes()).doesNotContain("HIGH_AMOUNT");
        assertThat(commonAboveTheLimit[Feature.AMOUNT_POPULATION_PCT.ordinal()]).isLessThan(0.99);
        assertThat(common.reasonCodes()).doesNotContain("HIGH_AMOUNT");
        assertThat(beyondEveryone[Feature.AMOUNT_POPULATION_PCT.ordinal()]).isEqualTo(1.0);
        assertThat(beyond.reasonCodes()).contains("HIGH_AMOUNT");
        assertThat(noModel[Feature.AMOUNT_POPULATION_PCT.ordinal()]).isEqualTo(1.0);
        assertThat(limitAlone.reasonCodes()).contains("HIGH_AMOUNT");
    }

    @Test
    void aModelOpinionIsRecordedWithItsVersionAndExplainedWhenItMatters() {
        AnomalyModel model = AnomalyModelTrainer.builder(1)
                .inputs(List.of(ModelInput.higherLog(Feature.AMOUNT), ModelInput.raw(Feature.HOUR_OF_DAY)))
                .build()
                .train(everydayPayments(), Account::unknown, FeatureSettings.DEFAULTS);
        DecisionEngine engine = new DecisionEngine(rules(HIGH_AMOUNT), Optional.of(model));

        Decision ordinary = engine.decide("t1", features(40, 12));
        Decision extreme = engine.decide("t2", features(900_000, 12));

        assertThat(ordinary.model())
                .get()
                .extracting(ModelOpinion::modelVersion)
                .isEqualTo(model.version());
        assertThat(ordinary.model().get().risk())
                .isLessThan(extreme.model().get().risk());
        assertThat(ordinary.reasonCodes()).doesNotContain("ML_AMOUNT_DEVIATION");
        assertThat(extreme.reasonCodes()).containsExactlyInAnyOrder("HIGH_AMOUNT", "ML_AMOUNT_DEVIATION");
        assertThat(extreme.reasons())
                .isSortedAccordingTo(Comparator.comparingDouble(Reason::weight).reversed());
        assertThat(extreme.riskScore()).as("the model adds to the rule's 0.5").isGreaterThan(0.7);
        assertThat(extreme.riskLevel()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void theAnomalyScoreIsAFeatureRulesCanReadAndZeroWithoutAModel() {
        AnomalyModel model = AnomalyModelTrainer.builder(1)
                .inputs(List.of(ModelInput.higherLog(Feature.AMOUNT)))
                .build()
                .train(everydayPayments(), Account::unknown, FeatureSettings.DEFAULTS);
        RuleDefinition isolated = new RuleDefinition(
                "ISOLATED", "ISOLATED", "The forest isolates it at once", 0.2, true, "anomaly_score > 0.7");
        double[] extreme = features(900_000, 12);
        double[] ordinary = features(40, 12);

        Decision flagged = new DecisionEngine(rules(isolated), Optional.of(model)).decide("t1", extreme);
        Decision calm = new DecisionEngine(rules(isolated), Optional.of(model)).decide("t2", ordinary);
        double[] withoutModel = features(900_000, 12);
        withoutModel[Feature.ANOMALY_SCORE.ordinal()] = 0.99;
        Decision noModel = new DecisionEngine(rules(isolated), Optional.empty()).decide("t3", withoutModel);

        assertThat(extreme[Feature.ANOMALY_SCORE.ordinal()])
                .isEqualTo(flagged.model().orElseThrow().anomalyScore());
        assertThat(flagged.reasonCodes()).contains("ISOLATED");
        assertThat(calm.reasonCodes()).doesNotContain("ISOLATED");
        assertThat(withoutModel[Feature.ANOMALY_SCORE.ordinal()])
                .as("no stale score survives")
                .isZero();
        assertThat(noModel.reasonCodes()).isEmpty();
    }

    @Test
    void theModelAloneCanAskForReviewButNeverBlock() {
        AnomalyModel model = AnomalyModelTrainer.builder(1)
                .inputs(List.of(ModelInput.higherLog(Feature.AMOUNT)))
                .build()
                .train(everydayPayments(), Account::unknown, FeatureSettings.DEFAULTS);

        Decision extreme = new DecisionEngine(rules(HIGH_AMOUNT.withEnabled(false)), Optional.of(model))
                .decide("t1", features(900_000, 12));

        assertThat(extreme.recommendation()).isEqualTo(Recommendation.REVIEW);
        assertThat(extreme.riskScore()).isLessThan(DecisionThresholds.DEFAULT_BLOCK_AT);
        assertThat(extreme.reasons()).extracting(Reason::source).containsOnly(ReasonSource.MODEL);
    }

    /**
     * A supervised model of one tree: a payment over 1,000 at a terminal with known fraud is fraud with probability
     * 0.95, anything else 0.02; calibrated so that 0.02 is ordinary and 0.5 is the alert line.
     */
    private static SupervisedModel terminalModel() {
        RegressionTree tree = new RegressionTree(
                new int[] {1, -1, 0, -1, -1},
                new float[] {0.5f, 0, 1000f, 0, 0},
                new int[] {1, -1, 3, -1, -1},
                new int[] {2, -1, 4, -1, -1},
                new boolean[] {true, false, false, false, false},
                new float[] {0, (float) logit(0.02), 0, (float) logit(0.02), (float) logit(0.95)},
                new float[] {100, 50, 50, 10, 40});
        return new SupervisedModel(
                "sl-test",
                new BoostedTrees(List.of(tree), 0, 2),
                List.of(Feature.AMOUNT, Feature.MERCHANT_FRAUD_SHARE_30D),
                new ScoreCalibration(0.02, 0.5, 0.99));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    @Test
    void aSupervisedModelJoinsAsEvidenceAndExplainsTheAlertItDrivesWithSupervisedReasons() {
        DecisionEngine engine =
                new DecisionEngine(rules(HIGH_AMOUNT, NIGHT), Optional.empty(), Optional.of(terminalModel()));
        double[] compromised = features(5000, 15);
        compromised[Feature.MERCHANT_FRAUD_SHARE_30D.ordinal()] = 0.8;

        Decision flagged = engine.decide("t1", compromised);
        Decision ordinary = engine.decide("t2", features(5000, 15));

        assertThat(flagged.supervised()).hasValueSatisfying(opinion -> {
            assertThat(opinion.modelVersion()).isEqualTo("sl-test");
            assertThat(opinion.probability()).isCloseTo(0.95, within(1e-6));
        });
        assertThat(flagged.recommendation()).isEqualTo(Recommendation.REVIEW);
        assertThat(flagged.reasons())
                .extracting(Reason::code)
                .containsExactly("SL_MERCHANT_RISK", "SL_AMOUNT_DEVIATION");
        assertThat(flagged.reasons()).extracting(Reason::source).containsOnly(ReasonSource.SUPERVISED);
        assertThat(ordinary.supervised().orElseThrow().risk())
                .as("the ordinary probability is ordinary risk")
                .isCloseTo(0.1, within(1e-6));
        assertThat(ordinary.reasons()).isEmpty();
    }

    @Test
    void withoutASupervisedModelTheDecisionIsExactlyAsBefore() {
        RuleSet rules = rules(HIGH_AMOUNT, NIGHT);
        double[] f = features(20_000, 3);

        Decision without = new DecisionEngine(rules, Optional.empty()).decide("t1", f);
        Decision explicitlyNone = new DecisionEngine(rules, Optional.empty(), Optional.empty()).decide("t1", f);

        assertThat(explicitlyNone).isEqualTo(without);
        assertThat(without.supervised()).isEmpty();
    }
}

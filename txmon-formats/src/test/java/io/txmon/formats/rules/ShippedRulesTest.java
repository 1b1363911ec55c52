package io.txmon.formats.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.features.Feature;
import io.txmon.features.FeatureSettings;
import io.txmon.features.PopulationMeasure;
import io.txmon.features.PopulationProfile;
import io.txmon.rules.AlertBudget;
import io.txmon.rules.DecisionThresholds;
import io.txmon.rules.Rule;
import io.txmon.rules.RuleSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped rule sets, tried on the situations each rule is for: a scenario that must fire the rule
 * and a near miss that must not, starting from an ordinary card payment that fires nothing.
 */
class ShippedRulesTest {
    private static final RuleSet DEFAULTS = RuleFile.defaults();
    private static final RuleSet SEED_BASELINE = RuleFile.seedBaseline();

    /** A lunchtime card payment by an established customer with regular habits. */
    private static Scenario ordinaryCardPayment() {
        return new Scenario()
                .with(Feature.AMOUNT, 42.5)
                .with(Feature.LOG_AMOUNT, Math.log1p(42.5))
                .with(Feature.HOUR_OF_DAY, 13)
                .with(Feature.IS_CARD, 1)
                .with(Feature.IS_POS, 1)
                .with(Feature.TX_COUNT_1M, 1)
                .with(Feature.TX_SUM_1M, 42.5)
                .with(Feature.TX_COUNT_5M, 1)
                .with(Feature.TX_SUM_5M, 42.5)
                .with(Feature.TX_COUNT_1H, 1)
                .with(Feature.TX_SUM_1H, 42.5)
                .with(Feature.TX_COUNT_24H, 3)
                .with(Feature.TX_SUM_24H, 160)
                .with(Feature.TX_COUNT_30D, 64)
                .with(Feature.TX_SUM_30D, 3_900)
                .with(Feature.VELOCITY_RATIO_24H, 1.4)
                .with(Feature.SECONDS_SINCE_PREV_TX, 5_400)
                .with(Feature.PRIOR_TX_COUNT, 410)
                .with(Feature.AMOUNT_MEAN_30D, 61)
                .with(Feature.AMOUNT_STD_30D, 48)
                .with(Feature.AMOUNT_ZSCORE_30D, -0.39)
                .with(Feature.AMOUNT_TO_MAX_30D, 0.17)
                .with(Feature.AMOUNT_ZSCORE_MERCHANT_TYPE, 0.2)
                .with(Feature.DISTINCT_CITIES_1M, 1)
                .with(Feature.DISTINCT_CITIES_1H, 1)
                .with(Feature.DISTINCT_MERCHANTS_1H, 1)
                .with(Feature.HOUR_FREQUENCY, 0.09)
                .with(Feature.HOUR_ENTROPY, 3.6)
                .with(Feature.DAYS_SINCE_LAST_ACTIVITY, 0.06)
                .with(Feature.ACCOUNT_AGE_DAYS, 1_460)
                .with(Feature.BALANCE, 3_250)
                .with(Feature.IN_COUNT_24H, 0)
                .with(Feature.OUT_COUNT_24H, 3)
                .with(Feature.OUT_SUM_24H, 160)
                .with(Feature.IN_COUNT_RATIO_24H, 0);
    }

    /** A transfer between two established private accounts. */
    private static Scenario ordinaryTransfer() {
        return ordinaryCardPayment()
                .with(Feature.IS_CARD, 0)
                .with(Feature.IS_POS, 0)
                .with(Feature.IS_TRANSFER, 1)
                .with(Feature.IS_ONLINE, 1)
                .with(Feature.AMOUNT, 300)
                .with(Feature.FAN_OUT_24H, 1)
                .with(Feature.FAN_OUT_48H, 1)
                .with(Feature.CP_PRIOR_TX_COUNT, 250)
                .with(Feature.CP_ACCOUNT_AGE_DAYS, 900)
                .with(Feature.CP_DAYS_SINCE_LAST_ACTIVITY, 1)
                .with(Feature.CP_BALANCE, 5_300)
                .with(Feature.CP_IN_COUNT_24H, 1)
                .with(Feature.CP_IN_SUM_24H, 300)
                .with(Feature.CP_IN_COUNT_RATIO_24H, 1)
                .with(Feature.CP_FAN_IN_24H, 1)
                .with(Feature.CP_FAN_IN_48H, 1);
    }

    /** A rule, a situation it is written for, and one just short of it. */
    record Case(String ruleId, Scenario fires, Scenario nearMiss) {
        @Override
        public String toString() {
            return ruleId;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(
                "HIGH_AMOUNT",
                ordinaryCardPayment().with(Feature.AMOUNT, 10_000.01),
                ordinaryCardPayment().with(Feature.AMOUNT, 10_000)));
        cases.add(new Case(
                "VELOCITY_MULTI_CITY",
                ordinaryCardPayment().with(Feature.TX_COUNT_1M, 4).with(Feature.DISTINCT_CITIES_1M, 2),
                ordinaryCardPayment().with(Feature.TX_COUNT_1M, 3).with(Feature.DISTINCT_CITIES_1M, 2)));
        cases.add(new Case(
                "UNUSUAL_HOUR",
                ordinaryCardPayment().with(Feature.HOUR_OF_DAY, 4),
                ordinaryCardPayment().with(Feature.HOUR_OF_DAY, 5)));
        cases.add(new Case(
                "HIGH_DAILY_VOLUME",
                ordinaryCardPayment().with(Feature.OUT_SUM_24H, 100_000.5),
                ordinaryCardPayment().with(Feature.OUT_SUM_24H, 100_000).with(Feature.TX_COUNT_24H, 100)));
        cases.add(new Case(
                "HIGH_DAILY_HOUR_VOLUME",
                ordinaryCardPayment().with(Feature.TX_COUNT_1H, 21),
                ordinaryCardPayment().with(Feature.TX_COUNT_1H, 20)));
        cases.add(new Case(
                "NEW_ACCOUNT_HIGH_BALANCE",
                ordinaryTransfer().with(Feature.CP_ACCOUNT_AGE_DAYS, 3).with(Feature.CP_BALANCE, 75_000),
                ordinaryTransfer().with(Feature.CP_ACCOUNT_AGE_DAYS, 7).with(Feature.CP_BALANCE, 75_000)));
        cases.add(new Case(
                "ACCOUNT_OUTLIER",
                ordinaryCardPayment().with(Feature.AMOUNT_ZSCORE_30D, 3.2),
                ordinaryCardPayment().with(Feature.AMOUNT_ZSCORE_30D, 3)));
        cases.add(new Case(
                "HIGH_VALUE",
                ordinaryCardPayment().with(Feature.AMOUNT, 2_400).with(Feature.AMOUNT_TO_MAX_30D, 3.2),
                ordinaryCardPayment().with(Feature.AMOUNT, 900).with(Feature.AMOUNT_TO_MAX_30D, 3.2)));
        cases.add(new Case(
                "RAPID_TRANSACTIONS",
                ordinaryCardPayment()
                        .with(Feature.SECONDS_SINCE_PREV_TX, 25)
                        .with(Feature.TX_COUNT_5M, 3)
                        .with(Feature.VELOCITY_RATIO_24H, 3.5),
                ordinaryCardPayment()
                        .with(Feature.SECONDS_SINCE_PREV_TX, 25)
                        .with(Feature.TX_COUNT_5M, 3)
                        .with(Feature.VELOCITY_RATIO_24H, 1.5)));
        cases.add(new Case(
                "STRUCTURING",
                cashDeposit(9_500).with(Feature.NEAR_THRESHOLD_DEPOSITS_7D, 3),
                cashDeposit(9_500).with(Feature.NEAR_THRESHOLD_DEPOSITS_7D, 2)));
        cases.add(new Case(
                "CARD_TESTING",
                ordinaryCardPayment()
                        .with(Feature.AMOUNT, 1)
                        .with(Feature.SMALL_TX_COUNT_1H, 3)
                        .with(Feature.DISTINCT_MERCHANTS_1H, 3),
                ordinaryCardPayment()
                        .with(Feature.AMOUNT, 1)
                        .with(Feature.SMALL_TX_COUNT_1H, 3)
                        .with(Feature.DISTINCT_MERCHANTS_1H, 2)));
        cases.add(new Case(
                "CLONED_CARD",
                ordinaryCardPayment().with(Feature.CITY_CHANGES_24H, 2).with(Feature.IS_RECENT_CITY, 1),
                ordinaryCardPayment().with(Feature.CITY_CHANGES_24H, 1).with(Feature.IS_RECENT_CITY, 1)));
        cases.add(new Case(
                "ACCOUNT_TAKEOVER",
                ordinaryTransfer()
                        .with(Feature.IS_RECENT_DEVICE, 1)
                        .with(Feature.IS_RECENT_CITY, 1)
                        .with(Feature.DRAIN_24H, 0.7),
                ordinaryTransfer().with(Feature.IS_RECENT_DEVICE, 1).with(Feature.DRAIN_24H, 0.7)));
        cases.add(new Case(
                "MULE_PASS_THROUGH",
                ordinaryTransfer()
                        .with(Feature.AMOUNT, 2_400)
                        .with(Feature.PASS_THROUGH_24H, 0.95)
                        .with(Feature.AMOUNT_TO_MAX_30D, 4),
                ordinaryTransfer()
                        .with(Feature.AMOUNT, 2_400)
                        .with(Feature.PASS_THROUGH_24H, 0.95)
                        .with(Feature.AMOUNT_TO_MAX_30D, 1.2)));
        cases.add(new Case(
                "FAN_IN",
                ordinaryTransfer().with(Feature.CP_FAN_IN_24H, 8).with(Feature.CP_IN_COUNT_RATIO_24H, 6),
                ordinaryTransfer()
                        .with(Feature.CP_FAN_IN_24H, 8)
                        .with(Feature.CP_IN_COUNT_RATIO_24H, 6)
                        .with(Feature.CP_IS_BUSINESS, 1)));
        cases.add(new Case(
                "FAN_OUT",
                ordinaryTransfer()
                        .with(Feature.FAN_OUT_24H, 6)
                        .with(Feature.IS_NEW_COUNTERPARTY, 1)
                        .with(Feature.VELOCITY_RATIO_24H, 4),
                ordinaryTransfer()
                        .with(Feature.FAN_OUT_24H, 6)
                        .with(Feature.IS_NEW_COUNTERPARTY, 1)
                        .with(Feature.VELOCITY_RATIO_24H, 1.5)));
        cases.add(new Case(
                "ROUND_TRIP",
                ordinaryTransfer().with(Feature.AMOUNT, 4_000).with(Feature.CP_SENT_SIMILAR_7D, 1),
                ordinaryTransfer().with(Feature.CP_SENT_SIMILAR_7D, 1)));
        cases.add(new Case(
                "FUNDS_DRAINED",
                ordinaryTransfer().with(Feature.AMOUNT, 3_000).with(Feature.DRAIN_24H, 0.9),
                ordinaryTransfer().with(Feature.AMOUNT, 3_000).with(Feature.DRAIN_24H, 0.7)));
        cases.add(new Case(
                "DORMANT_REACTIVATION",
                ordinaryCardPayment().with(Feature.DAYS_SINCE_LAST_ACTIVITY, 240),
                ordinaryCardPayment().with(Feature.DAYS_SINCE_LAST_ACTIVITY, 90)));
        cases.add(new Case(
                "NEW_COUNTERPARTY_LARGE_AMOUNT",
                ordinaryTransfer().with(Feature.IS_NEW_COUNTERPARTY, 1).with(Feature.AMOUNT_TO_MAX_30D, 2.5),
                ordinaryTransfer().with(Feature.IS_NEW_COUNTERPARTY, 1).with(Feature.AMOUNT_TO_MAX_30D, 1.2)));
        cases.add(new Case(
                "VELOCITY_SPIKE",
                ordinaryCardPayment().with(Feature.TX_COUNT_24H, 18).with(Feature.VELOCITY_RATIO_24H, 6),
                ordinaryCardPayment().with(Feature.TX_COUNT_24H, 18).with(Feature.VELOCITY_RATIO_24H, 2)));
        cases.add(new Case(
                "UNUSUAL_HOUR_FOR_ACCOUNT",
                ordinaryCardPayment()
                        .with(Feature.HOUR_OF_DAY, 23)
                        .with(Feature.HOUR_FREQUENCY, 0.004)
                        .with(Feature.HOUR_ENTROPY, 2.4),
                ordinaryCardPayment()
                        .with(Feature.HOUR_OF_DAY, 23)
                        .with(Feature.HOUR_FREQUENCY, 0.004)
                        .with(Feature.HOUR_ENTROPY, 4.1)));
        cases.add(new Case(
                "UNUSUAL_AMOUNT_FOR_MERCHANT_TYPE",
                ordinaryCardPayment().with(Feature.AMOUNT_ZSCORE_MERCHANT_TYPE, 4.5),
                ordinaryCardPayment().with(Feature.AMOUNT_ZSCORE_MERCHANT_TYPE, 2.5)));
        return cases.stream();
    }

    private static Scenario cashDeposit(double amount) {
        return ordinaryCardPayment()
                .with(Feature.IS_CARD, 0)
                .with(Feature.IS_POS, 0)
                .with(Feature.IS_CASH_IN, 1)
                .with(Feature.IS_BRANCH, 1)
                .with(Feature.AMOUNT, amount)
                .with(Feature.IN_COUNT_24H, 1)
                .with(Feature.IN_SUM_24H, amount)
                .with(Feature.NEAR_THRESHOLD_DEPOSIT_SUM_7D, amount);
    }

    private static List<String> firing(RuleSet rules, Scenario scenario) {
        return rules.matching(scenario.vector()).stream().map(Rule::id).toList();
    }

    @Test
    void anOrdinaryCardPaymentOrTransferFiresNoRule() {
        for (RuleSet rules : List.of(DEFAULTS, SEED_BASELINE)) {
            assertThat(firing(rules, ordinaryCardPayment())).as(rules.name()).isEmpty();
            assertThat(firing(rules, ordinaryTransfer())).as(rules.name()).isEmpty();
            assertThat(firing(rules, cashDeposit(400))).as(rules.name()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachDefaultRuleFiresInItsSituationAndNotJustShortOfIt(Case example) {
        assertThat(firing(DEFAULTS, example.fires())).contains(example.ruleId());
        assertThat(firing(DEFAULTS, example.nearMiss())).doesNotContain(example.ruleId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRuleWithAFixedCountOrAmountHoldsItsFireWhenTheValueIsCommonInThePopulation(Case example) {
        Rule rule = DEFAULTS.rules().stream()
                .filter(r -> r.id().equals(example.ruleId()))
                .findFirst()
                .orElseThrow();
        Scenario common = example.fires().copy();
        for (PopulationMeasure measure : PopulationMeasure.values()) {
            common.with(measure.percentile(), 0.98);
        }

        if (rule.condition().source().contains("_population_pct")) {
            assertThat(firing(DEFAULTS, common)).doesNotContain(example.ruleId());
        } else {
            assertThat(firing(DEFAULTS, common)).contains(example.ruleId());
        }
    }

    @Test
    void theRulesTheSeedsWroteWithFixedLimitsAlsoAskForTheValueToBeUnusualForThePopulation() {
        assertThat(DEFAULTS.rules())
                .filteredOn(rule -> rule.condition().source().contains("_population_pct"))
                .extracting(Rule::id)
                .containsExactly(
                        "HIGH_AMOUNT",
                        "VELOCITY_MULTI_CITY",
                        "HIGH_DAILY_VOLUME",
                        "HIGH_DAILY_HOUR_VOLUME",
                        "NEW_ACCOUNT_HIGH_BALANCE",
                        "RAPID_TRANSACTIONS",
                        "FAN_IN",
                        "FAN_OUT",
                        "VELOCITY_SPIKE");
        assertThat(DEFAULTS.parameters()).containsEntry("unusual_share", 0.99);
    }

    @Test
    void everyDefaultRuleHasASituationInThisTest() {
        assertThat(cases().map(Case::ruleId))
                .containsExactlyElementsOf(
                        DEFAULTS.rules().stream().map(Rule::id).toList());
    }

    /**
     * The seed baseline is the seeds' approach, fixed limits alone; the defaults add the population to some of its
     * rules. Where no model places values among the population (every percentile 1), both fire alike.
     */
    @Test
    void theSeedBaselineHoldsTheSeedsRulesAsTheDefaultsWriteThemWithoutThePopulation() {
        assertThat(SEED_BASELINE.rules())
                .extracting(Rule::id)
                .containsExactly(
                        "HIGH_AMOUNT",
                        "VELOCITY_MULTI_CITY",
                        "UNUSUAL_HOUR",
                        "HIGH_DAILY_VOLUME",
                        "HIGH_DAILY_HOUR_VOLUME",
                        "NEW_ACCOUNT_HIGH_BALANCE",
                        "ACCOUNT_OUTLIER",
                        "HIGH_VALUE",
                        "RAPID_TRANSACTIONS");
        for (Rule seedRule : SEED_BASELINE.rules()) {
            Rule defaultRule = DEFAULTS.rules().stream()
                    .filter(rule -> rule.id().equals(seedRule.id()))
                    .findFirst()
                    .orElseThrow();
            assertThat(seedRule.reasonCode()).isEqualTo(defaultRule.reasonCode());
            assertThat(seedRule.weight()).isEqualTo(defaultRule.weight());
            assertThat(seedRule.condition().source()).doesNotContain("_population_pct");
        }
        cases().filter(example -> SEED_BASELINE.rules().stream()
                        .anyMatch(rule -> rule.id().equals(example.ruleId())))
                .forEach(example -> {
                    assertThat(firing(SEED_BASELINE, example.fires()))
                            .as(example.ruleId())
                            .contains(example.ruleId());
                    assertThat(firing(SEED_BASELINE, example.nearMiss()))
                            .as(example.ruleId())
                            .doesNotContain(example.ruleId());
                });
        SEED_BASELINE.parameters().forEach((name, value) -> assertThat(DEFAULTS.parameters())
                .containsEntry(name, value));
    }

    @Test
    void theSeedRulesKeepTheSeedsThresholds() {
        Map<String, Double> parameters = DEFAULTS.parameters();
        assertThat(parameters)
                .containsEntry("high_amount", 10_000.0)
                .containsEntry("daily_volume_limit", 100_000.0)
                .containsEntry("daily_count_limit", 100.0)
                .containsEntry("hourly_count_limit", 20.0)
                .containsEntry("new_account_days", 7.0)
                .containsEntry("new_account_balance", 70_000.0)
                .containsEntry("outlier_zscore", 3.0);
    }

    @Test
    void bothSetsUseTheDefaultSettingsAndThresholdsAndOnlyTheSeedsReviewFromAFixedLine() {
        for (RuleSet rules : List.of(DEFAULTS, SEED_BASELINE)) {
            assertThat(rules.features()).isEqualTo(FeatureSettings.DEFAULTS);
            assertThat(rules.rules()).allMatch(Rule::enabled);
        }
        assertThat(DEFAULTS.decision()).isEqualTo(DecisionThresholds.DEFAULTS);
        assertThat(SEED_BASELINE.decision()).isEqualTo(DecisionThresholds.DEFAULTS.withAlertBudget(AlertBudget.OFF));
    }

    /**
     * A feature vector built from named values; the population percentiles are those of a decision without a model
     * (1) unless named.
     */
    static final class Scenario {
        private final Map<Feature, Double> values = new EnumMap<>(Feature.class);

        Scenario with(Feature feature, double value) {
            values.put(feature, value);
            return this;
        }

        Scenario copy() {
            Scenario copy = new Scenario();
            copy.values.putAll(values);
            return copy;
        }

        double[] vector() {
            double[] vector = new double[Feature.COUNT];
            PopulationProfile.NONE.write(vector);
            values.forEach((feature, value) -> vector[feature.ordinal()] = value);
            return vector;
        }
    }
}

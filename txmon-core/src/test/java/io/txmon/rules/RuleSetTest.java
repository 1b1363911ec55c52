package io.txmon.rules;

import static io.txmon.rules.Vectors.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.features.Feature;
import io.txmon.features.FeatureSettings;
import java.lang.management.ManagementFactory;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RuleSetTest {
    private static final RuleDefinition HIGH_AMOUNT =
            new RuleDefinition("HIGH_AMOUNT", "HIGH_AMOUNT", "Amount above 10,000", 0.5, true, "amount > high_amount");
    private static final RuleDefinition VELOCITY = new RuleDefinition(
            "VELOCITY_MULTI_CITY",
            "VELOCITY_MULTI_CITY",
            "More than 3 transactions in a minute from 2+ cities",
            0.7,
            true,
            "tx_count_1m > 3 && distinct_cities_1m >= 2");
    private static final RuleDefinition NIGHT = new RuleDefinition(
            "UNUSUAL_HOUR", "UNUSUAL_HOUR", "Between 2 and 5 AM", 0.2, false, "hour_of_day >= 2 && hour_of_day < 5");

    private static RuleSetDefinition definition(List<RuleDefinition> rules) {
        return new RuleSetDefinition(
                "test-rules",
                Map.of("high_amount", 10_000.0),
                rules,
                FeatureSettings.DEFAULTS,
                DecisionThresholds.DEFAULTS);
    }

    private static final RuleSet RULES = RuleSet.compile(definition(List.of(HIGH_AMOUNT, VELOCITY, NIGHT)));

    private static final double[] CLONED_CARD_BURST = vector().with(Feature.AMOUNT, 12_000)
            .with(Feature.TX_COUNT_1M, 4)
            .with(Feature.DISTINCT_CITIES_1M, 2)
            .with(Feature.HOUR_OF_DAY, 3)
            .build();

    @Test
    void reportsTheRulesThatFiredInRuleOrder() {
        int[] fired = new int[RULES.size()];
        int count = RULES.evaluate(CLONED_CARD_BURST, fired);

        assertThat(count).isEqualTo(2);
        assertThat(RULES.rule(fired[0]).id()).isEqualTo("HIGH_AMOUNT");
        assertThat(RULES.rule(fired[1]).id()).isEqualTo("VELOCITY_MULTI_CITY");
    }

    @Test
    void reportsNothingForAnOrdinaryPayment() {
        int[] fired = new int[RULES.size()];
        assertThat(RULES.evaluate(vector().with(Feature.AMOUNT, 40).build(), fired))
                .isZero();
    }

    @Test
    void keepsDisabledRulesForListingButNeverFiresThem() {
        assertThat(RULES.rules())
                .extracting(Rule::id)
                .containsExactly("HIGH_AMOUNT", "VELOCITY_MULTI_CITY", "UNUSUAL_HOUR");
        assertThat(RULES.rule(2).enabled()).isFalse();
        assertThat(RULES.matching(CLONED_CARD_BURST)).extracting(Rule::id).doesNotContain("UNUSUAL_HOUR");
    }

    @Test
    void keepsEachRulesReasonCodeDescriptionAndPosition() {
        assertThat(RULES.rule(0).reasonCode()).isEqualTo("HIGH_AMOUNT");
        assertThat(RULES.rule(0).description()).isEqualTo("Amount above 10,000");
        assertThat(RULES.rule(1).index()).isEqualTo(1);
    }

    @Test
    void carriesItsFeatureSettingsAndDecisionThresholds() {
        FeatureSettings berlin = new FeatureSettings(15_000, 0.9, 2, 0.05, ZoneId.of("Europe/Berlin"));
        DecisionThresholds strict = new DecisionThresholds(0.2, 0.5, 0.4, 0.8);
        RuleSet rules = RuleSet.compile(new RuleSetDefinition("strict", Map.of(), List.of(VELOCITY), berlin, strict));

        assertThat(rules.name()).isEqualTo("strict");
        assertThat(rules.features()).isEqualTo(berlin);
        assertThat(rules.decision()).isEqualTo(strict);
        assertThat(rules.toString()).isEqualTo("strict " + rules.version() + " (1 rules, 1 enabled)");
    }

    @Test
    void rejectsAFiredArrayTooSmallForEveryRule() {
        assertThatThrownBy(() -> RULES.evaluate(CLONED_CARD_BURST, new int[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firedRuleIndexes must hold at least 3 values (one per rule), had 2");
    }

    @Test
    void rejectsAFeatureVectorOfTheWrongLength() {
        assertThatThrownBy(() -> RULES.evaluate(new double[Feature.COUNT - 1], new int[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("features must hold Feature.COUNT");
    }

    @Test
    void evaluatesWithoutAllocating() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int[] fired = new int[RULES.size()];
        double[] ordinary = vector().with(Feature.AMOUNT, 40).build();
        long total = 0;
        for (int i = 0; i < 20_000; i++) {
            total += RULES.evaluate(i % 2 == 0 ? CLONED_CARD_BURST : ordinary, fired);
        }
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 100_000; i++) {
            total += RULES.evaluate(i % 2 == 0 ? CLONED_CARD_BURST : ordinary, fired);
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(total).isEqualTo(120_000);
        // The probe, the JIT and safepoints may allocate a few kilobytes now and then; 100,000
        // evaluations allocating even one 16-byte object each would show as 1.6 megabytes.
        assertThat(allocated).isLessThan(100_000);
    }

    @Test
    void versionIsASixteenDigitHexContentHash() {
        assertThat(RULES.version()).matches("[0-9a-f]{16}");
        assertThat(RuleSet.compile(definition(List.of(HIGH_AMOUNT, VELOCITY, NIGHT)))
                        .version())
                .isEqualTo(RULES.version());
    }

    @Test
    void versionIgnoresTheNameSpacingParameterOrderAndNumberSpelling() {
        Map<String, Double> parameters = new LinkedHashMap<>();
        parameters.put("zeta", 1.0);
        parameters.put("high_amount", 10_000.0);
        RuleDefinition respelled = new RuleDefinition(
                "HIGH_AMOUNT", "HIGH_AMOUNT", "Amount above 10,000", 0.5, true, "(amount>high_amount)");
        RuleDefinition velocity = new RuleDefinition(
                VELOCITY.id(),
                VELOCITY.reasonCode(),
                VELOCITY.description(),
                0.70,
                true,
                "tx_count_1m > 3 &&\n   distinct_cities_1m >= 2");
        RuleSet a = RuleSet.compile(new RuleSetDefinition(
                "one",
                Map.of("high_amount", 10_000.0, "zeta", 1.0),
                List.of(HIGH_AMOUNT, VELOCITY),
                FeatureSettings.DEFAULTS,
                DecisionThresholds.DEFAULTS));
        RuleSet b = RuleSet.compile(new RuleSetDefinition(
                "two",
                parameters,
                List.of(respelled, velocity),
                FeatureSettings.DEFAULTS,
                DecisionThresholds.DEFAULTS));

        assertThat(b.version()).isEqualTo(a.version());
    }

    @Test
    void versionChangesWithAnythingThatChangesDecisions() {
        String base = RULES.version();
        List<RuleSetDefinition> variants = new ArrayList<>();
        RuleSetDefinition original = RULES.definition();
        variants.add(original.withParameters(Map.of("high_amount", 10_001.0)));
        variants.add(original.withRules(List.of(HIGH_AMOUNT.withWeight(0.6), VELOCITY, NIGHT)));
        variants.add(original.withRules(List.of(HIGH_AMOUNT, VELOCITY, NIGHT.withEnabled(true))));
        variants.add(original.withRules(List.of(VELOCITY, HIGH_AMOUNT, NIGHT)));
        variants.add(original.withRules(List.of(
                new RuleDefinition(
                        "HIGH_AMOUNT", "HIGH_AMOUNT", "Amount above 10,000", 0.5, true, "amount >= high_amount"),
                VELOCITY,
                NIGHT)));
        variants.add(original.withRules(List.of(
                new RuleDefinition(
                        "HIGH_AMOUNT", "LARGE_AMOUNT", "Amount above 10,000", 0.5, true, "amount > high_amount"),
                VELOCITY,
                NIGHT)));
        variants.add(original.withDecision(new DecisionThresholds(0.3, 0.7, 0.6, 0.9)));
        variants.add(new RuleSetDefinition(
                original.name(),
                original.parameters(),
                original.rules(),
                new FeatureSettings(10_000, 0.8, 5, 0.1, ZoneId.of("Europe/Berlin")),
                original.decision()));

        for (RuleSetDefinition variant : variants) {
            assertThat(RuleSet.compile(variant).version())
                    .as(variant.toString())
                    .isNotEqualTo(base);
        }
    }

    @Test
    void versionTreatsEquivalentSpellingsOfUtcAlike() {
        RuleSetDefinition utc = definition(List.of(HIGH_AMOUNT));
        RuleSetDefinition etcUtc = new RuleSetDefinition(
                utc.name(),
                utc.parameters(),
                utc.rules(),
                new FeatureSettings(10_000, 0.8, 5, 0.1, ZoneId.of("Etc/UTC")),
                utc.decision());
        assertThat(RuleSet.compile(etcUtc).version())
                .isEqualTo(RuleSet.compile(utc).version());
    }

    private static void rejects(RuleSetDefinition definition, Consumer<InvalidRuleSetException> check) {
        assertThatThrownBy(() -> RuleSet.compile(definition))
                .isInstanceOfSatisfying(InvalidRuleSetException.class, check::accept);
    }

    private static RuleDefinition rule(String id, String reasonCode, double weight, String condition) {
        return new RuleDefinition(id, reasonCode, "a rule", weight, true, condition);
    }

    @Test
    void rejectsAConditionNamingTheRuleTheKeyAndTheColumn() {
        rejects(definition(List.of(HIGH_AMOUNT, rule("R2", "R2", 0.5, "amout > high_amount"))), e -> {
            assertThat(e.ruleId()).contains("R2");
            assertThat(e.ruleNumber()).hasValue(2);
            assertThat(e.key()).isEqualTo("condition");
            assertThat(e.column()).hasValue(1);
            assertThat(e).hasMessage("rule R2: condition, column 1: unknown name 'amout' (did you mean 'amount'?)");
            assertThat(e.getCause()).isInstanceOf(InvalidConditionException.class);
        });
    }

    @Test
    void rejectsAWeightOutsideZeroToOne() {
        rejects(definition(List.of(rule("R1", "R1", 1.5, "amount > 1.0"))), e -> assertThat(e)
                .hasMessage("rule R1: weight: must be within [0, 1], was 1.5"));
        rejects(definition(List.of(rule("R1", "R1", Double.NaN, "amount > 1.0"))), e -> assertThat(e)
                .hasMessage("rule R1: weight: must be within [0, 1], was NaN"));
    }

    @Test
    void rejectsADuplicateIdNamingTheEarlierRule() {
        rejects(definition(List.of(HIGH_AMOUNT, VELOCITY, rule("HIGH_AMOUNT", "X", 0.1, "amount > 1.0"))), e -> {
            assertThat(e.ruleNumber()).hasValue(3);
            assertThat(e).hasMessage("rule HIGH_AMOUNT: id: rule #1 has the same id; ids must be unique");
        });
    }

    @Test
    void rejectsAnEmptyIdByTheRulesPosition() {
        rejects(definition(List.of(HIGH_AMOUNT, rule("", "X", 0.1, "amount > 1.0"))), e -> {
            assertThat(e.ruleId()).isEmpty();
            assertThat(e.ruleNumber()).hasValue(2);
            assertThat(e).hasMessage("rule #2: id: must not be empty");
        });
    }

    @Test
    void rejectsAnIdWithSpaces() {
        rejects(definition(List.of(rule("high amount", "X", 0.1, "amount > 1.0"))), e -> assertThat(e)
                .hasMessage("rule high amount: id: must be letters, digits, '_', '-' or '.', at most 64 characters;"
                        + " was 'high amount'"));
    }

    @Test
    void rejectsAReasonCodeNotInUpperSnakeCase() {
        for (String code : List.of("high_amount", "HighAmount", "HIGH__AMOUNT", "_HIGH", "HIGH AMOUNT", "")) {
            rejects(definition(List.of(rule("R1", code, 0.1, "amount > 1.0"))), e -> assertThat(e)
                    .hasMessage(
                            "rule R1: reason_code: must be UPPER_SNAKE_CASE such as HIGH_AMOUNT, was '" + code + "'"));
        }
    }

    @Test
    void reservesMlReasonCodesForTheModel() {
        rejects(definition(List.of(rule("R1", "ML_VELOCITY", 0.1, "amount > 1.0"))), e -> assertThat(e)
                .hasMessage(
                        "rule R1: reason_code: codes starting with ML_ are the anomaly model's, was 'ML_VELOCITY'"));
    }

    @Test
    void requiresADescription() {
        rejects(definition(List.of(new RuleDefinition("R1", "R1", "  ", 0.1, true, "amount > 1.0"))), e -> assertThat(e)
                .hasMessage("rule R1: description: must not be blank"));
    }

    @Test
    void rejectsAParameterNamedLikeAFeature() {
        RuleSetDefinition clash = new RuleSetDefinition(
                "clash", Map.of("amount", 5.0), List.of(), FeatureSettings.DEFAULTS, DecisionThresholds.DEFAULTS);
        rejects(clash, e -> {
            assertThat(e.ruleId()).isEmpty();
            assertThat(e.ruleNumber()).isEmpty();
            assertThat(e.key()).isEqualTo("parameters.amount");
            assertThat(e).hasMessage("parameters.amount: a parameter may not have the name of a feature");
        });
    }

    @Test
    void rejectsParametersCelCouldNotName() {
        for (String name : List.of("in", "null", "math", "High", "2x", "with space")) {
            RuleSetDefinition bad = new RuleSetDefinition(
                    "bad", Map.of(name, 5.0), List.of(), FeatureSettings.DEFAULTS, DecisionThresholds.DEFAULTS);
            rejects(bad, e -> assertThat(e.key()).isEqualTo("parameters." + name));
        }
    }

    @Test
    void rejectsANonFiniteParameter() {
        RuleSetDefinition bad = new RuleSetDefinition(
                "bad",
                Map.of("limit", Double.POSITIVE_INFINITY),
                List.of(),
                FeatureSettings.DEFAULTS,
                DecisionThresholds.DEFAULTS);
        rejects(bad, e -> assertThat(e).hasMessage("parameters.limit: must be a finite number, was Infinity"));
    }

    @Test
    void rejectsABlankName() {
        rejects(RuleSetDefinition.of(" ", List.of()), e -> assertThat(e).hasMessage("name: must not be blank"));
    }

    @Test
    void copiesItsCollectionsOnTheWayIn() {
        List<RuleDefinition> rules = new ArrayList<>(List.of(HIGH_AMOUNT));
        Map<String, Double> parameters = new LinkedHashMap<>(Map.of("high_amount", 1.0));
        RuleSetDefinition definition =
                new RuleSetDefinition("copy", parameters, rules, FeatureSettings.DEFAULTS, DecisionThresholds.DEFAULTS);
        rules.clear();
        parameters.clear();

        assertThat(definition.rules()).containsExactly(HIGH_AMOUNT);
        assertThat(definition.parameters()).containsEntry("high_amount", 1.0);
    }
}

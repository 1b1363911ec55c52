package io.txmon.formats.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.features.FeatureSettings;
import io.txmon.rules.AlertBudget;
import io.txmon.rules.DecisionThresholds;
import io.txmon.rules.InvalidRuleSetException;
import io.txmon.rules.Rule;
import io.txmon.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFileTest {
    private static final String EXAMPLE = """
            name: txmon-example
            parameters:             # named constants usable in conditions
              high_amount: 10000
            features:
              reporting_threshold: 15000
              time_zone: Europe/Berlin
            decision:
              review_at: 0.5
            rules:
              - id: HIGH_AMOUNT
                reason_code: HIGH_AMOUNT
                description: Amount above 10,000
                weight: 0.5
                enabled: true
                condition: amount > high_amount
              - id: VELOCITY_MULTI_CITY
                reason_code: VELOCITY_MULTI_CITY
                description: More than 3 transactions in a minute from 2+ cities
                weight: 0.7
                enabled: false
                condition: tx_count_1m > 3 && distinct_cities_1m >= 2
            """;

    @TempDir
    Path directory;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(directory.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void loadsARuleFileFromDisk() throws Exception {
        RuleSet rules = RuleFile.load(write("rules.yaml", EXAMPLE));

        assertThat(rules.name()).isEqualTo("txmon-example");
        assertThat(rules.parameters()).containsEntry("high_amount", 10_000.0);
        assertThat(rules.rules()).extracting(Rule::id).containsExactly("HIGH_AMOUNT", "VELOCITY_MULTI_CITY");
        Rule highAmount = rules.rule(0);
        assertThat(highAmount.reasonCode()).isEqualTo("HIGH_AMOUNT");
        assertThat(highAmount.description()).isEqualTo("Amount above 10,000");
        assertThat(highAmount.weight()).isEqualTo(0.5);
        assertThat(highAmount.enabled()).isTrue();
        assertThat(highAmount.condition().source()).isEqualTo("amount > high_amount");
        assertThat(rules.rule(1).enabled()).isFalse();
    }

    @Test
    void fillsMissingSettingsWithTheirDefaults() {
        RuleSet rules = RuleFile.parse(EXAMPLE, "rules.yaml");

        assertThat(rules.features())
                .isEqualTo(new FeatureSettings(
                        15_000,
                        FeatureSettings.DEFAULT_STRUCTURING_BAND,
                        FeatureSettings.DEFAULT_SMALL_AMOUNT,
                        FeatureSettings.DEFAULT_SIMILAR_AMOUNT_TOLERANCE,
                        ZoneId.of("Europe/Berlin")));
        assertThat(rules.decision())
                .isEqualTo(new DecisionThresholds(
                        DecisionThresholds.DEFAULT_MEDIUM_RISK_AT,
                        DecisionThresholds.DEFAULT_HIGH_RISK_AT,
                        0.5,
                        DecisionThresholds.DEFAULT_BLOCK_AT));
    }

    @Test
    void givesTheSameVersionWhateverTheLayoutCommentsKeyOrderAndNumberSpelling() {
        String rearranged = """
                # the same rules, written differently
                rules:
                  - condition: "amount > high_amount"
                    enabled: true
                    weight: 0.50
                    description: >-
                      Amount above 10,000
                    reason_code: HIGH_AMOUNT
                    id: HIGH_AMOUNT
                  - {id: VELOCITY_MULTI_CITY, reason_code: VELOCITY_MULTI_CITY, weight: 7.0e-1, enabled: false,
                     description: More than 3 transactions in a minute from 2+ cities,
                     condition: (tx_count_1m > 3) && (distinct_cities_1m >= 2)}
                decision: {review_at: 0.5}
                features:
                  time_zone: Europe/Berlin
                  reporting_threshold: 1.5e4
                parameters: {high_amount: 10000.0}
                name: another name
                """;

        assertThat(RuleFile.parse(rearranged, "b.yaml").version())
                .isEqualTo(RuleFile.parse(EXAMPLE, "a.yaml").version());
    }

    @Test
    void givesAnotherVersionWhenAWeightChanges() {
        String heavier = EXAMPLE.replace("weight: 0.5", "weight: 0.55");
        assertThat(RuleFile.parse(heavier, "b.yaml").version())
                .isNotEqualTo(RuleFile.parse(EXAMPLE, "a.yaml").version());
    }

    @Test
    void writesARuleSetThatReadsBackToTheSameVersion() throws Exception {
        for (RuleSet shipped : new RuleSet[] {RuleFile.defaults(), RuleFile.seedBaseline()}) {
            Path file = write(shipped.name() + ".yaml", RuleFile.format(shipped.definition()));
            RuleSet again = RuleFile.load(file);

            assertThat(again.version()).isEqualTo(shipped.version());
            assertThat(again.definition()).isEqualTo(shipped.definition());
        }
    }

    private static void rejects(String text, int line, String problem) {
        rejects(text, e -> {
            assertThat(e.problem()).isEqualTo(problem);
            assertThat(e.line()).hasValue(line);
            assertThat(e).hasMessage("rules.yaml:" + line + ": " + problem);
        });
    }

    private static void rejects(String text, Consumer<RuleFileException> check) {
        assertThatThrownBy(() -> RuleFile.parse(text, "rules.yaml"))
                .isInstanceOfSatisfying(RuleFileException.class, check::accept);
    }

    @Test
    void namesTheValueAtFaultAsAPathTheWayJsonBodiesNameFields() {
        rejects(EXAMPLE.replace("weight: 0.7", "weight: heavy"), e -> assertThat(e.field())
                .hasValue("rules[1].weight"));
        rejects(EXAMPLE.replace("enabled: true", "enabled: maybe"), e -> assertThat(e.field())
                .hasValue("rules[0].enabled"));
        rejects(EXAMPLE.replace("review_at: 0.5", "review_at: [0.5]"), e -> assertThat(e.field())
                .hasValue("decision.review_at"));
        rejects(EXAMPLE.replace("high_amount: 10000", "high_amount: lots"), e -> assertThat(e.field())
                .hasValue("parameters.high_amount"));
        rejects(EXAMPLE.replace("time_zone: Europe/Berlin", "time_zone: Mars/Olympus"), e -> assertThat(e.field())
                .hasValue("features.time_zone"));
        rejects(EXAMPLE.replace("    weight: 0.7\n", ""), e -> assertThat(e.field())
                .hasValue("rules[1].weight"));
        rejects("name: [x\n", e -> assertThat(e.field()).isEmpty());
    }

    @Test
    void readsTheAlertBudgetAsAShareANumberADayOrOff() {
        String withBudget =
                EXAMPLE.replace("review_at: 0.5", "review_at: 0.5\n  alert_budget: 0.5%\n  review_floor: 0.2");

        DecisionThresholds decision = RuleFile.parse(withBudget, "rules.yaml").decision();

        assertThat(decision.alertBudget()).isEqualTo(new AlertBudget(0.005, 0));
        assertThat(decision.reviewFloor()).isEqualTo(0.2);
        assertThat(RuleFile.parse(withBudget.replace("0.5%", "300/day"), "rules.yaml")
                        .decision()
                        .alertBudget())
                .isEqualTo(new AlertBudget(0, 300));
        assertThat(RuleFile.parse(withBudget.replace("0.5%", "off"), "rules.yaml")
                        .decision()
                        .alertBudget()
                        .isOff())
                .isTrue();
        assertThat(RuleFile.parse(EXAMPLE, "rules.yaml").decision().alertBudget())
                .as("a file without one has the default budget")
                .isEqualTo(AlertBudget.DEFAULT);
    }

    @Test
    void namesTheAlertBudgetOrFloorWhenEitherIsWrong() {
        String withBudget = EXAMPLE.replace("review_at: 0.5", "review_at: 0.5\n  alert_budget: 1%");

        rejects(withBudget.replace("1%", "lots"), e -> {
            assertThat(e.field()).hasValue("decision.alert_budget");
            assertThat(e.getMessage()).contains("1%", "200/day", "off");
        });
        rejects(withBudget.replace("1%", "0%"), e -> assertThat(e.field()).hasValue("decision.alert_budget"));
        rejects(withBudget.replace("1%", "1%\n  review_floor: 0.99"), e -> assertThat(e.field())
                .hasValue("decision.review_floor"));
    }

    @Test
    void theAlertBudgetIsPartOfTheVersion() {
        RuleSet plain = RuleFile.parse(EXAMPLE, "rules.yaml");
        RuleSet budgeted = RuleFile.parse(
                EXAMPLE.replace("review_at: 0.5", "review_at: 0.5\n  alert_budget: 200/day"), "rules.yaml");

        assertThat(budgeted.version()).isNotEqualTo(plain.version());
        assertThat(RuleFile.parse(RuleFile.format(budgeted.definition()), "again.yaml")
                        .version())
                .isEqualTo(budgeted.version());
    }

    @Test
    void pointsAConditionErrorAtTheRulesLineAndTheConditionsColumn() {
        rejects(
                EXAMPLE.replace("tx_count_1m > 3 &&", "tx_count_1m > 3 && amout > 1.0 &&"),
                21,
                "rule VELOCITY_MULTI_CITY: condition, column 20: unknown name 'amout' (did you mean 'amount'?)");
    }

    @Test
    void keepsTheCompilersErrorAsTheCause() {
        rejects(EXAMPLE.replace("weight: 0.7", "weight: 1.7"), e -> {
            assertThat(e.line()).hasValue(19);
            assertThat(e.getCause()).isInstanceOfSatisfying(InvalidRuleSetException.class, cause -> {
                assertThat(cause.ruleId()).contains("VELOCITY_MULTI_CITY");
                assertThat(cause.key()).isEqualTo("weight");
            });
        });
    }

    @Test
    void rejectsAnUnknownKeyInARule() {
        rejects(
                EXAMPLE.replace("    weight: 0.5", "    wieght: 0.5"),
                13,
                "rule HIGH_AMOUNT: unknown key 'wieght'; a rule has the keys id, reason_code, description, weight,"
                        + " enabled, condition");
    }

    @Test
    void rejectsAMissingKeyNamingTheRule() {
        rejects(EXAMPLE.replace("    enabled: true\n", ""), 10, "rule HIGH_AMOUNT: missing key 'enabled'");
    }

    @Test
    void namesARuleWithoutAnIdByItsPosition() {
        rejects(
                EXAMPLE.replace("  - id: VELOCITY_MULTI_CITY\n    reason_code", "  - reason_code"),
                16,
                "rule #2: missing key 'id'");
    }

    @Test
    void rejectsARepeatedKey() {
        rejects(
                EXAMPLE.replace("    weight: 0.5\n", "    weight: 0.5\n    weight: 0.6\n"),
                14,
                "rule HIGH_AMOUNT: key 'weight' appears twice");
        rejects(EXAMPLE + "name: again\n", 22, "key 'name' appears twice");
    }

    @Test
    void rejectsValuesOfTheWrongType() {
        rejects(
                EXAMPLE.replace("weight: 0.5", "weight: high"),
                13,
                "rule HIGH_AMOUNT: weight: must be a number, was the text 'high'");
        rejects(
                EXAMPLE.replace("weight: 0.5", "weight: \"0.5\""),
                13,
                "rule HIGH_AMOUNT: weight: must be a number, was the text '0.5'");
        rejects(
                EXAMPLE.replace("enabled: true", "enabled: yes"),
                14,
                "rule HIGH_AMOUNT: enabled: must be true or false, was the text 'yes'");
        rejects(EXAMPLE.replace("id: HIGH_AMOUNT", "id: 42"), 10, "rule #1: id: must be text, was the number 42");
        rejects(
                EXAMPLE.replace("condition: amount > high_amount", "condition: [amount]"),
                15,
                "rule HIGH_AMOUNT: condition: must be text, was a list");
        rejects(
                EXAMPLE.replace("condition: amount > high_amount", "condition: false"),
                15,
                "rule HIGH_AMOUNT: condition: must be text, was false; quote a constant condition, as in"
                        + " condition: \"false\"");
    }

    @Test
    void refusesNumbersWrittenWithSeparators() {
        rejects(
                EXAMPLE.replace("high_amount: 10000", "high_amount: 10_000"),
                3,
                "parameters: high_amount: must be a number, was the text '10_000'; write digits without separators,"
                        + " such as 10000");
    }

    @Test
    void refusesAnUnquotedConditionStartingWithAnExclamationMark() {
        rejects(
                EXAMPLE.replace("condition: amount > high_amount", "condition: !is_card"),
                15,
                "rule HIGH_AMOUNT: condition: YAML tag '!is_card' found; a value starting with '!' must be quoted,"
                        + " as in condition: \"!(amount > 1.0)\"");
    }

    @Test
    void rejectsAnUnknownTopLevelKey() {
        rejects(
                EXAMPLE + "version: 3\n",
                22,
                "unknown key 'version'; a rule file has the keys name, parameters, features, decision, rules");
    }

    @Test
    void rejectsUnknownOrInvalidSettings() {
        rejects(
                EXAMPLE.replace("reporting_threshold: 15000", "reporting_treshold: 15000"),
                5,
                "features: unknown key 'reporting_treshold'; the keys are reporting_threshold, structuring_band,"
                        + " small_amount, similar_amount_tolerance, time_zone");
        rejects(
                EXAMPLE.replace("time_zone: Europe/Berlin", "time_zone: Mars/Olympus"),
                6,
                "features: time_zone: unknown time zone 'Mars/Olympus'; use a name such as UTC or Europe/Berlin");
        rejects(
                EXAMPLE.replace("reporting_threshold: 15000", "structuring_band: 1.5"),
                5,
                "features: structuring_band must be between 0 and 1, was 1.5");
        rejects(
                EXAMPLE.replace("review_at: 0.5", "review_at: 0.9"),
                8,
                "decision: need 0 < review_at < block_at <= 1, got 0.9 and 0.85");
    }

    @Test
    void pointsAParameterProblemAtItsLine() {
        rejects(
                EXAMPLE.replace("high_amount: 10000", "high_amount: 10000\n  amount: 5"),
                4,
                "parameters.amount: a parameter may not have the name of a feature");
    }

    @Test
    void pointsADuplicateIdAtTheSecondRule() {
        rejects(
                EXAMPLE.replace("id: VELOCITY_MULTI_CITY", "id: HIGH_AMOUNT"),
                16,
                "rule HIGH_AMOUNT: id: rule #1 has the same id; ids must be unique");
    }

    @Test
    void rejectsFilesThatAreNotRuleFiles() {
        rejects("", 1, "the file is empty; a rule file needs at least 'name' and 'rules'");
        rejects(
                "- a\n- b\n",
                1,
                "a rule file must be a YAML mapping with the keys name, parameters, features, decision, rules");
        rejects("name: x\n", 1, "missing key 'rules'");
        rejects("rules: []\n", 1, "missing key 'name'");
        rejects(
                "name: x\nrules: []\n---\nname: y\n",
                4,
                "a rule file holds one YAML document, but another one starts here");
        rejects(
                "name: x\nrules:\n  - just text\n",
                3,
                "rule #1: must be a mapping with the keys id, reason_code, description, weight, enabled, condition,"
                        + " was text");
    }

    @Test
    void reportsInvalidYamlWithItsLine() {
        rejects("name: x\nrules:\n  - id: A\n    condition: a ? b : c\n", e -> {
            assertThat(e.line()).hasValue(4);
            assertThat(e.problem())
                    .isEqualTo("not valid YAML: mapping values are not allowed here; a value holding ': ', such as a"
                            + " condition with '?:', must be in quotes");
        });
    }

    @Test
    void acceptsAnEmptyRuleList() {
        assertThat(RuleFile.parse("name: model-only\nrules: []\n", "rules.yaml").size())
                .isZero();
    }

    @Test
    void reportsAMissingFileByItsPath() {
        Path missing = directory.resolve("absent.yaml");
        assertThatThrownBy(() -> RuleFile.load(missing)).isInstanceOfSatisfying(RuleFileException.class, e -> {
            assertThat(e.source()).isEqualTo(missing.toString());
            assertThat(e.line()).isEmpty();
            assertThat(e.problem()).startsWith("cannot read the rule file: java.nio.file.NoSuchFileException");
        });
    }
}

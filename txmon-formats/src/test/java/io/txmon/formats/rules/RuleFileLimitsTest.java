package io.txmon.formats.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a rule file may hold is what the database can keep of it and of the decisions it makes. */
class RuleFileLimitsTest {
    private static final String ONE_RULE = """
            name: limits
            rules:
              - id: HIGH_AMOUNT
                reason_code: HIGH_AMOUNT
                description: Amount above 10,000
                weight: 0.5
                enabled: true
                condition: amount > 10000
            """;

    private static RuleFileException refused(String text) {
        return (RuleFileException) assertThatThrownBy(() -> RuleFile.parse(text, "rules.yaml"))
                .isInstanceOf(RuleFileException.class)
                .actual();
    }

    @Test
    void refusesAReasonCodeLongerThanADecisionCanStoreNamingTheRuleAndKey() {
        String code = "A".repeat(5_000);
        RuleFileException e = refused(ONE_RULE.replace("reason_code: HIGH_AMOUNT", "reason_code: " + code));

        assertThat(e.problem()).isEqualTo("rule HIGH_AMOUNT: reason_code: is 5000 characters long, the limit is 64");
        assertThat(e.line()).hasValue(4);
    }

    @Test
    void refusesRulesWhoseReasonCodesTogetherWouldNotFitOneDecision() {
        StringBuilder text = new StringBuilder("name: many\nrules:\n");
        for (int i = 0; i < 40; i++) {
            String code = "CODE_" + i + "_" + "X".repeat(50);
            text.append("  - id: R")
                    .append(i)
                    .append("\n    reason_code: ")
                    .append(code)
                    .append("\n    description: d\n    weight: 0.1\n    enabled: true\n    condition: amount > 1\n");
        }

        assertThat(refused(text.toString()).problem())
                .startsWith("rules: the distinct reason codes add up to ")
                .contains("the limit is 1900");
    }

    @Test
    void refusesADescriptionTooLongOrWithControlCharacters() {
        assertThat(refused(ONE_RULE.replace("Amount above 10,000", "x".repeat(1_001)))
                        .problem())
                .isEqualTo("rule HIGH_AMOUNT: description: is 1001 characters long, the limit is 1000");
        assertThat(refused(ONE_RULE.replace("description: Amount above 10,000", "description: \"a\\u0000b\""))
                        .problem())
                .isEqualTo("rule HIGH_AMOUNT: description: holds the control character U+0000 at position 2");
    }

    @Test
    void refusesATagOnTheDocumentASectionOrARule() {
        assertThat(refused("!!map\n" + ONE_RULE).problem()).startsWith("the rule file: YAML tag '!");
        assertThat(refused("--- !foo\n" + ONE_RULE).problem()).startsWith("the rule file: YAML tag '!");
        assertThat(refused(ONE_RULE.replace("rules:", "rules: !list")).problem())
                .startsWith("rules: YAML tag '!");
        assertThat(refused(ONE_RULE.replace("  - id: HIGH_AMOUNT", "  - !rule\n    id: HIGH_AMOUNT"))
                        .problem())
                .startsWith("rule #1: YAML tag '!");
    }

    @Test
    void refusesATextLongerThanTheDatabaseKeeps() {
        String huge = ONE_RULE + "#" + " ".repeat(RuleFile.MAX_LENGTH) + "\n";

        assertThat(refused(huge).problem()).startsWith("the rule file is 1000");
    }
}

package io.txmon.formats.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.features.Feature;
import io.txmon.rules.Rule;
import io.txmon.rules.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/rules.md stays true: every feature and shipped rule is in it, and its error messages are real. */
class RulesDocumentationTest {
    private static final Pattern FENCED = Pattern.compile("```(\\w+)\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern TABLE_NAME = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

    private static String document;

    @BeforeAll
    static void readTheDocument() throws IOException {
        // Surefire runs in the module's directory; the docs sit beside the modules.
        Path path =
                Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("rules.md");
        assertThat(path).as("the rules documentation").exists();
        document = Files.readString(path, StandardCharsets.UTF_8);
    }

    private static String section(String heading) {
        int start = document.indexOf("\n## " + heading + "\n");
        assertThat(start).as("section " + heading).isNotNegative();
        int end = document.indexOf("\n## ", start + 1);
        return document.substring(start, end < 0 ? document.length() : end);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    @Test
    void listsEveryFeatureWithItsGroupAndMeaning() {
        String features = section("Feature names");
        for (Feature feature : Feature.values()) {
            String row = "| `" + feature.featureName() + "` | "
                    + feature.group().name().toLowerCase(Locale.ROOT) + " | " + cell(feature.description()) + " |";
            assertThat(features).as(feature.featureName()).contains(row);
        }
    }

    @Test
    void listsNoFeatureThatDoesNotExist() {
        Matcher names = TABLE_NAME.matcher(section("Feature names"));
        int rows = 0;
        while (names.find()) {
            assertThat(Feature.byName(names.group(1))).as(names.group(1)).isPresent();
            rows++;
        }
        assertThat(rows).isEqualTo(Feature.COUNT);
    }

    @Test
    void listsEveryShippedRuleAsItIsShipped() {
        assertRulesListed(section("The default rules"), RuleFile.defaults());
        assertRulesListed(section("The seed baseline"), RuleFile.seedBaseline());
    }

    private static void assertRulesListed(String section, RuleSet rules) {
        for (Rule rule : rules.rules()) {
            assertThat(rule.reasonCode())
                    .as("the table's first column is both id and reason code")
                    .isEqualTo(rule.id());
            String row = "| `" + rule.id() + "` | " + rule.weight() + " | `"
                    + cell(rule.condition().source()) + "` | " + cell(rule.description()) + " |";
            assertThat(section).as(rule.id()).contains(row);
        }
        Matcher names = TABLE_NAME.matcher(section);
        int rows = 0;
        while (names.find()) {
            rows++;
        }
        assertThat(rows).as("rows in the table").isEqualTo(rules.size());
    }

    @Test
    void theExampleFileParses() {
        Matcher block = FENCED.matcher(section("The rule file"));
        assertThat(block.find()).isTrue();
        RuleSet example = RuleFile.parse(block.group(2), "example.yaml");
        assertThat(example.name()).isEqualTo("txmon-default");
        assertThat(example.rule(0).id()).isEqualTo("HIGH_AMOUNT");
    }

    @Test
    void everyErrorMessageShownIsTheOneTheReaderGives() {
        Matcher blocks = FENCED.matcher(section("Error messages"));
        List<String[]> examples = new ArrayList<>();
        String file = null;
        while (blocks.find()) {
            if (blocks.group(1).equals("yaml")) {
                file = blocks.group(2) + "\n";
            } else if (blocks.group(1).equals("text") && file != null) {
                examples.add(new String[] {file, blocks.group(2)});
                file = null;
            }
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
        for (String[] example : examples) {
            assertThatThrownBy(() -> RuleFile.parse(example[0], "rules.yaml"))
                    .as(example[1])
                    .isInstanceOf(RuleFileException.class)
                    .hasMessage(example[1]);
        }
    }
}

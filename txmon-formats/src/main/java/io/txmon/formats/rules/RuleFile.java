package io.txmon.formats.rules;

import io.txmon.features.FeatureSettings;
import io.txmon.rules.DecisionThresholds;
import io.txmon.rules.InvalidRuleSetException;
import io.txmon.rules.RuleDefinition;
import io.txmon.rules.RuleSet;
import io.txmon.rules.RuleSetDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Rule files: YAML documents holding one rule set (see {@code docs/rules.md}), read strictly and
 * compiled, with every error naming the file, the line, the rule or section and the key.
 *
 * <pre>
 * name: txmon-default
 * parameters:
 *   high_amount: 10000
 * rules:
 *   - id: HIGH_AMOUNT
 *     reason_code: HIGH_AMOUNT
 *     description: Amount above 10,000
 *     weight: 0.5
 *     enabled: true
 *     condition: amount &gt; high_amount
 * </pre>
 */
public final class RuleFile {
    /** The shipped default rule set, a resource next to this class. */
    public static final String DEFAULT_RULES = "default-rules.yaml";
    /** The seeds' rules alone, for comparison with the defaults. */
    public static final String SEED_BASELINE_RULES = "seed-baseline-rules.yaml";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER, YAMLWriteFeature.SPLIT_LINES)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    /** Longest rule file taken, in characters: what the database keeps of a rule set's text. */
    public static final int MAX_LENGTH = 1_000_000;

    /** Below 2^53 a whole double converts to a long and back exactly. */
    private static final double WHOLE_NUMBER_LIMIT = 0x1p53;

    private RuleFile() {}

    /**
     * Reads and compiles a rule file.
     *
     * @throws RuleFileException when the file cannot be read, is not a valid rule file, or a rule does not
     *     compile
     */
    public static RuleSet load(Path path) {
        Objects.requireNonNull(path, "path");
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleFileException(path.toString(), 0, "cannot read the rule file: " + e, e);
        }
        return parse(text, path.toString());
    }

    /**
     * Parses and compiles the text of a rule file.
     *
     * @param sourceName what to call the text in error messages, usually its file name
     * @throws RuleFileException when the text is not a valid rule file or a rule does not compile
     */
    public static RuleSet parse(String text, String sourceName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        if (text.length() > MAX_LENGTH) {
            throw new RuleFileException(
                    sourceName,
                    0,
                    "the rule file is " + text.length() + " characters long, the limit is " + MAX_LENGTH,
                    null);
        }
        RuleFileReader.Read read = new RuleFileReader(YAML, sourceName).read(text);
        try {
            return RuleSet.compile(read.definition());
        } catch (InvalidRuleSetException e) {
            int line = e.ruleNumber().isPresent()
                    ? read.lines().ofRule(e.ruleNumber().getAsInt(), e.key())
                    : read.lines().of(e.key());
            String field =
                    e.ruleNumber().isPresent() ? "rules[" + (e.ruleNumber().getAsInt() - 1) + "]." + e.key() : e.key();
            throw new RuleFileException(sourceName, line, field, e.getMessage(), e);
        }
    }

    /** The shipped default rule set: every rule the seeds name, and rules for each pattern txmon knows. */
    public static RuleSet defaults() {
        return resource(DEFAULT_RULES);
    }

    /** Only the rules the seed systems apply, with their thresholds, to compare the defaults against. */
    public static RuleSet seedBaseline() {
        return resource(SEED_BASELINE_RULES);
    }

    /**
     * Writes a rule set definition as a rule file that {@link #parse} reads back to the same version;
     * comments of the original are not kept.
     */
    public static String format(RuleSetDefinition definition) {
        ObjectNode root = YAML.createObjectNode();
        root.put("name", definition.name());
        ObjectNode parameters = root.putObject("parameters");
        definition.parameters().forEach((name, value) -> parameters.set(name, number(value)));
        FeatureSettings features = definition.features();
        ObjectNode settings = root.putObject("features");
        settings.set("reporting_threshold", number(features.reportingThreshold()));
        settings.set("structuring_band", number(features.structuringBand()));
        settings.set("small_amount", number(features.smallAmount()));
        settings.set("similar_amount_tolerance", number(features.similarAmountTolerance()));
        settings.put("time_zone", features.timeZone().getId());
        DecisionThresholds decision = definition.decision();
        root.putObject("decision")
                .put("medium_risk_at", decision.mediumRiskAt())
                .put("high_risk_at", decision.highRiskAt())
                .put("review_at", decision.reviewAt())
                .put("block_at", decision.blockAt())
                .put("alert_budget", decision.alertBudget().text())
                .put("review_floor", decision.reviewFloor());
        ArrayNode rules = root.putArray("rules");
        for (RuleDefinition rule : definition.rules()) {
            rules.addObject()
                    .put("id", rule.id())
                    .put("reason_code", rule.reasonCode())
                    .put("description", rule.description())
                    .put("weight", rule.weight())
                    .put("enabled", rule.enabled())
                    .put("condition", rule.condition());
        }
        return YAML.writeValueAsString(root);
    }

    /** Whole numbers without a decimal point, as analysts write them; both read back as the same double. */
    private static JsonNode number(double value) {
        boolean whole = value == Math.rint(value) && Math.abs(value) < WHOLE_NUMBER_LIMIT;
        return whole
                ? YAML.getNodeFactory().numberNode((long) value)
                : YAML.getNodeFactory().numberNode(value);
    }

    private static RuleSet resource(String name) {
        try (InputStream in = RuleFile.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new RuleFileException(name, 0, "the shipped rule file is missing from the class path", null);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new RuleFileException(name, 0, "cannot read the shipped rule file: " + e, e);
        }
    }
}

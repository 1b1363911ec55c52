package io.txmon.formats.rules;

import io.txmon.features.FeatureSettings;
import io.txmon.rules.AlertBudget;
import io.txmon.rules.DecisionThresholds;
import io.txmon.rules.RuleDefinition;
import io.txmon.rules.RuleSetDefinition;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads a rule file into a {@link RuleSetDefinition}, strictly: unknown, missing and repeated keys and
 * values of the wrong type are errors naming the rule or section, the key and the line.
 *
 * <p>Jackson's YAML parser does the YAML; this class walks its token stream rather than binding to
 * classes with Jackson's data binding, because binding loses where things were. Walking the tokens keeps
 * the line of every key, so that errors found here, and those the rule compiler finds later (an unknown
 * feature in rule 17's condition), point at the line to fix. It also keeps number spelling strict: YAML
 * reads {@code 10_000} or {@code "10"} as text, and this reader refuses text where a number belongs
 * instead of converting it.
 */
final class RuleFileReader {
    static final List<String> FILE_KEYS = List.of("name", "parameters", "features", "decision", "rules");
    static final List<String> RULE_KEYS = List.of("id", "reason_code", "description", "weight", "enabled", "condition");
    static final List<String> FEATURE_KEYS =
            List.of("reporting_threshold", "structuring_band", "small_amount", "similar_amount_tolerance", "time_zone");
    static final List<String> DECISION_KEYS =
            List.of("medium_risk_at", "high_risk_at", "review_at", "block_at", "alert_budget", "review_floor");

    private static final int MAX_QUOTED = 40;

    private final String source;
    private final YAMLMapper mapper;
    private final Lines lines = new Lines();
    private JsonParser parser;

    RuleFileReader(YAMLMapper mapper, String source) {
        this.mapper = mapper;
        this.source = source;
    }

    /** A definition and where its parts were written. */
    record Read(RuleSetDefinition definition, Lines lines) {}

    /** The lines keys were written on, to point errors found after reading at the file. */
    static final class Lines {
        private final Map<String, Integer> fileKeys = new HashMap<>();
        private final List<Map<String, Integer>> ruleKeys = new ArrayList<>();
        private final List<Integer> ruleStarts = new ArrayList<>();

        /** The line of a top-level or section key such as {@code name} or {@code parameters.limit}. */
        int of(String key) {
            Integer line = fileKeys.get(key);
            if (line == null && key.contains(".")) {
                line = fileKeys.get(key.substring(0, key.indexOf('.')));
            }
            return line == null ? 0 : line;
        }

        /** The line of a key of the rule at a 1-based position, or of the rule's start. */
        int ofRule(int number, String key) {
            if (number < 1 || number > ruleStarts.size()) {
                return 0;
            }
            return ruleKeys.get(number - 1).getOrDefault(key, ruleStarts.get(number - 1));
        }
    }

    Read read(String text) {
        try (JsonParser yaml = mapper.createParser(text)) {
            this.parser = yaml;
            return new Read(file(), lines);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String message =
                    e.getOriginalMessage().lines().findFirst().orElse("").strip();
            String hint = message.startsWith("mapping values are not allowed")
                    ? "; a value holding ': ', such as a condition with '?:', must be in quotes"
                    : "";
            throw new RuleFileException(source, line, "not valid YAML: " + message + hint, e);
        }
    }

    private RuleSetDefinition file() {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw error(1, null, "the file is empty; a rule file needs at least 'name' and 'rules'");
        }
        // A tag on the document, a section or a rule is as meaningless as one on a value.
        checkPlain(new Where("the rule file", "body"));
        if (first != JsonToken.START_OBJECT) {
            throw error(
                    line(), null, "a rule file must be a YAML mapping with the keys " + String.join(", ", FILE_KEYS));
        }
        String name = null;
        Map<String, Double> parameters = Map.of();
        FeatureSettings features = FeatureSettings.DEFAULTS;
        DecisionThresholds decision = DecisionThresholds.DEFAULTS;
        List<RuleDefinition> rules = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            int line = line();
            if (lines.fileKeys.putIfAbsent(key, line) != null) {
                throw error(line, key, "key '" + key + "' appears twice");
            }
            switch (key) {
                case "name":
                    name = text(scalar(new Where("name", "name")), new Where("name", "name"))
                            .strip();
                    break;
                case "parameters":
                    parameters = parameters();
                    break;
                case "features":
                    features = features(line);
                    break;
                case "decision":
                    decision = decision(line);
                    break;
                case "rules":
                    rules = rules(line);
                    break;
                default:
                    throw error(
                            line,
                            key,
                            "unknown key '" + key + "'; a rule file has the keys " + String.join(", ", FILE_KEYS));
            }
        }
        if (parser.nextToken() != null) {
            throw error(line(), null, "a rule file holds one YAML document, but another one starts here");
        }
        if (name == null) {
            throw error(1, "name", "missing key 'name'");
        }
        if (rules == null) {
            throw error(1, "rules", "missing key 'rules'");
        }
        return new RuleSetDefinition(name, parameters, rules, features, decision);
    }

    private Map<String, Double> parameters() {
        Map<String, Double> parameters = new LinkedHashMap<>();
        JsonToken start = parser.nextToken();
        checkPlain(new Where("parameters", "parameters"));
        if (start == JsonToken.VALUE_NULL) {
            return parameters;
        }
        if (start != JsonToken.START_OBJECT) {
            throw error(
                    line(), "parameters", "parameters: must be a mapping of names to numbers, was " + describe(start));
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            int line = line();
            if (lines.fileKeys.putIfAbsent("parameters." + name, line) != null) {
                throw error(line, "parameters." + name, "parameters: '" + name + "' appears twice");
            }
            Where where = new Where("parameters: " + name, "parameters." + name);
            parameters.put(name, number(scalar(where), where));
        }
        return parameters;
    }

    private FeatureSettings features(int line) {
        Map<String, Scalar> entries = section("features", FEATURE_KEYS);
        FeatureSettings defaults = FeatureSettings.DEFAULTS;
        try {
            return new FeatureSettings(
                    numberOr(entries, "reporting_threshold", "features", defaults.reportingThreshold()),
                    numberOr(entries, "structuring_band", "features", defaults.structuringBand()),
                    numberOr(entries, "small_amount", "features", defaults.smallAmount()),
                    numberOr(entries, "similar_amount_tolerance", "features", defaults.similarAmountTolerance()),
                    zone(entries.get("time_zone"), defaults.timeZone()));
        } catch (IllegalArgumentException e) {
            throw error(
                    lineOfKeyNamedIn(e.getMessage(), entries, line),
                    fieldNamedIn(e.getMessage(), entries, "features"),
                    "features: " + e.getMessage());
        }
    }

    private DecisionThresholds decision(int line) {
        Map<String, Scalar> entries = section("decision", DECISION_KEYS);
        DecisionThresholds defaults = DecisionThresholds.DEFAULTS;
        try {
            double mediumRiskAt = numberOr(entries, "medium_risk_at", "decision", defaults.mediumRiskAt());
            return new DecisionThresholds(
                    mediumRiskAt,
                    numberOr(entries, "high_risk_at", "decision", defaults.highRiskAt()),
                    numberOr(entries, "review_at", "decision", defaults.reviewAt()),
                    numberOr(entries, "block_at", "decision", defaults.blockAt()),
                    alertBudget(entries.get("alert_budget"), defaults.alertBudget()),
                    // The floor follows the file's medium line unless it says otherwise, as the defaults' does.
                    numberOr(entries, "review_floor", "decision", mediumRiskAt));
        } catch (IllegalArgumentException e) {
            throw error(
                    lineOfKeyNamedIn(e.getMessage(), entries, line),
                    fieldNamedIn(e.getMessage(), entries, "decision"),
                    "decision: " + e.getMessage());
        }
    }

    /** {@code 1%}, {@code 200/day} or {@code off}; YAML reads a bare {@code off} as false, which means the same. */
    private AlertBudget alertBudget(Scalar value, AlertBudget otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (value.token() == JsonToken.VALUE_FALSE) {
            return AlertBudget.OFF;
        }
        return AlertBudget.parse(text(value, new Where("decision: alert_budget", "decision.alert_budget")));
    }

    private ZoneId zone(Scalar value, ZoneId otherwise) {
        if (value == null) {
            return otherwise;
        }
        String zone = text(value, new Where("features: time_zone", "features.time_zone"));
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw error(
                    value.line(),
                    "features.time_zone",
                    "features: time_zone: unknown time zone '" + zone + "'; use a name such as UTC"
                            + " or Europe/Berlin");
        }
    }

    /** An optional section of scalar keys, each optional. */
    private Map<String, Scalar> section(String section, List<String> keys) {
        Map<String, Scalar> entries = new LinkedHashMap<>();
        JsonToken start = parser.nextToken();
        checkPlain(new Where(section, section));
        if (start == JsonToken.VALUE_NULL) {
            return entries;
        }
        if (start != JsonToken.START_OBJECT) {
            throw error(
                    line(),
                    section,
                    section + ": must be a mapping with the keys " + String.join(", ", keys) + ", was "
                            + describe(start));
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            int line = line();
            if (!keys.contains(key)) {
                throw error(
                        line,
                        section + "." + key,
                        section + ": unknown key '" + key + "'; the keys are " + String.join(", ", keys));
            }
            if (entries.containsKey(key)) {
                throw error(line, section + "." + key, section + ": key '" + key + "' appears twice");
            }
            lines.fileKeys.put(section + "." + key, line);
            entries.put(key, scalar(new Where(section + ": " + key, section + "." + key)));
        }
        return entries;
    }

    private List<RuleDefinition> rules(int line) {
        JsonToken start = parser.nextToken();
        checkPlain(new Where("rules", "rules"));
        if (start != JsonToken.START_ARRAY) {
            throw error(line, "rules", "rules: must be a list of rules, was " + describe(start));
        }
        List<RuleDefinition> rules = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            checkPlain(new Where("rule #" + (rules.size() + 1), "rules[" + rules.size() + "]"));
            rules.add(rule(rules.size() + 1, token));
        }
        return rules;
    }

    private RuleDefinition rule(int number, JsonToken start) {
        int startLine = line();
        String path = "rules[" + (number - 1) + "]";
        if (start != JsonToken.START_OBJECT) {
            throw error(
                    startLine,
                    path,
                    "rule #" + number + ": must be a mapping with the keys " + String.join(", ", RULE_KEYS) + ", was "
                            + describe(start));
        }
        Map<String, Scalar> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        List<String> repeated = new ArrayList<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            int line = line();
            if (keyLines.putIfAbsent(key, line) != null) {
                repeated.add(key);
                keyLines.put(key + "#again", line);
            }
            Scalar id = entries.get("id");
            String rule = id != null
                            && id.token() == JsonToken.VALUE_STRING
                            && !id.text().isEmpty()
                    ? id.text()
                    : "#" + number;
            entries.put(key, scalar(new Where("rule " + rule + ": " + key, path + "." + key)));
        }
        lines.ruleStarts.add(startLine);
        lines.ruleKeys.add(keyLines);

        Scalar idValue = entries.get("id");
        String label = idValue != null
                        && idValue.token() == JsonToken.VALUE_STRING
                        && !idValue.text().isEmpty()
                ? idValue.text()
                : "#" + number;
        String context = "rule " + label + ": ";
        if (!repeated.isEmpty()) {
            String key = repeated.get(0);
            throw error(keyLines.get(key + "#again"), path + "." + key, context + "key '" + key + "' appears twice");
        }
        for (String key : entries.keySet()) {
            if (!RULE_KEYS.contains(key)) {
                throw error(
                        keyLines.get(key),
                        path + "." + key,
                        context + "unknown key '" + key + "'; a rule has the keys " + String.join(", ", RULE_KEYS));
            }
        }
        List<String> missing =
                RULE_KEYS.stream().filter(key -> !entries.containsKey(key)).toList();
        if (!missing.isEmpty()) {
            throw error(
                    startLine,
                    path + "." + missing.get(0),
                    context + (missing.size() == 1 ? "missing key '" : "missing keys '") + String.join("', '", missing)
                            + "'");
        }
        return new RuleDefinition(
                text(entries.get("id"), new Where(context + "id", path + ".id")),
                text(entries.get("reason_code"), new Where(context + "reason_code", path + ".reason_code")),
                text(entries.get("description"), new Where(context + "description", path + ".description"))
                        .strip(),
                number(entries.get("weight"), new Where(context + "weight", path + ".weight")),
                bool(entries.get("enabled"), new Where(context + "enabled", path + ".enabled")),
                text(entries.get("condition"), new Where(context + "condition", path + ".condition")));
    }

    /**
     * Where a value is, twice: as messages name it ("rule high_amount: weight") and as a path to the key for
     * programs, the way JSON bodies name fields ("rules[0].weight").
     */
    private record Where(String label, String field) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** A scalar value with the line it is on; mappings and lists are skipped and reported as such. */
    private record Scalar(JsonToken token, String text, double number, int line) {}

    private Scalar scalar(Where where) {
        JsonToken token = parser.nextToken();
        int line = line();
        checkPlain(where);
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            parser.skipChildren();
            return new Scalar(token, "", 0, line);
        }
        double number = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                ? parser.getDoubleValue()
                : 0;
        return new Scalar(token, parser.getString(), number, line);
    }

    /** YAML tags and aliases have no meaning in a rule file; a tag is usually an unquoted '!'. */
    private void checkPlain(Where where) {
        Object tag = parser.getTypeId();
        if (tag != null) {
            throw error(
                    line(),
                    where.field(),
                    where + ": YAML tag '!" + tag + "' found; a value starting with '!' must be quoted, as in"
                            + " condition: \"!(amount > 1.0)\"");
        }
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw error(line(), where.field(), where + ": YAML aliases are not supported in rule files");
        }
    }

    private String text(Scalar value, Where where) {
        if (value.token() != JsonToken.VALUE_STRING) {
            String hint = where.field().endsWith("condition")
                            && (value.token() == JsonToken.VALUE_TRUE || value.token() == JsonToken.VALUE_FALSE)
                    ? "; quote a constant condition, as in condition: \"false\""
                    : "";
            throw error(value.line(), where.field(), where + ": must be text, was " + describe(value) + hint);
        }
        return value.text();
    }

    private double number(Scalar value, Where where) {
        if (value.token() != JsonToken.VALUE_NUMBER_INT && value.token() != JsonToken.VALUE_NUMBER_FLOAT) {
            String hint =
                    value.token() == JsonToken.VALUE_STRING && value.text().contains("_")
                            ? "; write digits without separators, such as "
                                    + value.text().replace("_", "")
                            : "";
            throw error(value.line(), where.field(), where + ": must be a number, was " + describe(value) + hint);
        }
        if (!Double.isFinite(value.number())) {
            throw error(value.line(), where.field(), where + ": must be a finite number, was " + value.text());
        }
        return value.number();
    }

    private double numberOr(Map<String, Scalar> entries, String key, String section, double otherwise) {
        Scalar value = entries.get(key);
        return value == null ? otherwise : number(value, new Where(section + ": " + key, section + "." + key));
    }

    private boolean bool(Scalar value, Where where) {
        if (value.token() == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (value.token() == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw error(value.line(), where.field(), where + ": must be true or false, was " + describe(value));
    }

    /** The line of the key a settings record's message names first, else the section's line. */
    private static int lineOfKeyNamedIn(String message, Map<String, Scalar> entries, int otherwise) {
        int line = otherwise;
        int first = Integer.MAX_VALUE;
        for (Map.Entry<String, Scalar> entry : entries.entrySet()) {
            int at = message.indexOf(entry.getKey());
            if (at >= 0 && at < first) {
                first = at;
                line = entry.getValue().line();
            }
        }
        return line;
    }

    private static String describe(Scalar value) {
        switch (value.token()) {
            case VALUE_STRING:
                String text = value.text();
                return "the text '" + (text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text) + "'";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "the number " + value.text();
            default:
                return describe(value.token());
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case START_OBJECT:
                return "a mapping";
            case START_ARRAY:
                return "a list";
            case VALUE_TRUE:
                return "true";
            case VALUE_FALSE:
                return "false";
            case VALUE_NULL:
                return "empty";
            case VALUE_STRING:
                return "text";
            default:
                return "a number";
        }
    }

    private int line() {
        return parser.currentTokenLocation().getLineNr();
    }

    /** The key of {@code section} a settings record's message names first, else the section. */
    private static String fieldNamedIn(String message, Map<String, Scalar> entries, String section) {
        String field = section;
        int first = Integer.MAX_VALUE;
        for (String key : entries.keySet()) {
            int at = message.indexOf(key);
            if (at >= 0 && at < first) {
                first = at;
                field = section + "." + key;
            }
        }
        return field;
    }

    /** A problem at {@code line} with the value at {@code field}, a path such as rules[2].weight (null: the file). */
    private RuleFileException error(int line, String field, String problem) {
        return new RuleFileException(source, line, field, problem, null);
    }
}

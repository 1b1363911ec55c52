package io.txmon.rules;

import io.txmon.features.FeatureSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rule set as written, not yet checked: its name, named constants, rules in order, and the feature
 * settings and decision thresholds that go with them. {@link RuleSet#compile} validates and compiles it.
 *
 * @param name what the rule set is called, such as {@code txmon-default}
 * @param parameters named constants conditions may use, in the order written
 * @param rules the rules, in the order written
 * @param features the parameters of the features the rules read
 * @param decision where the combined risk score turns into levels and recommendations
 */
public record RuleSetDefinition(
        String name,
        Map<String, Double> parameters,
        List<RuleDefinition> rules,
        FeatureSettings features,
        DecisionThresholds decision) {

    public RuleSetDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
        Map<String, Double> copy = new LinkedHashMap<>();
        parameters.forEach((key, value) -> copy.put(
                Objects.requireNonNull(key, "parameter name"), Objects.requireNonNull(value, "parameters." + key)));
        parameters = Collections.unmodifiableMap(copy);
        rules = List.copyOf(rules);
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(decision, "decision");
    }

    /** A rule set with no parameters, default feature settings and default thresholds. */
    public static RuleSetDefinition of(String name, List<RuleDefinition> rules) {
        return new RuleSetDefinition(name, Map.of(), rules, FeatureSettings.DEFAULTS, DecisionThresholds.DEFAULTS);
    }

    /** The same rule set with other rules, as when tuning weights. */
    public RuleSetDefinition withRules(List<RuleDefinition> newRules) {
        return new RuleSetDefinition(name, parameters, newRules, features, decision);
    }

    /** The same rule set with other parameters. */
    public RuleSetDefinition withParameters(Map<String, Double> newParameters) {
        return new RuleSetDefinition(name, newParameters, rules, features, decision);
    }

    /** The same rule set with other decision thresholds. */
    public RuleSetDefinition withDecision(DecisionThresholds newDecision) {
        return new RuleSetDefinition(name, parameters, rules, features, newDecision);
    }
}

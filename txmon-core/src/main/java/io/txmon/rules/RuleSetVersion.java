package io.txmon.rules;

import io.txmon.features.FeatureSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content hash that versions a rule set: the first 16 hex digits of a SHA-256 over a canonical
 * text of everything a decision depends on. That is the parameters (sorted by name), the feature
 * settings, the decision thresholds and every rule in order (order breaks ties between reasons) with
 * its id, reason code, description (it is quoted in decisions), weight, switch and condition in {@link
 * CanonicalText} form. The rule set's name, the file's layout, comments, key order and number spelling
 * are left out, so they do not change the version. 64 bits make an accidental collision among the few
 * thousand versions an installation ever sees negligible (about 3 in 10^12 for 10,000 versions).
 */
final class RuleSetVersion {
    private static final String FORMAT = "txmon-rule-set/1";
    private static final int HEX_DIGITS = 16;

    private RuleSetVersion() {}

    static String of(RuleSetDefinition definition, List<Rule> rules) {
        return hash(canonicalText(definition, rules));
    }

    static String canonicalText(RuleSetDefinition definition, List<Rule> rules) {
        StringBuilder text = new StringBuilder(FORMAT).append('\n');
        for (Map.Entry<String, Double> parameter : new TreeMap<>(definition.parameters()).entrySet()) {
            text.append("parameter ")
                    .append(quoted(parameter.getKey()))
                    .append(' ')
                    .append(parameter.getValue())
                    .append('\n');
        }
        FeatureSettings features = definition.features();
        text.append("features")
                .append(" reporting_threshold=")
                .append(features.reportingThreshold())
                .append(" structuring_band=")
                .append(features.structuringBand())
                .append(" small_amount=")
                .append(features.smallAmount())
                .append(" similar_amount_tolerance=")
                .append(features.similarAmountTolerance())
                .append(" time_zone=")
                .append(quoted(features.timeZone().normalized().getId()))
                .append('\n');
        DecisionThresholds decision = definition.decision();
        text.append("decision")
                .append(" medium_risk_at=")
                .append(decision.mediumRiskAt())
                .append(" high_risk_at=")
                .append(decision.highRiskAt())
                .append(" review_at=")
                .append(decision.reviewAt())
                .append(" block_at=")
                .append(decision.blockAt())
                .append(" alert_budget=")
                .append(decision.alertBudget().text())
                .append(" review_floor=")
                .append(decision.reviewFloor())
                .append('\n');
        for (Rule rule : rules) {
            text.append("rule ")
                    .append(quoted(rule.id()))
                    .append(' ')
                    .append(quoted(rule.reasonCode()))
                    .append(' ')
                    .append(rule.weight())
                    .append(' ')
                    .append(rule.enabled())
                    .append(' ')
                    .append(quoted(rule.description()))
                    .append(' ')
                    .append(quoted(rule.condition().canonical()))
                    .append('\n');
        }
        return text.toString();
    }

    /** Length-prefixed, so that no text can imitate the separators around it. */
    private static String quoted(String text) {
        return text.length() + ":" + text;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}

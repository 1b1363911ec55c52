package io.txmon.rules;

import io.txmon.features.Feature;
import io.txmon.features.FeatureSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A compiled, immutable rule set: the rules in the order written, the feature settings and decision
 * thresholds that go with them, and a version that is a hash of their content, recorded with every
 * decision. {@link #evaluate} runs every enabled rule against one feature vector without allocating;
 * the decision engine calls it once per transaction.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class RuleSet {
    /** Longest rule set name accepted. */
    public static final int MAX_NAME_LENGTH = 128;
    /** Longest reason code a rule may report. */
    public static final int MAX_REASON_CODE_LENGTH = 64;
    /**
     * Longest the rules' distinct reason codes may be, joined by {@code ;}: what a decision stores when every rule
     * fires. A decision's codes are kept in 2,048 characters; the rest is room for the model's two codes.
     */
    public static final int MAX_REASON_CODES_LENGTH = 1_900;
    /** Longest description a rule may have. */
    public static final int MAX_DESCRIPTION_LENGTH = 1_000;

    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
    /** The anomaly model reports under ML_ codes (see {@code FeatureGroup}); rules must not imitate them. */
    private static final String MODEL_REASON_PREFIX = "ML_";

    private final RuleSetDefinition definition;
    private final String version;
    private final List<Rule> rules;
    private final BooleanNode[] enabledConditions;
    private final int[] enabledIndexes;

    private RuleSet(RuleSetDefinition definition, List<Rule> rules) {
        this.definition = definition;
        this.rules = List.copyOf(rules);
        this.version = RuleSetVersion.of(definition, this.rules);
        List<Rule> enabled = this.rules.stream().filter(Rule::enabled).toList();
        this.enabledConditions = new BooleanNode[enabled.size()];
        this.enabledIndexes = new int[enabled.size()];
        for (int i = 0; i < enabled.size(); i++) {
            enabledConditions[i] = enabled.get(i).condition().root();
            enabledIndexes[i] = enabled.get(i).index();
        }
    }

    /**
     * Checks and compiles a rule set definition.
     *
     * @throws InvalidRuleSetException naming the rule, the key and the problem, at the first problem
     */
    public static RuleSet compile(RuleSetDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        checkName(definition.name());
        definition.parameters().forEach(RuleSet::checkParameter);
        List<Rule> rules = new ArrayList<>();
        Map<String, Integer> numberById = new HashMap<>();
        for (RuleDefinition rule : definition.rules()) {
            int number = rules.size() + 1;
            checkRule(number, rule);
            Integer previous = numberById.putIfAbsent(rule.id(), number);
            if (previous != null) {
                throw InvalidRuleSetException.ofRule(
                        number, rule.id(), "id", "rule #" + previous + " has the same id; ids must be unique");
            }
            rules.add(new Rule(rules.size(), rule, compileCondition(number, rule, definition.parameters())));
        }
        checkReasonCodesFit(definition.rules());
        return new RuleSet(definition, rules);
    }

    /**
     * Runs every enabled rule against one feature vector, without allocating.
     *
     * @param features the feature vector, {@link Feature#COUNT} values indexed by {@link Feature#ordinal()}
     * @param firedRuleIndexes receives the indexes of the rules that fired, in rule order, in its first
     *     slots; it must hold at least {@link #size()} values
     * @return how many rules fired
     */
    public int evaluate(double[] features, int[] firedRuleIndexes) {
        if (features.length != Feature.COUNT) {
            throw new IllegalArgumentException(
                    "features must hold Feature.COUNT = " + Feature.COUNT + " values, had " + features.length);
        }
        if (firedRuleIndexes.length < rules.size()) {
            throw new IllegalArgumentException("firedRuleIndexes must hold at least " + rules.size()
                    + " values (one per rule), had " + firedRuleIndexes.length);
        }
        int fired = 0;
        for (int i = 0; i < enabledConditions.length; i++) {
            if (enabledConditions[i].test(features)) {
                firedRuleIndexes[fired++] = enabledIndexes[i];
            }
        }
        return fired;
    }

    /** The rules that fire for a feature vector, in rule order; allocates, so not for the hot path. */
    public List<Rule> matching(double[] features) {
        int[] fired = new int[rules.size()];
        int count = evaluate(features, fired);
        List<Rule> matching = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            matching.add(rules.get(fired[i]));
        }
        return List.copyOf(matching);
    }

    /** What the rule set is called. */
    public String name() {
        return definition.name();
    }

    /** The content hash every decision records: 16 hex digits of a SHA-256, see {@link RuleSetVersion}. */
    public String version() {
        return version;
    }

    /** All rules, enabled or not, in the order written. */
    public List<Rule> rules() {
        return rules;
    }

    /** The rule at an index that {@link #evaluate} reported. */
    public Rule rule(int index) {
        return rules.get(index);
    }

    /** How many rules there are, enabled or not. */
    public int size() {
        return rules.size();
    }

    /** The named constants the conditions use. */
    public Map<String, Double> parameters() {
        return definition.parameters();
    }

    /** The settings the features must be computed with for these rules. */
    public FeatureSettings features() {
        return definition.features();
    }

    /** Where the combined risk score turns into levels and recommendations. */
    public DecisionThresholds decision() {
        return definition.decision();
    }

    /** The definition this rule set was compiled from, to change and compile again. */
    public RuleSetDefinition definition() {
        return definition;
    }

    @Override
    public String toString() {
        return name() + " " + version + " (" + rules.size() + " rules, " + enabledConditions.length + " enabled)";
    }

    private static void checkName(String name) {
        if (name.isBlank()) {
            throw InvalidRuleSetException.ofRuleSet("name", "must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw InvalidRuleSetException.ofRuleSet(
                    "name", "must be one line of at most " + MAX_NAME_LENGTH + " characters");
        }
    }

    private static void checkParameter(String name, double value) {
        Names.parameterProblem(name).ifPresent(problem -> {
            throw InvalidRuleSetException.ofRuleSet("parameters." + name, problem);
        });
        if (!Double.isFinite(value)) {
            throw InvalidRuleSetException.ofRuleSet("parameters." + name, "must be a finite number, was " + value);
        }
    }

    private static void checkRule(int number, RuleDefinition rule) {
        String id = rule.id();
        if (id.isEmpty()) {
            throw InvalidRuleSetException.ofRule(number, id, "id", "must not be empty");
        }
        if (!RULE_ID.matcher(id).matches()) {
            throw InvalidRuleSetException.ofRule(
                    number,
                    id,
                    "id",
                    "must be letters, digits, '_', '-' or '.', at most 64 characters; was '" + id + "'");
        }
        String reasonCode = rule.reasonCode();
        if (!REASON_CODE.matcher(reasonCode).matches()) {
            throw InvalidRuleSetException.ofRule(
                    number,
                    id,
                    "reason_code",
                    "must be UPPER_SNAKE_CASE such as HIGH_AMOUNT, was '" + reasonCode + "'");
        }
        if (reasonCode.length() > MAX_REASON_CODE_LENGTH) {
            throw InvalidRuleSetException.ofRule(
                    number,
                    id,
                    "reason_code",
                    "is " + reasonCode.length() + " characters long, the limit is " + MAX_REASON_CODE_LENGTH);
        }
        if (reasonCode.startsWith(MODEL_REASON_PREFIX)) {
            throw InvalidRuleSetException.ofRule(
                    number,
                    id,
                    "reason_code",
                    "codes starting with " + MODEL_REASON_PREFIX + " are the anomaly model's, was '" + reasonCode
                            + "'");
        }
        if (rule.description().isBlank()) {
            throw InvalidRuleSetException.ofRule(number, id, "description", "must not be blank");
        }
        if (rule.description().length() > MAX_DESCRIPTION_LENGTH) {
            throw InvalidRuleSetException.ofRule(
                    number,
                    id,
                    "description",
                    "is " + rule.description().length() + " characters long, the limit is " + MAX_DESCRIPTION_LENGTH);
        }
        for (int i = 0; i < rule.description().length(); i++) {
            char c = rule.description().charAt(i);
            if (Character.isISOControl(c) && c != '\n') {
                throw InvalidRuleSetException.ofRule(
                        number,
                        id,
                        "description",
                        String.format("holds the control character U+%04X at position %d", (int) c, i + 1));
            }
        }
        if (!(rule.weight() >= 0 && rule.weight() <= 1)) {
            throw InvalidRuleSetException.ofRule(number, id, "weight", "must be within [0, 1], was " + rule.weight());
        }
    }

    /** Every rule may fire at once, and the decision must still be storable. */
    private static void checkReasonCodesFit(List<RuleDefinition> rules) {
        Set<String> codes = new LinkedHashSet<>();
        rules.forEach(rule -> codes.add(rule.reasonCode()));
        int length = String.join(";", codes).length();
        if (length > MAX_REASON_CODES_LENGTH) {
            throw InvalidRuleSetException.ofRuleSet(
                    "rules",
                    "the distinct reason codes add up to " + length + " characters joined by ';', the limit is "
                            + MAX_REASON_CODES_LENGTH + "; use fewer or shorter codes");
        }
    }

    private static Condition compileCondition(int number, RuleDefinition rule, Map<String, Double> parameters) {
        try {
            return Condition.compile(rule.condition(), parameters);
        } catch (InvalidConditionException e) {
            throw InvalidRuleSetException.ofCondition(number, rule.id(), e);
        }
    }
}

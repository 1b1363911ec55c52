package io.txmon.benchmarks.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.cel.common.CelValidationException;
import dev.cel.runtime.Program;
import io.txmon.features.Feature;
import io.txmon.formats.rules.RuleFile;
import io.txmon.rules.Condition;
import io.txmon.rules.InvalidConditionException;
import io.txmon.rules.Rule;
import io.txmon.rules.RuleSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rule language is a subset of CEL: on thousands of random feature vectors, CEL 0.14.0 and txmon's
 * compiler give the same answer for every rule of both shipped rule sets and for a corpus that uses
 * every construct of the language. The vectors are drawn around the thresholds the conditions use, so
 * that every condition is sometimes true and sometimes false, and include NaN, infinities and -0.0,
 * where CEL's comparisons have their corner cases.
 */
class CelAgreementTest {
    private static final long SEED = 20_260_114L;
    private static final int VECTORS = 8_000;
    /**
     * Each condition must have been true, and false, on at least this share of the vectors: 40 of them each way.
     * FAN_IN, two clauses of five conditions each since its counts are also judged against the population, holds on
     * under 1 % of random vectors, so the share is half and the vectors twice what they were.
     */
    private static final double MIN_SHARE_EACH_WAY = 0.005;

    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_0-9.])\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");
    private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0};

    @Test
    void celAndTheCompilerAgreeOnEveryDefaultRule() {
        agreeOnEveryRule(RuleFile.defaults());
    }

    @Test
    void celAndTheCompilerAgreeOnEverySeedBaselineRule() {
        agreeOnEveryRule(RuleFile.seedBaseline());
    }

    private static void agreeOnEveryRule(RuleSet rules) {
        CelRules cel = CelRules.compile(rules);
        VectorGenerator vectors =
                new VectorGenerator(rules.parameters(), conditions(rules), new SplittableRandom(SEED));
        int[] trueCounts = new int[rules.size()];
        for (int n = 0; n < VECTORS; n++) {
            double[] features = vectors.next();
            for (Rule rule : rules.rules()) {
                boolean compiled = rule.condition().test(features);
                boolean reference = cel.test(rule.index(), features);
                if (compiled != reference) {
                    fail(
                            "rule %s disagrees with CEL (compiled %s, CEL %s) on %s",
                            rule.id(), compiled, reference, describe(features, rule.condition()));
                }
                trueCounts[rule.index()] += compiled ? 1 : 0;
            }
        }
        for (Rule rule : rules.rules()) {
            double share = trueCounts[rule.index()] / (double) VECTORS;
            assertThat(share)
                    .as("share of vectors on which %s holds", rule.id())
                    .isBetween(MIN_SHARE_EACH_WAY, 1 - MIN_SHARE_EACH_WAY);
        }
    }

    /** Every construct of the language, in the combinations where CEL's rules are subtle. */
    private static final List<String> CORPUS = List.of(
            "amount > 10000",
            "amount >= 10000.0",
            "10000 < amount",
            "-3 < amount_zscore_30d",
            "amount_zscore_30d >= -0",
            "-amount_zscore_30d >= 0",
            "-amount_zscore_30d <= 0",
            "amount <= 1e4 && amount > 2.5e3",
            "amount == 10000.0 || amount != balance",
            "tx_count_1m > 3 && distinct_cities_1m >= 2",
            "hour_of_day >= 2 && hour_of_day < 5",
            "amount / tx_count_24h > 500.0",
            "amount / (balance - balance) > 1.0",
            "(amount - amount_mean_30d) / amount_std_30d > limit",
            "amount * 2.0 + balance * -1.0 - 3.0 > 0",
            "- -amount > limit - 1.0",
            "-(amount + balance) < -limit",
            "!(amount > limit)",
            "!!(amount > limit) && !(balance < 0)",
            "(amount > limit) == (balance > limit)",
            "(amount > limit) != true",
            "amount > 1.0 == true",
            "amount > (is_business > 0.0 ? 100.0 : limit)",
            "is_transfer > 0 ? cp_balance > 70000 : balance > 70000",
            "(amount > 1.0 ? amount : balance) > (balance > 2.0 ? (amount > 3.0 ? 1.0 : 2.0) : limit)",
            "math.greatest(in_sum_24h, out_sum_24h) > 100000",
            "math.greatest(amount, balance, limit) >= 5000.0",
            "math.least(amount, balance) < limit",
            "math.least(amount / balance, 1.0) >= 0.5",
            "math.least(amount, balance, limit) <= 0",
            "math.abs(amount_zscore_30d) > 3",
            "math.abs(amount - balance) <= limit",
            "math.greatest(amount_zscore_30d, -amount_zscore_30d) == math.abs(amount_zscore_30d)",
            "true && amount > limit",
            "false || amount > limit",
            "limit > 100 || amount > 1.0",
            "amount > limit || balance > limit && tx_count_1m > 3",
            "(amount > limit || balance > limit) && tx_count_1m > 3",
            "amount - balance * limit / 2.0 + 1.0 > 0.0");

    private static final Map<String, Double> CORPUS_PARAMETERS = Map.of("limit", 250.0);

    @Test
    void celAndTheCompilerAgreeOnACorpusCoveringEveryConstruct() throws CelValidationException {
        List<Condition> conditions = new ArrayList<>();
        for (String source : CORPUS) {
            conditions.add(Condition.compile(source, CORPUS_PARAMETERS));
        }
        List<Program> programs = CelRules.programs(CORPUS, CORPUS_PARAMETERS.keySet());
        VectorGenerator vectors = new VectorGenerator(CORPUS_PARAMETERS, conditions, new SplittableRandom(SEED + 1));
        int[] trueCounts = new int[CORPUS.size()];
        for (int n = 0; n < VECTORS; n++) {
            double[] features = vectors.next();
            Map<String, Object> activation = activation(features);
            for (int i = 0; i < CORPUS.size(); i++) {
                boolean compiled = conditions.get(i).test(features);
                boolean reference;
                try {
                    reference = (Boolean) programs.get(i).eval(activation);
                } catch (Exception e) {
                    throw new AssertionError("CEL failed on " + CORPUS.get(i), e);
                }
                if (compiled != reference) {
                    fail(
                            "'%s' disagrees with CEL (compiled %s, CEL %s) on %s",
                            CORPUS.get(i), compiled, reference, describe(features, conditions.get(i)));
                }
                trueCounts[i] += compiled ? 1 : 0;
            }
        }
        for (int i = 0; i < CORPUS.size(); i++) {
            if (CORPUS.get(i).startsWith("limit > 100")) {
                continue; // constant by design: folds to true
            }
            assertThat(trueCounts[i]).as("times '%s' held", CORPUS.get(i)).isBetween(1, VECTORS - 1);
        }
    }

    /** Conditions the compiler refuses because CEL would refuse them too, or would read them otherwise. */
    @Test
    void whatTheCompilerRefusesForCelsSakeCelRefusesToo() {
        List<String> refusedByBoth = List.of(
                "is_card == 1",
                "amount * 2 > 1.0",
                "amount > (is_business > 0.0 ? 100 : 10.0)",
                "amount > 1.0 == balance > 2.0",
                "amount > 1.0 ? amount > 2.0 ? true : false : false",
                "amount % 2.0 == 0.0",
                "(amount > 1.0) + 1.0 > 2.0",
                "!amount",
                "amount > 10_000",
                "amount > 5.");
        for (String source : refusedByBoth) {
            assertThatThrownBy(() -> Condition.compile(source, CORPUS_PARAMETERS))
                    .as(source)
                    .isInstanceOf(InvalidConditionException.class);
            assertThatThrownBy(() -> CelRules.program(source, CORPUS_PARAMETERS.keySet()))
                    .as(source)
                    .isInstanceOf(CelValidationException.class);
        }
    }

    private static Map<String, Object> activation(double[] features) {
        Map<String, Object> activation = new HashMap<>(CORPUS_PARAMETERS);
        for (Feature feature : Feature.values()) {
            activation.put(feature.featureName(), features[feature.ordinal()]);
        }
        return activation;
    }

    private static List<Condition> conditions(RuleSet rules) {
        return rules.rules().stream().map(Rule::condition).toList();
    }

    private static String describe(double[] features, Condition condition) {
        StringBuilder text = new StringBuilder();
        for (Feature feature : condition.features()) {
            text.append(feature.featureName())
                    .append('=')
                    .append(features[feature.ordinal()])
                    .append(' ');
        }
        return text.toString().strip();
    }

    /**
     * Random vectors drawn, feature by feature, near the numbers the conditions reading that feature
     * compare it with: exactly on them, just beside them, or anywhere in their range, with now and then
     * a NaN, an infinity or a signed zero.
     */
    private static final class VectorGenerator {
        private final SplittableRandom random;
        private final Map<Feature, double[]> thresholds = new EnumMap<>(Feature.class);

        VectorGenerator(Map<String, Double> parameters, List<Condition> conditions, SplittableRandom random) {
            this.random = random;
            Map<Feature, TreeSet<Double>> byFeature = new EnumMap<>(Feature.class);
            for (Condition condition : conditions) {
                TreeSet<Double> numbers = numbersIn(condition.source(), parameters);
                for (Feature feature : condition.features()) {
                    byFeature.computeIfAbsent(feature, f -> new TreeSet<>()).addAll(numbers);
                }
            }
            byFeature.forEach((feature, numbers) -> thresholds.put(
                    feature, numbers.stream().mapToDouble(Double::doubleValue).toArray()));
        }

        private static TreeSet<Double> numbersIn(String source, Map<String, Double> parameters) {
            TreeSet<Double> numbers = new TreeSet<>(List.of(0.0, 1.0));
            Matcher number = NUMBER.matcher(source);
            while (number.find()) {
                numbers.add(Double.parseDouble(number.group()));
            }
            Matcher name = NAME.matcher(source);
            while (name.find()) {
                Double value = parameters.get(name.group());
                if (value != null) {
                    numbers.add(value);
                }
            }
            return numbers;
        }

        double[] next() {
            double[] features = new double[Feature.COUNT];
            for (Feature feature : Feature.values()) {
                features[feature.ordinal()] = value(thresholds.getOrDefault(feature, new double[] {0.0, 1.0}));
            }
            return features;
        }

        private double value(double[] near) {
            double threshold = near[random.nextInt(near.length)];
            double roll = random.nextDouble();
            if (roll < 0.03) {
                return SPECIAL[random.nextInt(SPECIAL.length)];
            }
            if (roll < 0.33) {
                return random.nextBoolean() ? threshold : -threshold;
            }
            if (roll < 0.63) {
                double step = Math.max(Math.abs(threshold) * 0.05, 0.01);
                return threshold + (random.nextBoolean() ? step : -step);
            }
            double top = Math.max(Math.abs(near[near.length - 1]) * 2, 2.0);
            return random.nextDouble(-top * 0.1, top);
        }
    }
}

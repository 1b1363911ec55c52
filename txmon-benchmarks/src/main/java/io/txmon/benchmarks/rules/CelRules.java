package io.txmon.benchmarks.rules;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelMathExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.Program;
import io.txmon.features.Feature;
import io.txmon.rules.Rule;
import io.txmon.rules.RuleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rule set's conditions compiled and run by CEL 0.14.0 instead of txmon's compiler: each condition
 * compiled once to a {@link Program}, features and parameters declared as {@code double} variables.
 * This is the environment in which txmon's rule language claims to be a subset of CEL: CEL's standard
 * library with cross-type numeric comparison enabled, plus {@code math.greatest}, {@code math.least}
 * and {@code math.abs} from CEL's math extension.
 */
public final class CelRules {
    /** CEL's options for the comparison: the current defaults, with cross-type numeric comparison. */
    public static final CelOptions OPTIONS =
            CelOptions.current().enableHeterogeneousNumericComparisons(true).build();

    private static final Map<String, Integer> FEATURE_INDEX = featureIndex();

    private final List<Rule> rules;
    private final Program[] programs;
    private final Map<String, Double> parameters;

    private CelRules(RuleSet ruleSet, Program[] programs) {
        this.rules = ruleSet.rules();
        this.programs = programs;
        this.parameters = Map.copyOf(ruleSet.parameters());
    }

    /** Compiles every condition of a rule set with CEL. */
    public static CelRules compile(RuleSet ruleSet) {
        Environment environment = new Environment(ruleSet.parameters().keySet());
        Program[] programs = new Program[ruleSet.size()];
        for (Rule rule : ruleSet.rules()) {
            try {
                programs[rule.index()] = environment.program(rule.condition().source());
            } catch (CelValidationException e) {
                throw new IllegalArgumentException(
                        "rule " + rule.id() + ": CEL rejects the condition: " + e.getMessage(), e);
            }
        }
        return new CelRules(ruleSet, programs);
    }

    /** Compiles one expression in the environment described above. */
    public static Program program(String expression, Iterable<String> parameterNames) throws CelValidationException {
        return new Environment(parameterNames).program(expression);
    }

    /** Compiles several expressions in one environment, which is much faster than one at a time. */
    public static List<Program> programs(List<String> expressions, Iterable<String> parameterNames)
            throws CelValidationException {
        Environment environment = new Environment(parameterNames);
        List<Program> programs = new ArrayList<>();
        for (String expression : expressions) {
            programs.add(environment.program(expression));
        }
        return programs;
    }

    /** A CEL compiler and runtime with every feature and the given parameters declared as doubles. */
    private static final class Environment {
        private final CelCompiler compiler;
        private final CelRuntime runtime;

        Environment(Iterable<String> parameterNames) {
            CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
                    .setOptions(OPTIONS)
                    .addLibraries(mathFunctions());
            for (Feature feature : Feature.values()) {
                builder.addVar(feature.featureName(), SimpleType.DOUBLE);
            }
            for (String name : parameterNames) {
                builder.addVar(name, SimpleType.DOUBLE);
            }
            this.compiler = builder.build();
            this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
                    .setOptions(OPTIONS)
                    .addLibraries(mathFunctions())
                    .build();
        }

        Program program(String expression) throws CelValidationException {
            try {
                return runtime.createProgram(compiler.compile(expression).getAst());
            } catch (CelEvaluationException e) {
                throw new IllegalStateException("CEL could not plan a checked expression: " + expression, e);
            }
        }
    }

    private static CelMathExtensions mathFunctions() {
        return CelExtensions.math(
                CelMathExtensions.Function.MAX, CelMathExtensions.Function.MIN, CelMathExtensions.Function.ABS);
    }

    /**
     * Runs every enabled rule against a feature vector, CEL looking each variable up as it needs it.
     * This is how a decision engine built on CEL would bind a vector: no map is built, but every
     * lookup boxes a double.
     */
    public int evaluate(double[] features, int[] firedRuleIndexes) {
        return evaluate(name -> lookUp(features, name), firedRuleIndexes);
    }

    /** Runs every enabled rule against variables already bound by name (see {@link #activation}). */
    public int evaluate(Map<String, ?> activation, int[] firedRuleIndexes) {
        return evaluate(name -> Optional.ofNullable(activation.get(name)), firedRuleIndexes);
    }

    private int evaluate(dev.cel.runtime.CelVariableResolver variables, int[] firedRuleIndexes) {
        int fired = 0;
        for (int i = 0; i < programs.length; i++) {
            if (rules.get(i).enabled() && run(i, variables)) {
                firedRuleIndexes[fired++] = i;
            }
        }
        return fired;
    }

    /** What CEL says of one rule's condition for a feature vector, whether the rule is enabled or not. */
    public boolean test(int ruleIndex, double[] features) {
        return run(ruleIndex, name -> lookUp(features, name));
    }

    /** Every feature and parameter bound by name, as CEL's map activation expects them. */
    public Map<String, Object> activation(double[] features) {
        Map<String, Object> activation = new HashMap<>(parameters);
        for (Feature feature : Feature.values()) {
            activation.put(feature.featureName(), features[feature.ordinal()]);
        }
        return activation;
    }

    private boolean run(int ruleIndex, dev.cel.runtime.CelVariableResolver variables) {
        try {
            return (Boolean) programs[ruleIndex].eval(variables);
        } catch (CelEvaluationException e) {
            throw new IllegalStateException("rule " + rules.get(ruleIndex).id() + ": CEL failed: " + e.getMessage(), e);
        }
    }

    private Optional<Object> lookUp(double[] features, String name) {
        Integer index = FEATURE_INDEX.get(name);
        if (index != null) {
            return Optional.of(features[index]);
        }
        return Optional.ofNullable(parameters.get(name));
    }

    private static Map<String, Integer> featureIndex() {
        Map<String, Integer> index = new HashMap<>();
        for (Feature feature : Feature.values()) {
            index.put(feature.featureName(), feature.ordinal());
        }
        return Map.copyOf(index);
    }
}

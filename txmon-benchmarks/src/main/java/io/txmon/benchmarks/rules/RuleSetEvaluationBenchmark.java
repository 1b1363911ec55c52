package io.txmon.benchmarks.rules;

import dev.cel.runtime.Program;
import io.txmon.formats.rules.RuleFile;
import io.txmon.rules.Condition;
import io.txmon.rules.RuleSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole default rule set evaluated on one realistic feature vector, by txmon's compiled conditions
 * and by CEL 0.14.0, in nanoseconds per rule-set evaluation; plus one condition alone, for the cost per
 * condition. Run with {@code java -jar txmon-benchmarks/target/benchmarks.jar RuleSetEvaluation -prof gc}
 * to see the allocation per evaluation as well.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RuleSetEvaluationBenchmark {
    private static final String SINGLE_CONDITION = "amount > high_amount";

    /** An ordinary payment fires no rule; the takeover transfer fires several. */
    @Param({"ordinary", "takeover"})
    public String transaction;

    private RuleSet rules;
    private CelRules cel;
    private double[] features;
    private int[] fired;
    private Map<String, Object> activation;
    private Condition singleCondition;
    private Program celSingleCondition;

    @Setup
    public void setUp() throws Exception {
        rules = RuleFile.defaults();
        cel = CelRules.compile(rules);
        features = transaction.equals("ordinary")
                ? BenchmarkTransactions.ordinaryCardPayment()
                : BenchmarkTransactions.accountTakeoverTransfer();
        fired = new int[rules.size()];
        activation = cel.activation(features);
        singleCondition = Condition.compile(SINGLE_CONDITION, rules.parameters());
        celSingleCondition =
                CelRules.program(SINGLE_CONDITION, rules.parameters().keySet());
        int compiledCount = rules.evaluate(features, fired);
        int celCount = cel.evaluate(features, new int[rules.size()]);
        if (compiledCount != celCount) {
            throw new IllegalStateException(
                    "compiled and CEL disagree on " + transaction + ": " + compiledCount + " against " + celCount);
        }
    }

    /** txmon's compiled rule set. */
    @Benchmark
    public int compiledRuleSet() {
        return rules.evaluate(features, fired);
    }

    /** CEL, each program looking the variables it needs up in the vector (boxing each). */
    @Benchmark
    public int celRuleSetResolvingFromTheVector() {
        return cel.evaluate(features, fired);
    }

    /** CEL with every variable bound in a map once per transaction, the map built as part of the work. */
    @Benchmark
    public int celRuleSetWithAnActivationMapPerTransaction() {
        return cel.evaluate(cel.activation(features), fired);
    }

    /** CEL's lower bound: the activation map built once, outside the measurement. */
    @Benchmark
    public int celRuleSetWithAPreparedActivationMap() {
        return cel.evaluate(activation, fired);
    }

    /** One condition, {@code amount > high_amount}, compiled by txmon. */
    @Benchmark
    public boolean compiledSingleCondition() {
        return singleCondition.test(features);
    }

    /** The same condition in CEL, with a prepared activation map. */
    @Benchmark
    public Object celSingleCondition() throws Exception {
        return celSingleCondition.eval(activation);
    }
}

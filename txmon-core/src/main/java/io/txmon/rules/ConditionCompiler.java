package io.txmon.rules;

import io.txmon.features.Feature;
import io.txmon.rules.Syntax.BinaryOperator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves names, checks types and turns {@link Syntax} into a tree of evaluator nodes.
 *
 * <p>Types follow CEL, so that whatever compiles here type-checks in CEL: a number written without a
 * decimal point or exponent is an int to CEL, and CEL neither converts ints to doubles nor mixes them in
 * arithmetic, equality or the branches of {@code ?:}. It does compare them with {@code < <= > >=}
 * (cross-type numeric comparison, with CEL's option for it enabled), so that is the one place an
 * integer literal may stand; everywhere else the analyst is asked to write {@code 1.0}. All other
 * numbers (features, parameters, double literals) are doubles in both languages. CEL's cross-type order
 * is {@link Double#compare}'s, not IEEE's, and the compiled comparison follows it.
 *
 * <p>Sub-trees that read no feature are folded into constants with the very operations that would run
 * later, so folding cannot change a result. Comparisons of a feature with a constant become a
 * dedicated node, the common case in rules; chains of {@code &&} and {@code ||} become one n-ary node,
 * in which the feature comparisons are fused into a single loop over arrays.
 */
final class ConditionCompiler {
    private static final double[] NO_FEATURES = new double[0];

    private static final String ABS = "math.abs";
    private static final String GREATEST = "math.greatest";
    private static final String LEAST = "math.least";
    private static final List<String> FUNCTIONS = List.of(ABS, GREATEST, LEAST);

    private final Map<String, Double> parameters;
    private final List<String> knownNames;
    private final EnumSet<Feature> used = EnumSet.noneOf(Feature.class);

    private ConditionCompiler(Map<String, Double> parameters) {
        this.parameters = parameters;
        List<String> names = new ArrayList<>();
        for (Feature feature : Feature.values()) {
            names.add(feature.featureName());
        }
        names.addAll(parameters.keySet());
        this.knownNames = names;
    }

    /** The compiled tree and the features it reads. */
    record Compiled(BooleanNode root, Set<Feature> features) {}

    static Compiled compile(Syntax syntax, Map<String, Double> parameters) {
        ConditionCompiler compiler = new ConditionCompiler(parameters);
        Typed result = compiler.compile(syntax);
        if (result.type() != Type.BOOLEAN) {
            throw new InvalidConditionException(
                    1, "a condition must be true or false, but this one is " + result.type().description);
        }
        return new Compiled(result.bool(), Collections.unmodifiableSet(EnumSet.copyOf(compiler.usedOrNone())));
    }

    private EnumSet<Feature> usedOrNone() {
        return used.isEmpty() ? EnumSet.noneOf(Feature.class) : used;
    }

    private enum Type {
        BOOLEAN("true/false"),
        DOUBLE("a number"),
        /** An integer literal, possibly negated: an int to CEL. */
        INTEGER("an integer");

        final String description;

        Type(String description) {
            this.description = description;
        }
    }

    /** A compiled sub-expression: {@code number} is set for numeric types, {@code bool} for booleans. */
    private record Typed(Type type, NumericNode number, BooleanNode bool) {
        static Typed number(Type type, NumericNode node) {
            return new Typed(type, node, null);
        }

        static Typed bool(BooleanNode node) {
            return new Typed(Type.BOOLEAN, null, node);
        }
    }

    private Typed compile(Syntax syntax) {
        if (syntax instanceof Syntax.NumberLiteral literal) {
            return Typed.number(
                    literal.integer() ? Type.INTEGER : Type.DOUBLE, new NumericNodes.Constant(literal.value()));
        }
        if (syntax instanceof Syntax.BooleanLiteral literal) {
            return Typed.bool(BooleanNodes.Constant.of(literal.value()));
        }
        if (syntax instanceof Syntax.Name name) {
            return name(name);
        }
        if (syntax instanceof Syntax.Negation negation) {
            return negation(negation);
        }
        if (syntax instanceof Syntax.Not not) {
            Typed operand = compile(not.operand());
            if (operand.type() != Type.BOOLEAN) {
                throw new InvalidConditionException(
                        not.column(), "'!' needs true/false, but its operand is " + operand.type().description);
            }
            BooleanNode node = operand.bool() instanceof BooleanNodes.Constant constant
                    ? BooleanNodes.Constant.of(!constant.value)
                    : new BooleanNodes.Not(operand.bool());
            return Typed.bool(node);
        }
        if (syntax instanceof Syntax.Binary binary) {
            switch (binary.operator().kind()) {
                case LOGICAL:
                    return logical(binary);
                case ORDERING:
                    return ordering(binary);
                case EQUALITY:
                    return equality(binary);
                case ARITHMETIC:
                default:
                    return arithmetic(binary);
            }
        }
        if (syntax instanceof Syntax.Choice choice) {
            return choice(choice);
        }
        return call((Syntax.Call) syntax);
    }

    private Typed name(Syntax.Name name) {
        Feature feature = Feature.byName(name.name()).orElse(null);
        if (feature != null) {
            used.add(feature);
            return Typed.number(Type.DOUBLE, new NumericNodes.FeatureValue(feature.ordinal()));
        }
        Double parameter = parameters.get(name.name());
        if (parameter != null) {
            return Typed.number(Type.DOUBLE, new NumericNodes.Constant(parameter));
        }
        throw new InvalidConditionException(
                name.column(),
                "unknown name '" + name.name() + "' (did you mean '" + Names.closest(name.name(), knownNames) + "'?)");
    }

    private Typed negation(Syntax.Negation negation) {
        Typed operand = compile(negation.operand());
        if (operand.type() == Type.BOOLEAN) {
            throw new InvalidConditionException(negation.column(), "'-' needs a number, but its operand is true/false");
        }
        if (operand.type() == Type.INTEGER) {
            // CEL negates an int as an int: -0 is 0, where negating the double 0.0 would give -0.0,
            // which CEL's cross-type comparison orders below 0.
            double value = ((NumericNodes.Constant) operand.number()).value;
            return Typed.number(Type.INTEGER, new NumericNodes.Constant(0.0 - value));
        }
        return Typed.number(operand.type(), fold(new NumericNodes.Negation(operand.number()), operand.number()));
    }

    private Typed logical(Syntax.Binary binary) {
        List<Syntax> operands = new ArrayList<>();
        flatten(binary.operator(), binary, operands);
        boolean isAnd = binary.operator() == BinaryOperator.AND;
        List<BooleanNode> nodes = new ArrayList<>();
        boolean decided = false;
        for (Syntax operand : operands) {
            Typed typed = compile(operand);
            if (typed.type() != Type.BOOLEAN) {
                throw new InvalidConditionException(
                        start(operand),
                        "'" + binary.operator().symbol() + "' needs true/false on both sides, but the side at column "
                                + start(operand) + " is " + typed.type().description);
            }
            if (typed.bool() instanceof BooleanNodes.Constant constant) {
                // true && x is x, false && x is false; dually for ||. No operand can fail at run time.
                decided |= constant.value != isAnd;
            } else {
                nodes.add(typed.bool());
            }
        }
        if (decided) {
            return Typed.bool(BooleanNodes.Constant.of(!isAnd));
        }
        if (nodes.isEmpty()) {
            return Typed.bool(BooleanNodes.Constant.of(isAnd));
        }
        return Typed.bool(join(isAnd, nodes));
    }

    /**
     * One node for {@code &&} or {@code ||} over several operands. Comparisons of a feature with a
     * constant are fused into one node and tested first: operands cannot fail or have effects, so the
     * order in which they are tested cannot change the result, only its cost.
     */
    private static BooleanNode join(boolean isAnd, List<BooleanNode> operands) {
        List<BooleanNodes.FeatureComparison> comparisons = new ArrayList<>();
        List<BooleanNode> others = new ArrayList<>();
        for (BooleanNode operand : operands) {
            if (operand instanceof BooleanNodes.FeatureComparison comparison) {
                comparisons.add(comparison);
            } else {
                others.add(operand);
            }
        }
        List<BooleanNode> joined = new ArrayList<>();
        if (comparisons.size() > 1) {
            BooleanNodes.FeatureComparison[] fused = comparisons.toArray(new BooleanNodes.FeatureComparison[0]);
            joined.add(
                    isAnd
                            ? new BooleanNodes.AllFeatureComparisons(fused)
                            : new BooleanNodes.AnyFeatureComparisons(fused));
        } else {
            joined.addAll(comparisons);
        }
        joined.addAll(others);
        if (joined.size() == 1) {
            return joined.get(0);
        }
        BooleanNode[] array = joined.toArray(new BooleanNode[0]);
        return isAnd ? new BooleanNodes.AllOf(array) : new BooleanNodes.AnyOf(array);
    }

    private static void flatten(BinaryOperator operator, Syntax syntax, List<Syntax> into) {
        if (syntax instanceof Syntax.Binary binary && binary.operator() == operator) {
            flatten(operator, binary.left(), into);
            flatten(operator, binary.right(), into);
        } else {
            into.add(syntax);
        }
    }

    private Typed ordering(Syntax.Binary binary) {
        Typed left = compile(binary.left());
        Typed right = compile(binary.right());
        if (left.type() == Type.BOOLEAN || right.type() == Type.BOOLEAN) {
            throw new InvalidConditionException(
                    binary.column(),
                    "'" + binary.operator().symbol() + "' compares numbers, but its "
                            + (left.type() == Type.BOOLEAN ? "left" : "right") + " side is true/false");
        }
        boolean crossType = left.type() == Type.INTEGER || right.type() == Type.INTEGER;
        return Typed.bool(
                crossType
                        ? compareAcrossTypes(binary.operator(), left.number(), right.number())
                        : compare(binary.operator(), left.number(), right.number()));
    }

    private Typed equality(Syntax.Binary binary) {
        Typed left = compile(binary.left());
        Typed right = compile(binary.right());
        String symbol = binary.operator().symbol();
        if ((left.type() == Type.BOOLEAN) != (right.type() == Type.BOOLEAN)) {
            throw new InvalidConditionException(
                    binary.column(),
                    "'" + symbol + "' compares " + left.type().description + " with " + right.type().description
                            + ", which CEL rejects");
        }
        if (left.type() != right.type()) {
            Syntax integer = left.type() == Type.INTEGER ? binary.left() : binary.right();
            throw new InvalidConditionException(
                    start(integer),
                    "'" + symbol + "' between a double and the integer " + integerText(integer)
                            + " is a type error in CEL; write " + integerText(integer) + ".0");
        }
        boolean equal = binary.operator() == BinaryOperator.EQUAL;
        if (left.type() == Type.BOOLEAN) {
            BooleanNode node = equal
                    ? new BooleanNodes.Same(left.bool(), right.bool())
                    : new BooleanNodes.Different(left.bool(), right.bool());
            if (left.bool() instanceof BooleanNodes.Constant && right.bool() instanceof BooleanNodes.Constant) {
                node = BooleanNodes.Constant.of(node.test(NO_FEATURES));
            }
            return Typed.bool(node);
        }
        return Typed.bool(compare(binary.operator(), left.number(), right.number()));
    }

    private Typed arithmetic(Syntax.Binary binary) {
        Typed left = requireDouble(binary.left(), "'" + binary.operator().symbol() + "'");
        Typed right = requireDouble(binary.right(), "'" + binary.operator().symbol() + "'");
        NumericNode node;
        switch (binary.operator()) {
            case PLUS:
                node = new NumericNodes.Sum(left.number(), right.number());
                break;
            case MINUS:
                node = new NumericNodes.Difference(left.number(), right.number());
                break;
            case TIMES:
                node = new NumericNodes.Product(left.number(), right.number());
                break;
            case DIVIDED_BY:
            default:
                node = new NumericNodes.Quotient(left.number(), right.number());
                break;
        }
        return Typed.number(Type.DOUBLE, fold(node, left.number(), right.number()));
    }

    private Typed choice(Syntax.Choice choice) {
        Typed condition = compile(choice.condition());
        if (condition.type() != Type.BOOLEAN) {
            throw new InvalidConditionException(
                    start(choice.condition()),
                    "the part before '?' must be true or false, but it is " + condition.type().description);
        }
        Typed ifTrue = compile(choice.ifTrue());
        Typed ifFalse = compile(choice.ifFalse());
        for (Syntax branch : List.of(choice.ifTrue(), choice.ifFalse())) {
            if (isIntegerLiteral(branch)) {
                throw new InvalidConditionException(
                        start(branch),
                        "the integer " + integerText(branch) + " as a branch of '?:' is an int to CEL and does not"
                                + " mix with doubles; write " + integerText(branch) + ".0");
            }
        }
        if (ifTrue.type() != ifFalse.type()) {
            throw new InvalidConditionException(
                    choice.column(),
                    "both branches of '?:' must be numbers or both true/false, but one is " + ifTrue.type().description
                            + " and the other " + ifFalse.type().description);
        }
        if (condition.bool() instanceof BooleanNodes.Constant constant) {
            return constant.value ? ifTrue : ifFalse;
        }
        if (ifTrue.type() == Type.BOOLEAN) {
            return Typed.bool(new BooleanNodes.Choice(condition.bool(), ifTrue.bool(), ifFalse.bool()));
        }
        return Typed.number(Type.DOUBLE, new NumericNodes.Choice(condition.bool(), ifTrue.number(), ifFalse.number()));
    }

    private Typed call(Syntax.Call call) {
        String function = call.function();
        if (!FUNCTIONS.contains(function)) {
            throw new InvalidConditionException(
                    call.column(),
                    "unknown function '" + function + "' (did you mean '" + Names.closest(function, FUNCTIONS)
                            + "'?); the functions are " + String.join(", ", FUNCTIONS));
        }
        List<Syntax> arguments = call.arguments();
        boolean single = function.equals(ABS);
        if (single ? arguments.size() != 1 : arguments.size() < 2) {
            throw new InvalidConditionException(
                    call.column(),
                    function + " takes " + (single ? "one argument" : "two or more arguments") + ", not "
                            + arguments.size());
        }
        NumericNode[] operands = new NumericNode[arguments.size()];
        for (int i = 0; i < operands.length; i++) {
            operands[i] = requireDouble(arguments.get(i), function).number();
        }
        NumericNode node;
        if (single) {
            node = new NumericNodes.Absolute(operands[0]);
        } else if (function.equals(GREATEST)) {
            node = new NumericNodes.Greatest(operands);
        } else {
            node = new NumericNodes.Least(operands);
        }
        return Typed.number(Type.DOUBLE, fold(node, operands));
    }

    private Typed requireDouble(Syntax syntax, String user) {
        Typed typed = compile(syntax);
        if (typed.type() == Type.BOOLEAN) {
            throw new InvalidConditionException(
                    start(syntax),
                    user + " needs numbers, but the operand at column " + start(syntax) + " is true/false");
        }
        if (typed.type() == Type.INTEGER) {
            throw new InvalidConditionException(
                    start(syntax),
                    "the integer " + integerText(syntax) + " cannot be used with " + user
                            + ": CEL reads it as an int and does not mix ints with doubles; write "
                            + integerText(syntax) + ".0");
        }
        return typed;
    }

    private static BooleanNode compare(BinaryOperator operator, NumericNode left, NumericNode right) {
        if (left instanceof NumericNodes.Constant && right instanceof NumericNodes.Constant) {
            return BooleanNodes.Constant.of(general(operator, left, right).test(NO_FEATURES));
        }
        if (left instanceof NumericNodes.FeatureValue feature && right instanceof NumericNodes.Constant constant) {
            return featureAgainstConstant(operator, feature.index, constant.value);
        }
        if (left instanceof NumericNodes.Constant constant && right instanceof NumericNodes.FeatureValue feature) {
            // c < f is f > c, also for NaN, where both are false.
            return featureAgainstConstant(mirror(operator), feature.index, constant.value);
        }
        return general(operator, left, right);
    }

    /**
     * A comparison where one side is an int to CEL, in CEL's cross-type order ({@link Double#compare}),
     * which differs from IEEE for NaN and -0.0.
     */
    private static BooleanNode compareAcrossTypes(BinaryOperator operator, NumericNode left, NumericNode right) {
        if (left instanceof NumericNodes.Constant && right instanceof NumericNodes.Constant) {
            return BooleanNodes.Constant.of(ordered(operator, left, right).test(NO_FEATURES));
        }
        if (left instanceof NumericNodes.FeatureValue feature && right instanceof NumericNodes.Constant constant) {
            return featureOrdered(operator, feature.index, constant.value);
        }
        if (left instanceof NumericNodes.Constant constant && right instanceof NumericNodes.FeatureValue feature) {
            // Double.compare is antisymmetric, so c < f is f > c in this order too.
            return featureOrdered(mirror(operator), feature.index, constant.value);
        }
        return ordered(operator, left, right);
    }

    private static BooleanNode ordered(BinaryOperator operator, NumericNode left, NumericNode right) {
        return new BooleanNodes.Ordered(left, right, direction(operator), threshold(operator));
    }

    private static BooleanNode featureOrdered(BinaryOperator operator, int index, double constant) {
        return new BooleanNodes.FeatureComparison(index, orderedOpcode(operator), constant);
    }

    private static int direction(BinaryOperator operator) {
        return operator == BinaryOperator.GREATER || operator == BinaryOperator.GREATER_OR_EQUAL ? 1 : -1;
    }

    private static int threshold(BinaryOperator operator) {
        return operator == BinaryOperator.GREATER || operator == BinaryOperator.LESS ? 0 : -1;
    }

    private static BooleanNode general(BinaryOperator operator, NumericNode left, NumericNode right) {
        switch (operator) {
            case LESS:
                return new BooleanNodes.Less(left, right);
            case LESS_OR_EQUAL:
                return new BooleanNodes.LessOrEqual(left, right);
            case GREATER:
                return new BooleanNodes.Greater(left, right);
            case GREATER_OR_EQUAL:
                return new BooleanNodes.GreaterOrEqual(left, right);
            case EQUAL:
                return new BooleanNodes.Equal(left, right);
            case NOT_EQUAL:
                return new BooleanNodes.NotEqual(left, right);
            default:
                throw new IllegalStateException("not a comparison: " + operator);
        }
    }

    private static BooleanNode featureAgainstConstant(BinaryOperator operator, int index, double constant) {
        return new BooleanNodes.FeatureComparison(index, opcode(operator), constant);
    }

    private static int opcode(BinaryOperator operator) {
        switch (operator) {
            case LESS:
                return BooleanNodes.LESS;
            case LESS_OR_EQUAL:
                return BooleanNodes.LESS_OR_EQUAL;
            case GREATER:
                return BooleanNodes.GREATER;
            case GREATER_OR_EQUAL:
                return BooleanNodes.GREATER_OR_EQUAL;
            case EQUAL:
                return BooleanNodes.EQUAL;
            case NOT_EQUAL:
                return BooleanNodes.NOT_EQUAL;
            default:
                throw new IllegalStateException("not a comparison: " + operator);
        }
    }

    private static int orderedOpcode(BinaryOperator operator) {
        switch (operator) {
            case LESS:
                return BooleanNodes.ORDERED_LESS;
            case LESS_OR_EQUAL:
                return BooleanNodes.ORDERED_LESS_OR_EQUAL;
            case GREATER:
                return BooleanNodes.ORDERED_GREATER;
            case GREATER_OR_EQUAL:
                return BooleanNodes.ORDERED_GREATER_OR_EQUAL;
            default:
                throw new IllegalStateException("not an ordering: " + operator);
        }
    }

    private static BinaryOperator mirror(BinaryOperator operator) {
        switch (operator) {
            case LESS:
                return BinaryOperator.GREATER;
            case LESS_OR_EQUAL:
                return BinaryOperator.GREATER_OR_EQUAL;
            case GREATER:
                return BinaryOperator.LESS;
            case GREATER_OR_EQUAL:
                return BinaryOperator.LESS_OR_EQUAL;
            default:
                return operator;
        }
    }

    /** The node itself, or its value as a constant when every operand is one. */
    private static NumericNode fold(NumericNode node, NumericNode... operands) {
        for (NumericNode operand : operands) {
            if (!(operand instanceof NumericNodes.Constant)) {
                return node;
            }
        }
        return new NumericNodes.Constant(node.value(NO_FEATURES));
    }

    private static boolean isIntegerLiteral(Syntax syntax) {
        if (syntax instanceof Syntax.Negation negation) {
            return isIntegerLiteral(negation.operand());
        }
        return syntax instanceof Syntax.NumberLiteral literal && literal.integer();
    }

    /** The text of an integer literal, with its minus signs. */
    private static String integerText(Syntax syntax) {
        if (syntax instanceof Syntax.Negation negation) {
            return "-" + integerText(negation.operand());
        }
        return ((Syntax.NumberLiteral) syntax).text();
    }

    /** The column of the leftmost character of a sub-expression (inside any parentheses). */
    static int start(Syntax syntax) {
        if (syntax instanceof Syntax.Binary binary) {
            return start(binary.left());
        }
        if (syntax instanceof Syntax.Choice choice) {
            return start(choice.condition());
        }
        return syntax.column();
    }
}

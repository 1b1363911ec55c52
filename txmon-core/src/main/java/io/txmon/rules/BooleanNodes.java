package io.txmon.rules;

/**
 * The boolean evaluator nodes. Comparisons come in two shapes: a general one over two numeric nodes,
 * and one for the shape almost every rule is made of, a feature against a constant ({@code amount >
 * 10000}), which reads the vector directly instead of through two more virtual calls.
 *
 * <p>Comparisons come in two orders, because CEL (cel-java 0.14.0, measured) has two. Two doubles compare
 * by IEEE 754: anything compared with NaN is false, except {@code !=}, and -0.0 equals 0.0. A double
 * against an int (an integer literal such as the {@code 10000} in {@code amount > 10000}) compares as
 * {@link Double#compare} does: NaN lies above every number and -0.0 below 0. The {@code ORDERED} opcodes
 * and the {@code Ordered} node reproduce the second order.
 */
final class BooleanNodes {
    private BooleanNodes() {}

    static final class Constant extends BooleanNode {
        static final Constant TRUE = new Constant(true);
        static final Constant FALSE = new Constant(false);

        final boolean value;

        private Constant(boolean value) {
            this.value = value;
        }

        static Constant of(boolean value) {
            return value ? TRUE : FALSE;
        }

        @Override
        boolean test(double[] features) {
            return value;
        }
    }

    static final class Not extends BooleanNode {
        private final BooleanNode operand;

        Not(BooleanNode operand) {
            this.operand = operand;
        }

        @Override
        boolean test(double[] features) {
            return !operand.test(features);
        }
    }

    /** {@code a && b && ...}, stopping at the first false operand. */
    static final class AllOf extends BooleanNode {
        private final BooleanNode[] operands;

        AllOf(BooleanNode[] operands) {
            this.operands = operands.clone();
        }

        @Override
        boolean test(double[] features) {
            for (BooleanNode operand : operands) {
                if (!operand.test(features)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code a || b || ...}, stopping at the first true operand. */
    static final class AnyOf extends BooleanNode {
        private final BooleanNode[] operands;

        AnyOf(BooleanNode[] operands) {
            this.operands = operands.clone();
        }

        @Override
        boolean test(double[] features) {
            for (BooleanNode operand : operands) {
                if (operand.test(features)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code a == b} over booleans. */
    static final class Same extends BooleanNode {
        private final BooleanNode left;
        private final BooleanNode right;

        Same(BooleanNode left, BooleanNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(double[] features) {
            return left.test(features) == right.test(features);
        }
    }

    /** {@code a != b} over booleans. */
    static final class Different extends BooleanNode {
        private final BooleanNode left;
        private final BooleanNode right;

        Different(BooleanNode left, BooleanNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(double[] features) {
            return left.test(features) != right.test(features);
        }
    }

    /** {@code condition ? ifTrue : ifFalse} over booleans; only the chosen branch is evaluated. */
    static final class Choice extends BooleanNode {
        private final BooleanNode condition;
        private final BooleanNode ifTrue;
        private final BooleanNode ifFalse;

        Choice(BooleanNode condition, BooleanNode ifTrue, BooleanNode ifFalse) {
            this.condition = condition;
            this.ifTrue = ifTrue;
            this.ifFalse = ifFalse;
        }

        @Override
        boolean test(double[] features) {
            return condition.test(features) ? ifTrue.test(features) : ifFalse.test(features);
        }
    }

    static final class Less extends BooleanNode {
        private final NumericNode left;
        private final NumericNode right;

        Less(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(double[] features) {
            return left.value(features) < right.value(features);
        }
    }

    static final class LessOrEqual extends BooleanNode {
        private final NumericNode left;
        private final NumericNode right;

        LessOrEqual(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(double[] features) {
            return left.value(features) <= right.value(features);
        }
    }

    static final class Greater extends BooleanNode {
        private final NumericNode left;
        private final NumericNode right;

        Greater(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(double[] features) {
            return left.value(features) > right.value(features);
        }
    }

    static final class GreaterOrEqual extends BooleanNode {
        private final NumericNode left;
        private final NumericNode right;

        GreaterOrEqual(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(double[] features) {
            return left.value(features) >= right.value(features);
        }
    }

    static final class Equal extends BooleanNode {
        private final NumericNode left;
        private final NumericNode right;

        Equal(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(double[] features) {
            return left.value(features) == right.value(features);
        }
    }

    static final class NotEqual extends BooleanNode {
        private final NumericNode left;
        private final NumericNode right;

        NotEqual(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(double[] features) {
            return left.value(features) != right.value(features);
        }
    }

    /**
     * A feature against a constant, the shape almost every rule is made of. The comparison is an opcode
     * rather than a class of its own, so that chains of them can be fused into one node (see {@link
     * AllFeatureComparisons}).
     */
    static final class FeatureComparison extends BooleanNode {
        final int index;
        final int operator;
        final double constant;

        FeatureComparison(int index, int operator, double constant) {
            this.index = index;
            this.operator = operator;
            this.constant = constant;
        }

        @Override
        boolean test(double[] features) {
            return holds(operator, features[index], constant);
        }
    }

    /**
     * {@code a && b && ...} where every operand compares a feature with a constant: one loop over flat
     * arrays, with no virtual call per operand.
     */
    static final class AllFeatureComparisons extends BooleanNode {
        private final int[] indexes;
        private final int[] operators;
        private final double[] constants;

        AllFeatureComparisons(FeatureComparison[] comparisons) {
            this.indexes = new int[comparisons.length];
            this.operators = new int[comparisons.length];
            this.constants = new double[comparisons.length];
            for (int i = 0; i < comparisons.length; i++) {
                indexes[i] = comparisons[i].index;
                operators[i] = comparisons[i].operator;
                constants[i] = comparisons[i].constant;
            }
        }

        @Override
        boolean test(double[] features) {
            for (int i = 0; i < indexes.length; i++) {
                if (!holds(operators[i], features[indexes[i]], constants[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code a || b || ...} over feature comparisons; see {@link AllFeatureComparisons}. */
    static final class AnyFeatureComparisons extends BooleanNode {
        private final int[] indexes;
        private final int[] operators;
        private final double[] constants;

        AnyFeatureComparisons(FeatureComparison[] comparisons) {
            this.indexes = new int[comparisons.length];
            this.operators = new int[comparisons.length];
            this.constants = new double[comparisons.length];
            for (int i = 0; i < comparisons.length; i++) {
                indexes[i] = comparisons[i].index;
                operators[i] = comparisons[i].operator;
                constants[i] = comparisons[i].constant;
            }
        }

        @Override
        boolean test(double[] features) {
            for (int i = 0; i < indexes.length; i++) {
                if (holds(operators[i], features[indexes[i]], constants[i])) {
                    return true;
                }
            }
            return false;
        }
    }

    // Opcodes of FeatureComparison. The IEEE ones compare two doubles; the ORDERED ones compare a
    // double with what CEL holds as an int, in CEL's cross-type order (Double.compare's).
    static final int LESS = 0;
    static final int LESS_OR_EQUAL = 1;
    static final int GREATER = 2;
    static final int GREATER_OR_EQUAL = 3;
    static final int EQUAL = 4;
    static final int NOT_EQUAL = 5;
    static final int ORDERED_LESS = 6;
    static final int ORDERED_LESS_OR_EQUAL = 7;
    static final int ORDERED_GREATER = 8;
    static final int ORDERED_GREATER_OR_EQUAL = 9;

    static boolean holds(int operator, double value, double constant) {
        switch (operator) {
            case LESS:
                return value < constant;
            case LESS_OR_EQUAL:
                return value <= constant;
            case GREATER:
                return value > constant;
            case GREATER_OR_EQUAL:
                return value >= constant;
            case EQUAL:
                return value == constant;
            case NOT_EQUAL:
                return value != constant;
            case ORDERED_LESS:
                return Double.compare(value, constant) < 0;
            case ORDERED_LESS_OR_EQUAL:
                return Double.compare(value, constant) <= 0;
            case ORDERED_GREATER:
                return Double.compare(value, constant) > 0;
            case ORDERED_GREATER_OR_EQUAL:
                return Double.compare(value, constant) >= 0;
            default:
                throw new IllegalStateException("unknown comparison opcode " + operator);
        }
    }

    /**
     * Two numbers, one of them an int to CEL, in CEL's cross-type order: {@code Double.compare(left,
     * right)} times {@code direction} (1 for {@code > >=}, -1 for {@code < <=}) must exceed {@code
     * threshold} (0 for a strict comparison, -1 otherwise), which avoids a branch per test.
     */
    static final class Ordered extends BooleanNode {
        private final NumericNode left;
        private final NumericNode right;
        private final int direction;
        private final int threshold;

        Ordered(NumericNode left, NumericNode right, int direction, int threshold) {
            this.left = left;
            this.right = right;
            this.direction = direction;
            this.threshold = threshold;
        }

        @Override
        boolean test(double[] features) {
            return Double.compare(left.value(features), right.value(features)) * direction > threshold;
        }
    }
}

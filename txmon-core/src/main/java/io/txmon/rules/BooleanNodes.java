package io.txmon.rules;

/**
 * The boolean evaluator nodes. Comparisons come in two shapes: a general one over two numeric nodes,
 * and one for the shape almost every rule is made of, a feature against a constant ({@code amount >
 * 10000}), which reads the vector directly instead of through two more virtual calls.
 *
 * <p>Comparisons come in two orders, because CEL (cel-java 0.14.0, measured) has two. Two doubles compare
 * by IEEE 754: anything compared with NaN is false, except {@code !=}, and -0.0 equals 0.0. A double
 * against an int (an integer literal such as the {@code 10000} in {@code amount > 10000}) compares as
 * {@link Double#compare} does: NaN lies above every number and -0.0 below 0. The {@code Ordered} nodes
 * reproduce the second order.
 */
final class BooleanNodes {
    private BooleanNodes() {}

    static final class Constant implements BooleanNode {
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
        public boolean test(double[] features) {
            return value;
        }
    }

    static final class Not implements BooleanNode {
        private final BooleanNode operand;

        Not(BooleanNode operand) {
            this.operand = operand;
        }

        @Override
        public boolean test(double[] features) {
            return !operand.test(features);
        }
    }

    /** {@code a && b && ...}, stopping at the first false operand. */
    static final class AllOf implements BooleanNode {
        private final BooleanNode[] operands;

        AllOf(BooleanNode[] operands) {
            this.operands = operands.clone();
        }

        @Override
        public boolean test(double[] features) {
            for (BooleanNode operand : operands) {
                if (!operand.test(features)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code a || b || ...}, stopping at the first true operand. */
    static final class AnyOf implements BooleanNode {
        private final BooleanNode[] operands;

        AnyOf(BooleanNode[] operands) {
            this.operands = operands.clone();
        }

        @Override
        public boolean test(double[] features) {
            for (BooleanNode operand : operands) {
                if (operand.test(features)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code a == b} over booleans. */
    static final class Same implements BooleanNode {
        private final BooleanNode left;
        private final BooleanNode right;

        Same(BooleanNode left, BooleanNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public boolean test(double[] features) {
            return left.test(features) == right.test(features);
        }
    }

    /** {@code a != b} over booleans. */
    static final class Different implements BooleanNode {
        private final BooleanNode left;
        private final BooleanNode right;

        Different(BooleanNode left, BooleanNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public boolean test(double[] features) {
            return left.test(features) != right.test(features);
        }
    }

    /** {@code condition ? ifTrue : ifFalse} over booleans; only the chosen branch is evaluated. */
    static final class Choice implements BooleanNode {
        private final BooleanNode condition;
        private final BooleanNode ifTrue;
        private final BooleanNode ifFalse;

        Choice(BooleanNode condition, BooleanNode ifTrue, BooleanNode ifFalse) {
            this.condition = condition;
            this.ifTrue = ifTrue;
            this.ifFalse = ifFalse;
        }

        @Override
        public boolean test(double[] features) {
            return condition.test(features) ? ifTrue.test(features) : ifFalse.test(features);
        }
    }

    static final class Less implements BooleanNode {
        private final NumericNode left;
        private final NumericNode right;

        Less(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public boolean test(double[] features) {
            return left.value(features) < right.value(features);
        }
    }

    static final class LessOrEqual implements BooleanNode {
        private final NumericNode left;
        private final NumericNode right;

        LessOrEqual(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public boolean test(double[] features) {
            return left.value(features) <= right.value(features);
        }
    }

    static final class Greater implements BooleanNode {
        private final NumericNode left;
        private final NumericNode right;

        Greater(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public boolean test(double[] features) {
            return left.value(features) > right.value(features);
        }
    }

    static final class GreaterOrEqual implements BooleanNode {
        private final NumericNode left;
        private final NumericNode right;

        GreaterOrEqual(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public boolean test(double[] features) {
            return left.value(features) >= right.value(features);
        }
    }

    static final class Equal implements BooleanNode {
        private final NumericNode left;
        private final NumericNode right;

        Equal(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public boolean test(double[] features) {
            return left.value(features) == right.value(features);
        }
    }

    static final class NotEqual implements BooleanNode {
        private final NumericNode left;
        private final NumericNode right;

        NotEqual(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public boolean test(double[] features) {
            return left.value(features) != right.value(features);
        }
    }

    static final class FeatureLess implements BooleanNode {
        private final int index;
        private final double constant;

        FeatureLess(int index, double constant) {
            this.index = index;
            this.constant = constant;
        }

        @Override
        public boolean test(double[] features) {
            return features[index] < constant;
        }
    }

    static final class FeatureLessOrEqual implements BooleanNode {
        private final int index;
        private final double constant;

        FeatureLessOrEqual(int index, double constant) {
            this.index = index;
            this.constant = constant;
        }

        @Override
        public boolean test(double[] features) {
            return features[index] <= constant;
        }
    }

    static final class FeatureGreater implements BooleanNode {
        private final int index;
        private final double constant;

        FeatureGreater(int index, double constant) {
            this.index = index;
            this.constant = constant;
        }

        @Override
        public boolean test(double[] features) {
            return features[index] > constant;
        }
    }

    static final class FeatureGreaterOrEqual implements BooleanNode {
        private final int index;
        private final double constant;

        FeatureGreaterOrEqual(int index, double constant) {
            this.index = index;
            this.constant = constant;
        }

        @Override
        public boolean test(double[] features) {
            return features[index] >= constant;
        }
    }

    static final class FeatureEqual implements BooleanNode {
        private final int index;
        private final double constant;

        FeatureEqual(int index, double constant) {
            this.index = index;
            this.constant = constant;
        }

        @Override
        public boolean test(double[] features) {
            return features[index] == constant;
        }
    }

    static final class FeatureNotEqual implements BooleanNode {
        private final int index;
        private final double constant;

        FeatureNotEqual(int index, double constant) {
            this.index = index;
            this.constant = constant;
        }

        @Override
        public boolean test(double[] features) {
            return features[index] != constant;
        }
    }

    /**
     * A feature against an integer literal, in CEL's cross-type order: {@code Double.compare(feature,
     * constant)} times {@code direction} (1 for {@code > >=}, -1 for {@code < <=}) must exceed
     * {@code threshold} (0 for a strict comparison, -1 otherwise), which avoids a branch per test.
     */
    static final class FeatureOrdered implements BooleanNode {
        private final int index;
        private final double constant;
        private final int direction;
        private final int threshold;

        FeatureOrdered(int index, double constant, int direction, int threshold) {
            this.index = index;
            this.constant = constant;
            this.direction = direction;
            this.threshold = threshold;
        }

        @Override
        public boolean test(double[] features) {
            return Double.compare(features[index], constant) * direction > threshold;
        }
    }

    /** Two numbers, one of them an int to CEL, in CEL's cross-type order; see {@link FeatureOrdered}. */
    static final class Ordered implements BooleanNode {
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
        public boolean test(double[] features) {
            return Double.compare(left.value(features), right.value(features)) * direction > threshold;
        }
    }
}

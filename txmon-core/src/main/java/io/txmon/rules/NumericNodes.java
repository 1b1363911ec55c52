package io.txmon.rules;

/**
 * The numeric evaluator nodes. Each is a small final class with final fields, so that the JIT can
 * inline a call once it has seen which node sits at a call site.
 */
final class NumericNodes {
    private NumericNodes() {}

    /** One feature of the vector, by its ordinal. */
    static final class FeatureValue extends NumericNode {
        final int index;

        FeatureValue(int index) {
            this.index = index;
        }

        @Override
        double value(double[] features) {
            return features[index];
        }
    }

    /** A literal, a parameter, or a sub-expression folded at compile time. */
    static final class Constant extends NumericNode {
        final double value;

        Constant(double value) {
            this.value = value;
        }

        @Override
        double value(double[] features) {
            return value;
        }
    }

    static final class Sum extends NumericNode {
        private final NumericNode left;
        private final NumericNode right;

        Sum(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double value(double[] features) {
            return left.value(features) + right.value(features);
        }
    }

    static final class Difference extends NumericNode {
        private final NumericNode left;
        private final NumericNode right;

        Difference(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double value(double[] features) {
            return left.value(features) - right.value(features);
        }
    }

    static final class Product extends NumericNode {
        private final NumericNode left;
        private final NumericNode right;

        Product(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double value(double[] features) {
            return left.value(features) * right.value(features);
        }
    }

    /** IEEE division, as CEL's for doubles: dividing by zero gives an infinity or NaN, not an error. */
    static final class Quotient extends NumericNode {
        private final NumericNode left;
        private final NumericNode right;

        Quotient(NumericNode left, NumericNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double value(double[] features) {
            return left.value(features) / right.value(features);
        }
    }

    static final class Negation extends NumericNode {
        private final NumericNode operand;

        Negation(NumericNode operand) {
            this.operand = operand;
        }

        @Override
        double value(double[] features) {
            return -operand.value(features);
        }
    }

    /** CEL's {@code math.abs}. */
    static final class Absolute extends NumericNode {
        private final NumericNode operand;

        Absolute(NumericNode operand) {
            this.operand = operand;
        }

        @Override
        double value(double[] features) {
            return Math.abs(operand.value(features));
        }
    }

    /**
     * CEL's {@code math.greatest}. CEL orders doubles as {@link Double#compare} does, so NaN counts as
     * the greatest value and 0.0 as greater than -0.0; {@link Math#max} agrees on both.
     */
    static final class Greatest extends NumericNode {
        private final NumericNode[] operands;

        Greatest(NumericNode[] operands) {
            this.operands = operands.clone();
        }

        @Override
        double value(double[] features) {
            double greatest = operands[0].value(features);
            for (int i = 1; i < operands.length; i++) {
                greatest = Math.max(greatest, operands[i].value(features));
            }
            return greatest;
        }
    }

    /**
     * CEL's {@code math.least}. Because CEL orders NaN above every number, the least of NaN and 1 is
     * 1, where {@link Math#min} would say NaN; hence {@link Double#compare} here.
     */
    static final class Least extends NumericNode {
        private final NumericNode[] operands;

        Least(NumericNode[] operands) {
            this.operands = operands.clone();
        }

        @Override
        double value(double[] features) {
            double least = operands[0].value(features);
            for (int i = 1; i < operands.length; i++) {
                double candidate = operands[i].value(features);
                if (Double.compare(candidate, least) < 0) {
                    least = candidate;
                }
            }
            return least;
        }
    }

    /** {@code condition ? ifTrue : ifFalse} over numbers; only the chosen branch is evaluated. */
    static final class Choice extends NumericNode {
        private final BooleanNode condition;
        private final NumericNode ifTrue;
        private final NumericNode ifFalse;

        Choice(BooleanNode condition, NumericNode ifTrue, NumericNode ifFalse) {
            this.condition = condition;
            this.ifTrue = ifTrue;
            this.ifFalse = ifFalse;
        }

        @Override
        double value(double[] features) {
            return condition.test(features) ? ifTrue.value(features) : ifFalse.value(features);
        }
    }
}

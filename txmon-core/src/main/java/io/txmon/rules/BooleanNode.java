package io.txmon.rules;

/**
 * A compiled boolean sub-expression: reads the feature vector and allocates nothing. An abstract class
 * for the reason given on {@link NumericNode}.
 */
abstract class BooleanNode {
    abstract boolean test(double[] features);
}

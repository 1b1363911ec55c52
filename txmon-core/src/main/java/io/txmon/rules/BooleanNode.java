package io.txmon.rules;

/** A compiled boolean sub-expression: reads the feature vector and allocates nothing. */
interface BooleanNode {
    boolean test(double[] features);
}

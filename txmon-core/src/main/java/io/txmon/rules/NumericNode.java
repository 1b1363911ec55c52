package io.txmon.rules;

/** A compiled numeric sub-expression: reads the feature vector and allocates nothing. */
interface NumericNode {
    double value(double[] features);
}

package io.txmon.rules;

/**
 * A compiled numeric sub-expression: reads the feature vector and allocates nothing. An abstract class
 * rather than an interface because the rule set's calls through it are megamorphic, and a virtual call
 * dispatches through the vtable, cheaper than an interface call's itable search.
 */
abstract class NumericNode {
    abstract double value(double[] features);
}

/**
 * Rule evaluation measured: txmon's compiled conditions against the same conditions run by CEL
 * ({@code dev.cel}), which also serves as the reference that the rule language is a subset of CEL.
 */
package io.txmon.benchmarks.rules;

/**
 * The supervised model: gradient-boosted trees trained by a library (XGBoost) on features and known labels, and
 * scored here in plain Java, because a prediction through the library's native code costs about ten times a whole
 * decision. {@link io.txmon.boosting.BoostedTrees} is the trained ensemble.
 */
package io.txmon.boosting;

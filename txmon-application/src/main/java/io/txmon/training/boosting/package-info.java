/**
 * Training the supervised model: gradient-boosted trees fitted by XGBoost on features and known labels
 * ({@link io.txmon.training.boosting.BoostedTreesTrainer}), and read from the library's JSON model into the core's
 * {@link io.txmon.boosting.BoostedTrees} ({@link io.txmon.training.boosting.XgboostModelJson}), which scores them in
 * plain Java.
 */
package io.txmon.training.boosting;

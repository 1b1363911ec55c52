/**
 * The decision path: account features, rule hits and the anomaly model's opinion combined into one
 * {@link io.txmon.scoring.Decision} with a risk score, level, recommendation and reason codes (spec
 * section 3). The API, batch scoring and the streaming job all call this package.
 */
package io.txmon.scoring;

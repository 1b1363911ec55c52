/**
 * The decision path: account features, rule hits and the anomaly model's opinion combined into one
 * {@link io.txmon.scoring.Decision} with a risk score, level, recommendation and reason codes
 * (docs/file-formats.md, "Decisions"). The HTTP API, batch scoring and ingestion all call this package.
 */
package io.txmon.scoring;

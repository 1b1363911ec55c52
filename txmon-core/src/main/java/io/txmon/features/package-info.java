/**
 * Each account's behaviour, learned online: per-account state updated in event-time order, and the
 * named features a transaction is judged by, computed from what was known before it (docs/features.md, "Semantics").
 * {@link io.txmon.features.Feature} is the vocabulary that rules and the anomaly model share.
 */
package io.txmon.features;

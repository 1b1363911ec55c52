/**
 * The decision path on Apache Flink ({@link io.txmon.stream.DecisionJob}): each account's own transactions, as payer
 * and as payee, and each merchant's and device's, in event-time order in keyed state, with the outcomes labels make
 * known; the parts of a transaction's features joined by transaction id; then core's rules, anomaly model and
 * supervised model, as batch scoring decides. No decision logic lives here, only how the core's
 * steps are spread over keys. {@link io.txmon.stream.DecisionDatabaseSink} optionally stores the decisions in the
 * service's tables.
 */
package io.txmon.stream;

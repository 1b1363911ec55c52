/**
 * The decision path on Apache Flink ({@link io.txmon.stream.DecisionJob}): each account's own transactions, as payer
 * and as payee, in event-time order in keyed state; the two halves of a transfer's features joined by transaction
 * id; then core's rules and anomaly model, as batch scoring decides. No decision logic lives here, only how the core's
 * steps are spread over keys. {@link io.txmon.stream.DecisionDatabaseSink} optionally stores the decisions in the
 * service's tables.
 */
package io.txmon.stream;

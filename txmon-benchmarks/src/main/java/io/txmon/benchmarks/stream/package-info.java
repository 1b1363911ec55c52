/**
 * The streaming decision path under load, broker included: {@link io.txmon.benchmarks.stream.StreamLoad} measures
 * decisions per second through Kafka, Flink and Kafka against a trivial keyed job on the same topics
 * ({@link io.txmon.benchmarks.stream.KeyedCounterJob}), and end-to-end latency at a steady rate.
 */
package io.txmon.benchmarks.stream;

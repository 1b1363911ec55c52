/**
 * JMH benchmarks proving the speed goals: run {@code java -jar txmon-benchmarks/target/benchmarks.jar}
 * after {@code ./mvnw package}; results and commands are in {@code BENCHMARKS.md}.
 */
package io.txmon.benchmarks;

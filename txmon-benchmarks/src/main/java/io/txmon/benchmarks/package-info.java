/** JMH benchmarks for txmon's hot paths, and the measurements behind BENCHMARKS.md. */
package io.txmon.benchmarks;

#!/usr/bin/env bash
# Decisions per second through Kafka -> Flink -> Kafka on this machine, broker included, against a trivial keyed
# exactly-once job on the same topic and score's decision loop, then end-to-end latency at a steady 5,000 a second
# (io.txmon.benchmarks.stream.StreamLoad). Everything runs in one JVM: the broker, the jobs' mini-clusters, the
# producer and the readers. Options are passed on, e.g. --state heap,rocksdb --customers 10000 --latency-s 40.
# Usage: txmon-benchmarks/scripts/stream-load.sh [--name value]...
#   (after ./mvnw -q package -DskipTests -pl txmon-benchmarks -am)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/txmon-benchmarks/target/benchmarks.jar"
if [[ ! -f $jar ]]; then
  echo "no $jar: run ./mvnw -q package -DskipTests -pl txmon-benchmarks -am first" >&2
  exit 1
fi
echo "== $(nproc) cores (nproc), load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), $(date -u '+%Y-%m-%d %H:%M UTC')"
java -Xms4g -Xmx4g ${STREAM_JAVA_OPTS:-} -cp "$jar" io.txmon.benchmarks.stream.StreamLoad "$@" 2> >(grep -v '^SLF4J' >&2)
echo "== load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"

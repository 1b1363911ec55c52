#!/usr/bin/env bash
# Payments per second and their latency with 16 clients paying back to back through the payments ledger on
# PostgreSQL, screening by the decision path included (io.txmon.benchmarks.PaymentsLoad): a database created on
# 127.0.0.1:5432 for the run and dropped afterwards, 1,000 accounts, 10 s of warm-up, then the measured seconds.
# With "screening", the same transfers go through the decision path alone (stored, not posted).
# Usage: txmon-benchmarks/scripts/payments-load.sh [seconds] [payments|screening]
#   (after ./mvnw -q package -DskipTests -pl txmon-benchmarks -am; needs psql)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-30}
mode=${2:-payments}
jar="$root/txmon-benchmarks/target/benchmarks.jar"
if [[ ! -f $jar ]]; then
  echo "no $jar: run ./mvnw -q package -DskipTests -pl txmon-benchmarks -am first" >&2
  exit 1
fi
echo "== $(nproc) cores (nproc), load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
java -Xms1g -Xmx1g -XX:+UseParallelGC ${PAYMENTS_JAVA_OPTS:-} -cp "$jar" io.txmon.benchmarks.PaymentsLoad "$seconds" "$mode" \
  2> >(grep -Ev '^(INFO|WARNING|[A-Z][a-z]{2} [0-9]{1,2}, [0-9]{4})' >&2) &
java=$!
# The benchmark drops its database itself, even when it fails; this is for a JVM stopped before it could.
trap "kill $java 2>/dev/null || true; psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS txmon_payments_load_$java WITH (FORCE)'" EXIT
wait $java
trap - EXIT

#!/usr/bin/env bash
# Load on POST /detect with wrk (Debian's package), on loopback, against bin/txmon serve on a fresh PostgreSQL
# database (created on 127.0.0.1:5432 and dropped afterwards). Two runs: as fast as it goes (throughput), then
# paced at about 2,000 requests a second (latency).
# Usage: txmon-benchmarks/scripts/detect-load.sh [seconds]   (after ./mvnw -q package -DskipTests; needs wrk, psql)
# TXMON_BENCH_H2=1 runs on a fresh H2 database in a temporary folder instead, with TXMON_BENCH_H2_SETTINGS
# (e.g. ";WRITE_DELAY=500") appended to its URL.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-30}
port=18181
db=txmon_load_$$
key=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
h2=${TXMON_BENCH_H2:-}
if [ -n "$h2" ]; then
  h2dir=$(mktemp -d)
  url="jdbc:h2:file:$h2dir/txmon${TXMON_BENCH_H2_SETTINGS:-}"
else
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
  url="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres"
fi
echo "== database $url"
log=$(mktemp)
TXMON_API_KEYS="$key:INGEST,ANALYST" TXMON_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseParallelGC" \
  "$root/bin/txmon" serve --port $port --db "$url" >"$log" 2>&1 &
service=$!
cleanup() {
  kill $service 2>/dev/null || true
  wait $service 2>/dev/null || true
  if [ -n "$h2" ]; then
    rm -rf "$h2dir"
  else
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  fi
  rm -f "$log"
}
trap cleanup EXIT
for _ in $(seq 60); do
  curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break
  sleep 1
done
export TXMON_BENCH_KEY=$key
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== warm-up, 10 s"
WRK_RUN=warm WRK_DELAY_MS=0 wrk -t2 -c32 -d10s -s "$(dirname "$0")/wrk/detect.lua" "http://127.0.0.1:$port" >/dev/null
echo "== throughput: 2 threads, 64 connections, ${seconds} s"
WRK_RUN=fast WRK_DELAY_MS=0 wrk -t2 -c64 -d${seconds}s -s "$(dirname "$0")/wrk/detect.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|requests|latency"
echo "== paced: 2 threads, 20 connections, each waiting 10 ms between requests (about 2,000 a second), ${seconds} s"
WRK_RUN=paced WRK_DELAY_MS=10 wrk -t2 -c20 -d${seconds}s -s "$(dirname "$0")/wrk/detect.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|requests|latency"
echo "== stored"
[ -z "$h2" ] || echo "H2 file $(du -k "$h2dir"/txmon.mv.db | cut -f1) KB"
[ -n "$h2" ] || psql -h 127.0.0.1 -U postgres -d $db -Atc "SELECT COUNT(*) || ' transactions, ' || (SELECT COUNT(*) FROM decisions) || ' decisions' FROM transactions"
curl -s -H "X-API-Key: $key" "http://127.0.0.1:$port/actuator/prometheus" | grep -E '^scoring_latency_seconds_(count|sum)'

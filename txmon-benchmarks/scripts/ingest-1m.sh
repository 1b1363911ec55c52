#!/usr/bin/env bash
# Times `bin/txmon ingest` of about a million simulated transactions into a fresh database: PostgreSQL
# (a database created for the run on the server at 127.0.0.1:5432, dropped afterwards) and the embedded H2.
# Usage: txmon-benchmarks/scripts/ingest-1m.sh [postgresql|h2|both]   (after ./mvnw -q package -DskipTests)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
which=${1:-both}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Seed 11, 24,500 customers, 30 days: 1,021,027 transactions of 25,296 accounts.
"$root/bin/txmon" simulate --seed 11 --customers 24500 --days 30 --output "$work/data" >&2

run() {
  local name=$1 url=$2
  echo "== $name: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  /usr/bin/time -f "$name: wall %e s, user %U s, sys %S s, max RSS %M KB" \
    "$root/bin/txmon" ingest --input "$work/data/transactions.csv" --accounts "$work/data/accounts.csv" --db "$url" \
    2> >(grep -Ev '^(INFO|WARNING|[A-Z][a-z]{2} [0-9]{1,2}, [0-9]{4})' >&2)
}

if [[ $which == postgresql || $which == both ]]; then
  db=txmon_bench_$$
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
  run postgresql "jdbc:postgresql://127.0.0.1:5432/$db?user=postgres"
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $db WITH (FORCE)"
fi
if [[ $which == h2 || $which == both ]]; then
  run h2 "jdbc:h2:file:$work/h2/txmon"
  du -sh "$work/h2" >&2
fi

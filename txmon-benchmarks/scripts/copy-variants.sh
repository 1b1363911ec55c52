#!/usr/bin/env bash
# What each index, key and check of the schema costs PostgreSQL when a million transactions and their decisions
# are loaded: the same rows COPYed with psql into a fresh database per variant, one transaction, timed from the
# first COPY to the commit (a CHECKPOINT first, so that one variant's dirty pages do not slow the next).
# Usage: txmon-benchmarks/scripts/copy-variants.sh   (after ./mvnw -q package -DskipTests; needs psql)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
migrations=$root/txmon-application/src/main/resources/db
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pg=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)

# Seed 11, 24,500 customers, 30 days: 1,021,027 transactions, as ingest-1m.sh uses.
"$root/bin/txmon" simulate --seed 11 --customers 24500 --days 30 --output "$work/data" >&2
tail -n +2 "$work/data/transactions.csv" | awk -F, 'BEGIN{OFS=","} {print $0, NR, 1}' >"$work/tx.csv"
awk -F, 'BEGIN{OFS=","} {print $1, "0.1234", "LOW", "APPROVE", "\"\"", "4254cb99710261f2", "", "", "2026-12-02T04:00:00Z"}' \
  "$work/tx.csv" >"$work/decisions-by-id.csv"
awk -F, 'BEGIN{OFS=","} {print $14, "0.1234", "LOW", "APPROVE", "\"\"", "4254cb99710261f2", "", "", "2026-12-02T04:00:00Z"}' \
  "$work/tx.csv" >"$work/decisions-by-sequence.csv"

# variant NAME DECISIONS_FILE SQL...: the schema of migrations V1 to V3, then SQL, then the load.
variant() {
  local name=$1 decisions=$2
  shift 2
  local db=txmon_variant_$$
  "${pg[@]}" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  "${pg[@]}" -d $db -f "$migrations/migration/V1__schema.sql" \
    -c "INSERT INTO ingestion_runs (source, started_at, status) VALUES ('bench', now(), 'RUNNING')"
  for sql in "$@"; do "${pg[@]}" -d $db -c "$sql"; done
  "${pg[@]}" -c CHECKPOINT
  sleep 2
  local start end
  start=$(date +%s.%N)
  "${pg[@]}" -d $db -c BEGIN -c "\\copy transactions FROM '$work/tx.csv' (FORMAT csv)" \
    -c "\\copy decisions FROM '$work/$decisions' (FORMAT csv)" -c COMMIT
  end=$(date +%s.%N)
  printf '%-58s %6.1f s\n' "$name" "$(echo "$end - $start" | bc)"
  "${pg[@]}" -c "DROP DATABASE $db WITH (FORCE)"
}

v4="$(cat "$migrations/migration/V4__decisions_by_sequence_number.sql")"
v41="$(cat "$migrations/postgresql/V4_1__bulk_load_integrity.sql")"
no_fk="ALTER TABLE transactions DROP CONSTRAINT transactions_run_id_fkey;
  ALTER TABLE decisions DROP CONSTRAINT decisions_transaction_id_fkey"

echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
variant "V1 to V3 as they were" decisions-by-id.csv
variant "... without the two row-by-row foreign keys" decisions-by-id.csv "$no_fk"
variant "... and without the B-tree on (user_id, event_time)" decisions-by-id.csv "$no_fk" \
  "DROP INDEX transactions_user_time"
variant "... and without the B-tree on event_time" decisions-by-id.csv "$no_fk" \
  "DROP INDEX transactions_user_time" "DROP INDEX transactions_event_time"
variant "V4 and V4_1 (txmon's schema now)" decisions-by-sequence.csv "$v4" "$v41"
variant "... without V4_1's statement-level checks" decisions-by-sequence.csv "$v4" "$v41" \
  "DROP TRIGGER transactions_name_their_run ON transactions" \
  "DROP TRIGGER decisions_name_their_transaction ON decisions"

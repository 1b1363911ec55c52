#!/usr/bin/env bash
# The scripted recovery check of docs/streaming.md: the stream job's process is killed (kill -9) mid-stream, started
# again on the same checkpoint directory, and a read_committed consumer must then hold every decision exactly once,
# equal to bin/txmon score's on the same file. Everything runs on 127.0.0.1 with txmon's own broker.
# Usage: txmon-stream/scripts/kill-check.sh [customers] [days] [rate]   (after ./mvnw -q package -DskipTests)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
txmon="$root/bin/txmon"
customers=${1:-300}
days=${2:-20}
rate=${3:-300}
work=$(mktemp -d -t txmon-kill-check-XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
servers="127.0.0.1:$port"
echo "== working in $work, broker on $servers"

"$txmon" simulate --seed 5 --customers "$customers" --days "$days" --output "$work/world" 2>/dev/null
"$txmon" score --input "$work/world/transactions.csv" --accounts "$work/world/accounts.csv" \
  --output "$work/trained.csv" --save-model "$work/model.bin" 2>/dev/null
"$txmon" score --input "$work/world/transactions.csv" --accounts "$work/world/accounts.csv" \
  --model "$work/model.bin" --output "$work/reference.csv" 2>/dev/null
total=$(($(wc -l < "$work/reference.csv") - 1))
echo "== $total transactions; score --model wrote the reference decisions"

"$txmon" kafka --port "$port" --dir "$work/kafka" 2> "$work/kafka.log" &
broker=$!
pids+=($broker)
until grep -q listening "$work/kafka.log"; do
  kill -0 "$broker" 2>/dev/null || { echo "FAIL: the broker did not start:"; cat "$work/kafka.log"; exit 1; }
  sleep 0.5
done

# Paced, so that the job is deciding when it is killed.
"$txmon" produce --bootstrap-servers "$servers" --input "$work/world/transactions.csv" \
  --accounts "$work/world/accounts.csv" --rate "$rate" 2> "$work/produce.log" &
producer=$!
pids+=($producer)

"$txmon" stream --bootstrap-servers "$servers" --model "$work/model.bin" --parallelism 2 \
  --checkpoints "$work/checkpoints" --metrics-port 0 2> "$work/stream-1.log" &
job=$!
pids+=($job)
# Kill it once its third checkpoint has completed (Flink keeps the newest only: chk-N is the N-th) and the producer is
# still writing.
newest() { find "$work/checkpoints" -maxdepth 3 -name _metadata 2>/dev/null | sed 's#.*/chk-\([0-9]*\)/_metadata#\1#' | sort -n | tail -1; }
until [ "$(newest)" -ge 3 ] 2>/dev/null; do sleep 0.2; done
kill -9 "$job"
if kill -0 "$producer" 2>/dev/null; then still="still writing"; else still="already done"; fi
echo "== stream killed (kill -9) after checkpoint $(newest), the producer $still"
wait "$producer"
"$txmon" consume --bootstrap-servers "$servers" --output "$work/before.csv" --stop-when-idle 3s 2>/dev/null
echo "== $(($(wc -l < "$work/before.csv") - 1)) decisions had been published before the kill"

"$txmon" stream --bootstrap-servers "$servers" --model "$work/model.bin" --parallelism 2 \
  --checkpoints "$work/checkpoints" --metrics-port 0 --stop-when-idle 5s 2> "$work/stream-2.log"
grep -o 'resumed from [^;]*' "$work/stream-2.log" | sed 's/^/== second stream: /'
"$txmon" consume --bootstrap-servers "$servers" --output "$work/consumed.csv" --stop-when-idle 5s 2>/dev/null

consumed=$(($(wc -l < "$work/consumed.csv") - 1))
distinct=$(tail -n +2 "$work/consumed.csv" | cut -d, -f1 | sort -u | wc -l)
echo "== consumed $consumed decisions, $distinct distinct transaction ids, of $total transactions"
if diff <(tail -n +2 "$work/reference.csv" | sort) <(tail -n +2 "$work/consumed.csv" | sort) > "$work/diff.txt"; then
  echo "PASS: every decision exactly once, and the rows are score --model's"
  rm -rf "$work"
else
  echo "FAIL: the rows differ from score --model's ($(wc -l < "$work/diff.txt") diff lines in $work/diff.txt)"
  exit 1
fi

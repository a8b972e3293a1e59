#!/usr/bin/env bash
# Benchmark of `caiju batch`: a synthetic intake of N hires (default 1,000,000) with the
# vocabulary's Chinese column titles, evaluated to CSV, next to a bare CSV parse of the same
# file (the floor). Prints time, rows/s and peak memory of each, and their ratio.
#
#   scripts/bench-batch.sh [ROWS]
#
# Needs GNU time (/usr/bin/time, package `time`) for peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
work="${BENCH_DIR:-$(mktemp -d)}"
helper_target="${BENCH_TARGET:-$work/target}"

cargo build --release --quiet
CARGO_TARGET_DIR="$helper_target" cargo build --release --quiet \
  --manifest-path scripts/bench-batch/Cargo.toml
helper="$helper_target/release/bench-batch"

intake="$work/intake-$rows.csv"
[ -s "$intake" ] || "$helper" gen "$rows" > "$intake"
echo "intake: $intake ($(du -h "$intake" | cut -f1), $rows hires)"

# Runs a command, printing its wall time (s) and peak resident memory (KB).
measure() {
  local report="$work/time.txt"
  /usr/bin/time -f '%e %M' -o "$report" "$@" > /dev/null 2>&1
  cat "$report"
}

read -r parse_s parse_kb < <(measure "$helper" parse "$intake")
read -r batch_s batch_kb < <(measure target/release/caiju batch "$intake" \
  --as-of 2026-06-30 --lang zh --format csv --output "$work/results.csv")

awk -v rows="$rows" -v ps="$parse_s" -v pk="$parse_kb" -v bs="$batch_s" -v bk="$batch_kb" 'BEGIN {
  printf "%-34s %8s %12s %10s\n", "", "seconds", "rows/s", "peak MB"
  printf "%-34s %8.2f %12.0f %10.1f\n", "bare CSV parse (floor)", ps, rows / ps, pk / 1024
  printf "%-34s %8.2f %12.0f %10.1f\n", "caiju batch --format csv", bs, rows / bs, bk / 1024
  printf "batch / parse: %.1fx\n", bs / ps
}'
echo "results: $work/results.csv ($(wc -l < "$work/results.csv") lines)"

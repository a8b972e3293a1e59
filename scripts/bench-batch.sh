#!/usr/bin/env bash
# Benchmark of `caiju batch`: a synthetic intake of N hires (default 1,000,000) with the
# vocabulary's Chinese column titles, evaluated to CSV, next to a bare CSV parse of the same
# file (the floor). Each is run RUNS times (default 5), taking turns; prints the median and
# best time, rows/s at the median, the highest peak memory, and the ratio of the medians.
#
#   RUNS=5 scripts/bench-batch.sh [ROWS]
#
# Needs GNU time (/usr/bin/time, package `time`) for peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
runs="${RUNS:-5}"
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

: > "$work/parse.txt"
: > "$work/batch.txt"
for _ in $(seq "$runs"); do
  measure "$helper" parse "$intake" >> "$work/parse.txt"
  measure target/release/caiju batch "$intake" --as-of 2026-06-30 --lang zh --format csv \
    --output "$work/results.csv" >> "$work/batch.txt"
done

# Median and best seconds, and the highest peak KB, of a file of "seconds KB" lines.
summarise() {
  sort -n "$1" | awk '{ s[NR] = $1; if ($2 > kb) kb = $2 }
    END { printf "%s %s %s\n", (NR % 2 ? s[(NR + 1) / 2] : (s[NR / 2] + s[NR / 2 + 1]) / 2), s[1], kb }'
}
read -r parse_s parse_best parse_kb < <(summarise "$work/parse.txt")
read -r batch_s batch_best batch_kb < <(summarise "$work/batch.txt")

awk -v rows="$rows" -v runs="$runs" -v ps="$parse_s" -v pb="$parse_best" -v pk="$parse_kb" \
    -v bs="$batch_s" -v bb="$batch_best" -v bk="$batch_kb" 'BEGIN {
  printf "%-28s %8s %8s %12s %10s   (%d runs each)\n", "", "median s", "best s", "rows/s", "peak MB", runs
  printf "%-28s %8.2f %8.2f %12.0f %10.1f\n", "bare CSV parse (floor)", ps, pb, rows / ps, pk / 1024
  printf "%-28s %8.2f %8.2f %12.0f %10.1f\n", "caiju batch --format csv", bs, bb, rows / bs, bk / 1024
  printf "batch / parse: %.1fx (medians), %.1fx (best)\n", bs / ps, bb / pb
}'
echo "results: $work/results.csv ($(wc -l < "$work/results.csv") lines)"

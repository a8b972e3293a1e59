#!/usr/bin/env bash
# Seeds the fuzz corpora from the repository's fixtures and runs every fuzz target.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET ...]   (default: 600 seconds, all targets)
# Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP lets it build on a stable toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(policy_load expression profile batch_row)

seed() {
  local dir=fuzz/corpus/$1
  mkdir -p "$dir"
  shift
  for f in "$@"; do [[ -f $f ]] && cp "$f" "$dir/seed-$(basename "$f")"; done
  return 0
}
seed policy_load policies.toml tests/fixtures/policy/*.toml tests/fixtures/lint/*.toml tests/fixtures/overlay/*.toml
seed profile examples/*.toml tests/fixtures/check/*
seed batch_row tests/fixtures/batch/*.csv
mkdir -p fuzz/corpus/expression
python3 - <<'PY'
import re, pathlib
text = pathlib.Path("policies.toml").read_text()
out = pathlib.Path("fuzz/corpus/expression")
for i, expr in enumerate(re.findall(r'(?:when|expr|value|available_from) = "([^"]+)"', text)):
    (out / f"seed-{i}").write_text(expr)
PY

RUSTC_BOOTSTRAP=1 cargo fuzz build -s none -O
for target in "${targets[@]}"; do
  echo "== $target: $seconds s"
  mkdir -p "fuzz/artifacts/$target"
  "fuzz/target/x86_64-unknown-linux-gnu/release/$target" \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="fuzz/artifacts/$target/" -print_final_stats=1 \
    "fuzz/corpus/$target" 2>&1 | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+== ERROR|SUMMARY|.*panicked)" || true
done

#!/usr/bin/env bash
# Times the maintainers' tools end to end (start-up, policy load, overlay, the command itself).
# Usage: scripts/bench-policy-tools.sh   (needs hyperfine; builds a release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/caiju
hyperfine -N --warmup 5 \
  "$bin --lang en check examples/graduate.toml --as-of 2026-06-30" \
  "$bin --lang en --overlay examples/county-overlay.toml check examples/graduate.toml --as-of 2026-06-30" \
  "$bin --lang en measures --as-of 2026-06-30" \
  "$bin --lang en explain youth.housing examples/graduate.toml --as-of 2026-06-30" \
  "$bin policy lint" \
  "$bin --lang en policy test" \
  "$bin --lang en policy diff policies.toml examples/county-overlay.toml"

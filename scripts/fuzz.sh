#!/usr/bin/env bash
# Fuzzes the whole ingest for a bounded time (default 120 s) with cargo-fuzz on the
# nightly toolchain; new inputs land in fuzz/corpus/ingest, which `cargo test`
# replays. Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-120}
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# Seed the corpus with the fixtures the first time.
if [ -z "$(ls -A fuzz/corpus/ingest 2>/dev/null)" ]; then
  mkdir -p fuzz/corpus/ingest
  find tests/fixtures -maxdepth 2 -type f -size -64k ! -name '*.json' ! -name '*.py' ! -name '*.md' \
    -exec cp {} fuzz/corpus/ingest/ \;
fi
cargo +nightly fuzz run ingest fuzz/corpus/ingest -- -max_total_time="$secs" -max_len=65536 -timeout=10

#!/usr/bin/env bash
# Fuzzes one target for a bounded time (default 120 s) with cargo-fuzz on the
# nightly toolchain; new inputs land in fuzz/corpus/TARGET, which `cargo test`
# replays (crate/tests/fuzz_corpus.rs). Targets: ingest (any bytes, in chunks),
# xlsx, xls, ods, html (whole files, seeded with that format).
# Usage: scripts/fuzz.sh [TARGET] [SECONDS]    (scripts/fuzz.sh 300 = ingest, 300 s)
set -euo pipefail
cd "$(dirname "$0")/.."
target=ingest
if [ $# -gt 0 ] && ! [[ $1 =~ ^[0-9]+$ ]]; then target=$1; shift; fi
secs=${1:-120}
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# Seed the text corpus with the fixtures the first time (the spreadsheet corpora
# are committed with their seeds).
if [ "$target" = ingest ] && [ -z "$(ls -A fuzz/corpus/ingest 2>/dev/null)" ]; then
  mkdir -p fuzz/corpus/ingest
  find tests/fixtures -maxdepth 2 -type f -size -64k ! -name '*.json' ! -name '*.py' ! -name '*.md' \
    -exec cp {} fuzz/corpus/ingest/ \;
fi
mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
# -rss_limit_mb: an input that needs more than a tab can give is a finding too.
# No sanitizer: the crate forbids unsafe code, and uninstrumented runs go twice as fast.
cargo +nightly fuzz run -s none "$target" "fuzz/corpus/$target" -- -max_total_time="$secs" -max_len=65536 \
  -timeout=10 -rss_limit_mb=2048 ${FUZZ_ARGS:-}

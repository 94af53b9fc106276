#!/usr/bin/env bash
# The summary query on real engines: each fixture's sale lines (as the CLI read
# them, `clientscope lines`) go into DuckDB and Spark (local mode), the query
# `clientscope sql` writes for each engine collapses them to the per-client-day
# summary, and the CLI's Report from that summary must equal the Report from the
# raw file, field for field, except what needs the lines (check.py says which).
# Each engine also writes the summary as Parquet, which the CLI reads too.
# The virtualenv is kept in target/ between runs; a fresh clone builds it once.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Java for Spark and the engines' Python packages (quick when they are there).
./scripts/setup.sh --system
. tests/warehouse/venv.sh

cargo build -q --release --bin clientscope
exec "$venv/bin/python" tests/warehouse/check.py target/release/clientscope "$@"

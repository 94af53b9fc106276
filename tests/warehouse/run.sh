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

. tests/warehouse/venv.sh
if ! command -v java >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  echo "installing Debian's Java runtime for Spark"
  $sudo apt-get update -qq
  pkg=$(apt-cache search --names-only '^openjdk-(17|21)-jre-headless$' | sort -r | head -1 | cut -d' ' -f1)
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${pkg:-openjdk-17-jre-headless}" >/dev/null
fi

cargo build -q --release --bin clientscope
exec "$venv/bin/python" tests/warehouse/check.py target/release/clientscope "$@"

#!/usr/bin/env bash
# The warehouse path at scale (a benchmark, not a test; figures in BENCHMARKS.md):
# DuckDB generates LINES sale lines of CLIENTS clients over three years, runs the
# summary query `clientscope sql` writes, and the CLI analyses the summary (CSV
# and Parquet). Each step runs as its own process, timed with its peak memory.
# Then SUMMARY_CLIENTS clients' summary is generated directly and analysed, to
# check the native CLI's client limit fits the machine.
#
# Up to LINE_BASELINE lines (20M), the same lines are also exported as CSV and
# analysed as sale lines: the line path, the baseline of the same run.
#
#   scripts/bench-warehouse.sh                       # 100M lines, 1M clients, 5M
#   LINES=10000000 CLIENTS=100000 SUMMARY_CLIENTS=0 scripts/bench-warehouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${LINES:-100000000}
CLIENTS=${CLIENTS:-1000000}
SUMMARY_CLIENTS=${SUMMARY_CLIENTS:-5000000}
LINE_BASELINE=${LINE_BASELINE:-20000000}
DIR=${DIR:-target/bench-warehouse}

. tests/warehouse/venv.sh
cargo build -q --release --bin clientscope
cli=target/release/clientscope
py="$venv/bin/python"
mkdir -p "$DIR"
rm -f "$DIR"/*

# Runs a step, then prints its wall time and peak resident memory.
step() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$DIR/time" "$@"
  read -r secs kb < "$DIR/time"
  printf '%-44s %8.1f s %8.2f GiB peak\n' "$name" "$secs" "$(echo "$kb / 1048576" | bc -l)"
}
size() { du -b "$1" | cut -f1; }
gib() { printf '%.2f GiB' "$(echo "$1 / 1073741824" | bc -l)"; }

echo "$LINES lines, $CLIENTS clients, 3 years; $(nproc) cores"
"$cli" sql --engine duckdb --table sales \
  --columns client=client,date=date,amount=amount,quantity=quantity,profit=profit,order=order_id,manager=manager,branch=branch \
  > "$DIR/summary.sql"
step "generate the lines in DuckDB" "$py" scripts/bench_warehouse.py generate "$DIR/sales.duckdb" "$LINES" "$CLIENTS"
step "aggregate to the summary (CSV)" "$py" scripts/bench_warehouse.py aggregate "$DIR/sales.duckdb" "$DIR/summary.sql" "$DIR/summary.csv"
step "aggregate to the summary (Parquet)" "$py" scripts/bench_warehouse.py aggregate "$DIR/sales.duckdb" "$DIR/summary.sql" "$DIR/summary.parquet"
step "analyse the summary CSV (CLI)" sh -c "$cli analyze $DIR/summary.csv --json > $DIR/report.json"
step "analyse the summary Parquet (CLI)" sh -c "$cli analyze $DIR/summary.parquet --json > $DIR/report-parquet.json"
if [ "$LINES" -le "$LINE_BASELINE" ]; then
  "$py" scripts/bench_warehouse.py lines "$DIR/sales.duckdb" "$DIR/lines.csv"
  step "baseline: analyse the lines CSV (CLI)" sh -c "$cli analyze $DIR/lines.csv > /dev/null"
  echo "lines CSV $(gib "$(size "$DIR/lines.csv")")"
  rm -f "$DIR/lines.csv"
fi
rows=$("$py" scripts/bench_warehouse.py rows "$DIR/summary.parquet")
echo "lines $LINES in DuckDB $(gib "$(size "$DIR/sales.duckdb")"); summary $rows rows ($(echo "scale=1; $LINES / $rows" | bc) lines a row): CSV $(gib "$(size "$DIR/summary.csv")"), Parquet $(gib "$(size "$DIR/summary.parquet")")"
"$py" -c 'import json,sys; r=json.load(open(sys.argv[1])); print("report: %d clients, revenue %s, %d purchases, BG/NBD %s" % (r["totals"]["clients"], r["totals"]["revenue"], r["totals"]["purchases"], r["btyd"]["status"]))' "$DIR/report.json"
cmp -s <(grep -v '"format"' "$DIR/report.json") <(grep -v '"format"' "$DIR/report-parquet.json") \
  && echo "the Parquet summary gives the CSV summary's Report" || echo "NOTE: the Parquet and CSV Reports differ"
rm -f "$DIR/sales.duckdb" "$DIR/summary.csv" "$DIR/report.json" "$DIR/report-parquet.json"

if [ "$SUMMARY_CLIENTS" -gt 0 ]; then
  echo "a summary of $SUMMARY_CLIENTS clients, generated directly"
  step "generate the summary (CSV)" "$py" scripts/bench_warehouse.py summary "$DIR/big.csv" "$SUMMARY_CLIENTS"
  rows=$("$py" scripts/bench_warehouse.py rows "$DIR/big.csv")
  echo "summary $rows rows, CSV $(gib "$(size "$DIR/big.csv")")"
  step "analyse it (CLI)" sh -c "$cli analyze $DIR/big.csv > $DIR/big.txt"
  head -3 "$DIR/big.txt"
fi
rm -rf "$DIR"

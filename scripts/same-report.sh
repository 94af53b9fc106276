#!/bin/sh
# The Report byte for byte: `clientscope analyze --json` on the demo, every CSV and
# sheet under tests/fixtures and the 1M-row file, against outputs saved once.
#
#   scripts/same-report.sh save BIN_DIR DIR     save BIN_DIR/clientscope's outputs in DIR
#   scripts/same-report.sh check BIN_DIR DIR    compare BIN_DIR/clientscope's with them
#
# BIG=path/to/rows-1m.csv adds the 1M-row file (default target/bench/rows-1m.csv if
# it exists). Exits non-zero on the first difference.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODE=$1 BIN=$2/clientscope DIR=$3
mkdir -p "$DIR"
BIG=${BIG:-$ROOT/target/bench/rows-1m.csv}
[ -s "$DIR/demo.csv" ] || "$BIN" demo --out "$DIR/demo.csv" > /dev/null
files="$DIR/demo.csv $(find "$ROOT/tests/fixtures" -maxdepth 2 -type f \( -name '*.csv' -o -name '*.txt' -o -name '*.xls' -o -name '*.xlsx' -o -name '*.ods' \) | sort)"
[ -s "$BIG" ] && files="$files $BIG"
bad=0
for f in $files; do
  name=$(echo "$f" | sed "s|$ROOT/||; s|$DIR/||; s|/|_|g")
  out="$DIR/$name.json"
  if [ "$MODE" = save ]; then
    "$BIN" analyze "$f" --json > "$out" 2>&1 || echo "exit $?" >> "$out"
  else
    "$BIN" analyze "$f" --json > "$out.new" 2>&1 || echo "exit $?" >> "$out.new"
    if cmp -s "$out" "$out.new"; then rm "$out.new"; else echo "DIFFERS: $name"; bad=1; fi
  fi
done
[ "$MODE" = save ] && echo "saved $(echo $files | wc -w) outputs in $DIR" || { [ $bad = 0 ] && echo "same: $(echo $files | wc -w) outputs"; }
exit $bad

#!/bin/sh
# Time of the analysis natively, against a baseline commit built in the same run.
#
#   scripts/bench-analysis.sh [BASELINE_COMMIT]     (default 651aec8)
#
# Generates three date,client,amount files (no order column) under target/bench/:
#   rows-1m.csv      1 000 000 rows, 50 000 clients, dates uniform over 2025
#   one-100k.csv     100 000 clients with one purchase each
#   one-1m.csv       1 000 000 clients with one purchase each
# For each file and each build it prints the seconds of every phase the core marks
# (crate/examples/phases.rs: `trace::mark`), the analysis phase (everything between
# the ledger and the report JSON), the total of the example, and the wall time and
# peak RSS of `clientscope analyze FILE --json > /dev/null`, then the ratios.
#
# The baseline is built once in target/bench/baseline (a git worktree of the commit,
# with this tree's phases example copied in) and reused; set BASELINE_BIN to a
# directory holding its `clientscope` and `phases` to skip that build (NOW_BIN does
# the same for this tree).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
COMMIT=${1:-651aec8}
BENCH="$ROOT/target/bench"
mkdir -p "$BENCH"

gen() { # gen FILE rows|one ROWS CLIENTS
  [ -s "$1" ] && return 0
  python3 - "$@" <<'EOF'
import random, sys, datetime
path, kind, rows, clients = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
r = random.Random(1)
base = datetime.date(2025, 1, 1).toordinal()
days = [datetime.date.fromordinal(base + i).isoformat() for i in range(365)]
with open(path, 'w') as f:
    f.write('date,client,amount\n')
    buf = []
    for i in range(rows):
        c = r.randrange(clients) if kind == 'rows' else i
        buf.append('%s,C%07d,%d.%02d\n' % (days[r.randrange(365)], c, r.randrange(1, 5000), r.randrange(100)))
        if len(buf) >= 100000:
            f.write(''.join(buf))
            buf = []
    f.write(''.join(buf))
EOF
}
gen "$BENCH/rows-1m.csv" rows 1000000 50000
gen "$BENCH/one-100k.csv" one 100000 100000
gen "$BENCH/one-1m.csv" one 1000000 1000000

if [ -n "${NOW_BIN:-}" ]; then
  NOW="$NOW_BIN"
else
  echo "building this tree (release)..." >&2
  (cd "$ROOT" && cargo build --release --quiet --bin clientscope --example phases)
  NOW="$ROOT/target/release"
fi

if [ -n "${BASELINE_BIN:-}" ]; then
  BASE="$BASELINE_BIN"
else
  SRC="$BENCH/baseline"
  if [ ! -d "$SRC" ]; then
    git -C "$ROOT" worktree add --detach "$SRC" "$COMMIT" >&2
  fi
  mkdir -p "$SRC/crate/examples"
  cp "$ROOT/crate/examples/phases.rs" "$SRC/crate/examples/phases.rs"
  echo "building the baseline $COMMIT (release)..." >&2
  (cd "$SRC" && cargo build --release --quiet --bin clientscope --example phases)
  BASE="$SRC/target/release"
  [ -x "$BASE/phases" ] || BASE="$SRC/target/release/examples"
fi
phases_bin() { if [ -x "$1/phases" ]; then echo "$1/phases"; else echo "$1/examples/phases"; fi; }

# run BIN_DIR FILE OUT: the phases example, then the CLI under GNU time.
run() {
  "$(phases_bin "$1")" "$2" > "$3"
  /usr/bin/time -f "cli %e %M" "$1/clientscope" analyze "$2" --json 2>> "$3" > /dev/null
}

summarise() { # the analysis phase, the example's total, the CLI's wall time and RSS
  awk -F'\t' '
    $1 == "phase" { if ($2 != "file read" && $2 != "ledger to histories" && $2 != "report JSON") a += $3 }
    $1 == "total" { t = $2 }
    /^cli / { split($0, c, " "); cli = c[2]; rss = c[3] / 1024 }
    END { printf "%.3f %.3f %.2f %.0f\n", a, t, cli, rss }' "$1"
}

printf '%-14s %-44s %10s %10s %8s\n' file figure baseline now ratio
for f in rows-1m one-100k one-1m; do
  run "$BASE" "$BENCH/$f.csv" "$BENCH/$f.base.txt"
  run "$NOW" "$BENCH/$f.csv" "$BENCH/$f.now.txt"
  # Per phase, as each build names them (the phases changed with the pipeline).
  for side in base now; do
    awk -F'\t' -v f="$f" -v s="$side" '$1 == "phase" { printf "%-14s %-44s %10s\n", f, s ": " $2, $3 }' "$BENCH/$f.$side.txt"
  done
  set -- $(summarise "$BENCH/$f.base.txt") $(summarise "$BENCH/$f.now.txt")
  awk -v f="$f" -v a0="$1" -v t0="$2" -v c0="$3" -v m0="$4" -v a1="$5" -v t1="$6" -v c1="$7" -v m1="$8" 'BEGIN {
    printf "%-14s %-44s %10.3f %10.3f %7.1fx\n", f, "analysis phase, s", a0, a1, a0 / a1
    printf "%-14s %-44s %10.3f %10.3f %7.1fx\n", f, "whole run (phases example), s", t0, t1, t0 / t1
    printf "%-14s %-44s %10.2f %10.2f %7.1fx\n", f, "CLI analyze --json > /dev/null, s", c0, c1, c0 / c1
    printf "%-14s %-44s %10.0f %10.0f %7.1fx\n", f, "CLI peak RSS, MB", m0, m1, m0 / m1 }'
done

#!/bin/sh
# Time of the analysis natively, against a baseline commit built in the same run.
#
#   scripts/bench-analysis.sh [BASELINE_COMMIT]     (default 651aec8)
#
# Generates three date,client,amount files (no order column) under target/bench/:
#   rows-1m.csv      1 000 000 rows, 50 000 clients, dates uniform over 2025
#   one-100k.csv     100 000 clients with one purchase each
#   one-1m.csv       1 000 000 clients with one purchase each
# For each file and each build it prints the CPU seconds of every phase the core
# marks (crate/examples/phases.rs: `trace::mark`; phases a second thread ran are
# listed too), the analysis phase (everything between the ledger and the report
# JSON) in CPU seconds of all threads and in wall seconds (what a user waits: the
# native core runs the forecasts on a second thread; the fastest run and the
# median), the total of the example,
# and the wall time and peak RSS of `clientscope analyze FILE --json > /dev/null`,
# then the ratios. FILES="rows-1m" runs one file only.
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
  cp -r "$ROOT/crate/examples/common" "$SRC/crate/examples/"
  echo "building the baseline $COMMIT (release)..." >&2
  (cd "$SRC" && cargo build --release --quiet --bin clientscope --example phases)
  BASE="$SRC/target/release"
fi
phases_bin() { if [ -x "$1/phases" ]; then echo "$1/phases"; else echo "$1/examples/phases"; fi; }

# run BIN_DIR FILE OUT: the phases example, then the CLI under GNU time.
run() {
  "$(phases_bin "$1")" "$2" > "$3"
  /usr/bin/time -f "cli %e %M" "$1/clientscope" analyze "$2" --json 2>> "$3" > /dev/null
}

# The machine is shared: each build runs REPEAT times (default 3; once for the
# 1M-client file), alternating with the other, and the fastest run counts.
rm -f "$BENCH"/*.base.*.txt "$BENCH"/*.now.*.txt
for f in ${FILES:-rows-1m one-100k one-1m}; do
  n=${REPEAT:-3}
  [ "$f" = one-1m ] && n=1
  i=1
  while [ "$i" -le "$n" ]; do
    run "$BASE" "$BENCH/$f.csv" "$BENCH/$f.base.$i.txt"
    run "$NOW" "$BENCH/$f.csv" "$BENCH/$f.now.$i.txt"
    i=$((i + 1))
  done
done

python3 - "$BENCH" <<'PYEOF'
import glob, os, sys
bench = sys.argv[1]
outside = {"file read", "ledger to histories", "report JSON"}

def load(path):
    phases, walls, total, cli, rss = [], [], 0.0, 0.0, 0.0
    for line in open(path):
        p = line.rstrip("\n").split("\t")
        if p[0] == "phase":
            phases.append((p[1], float(p[2])))
        elif p[0] == "wall":
            walls.append((p[1], float(p[2])))
        elif p[0] == "total":
            total = float(p[1])
        elif line.startswith("cli "):
            _, c, m = line.split()
            cli, rss = float(c), float(m) / 1024
    analysis = sum(t for name, t in phases if name not in outside)
    # Wall seconds between the main thread's marks (an example built before it
    # printed them has none: its CPU seconds stand in, one thread's).
    wall = sum(t for name, t in walls if name not in outside) if walls else analysis
    return {"phases": phases, "analysis": analysis, "wall": wall, "total": total, "cli": cli, "rss": rss}

def median(v):
    v = sorted(v)
    return (v[(len(v) - 1) // 2] + v[len(v) // 2]) / 2

print(f"{'file':<10} {'figure':<52} {'baseline':>9} {'now':>9} {'ratio':>7}")
for f in ["rows-1m", "one-100k", "one-1m"]:
    runs = {s: [load(p) for p in sorted(glob.glob(os.path.join(bench, f"{f}.{s}.*.txt")))] for s in ("base", "now")}
    if not runs["base"] or not runs["now"]:
        continue
    best = {s: min(r, key=lambda x: x["analysis"]) for s, r in runs.items()}
    for s in ("base", "now"):
        for name, t in best[s]["phases"]:
            print(f"{f:<10} {s + ': ' + name:<52} {t:>9.3f}")
    rows = [
        ("analysis phase, CPU of all threads (fastest run), s", best["base"]["analysis"], best["now"]["analysis"]),
        ("analysis phase, wall (fastest run), s", min(r["wall"] for r in runs["base"]), min(r["wall"] for r in runs["now"])),
        # The baseline's phases walk every client's days once per period, so its time
        # swings with the shared machine's caches (0.9-2.3 s on one machine in a day):
        # the median is printed beside the fastest.
        ("analysis phase, wall (median run), s", median([r["wall"] for r in runs["base"]]), median([r["wall"] for r in runs["now"]])),
        ("whole run, phases example (fastest), s", min(r["total"] for r in runs["base"]), min(r["total"] for r in runs["now"])),
        ("CLI analyze --json > /dev/null (fastest), s", min(r["cli"] for r in runs["base"]), min(r["cli"] for r in runs["now"])),
        ("CLI peak RSS, MB", max(r["rss"] for r in runs["base"]), max(r["rss"] for r in runs["now"])),
    ]
    for label, b, n in rows:
        print(f"{f:<10} {label:<52} {b:>9.3f} {n:>9.3f} {b / n if n else 0:>6.1f}x")
    for i, (b, n) in enumerate(zip(runs["base"], runs["now"]), 1):
        print(f"{f:<10} run {i}: analysis CPU / wall, s {'':<29} {b['analysis']:>5.3f}/{b['wall']:.3f} {n['analysis']:>5.3f}/{n['wall']:.3f}")
PYEOF

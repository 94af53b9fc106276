#!/usr/bin/env bash
# Cross-checks ABC and XYZ of clients on the CDNOW transactions against independent
# implementations (tests/crosscheck/inventorize_check.py says how and why).
# Runs in a throwaway virtualenv; FREEZE=1 also rewrites the classes the native
# test (crate/tests/cdnow_crosscheck.rs) compares with.
set -euo pipefail
cd "$(dirname "$0")/../.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
py="$tmp/venv/bin/python"
"$py" -m pip install -q --disable-pip-version-check \
  inventorize==1.2.6 pandas==3.1.1 numpy==2.4.6
# lifetimes only ships the data: no need for its dependencies.
"$py" -m pip install -q --disable-pip-version-check --no-deps lifetimes==0.11.3

# The committed fixture must be exactly the dataset lifetimes ships, converted.
raw=$("$py" -c 'import importlib.util, os; s = importlib.util.find_spec("lifetimes"); print(os.path.join(s.submodule_search_locations[0], "datasets", "CDNOW_master.txt"))')
"$py" tests/crosscheck/cdnow_to_csv.py "$raw" "$tmp/cdnow.csv" >/dev/null
cmp "$tmp/cdnow.csv" tests/fixtures/cdnow_master.csv
echo "tests/fixtures/cdnow_master.csv is CDNOW_master.txt from lifetimes 0.11.3"

for method in frequency variation; do
  cargo run -q --release -- analyze tests/fixtures/cdnow_master.csv --json \
    --config "tests/crosscheck/cdnow_$method.json" > "$tmp/$method.json"
done
freeze=()
[ "${FREEZE:-}" = 1 ] && freeze=(--freeze tests/fixtures/cdnow_crosscheck.json)
"$py" tests/crosscheck/inventorize_check.py --csv tests/fixtures/cdnow_master.csv \
  --frequency "$tmp/frequency.json" --variation "$tmp/variation.json" "${freeze[@]}"

# Sourced by tests/warehouse/run.sh and scripts/bench-warehouse.sh (from the
# repository's root): the virtualenv with the engines' Python packages, kept in
# target/ and rebuilt when requirements.txt changes. Sets $venv.
venv=target/venv-warehouse
if ! cmp -s tests/warehouse/requirements.txt "$venv/requirements.txt" 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r tests/warehouse/requirements.txt
  cp tests/warehouse/requirements.txt "$venv/requirements.txt"
fi

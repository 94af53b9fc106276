#!/usr/bin/env bash
# Installs what the build and the tests need, only where it is missing:
# the wasm32 target, clippy and rustfmt, wasm-bindgen-cli at exactly the version in Cargo.lock,
# the npm packages (playwright-core, axe-core for the accessibility test, binaryen for
# wasm-opt in make build), and (with --browser) Debian's chromium for the browser tests.
# --system installs only what comes over the network and barely uses the CPU:
# Debian's chromium and Java runtime (Spark) and the warehouse test's Python packages;
# `make test` runs it beside the Rust builds.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
# Debian packages by name (the only registry for system software here); the package
# lists fetched once a run.
apt_update() {
  [ -n "${apt_updated:-}" ] || { $sudo apt-get update -qq; apt_updated=1; }
}
apt_install() {
  say "installing $* from Debian"
  apt_update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

if [ "${1:-}" = "--system" ]; then
  have() { command -v "$1" >/dev/null 2>&1; }
  if ! have chromium || ! have java; then
    want=()
    have chromium || want+=(chromium)
    # The Java runtime Spark runs on: the newest of 17 and 21 this Debian has.
    if ! have java; then
      apt_update
      jre=$(apt-cache search --names-only '^openjdk-(17|21)-jre-headless$' | sort -r | head -1 | cut -d' ' -f1)
      want+=("${jre:-openjdk-17-jre-headless}")
    fi
    apt_install "${want[@]}"
  fi
  say "the warehouse test's Python packages"
  . tests/warehouse/venv.sh
  say "system ready"
  exit 0
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

for c in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$c"; then
    say "adding the $c component (make lint)"
    rustup component add "$c"
  fi
done

[ -f Cargo.lock ] || cargo generate-lockfile
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none}); this takes a few minutes"
  # --force: cargo's own record may say "installed" when the binary is gone.
  # --locked first for a reproducible build; without it if a locked dependency was yanked.
  cargo install --force wasm-bindgen-cli --version "$want" --locked \
    || cargo install --force wasm-bindgen-cli --version "$want"
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  [ "$have" = "$want" ] || { echo "[setup] wasm-bindgen $want did not install (found: ${have:-none})" >&2; exit 1; }
fi

if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null 2>&1; then
  apt_install chromium
fi
say "ready"

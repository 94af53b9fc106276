# Two commands do everything (see README): `make serve` and `make test`.
PORT ?= 8080
HOST ?= 127.0.0.1
WASM := target/wasm32-unknown-unknown/release/clientscope.wasm

.PHONY: serve test build setup setup-browser lint test-rust test-e2e crosscheck bench fuzz clean

serve: build
	node scripts/serve.mjs --host $(HOST) --port $(PORT)

test: setup-browser lint test-rust build test-e2e

setup:
	./scripts/setup.sh

setup-browser:
	./scripts/setup.sh --browser

build: setup
	cargo build --release --target wasm32-unknown-unknown --lib
	wasm-bindgen --target web --no-typescript --out-dir www/pkg $(WASM)
	cargo build --release --bin clientscope

# Formatting and clippy with warnings as errors, natively and for the page's wasm.
# The wasm check covers the library and the CLI: the tests' dev-dependencies
# (proptest) do not build for wasm32, and the tests run natively anyway.
lint: setup
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --workspace --target wasm32-unknown-unknown --lib --bins -- -D warnings

test-rust:
	cargo test --workspace

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

# ABC and XYZ against inventorize and a pandas reference on CDNOW (needs PyPI);
# FREEZE=1 make crosscheck also refreshes tests/fixtures/cdnow_crosscheck.json.
crosscheck:
	tests/crosscheck/run.sh

clean:
	rm -rf target www/pkg node_modules

# Not part of `make test`: figures, not pass/fail (see BENCHMARKS.md).
bench: build setup-browser
	npm ci --prefix bench --no-audit --no-fund
	node scripts/bench-duckdb.mjs
	node scripts/bench.mjs
	cargo run --release --example adversarial

fuzz:
	./scripts/fuzz.sh 120

# Two commands do everything (see README): `make serve` and `make test`.
PORT ?= 8080
HOST ?= 127.0.0.1
WASM := target/wasm32-unknown-unknown/release/clientscope.wasm

.PHONY: serve test build setup setup-browser test-rust test-e2e crosscheck bench fuzz clean

serve: build
	node scripts/serve.mjs --host $(HOST) --port $(PORT)

test: setup-browser test-rust build test-e2e

setup:
	./scripts/setup.sh

setup-browser:
	./scripts/setup.sh --browser

build: setup
	cargo build --release --target wasm32-unknown-unknown --lib
	wasm-bindgen --target web --no-typescript --out-dir www/pkg $(WASM)
	cargo build --release --bin clientscope

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
	node scripts/bench.mjs
	cargo run --release --example adversarial

fuzz:
	./scripts/fuzz.sh 120

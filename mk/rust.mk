# The core crate: host tests, vectors, clippy, bare-metal build, benches.
SETUP_TARGETS += setup-rust
BUILD_TARGETS += build-rust
TEST_TARGETS += test-rust
BENCH_TARGETS += bench-rust

.PHONY: setup-rust build-rust test-rust bench-rust
setup-rust:
	@bash scripts/setup.sh rust

build-rust:
	cargo build --release -p hooksig --examples

test-rust:
	cargo test -p hooksig --all-features
	cargo test -p hooksig --no-default-features --features alloc --lib
	cargo clippy -p hooksig --all-features --all-targets -- -D warnings
	cargo clippy -p hooksig --no-default-features -- -D warnings
	@# Bare metal: no OS, no std, built from source with Debian's compiler (scripts/setup.sh).
	RUSTC_BOOTSTRAP=1 cargo +debian-web build -p hooksig --target thumbv7em-none-eabi \
	  -Zbuild-std=core,alloc --target-dir target/thumbv7em
	RUSTC_BOOTSTRAP=1 cargo +debian-web build -p hooksig --no-default-features --target thumbv7em-none-eabi \
	  -Zbuild-std=core --target-dir target/thumbv7em

bench-rust:
	cargo bench -p hooksig --bench verify

DIST_TARGETS += dist-rust
.PHONY: dist-rust
dist-rust:
	@mkdir -p dist
	cargo package -p hooksig --allow-dirty --no-verify --target-dir target/package
	cp target/package/package/hooksig-*.crate dist/

# Security evidence (SECURITY.md): fuzzing, supply chain, hostile-input limits, constant-time measurement.
SETUP_TARGETS += setup-security
TEST_TARGETS += test-security
FUZZ_TARGETS += fuzz-security
CT_TARGETS += ct-native ct-wasm

# Seconds per fuzz target: `make fuzz` (FUZZ_SECONDS, default 600) and the short run in `make test`.
FUZZ_SECONDS ?= 600
FUZZ_TEST_SECONDS ?= 40
# Debian's rustc with RUSTC_BOOTSTRAP (no nightly on a fresh machine), no sanitizer: see fuzz/run.sh.
export FUZZ_TOOLCHAIN ?= debian-web
export FUZZ_SANITIZER ?= none
# Measurements per class for `make ct` (dudect asks for many: at least 10^6 here).
export CT_MEASUREMENTS ?= 1000000

.PHONY: setup-security test-security test-fuzz test-deny test-limits-report fuzz-security ct-native ct-wasm
setup-security:
	@bash scripts/setup.sh rust security

test-security: test-fuzz test-deny test-limits-report

# Builds every fuzz target and runs each briefly from the committed seed corpus.
test-fuzz:
	@bash fuzz/run.sh $(FUZZ_TEST_SECONDS)

# Licences, bans and sources of every crate in the workspace (deny.toml). The advisory database
# cannot be fetched on these machines: say so on every run rather than skip it silently.
test-deny:
	cargo deny check --hide-inclusion-graph licenses bans sources
	@echo "cargo deny: ADVISORIES NOT CHECKED: the RustSec advisory database cannot be fetched on this machine (run 'cargo deny check advisories' where it can)"

# The property and limit tests run in test-rust (`cargo test -p hooksig`); this prints the
# hostile-load numbers (10 MiB body, 100,000-entry header) from that same build.
test-limits-report:
	@cargo test -q -p hooksig --all-features --test limits -- --nocapture --test-threads=1 \
	  ten_mib hundred_thousand 2>&1 | grep -oE 'limits:.*|test result.*'

fuzz-security:
	@bash fuzz/run.sh $(FUZZ_SECONDS)

# dudect-style: native (a release bench binary) and the npm package's wasm under Node.
ct-native:
	cd ct/native && cargo +stable build --release --quiet
	ct/native/target/release/hooksig-ct

ct-wasm: build-npm
	node ct/wasm/ct.mjs

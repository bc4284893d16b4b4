# The npm package `hooksig`: wasm (bindings/wasm) + TypeScript facade (npm/src). See npm/README.md.
SETUP_TARGETS += setup-npm
BUILD_TARGETS += build-npm
TEST_TARGETS += test-npm
DIST_TARGETS += dist-npm
BENCH_TARGETS += bench-npm
DEMO_TARGETS += demo-npm

NPM := $(ROOT)/npm
NPM_BIN := $(NPM)/node_modules/.bin
WASM_RAW := $(ROOT)/target/wasm/wasm32-unknown-unknown/wasm/hooksig_wasm.wasm
# The same crate built for speed (profile wasm-speed) with the host HMAC (feature host): Node, Deno, Bun
# and Workers load this one (dist/hooksig_node.wasm); only browsers load the size build.
WASM_RAW_SPEED := $(ROOT)/target/wasm/wasm32-unknown-unknown/wasm-speed/hooksig_wasm.wasm
WASM_SRCS := $(shell find crates/hooksig/src bindings/wasm/src bindings/wasm/sha/src -name '*.rs') crates/hooksig/Cargo.toml \
  bindings/wasm/Cargo.toml bindings/wasm/sha/Cargo.toml bindings/wasm/.cargo/config.toml
# Every node:test suite but packaging (pack.test.mjs), relative to npm/.
NPM_UNIT_TESTS := $(filter-out test/pack.test.mjs,$(patsubst npm/%,%,$(wildcard npm/test/*.test.mjs)))
NPM_SRCS := $(wildcard npm/src/*.ts) npm/scripts/build.mjs npm/package.json npm/tsconfig.json
# Features the binaryen pass may use: what rustc emits for wasm32 today (all baseline in every runtime we ship to),
# less multi-value and reference types, which .cargo/config.toml turns off (a module that used one would fail
# validation here).
WASM_OPT_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals

# The browser build: -Oz until nothing shrinks (--converge), and addresses below 1 KiB, the far end
# of the 1 MiB stack that rustc places first, folded into load/store offsets (--low-memory-unused),
# and no target_features section (read by linkers, not by engines): 0.36 KB less gzip download.
# Then the functions in the order of their (mangled Rust) names, which puts each module's code
# together: gzip's 32 KB window finds more of its repeats (0.1 KB less download; binaryen's default
# order is by call count).
WASM_OPT_SIZE := -Oz --low-memory-unused --converge --strip-target-features --reorder-functions-by-name

# Both shipped builds: without the two statics wasm-bindgen exports for its abort handler, which a
# panic=abort build never uses and the facade never reads (0.05 KB less gzip download).
WASM_OPT_EXPORTS := --remove-exports --pass-arg=remove-exports@__abort_handler,__instance_terminated

# The speed build: binaryen would otherwise inline every function that has one caller, whatever
# its size, making e.g. the constructor one 17 KB function. V8 compiles wasm lazily, function by
# function, on first call, so a cold start pays for every byte in the functions it reaches: kept
# apart, code a call does not reach is never compiled (import + first verify ~1 ms faster; the
# hot path is inlined by rustc already, verify speed is unchanged).
WASM_OPT_SPEED := --one-caller-inline-max-function-size 300

.PHONY: setup-npm build-npm test-npm test-npm-unit test-npm-pack dist-npm bench-npm demo-npm
setup-npm:
	@bash scripts/setup.sh rust npm

# cargo is incremental by itself; wasm-bindgen, wasm-opt and the bundles rerun only when their inputs changed.
build-npm: npm/build/.stamp

# LLVM's inline threshold, measured for the smallest download: on the engine (seventeenth stop),
# 55 to 80 give 18.64-18.78 KB of wasm gzip, against 19.16 at 15-20 and 19.0 at 25 (opt-level "z"'s
# default) or 100; 150 and more grow it again. (Before the engine, 12 to 15 were smallest: the
# optimum moves with the code, so it is remeasured when the code changes much.)
# Then five of LLVM's code motions off: hoisting and sinking the instructions two branches share,
# partial redundancy elimination, GVN's load forwarding across blocks, and LICM's promotion of
# memory to registers in loops. Each keeps a value live across blocks, which wasm pays for in
# locals and their get/set: together 0.30 KB less gzip download (17.97 -> 17.67 KB at the
# eighteenth stop; each one alone 0.03-0.10 KB), for a browser-build verify ~10% slower at 256 B
# (4.0 -> 4.4 µs, run in Node) and ~2% slower on large bodies.
WASM_SIZE_RUSTFLAGS := --config 'target.wasm32-unknown-unknown.rustflags=["-Cllvm-args=-inline-threshold=60", \
  "-Cllvm-args=-simplifycfg-hoist-common=false", "-Cllvm-args=-simplifycfg-sink-common=false", "-Cllvm-args=-enable-pre=false", \
  "-Cllvm-args=-enable-gvn-memdep=false", "-Cllvm-args=-disable-licm-promotion"]'

$(WASM_RAW): $(WASM_SRCS) mk/npm.mk
	cd bindings/wasm && cargo +debian-web build --profile wasm --features small $(WASM_SIZE_RUSTFLAGS) --target wasm32-unknown-unknown \
	  -Zbuild-std=core,alloc --target-dir $(ROOT)/target/wasm
	@mkdir -p $(@D) && touch $@

npm/pkg/hooksig_bg.wasm: $(WASM_RAW) mk/npm.mk
	rm -rf npm/pkg && mkdir -p npm/pkg
	$(TOOLS)/bin/wasm-bindgen --target web --out-dir npm/pkg --out-name hooksig $(WASM_RAW)
	$(NPM_BIN)/wasm-opt $(WASM_OPT_EXPORTS) $(WASM_OPT_SIZE) --strip-debug --strip-producers $(WASM_OPT_FEATURES) \
	  npm/pkg/hooksig_bg.wasm -o npm/pkg/hooksig_bg.wasm

# LLVM inlines less than at its opt-level 3 default (225): the module is 14 KB smaller and a cold
# start compiles ~2 KB less, at the same verify speed (npm/README.md). Appended to the rustflags
# in .cargo/config.toml (cargo joins --config arrays).
WASM_SPEED_RUSTFLAGS := --config 'target.wasm32-unknown-unknown.rustflags=["-Cllvm-args=-inline-threshold=100"]'

$(WASM_RAW_SPEED): $(WASM_SRCS) mk/npm.mk
	cd bindings/wasm && cargo +debian-web build --profile wasm-speed --features host $(WASM_SPEED_RUSTFLAGS) --target wasm32-unknown-unknown \
	  -Zbuild-std=core,alloc --target-dir $(ROOT)/target/wasm
	@mkdir -p $(@D) && touch $@

npm/pkg-node/hooksig_bg.wasm: $(WASM_RAW_SPEED)
	rm -rf npm/pkg-node && mkdir -p npm/pkg-node
	$(TOOLS)/bin/wasm-bindgen --target web --out-dir npm/pkg-node --out-name hooksig $(WASM_RAW_SPEED)
	$(NPM_BIN)/wasm-opt $(WASM_OPT_EXPORTS) -O3 $(WASM_OPT_SPEED) --strip-debug --strip-producers $(WASM_OPT_FEATURES) \
	  npm/pkg-node/hooksig_bg.wasm -o npm/pkg-node/hooksig_bg.wasm

# The same Node build with its function names, for bench/cold-path.mjs (not shipped).
WASM_NAMED := $(ROOT)/target/wasm/hooksig_node.named.wasm
$(WASM_NAMED): $(WASM_RAW_SPEED) mk/npm.mk
	rm -rf $(ROOT)/target/wasm/named && mkdir -p $(ROOT)/target/wasm/named
	$(TOOLS)/bin/wasm-bindgen --target web --keep-debug --out-dir $(ROOT)/target/wasm/named --out-name hooksig $(WASM_RAW_SPEED)
	$(NPM_BIN)/wasm-opt -O3 $(WASM_OPT_SPEED) -g $(WASM_OPT_FEATURES) $(ROOT)/target/wasm/named/hooksig_bg.wasm -o $@

# The browser build with its function names and nothing inlined by binaryen, for
# bench/size-by-export.mjs (not shipped): the size build's code by the exports that reach it.
WASM_NAMED_SIZE := $(ROOT)/target/wasm/hooksig_bg.named.wasm
WASM_OPT_NO_INLINING := --always-inline-max-function-size 0 --one-caller-inline-max-function-size 0 --flexible-inline-max-function-size 0
$(WASM_NAMED_SIZE): $(WASM_RAW) mk/npm.mk
	rm -rf $(ROOT)/target/wasm/named-size && mkdir -p $(ROOT)/target/wasm/named-size
	$(TOOLS)/bin/wasm-bindgen --target web --keep-debug --out-dir $(ROOT)/target/wasm/named-size --out-name hooksig $(WASM_RAW)
	$(NPM_BIN)/wasm-opt -Oz $(WASM_OPT_NO_INLINING) --low-memory-unused -g $(WASM_OPT_FEATURES) $(ROOT)/target/wasm/named-size/hooksig_bg.wasm -o $@

npm/build/.stamp: npm/pkg/hooksig_bg.wasm npm/pkg-node/hooksig_bg.wasm $(NPM_SRCS)
	cd npm && node scripts/build.mjs
	@mkdir -p $(@D) && touch $@

test-npm: build-npm
	@# The boundary crate's host tests (its statuses follow the core's codes; the key cache's HMAC) and clippy.
	cargo test -q -p hooksig-wasm -p hooksig-wasm-sha --features hooksig-wasm/host --target-dir target/wasm-host
	@# The browser build (feature small): its one-round-per-iteration SHA-256 against RustCrypto's, its boundary.
	cargo test -q -p hooksig-wasm -p hooksig-wasm-sha --features hooksig-wasm/small --target-dir target/wasm-host
	cargo clippy -q -p hooksig-wasm -p hooksig-wasm-sha --features hooksig-wasm/small --all-targets --target-dir target/wasm-host -- -D warnings
	cargo clippy -q -p hooksig-wasm -p hooksig-wasm-sha --all-targets --target-dir target/wasm-host -- -D warnings
	cargo clippy -q -p hooksig-wasm --features host --all-targets --target-dir target/wasm-host -- -D warnings
	cd npm && node --test --test-concurrency=2 test/*.test.mjs
	@# The unit suites again under Node's LTS lines (scripts/setup.d/npm.sh installs them into .tools/node;
	@# pack.test.mjs runs the packed package under them too), as test/helpers.mjs ltsNodes() lists them.
	cd npm && nodes=$$(node --input-type=module -e "import { ltsNodes } from './test/helpers.mjs'; console.log(ltsNodes().map(([, bin]) => bin).join(' '))") \
	  && for node in $$nodes; do echo "test-npm: under Node $$($$node --version)"; \
	  $$node --test --test-concurrency=2 $(NPM_UNIT_TESTS) || exit 1; done

dist-npm: build-npm
	@mkdir -p dist
	cd npm && npm pack --silent --pack-destination $(ROOT)/dist >/dev/null
	@ls -l dist/hooksig-*.tgz

bench-npm: build-npm $(WASM_NAMED) $(WASM_NAMED_SIZE)
	cd npm && node bench/bench.mjs
	cd npm && node bench/cold-path.mjs $(WASM_NAMED)
	cd npm && node bench/size-by-export.mjs $(WASM_NAMED_SIZE)

demo-npm: build-npm
	node demo/node-receiver.mjs $(or $(DELIVERIES),target/demo/deliveries.json)
	node demo/worker-receiver/run.mjs $(or $(DELIVERIES),target/demo/deliveries.json)

# hooksig: `make demo` installs what is missing, builds everything and runs the end-to-end demo;
# `make test` runs every suite. Each area keeps its targets in mk/<area>.mk.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

ROOT := $(CURDIR)
TOOLS := $(ROOT)/.tools
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
export PATH := $(TOOLS)/bin:$(HOME)/.cargo/bin:$(PATH)

# Each fragment appends its own targets to these lists.
SETUP_TARGETS :=
BUILD_TARGETS :=
TEST_TARGETS :=
DIST_TARGETS :=
BENCH_TARGETS :=
CT_TARGETS :=
FUZZ_TARGETS :=
DEMO_TARGETS :=
include mk/*.mk

.PHONY: help setup build demo test dist bench ct fuzz vectors
help:
	@echo "make demo    install what is missing, build everything, run the end-to-end demo"
	@echo "make test    every test suite (what CI runs)"
	@echo "make dist    release artifacts in dist/ (npm tarball, wheel, sdist)"
	@echo "make bench   benchmarks side by side with the peers"
	@echo "make ct      constant-time measurements"
	@echo "make fuzz    fuzz every target (FUZZ_SECONDS each, default 600)"
	@echo "make vectors regenerate tests/vectors from the providers' official libraries"

setup: $(SETUP_TARGETS)
build: setup $(BUILD_TARGETS)
demo: build
	@bash scripts/demo.sh $(DEMO_TARGETS)
test: setup $(TEST_TARGETS)
	@echo "make test: every suite passed"
dist: setup $(DIST_TARGETS)
	@ls -l dist
bench: setup $(BENCH_TARGETS)
ct: setup $(CT_TARGETS)
fuzz: setup $(FUZZ_TARGETS)
vectors:
	@bash tests/vectors/generate/run.sh

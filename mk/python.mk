# The pip package `hooksig`: the pyo3 binding (bindings/python) and the Python package (python/).
# See python/README.md. Cargo builds go to target/python so they never wait on other areas' builds.
SETUP_TARGETS += setup-python
BUILD_TARGETS += build-python
TEST_TARGETS += test-python
DIST_TARGETS += dist-python
BENCH_TARGETS += bench-python
DEMO_TARGETS += demo-python

PY_TARGET := $(ROOT)/target/python
MATURIN := $(VENV)/bin/maturin
PY_EXT := python/hooksig/_hooksig.abi3.so
PY_RS_SRCS := $(shell find crates/hooksig/src bindings/python/src -name '*.rs') crates/hooksig/Cargo.toml \
  bindings/python/Cargo.toml Cargo.toml python/pyproject.toml
PY_ENV := VIRTUAL_ENV=$(VENV) CARGO_TARGET_DIR=$(PY_TARGET) PYO3_PYTHON=$(PY)

.PHONY: setup-python build-python test-python dist-python bench-python demo-python
setup-python:
	@bash scripts/setup.sh python

# `maturin develop`: the extension built in release mode next to python/hooksig/*.py, installed
# editable into .venv. Rebuilt only when a Rust source or a manifest changed.
build-python: $(PY_EXT)

# The venv's requirements stamp (scripts/setup.d/python.sh): a re-created venv reinstalls the package.
$(VENV)/.hooksig-requirements: python/requirements-dev.txt
	@bash scripts/setup.sh python
	@touch $@

$(PY_EXT): $(PY_RS_SRCS) $(VENV)/.hooksig-requirements
	cd python && $(PY_ENV) $(MATURIN) develop --release --quiet
	@touch $@

# pytest runs every suite (vectors, API, drop-in, hypothesis, frameworks, typing, wheel and sdist in
# fresh venvs); -ra lists any skip with its reason. Clippy covers the binding crate.
test-python: build-python
	$(PY_ENV) cargo clippy -p hooksig-python --all-targets -- -D warnings
	cd python && $(PY_ENV) $(PY) -m pytest -ra -p no:cacheprovider tests

dist-python: build-python
	@mkdir -p dist
	cd python && $(PY_ENV) $(MATURIN) build --release --quiet --out $(ROOT)/dist
	cd python && $(PY_ENV) $(MATURIN) sdist --out $(ROOT)/dist
	@ls -l dist/hooksig-*.whl dist/hooksig-*.tar.gz

bench-python: build-python
	$(PY) python/bench/bench.py

demo-python: build-python
	$(PY) demo/python-receiver.py $(or $(DELIVERIES),target/demo/deliveries.json)

#!/usr/bin/env bash
# Builds the fuzz targets and runs each for SECONDS: `fuzz/run.sh SECONDS [target...]`.
# New inputs go to fuzz/target/corpus/<target> (git-ignored); the committed seeds in
# fuzz/corpus/<target> are read, never written. A crash fails the run, leaves the input in
# fuzz/artifacts/<target>/ and prints how to reproduce it.
#
# Toolchain: Debian's rustc (`debian-web`, installed by scripts/setup.sh rust) with RUSTC_BOOTSTRAP=1,
# which a fresh machine has without nightly. It ships no sanitizer runtimes, so the default is
# `--sanitizer none`: libFuzzer coverage, comparison tracing, debug assertions and overflow checks,
# no AddressSanitizer (hooksig and its fuzzed path have no unsafe code of their own). Where rustup's
# nightly is installed, `FUZZ_TOOLCHAIN=nightly FUZZ_SANITIZER=address` adds ASan.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH=${1:?usage: fuzz/run.sh SECONDS [target...]}
shift
TARGETS=("$@")
((${#TARGETS[@]})) || TARGETS=(headers secret keyring roundtrip)
TOOLCHAIN=${FUZZ_TOOLCHAIN:-debian-web}
SANITIZER=${FUZZ_SANITIZER:-none}
export RUSTC_BOOTSTRAP=1
export PATH="$PWD/../.tools/bin:$HOME/.cargo/bin:$PATH"

echo "fuzz: building ${TARGETS[*]} (cargo +$TOOLCHAIN fuzz, sanitizer $SANITIZER)"
mkdir -p target/logs
if ! cargo "+$TOOLCHAIN" fuzz build --sanitizer "$SANITIZER" >target/logs/build.log 2>&1; then
  grep -E -A15 '^error' target/logs/build.log | head -60 || tail -40 target/logs/build.log
  echo "fuzz: build failed (full log: fuzz/target/logs/build.log)"
  exit 1
fi
BIN=target/x86_64-unknown-linux-gnu/release
status=0
for t in "${TARGETS[@]}"; do
  mkdir -p "target/corpus/$t" "corpus/$t" "artifacts/$t"
  log=target/logs/$t.log
  start=$(date +%s)
  rc=0
  "$BIN/$t" -artifact_prefix="artifacts/$t/" -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
    -timeout=10 -rss_limit_mb=2048 "target/corpus/$t" "corpus/$t" >"$log" 2>&1 || rc=$?
  secs=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  corpus=$(ls "target/corpus/$t" | wc -l)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 || true)
  if [ "$rc" = 0 ]; then
    echo "fuzz $t: ${execs:-?} executions in ${secs} s, ${cov:-cov ?}, corpus $corpus, crashes 0"
  else
    status=1
    echo "fuzz $t: FAILED after ${secs} s (exit $rc); log fuzz/$log:"
    grep -E -A12 'panicked|ERROR: libFuzzer|SUMMARY' "$log" | head -40
    for a in artifacts/"$t"/*; do
      [ -f "$a" ] && echo "  reproduce: (cd fuzz && RUSTC_BOOTSTRAP=1 cargo +$TOOLCHAIN fuzz run --sanitizer $SANITIZER $t $a)"
    done
  fi
done
exit $status

#!/usr/bin/env bash
# The end-to-end demo: the Rust sender signs a delivery for every scheme (and a tampered copy of
# each) into target/demo/deliveries.json; then each receiver given as a make target verifies them.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== sender (Rust core) =="
cargo run --release -q -p hooksig --example demo -- target/demo/deliveries.json
for receiver in "$@"; do
  echo
  echo "== $receiver =="
  make "$receiver"
done

#!/usr/bin/env bash
# Security tooling (mk/security.mk): cargo-fuzz and cargo-deny, built from crates.io into the
# project-local, git-ignored .tools/ (no prebuilt binaries can be downloaded on these machines).
# Idempotent: a tool already present at the pinned version is skipped.
# The fuzz targets are built with Debian's rustc (toolchain `debian-web`, set up by `setup.sh rust`)
# under RUSTC_BOOTSTRAP=1, so no nightly toolchain is needed; see fuzz/README.md.
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
TOOLS=$ROOT/.tools
export PATH=$TOOLS/bin:$HOME/.cargo/bin:$PATH

CARGO_FUZZ_VERSION=0.13.2
CARGO_DENY_VERSION=0.20.2

install_tool() { # crate version binary [extra cargo install args]
  local crate=$1 version=$2 bin=$3; shift 3
  if [ -x "$TOOLS/bin/$bin" ] && "$TOOLS/bin/$bin" --version 2>/dev/null | grep -qF "$version"; then
    return 0
  fi
  echo "setup: cargo install $crate $version into .tools (a few minutes, once)"
  # --locked first (reproducible); the registry mirror may lack a pinned transitive version,
  # in which case resolve afresh.
  nice -n 5 cargo +stable install --quiet --root "$TOOLS" --version "=$version" --locked "$@" "$crate" \
    || nice -n 5 cargo +stable install --quiet --root "$TOOLS" --version "=$version" "$@" "$crate"
}

install_tool cargo-fuzz "$CARGO_FUZZ_VERSION" cargo-fuzz
install_tool cargo-deny "$CARGO_DENY_VERSION" cargo-deny

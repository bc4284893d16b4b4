#!/usr/bin/env bash
# Installs what the project needs and is missing, idempotently. `scripts/setup.sh <part>...`
# Parts: rust (Debian's Rust for wasm32/bare-metal builds with -Zbuild-std), and whatever the
# other mk/*.mk fragments register in scripts/setup.d/<part>.sh.
# Recipe and costs: see ../shared/TOOLCHAIN.md (rustup's wasm std is not reliably downloadable here).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

need_apt=()
apt_install() {
  ((${#need_apt[@]})) || return 0
  echo "setup: apt-get install ${need_apt[*]}"
  local sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  need_apt=()
}

setup_rust() {
  # Debian's rustc 1.96 ships std sources (rust-web-src), so -Zbuild-std works for any target;
  # lld-22 backs its rust-lld (Debian's plain lld 14 cannot link wasm here).
  for pkg in rustc-web cargo-web rust-web-src rust-web-llvm lld-22; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
  done
  apt_install
  if ! rustup toolchain list | grep -q '^debian-web'; then
    rustup toolchain link debian-web /usr
  fi
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
}

for part in "$@"; do
  case "$part" in
    rust) setup_rust ;;
    *)
      if [ -f "scripts/setup.d/$part.sh" ]; then
        ROOT=$ROOT bash "scripts/setup.d/$part.sh"
      else
        echo "setup: unknown part $part" >&2; exit 2
      fi ;;
  esac
done

#!/usr/bin/env bash
# npm package: wasm-bindgen-cli (pinned to bindings/wasm's wasm-bindgen), Chromium for the browser
# test, and npm/'s devDependencies (binaryen's wasm-opt, esbuild, typescript, playwright-core,
# workerd, deno, bun, fast-check, and the benchmark peers). Idempotent: skips what is there.
set -euo pipefail
cd "${ROOT:-$(dirname "$0")/../..}"

WASM_BINDGEN=0.2.130
if [ "$(.tools/bin/wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN" ]; then
  echo "setup: cargo install wasm-bindgen-cli $WASM_BINDGEN (about 3 min)"
  # No --locked: the index lacks one of its pinned transitive versions (TOOLCHAIN.md).
  cargo +stable install wasm-bindgen-cli --version "$WASM_BINDGEN" --no-default-features --root .tools
fi

if ! command -v chromium >/dev/null 2>&1; then
  echo "setup: apt-get install chromium"
  sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

cd npm
# Reinstall when the lockfile is newer than the last install. `npm ci` can fail on optional
# packages for other platforms missing from the lockfile (TOOLCHAIN.md): fall back to install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci in npm/"
  npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error
  touch node_modules/.package-lock.json
fi

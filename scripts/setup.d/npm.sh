#!/usr/bin/env bash
# npm package: wasm-bindgen-cli (pinned to bindings/wasm's wasm-bindgen), Chromium for the browser
# test, and npm/'s devDependencies (binaryen's wasm-opt, esbuild, typescript, playwright-core,
# workerd, deno, bun, fast-check, and the benchmark peers), and Node's LTS lines for the tests.
# Idempotent: skips what is there.
set -euo pipefail
cd "${ROOT:-$(dirname "$0")/../..}"

WASM_BINDGEN=0.2.130
if [ "$(.tools/bin/wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN" ]; then
  echo "setup: cargo install wasm-bindgen-cli $WASM_BINDGEN (about 3 min)"
  # No --locked: the index lacks one of its pinned transitive versions (TOOLCHAIN.md).
  cargo +stable install wasm-bindgen-cli --version "$WASM_BINDGEN" --no-default-features --root .tools
fi

# Node's LTS lines beside the machine's own Node (20, end of life since April 2026): the unit and
# packaging tests run under each too (npm/test/helpers.mjs `ltsNodes`). Official builds, from the npm
# registry's node-<os>-<arch> packages; `npm pack` checks each tarball against its integrity hash.
NODE_LTS="22.23.3 24.21.0"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) node_platform=linux-x64 ;;
  Linux-aarch64) node_platform=linux-arm64 ;;
  Darwin-arm64) node_platform=darwin-arm64 ;;
  Darwin-x86_64) node_platform=darwin-x64 ;;
  *) echo "setup: no Node builds on npm for $(uname -sm): the tests will say so" >&2; node_platform= ;;
esac
for old in .tools/node/*/; do
  [ -d "$old" ] && case " $NODE_LTS " in *" $(basename "$old") "*) ;; *) rm -rf "$old" ;; esac
done
for v in $NODE_LTS; do
  [ -n "$node_platform" ] && [ ! -x ".tools/node/$v/bin/node" ] || continue
  echo "setup: Node $v ($node_platform, ~30 MB) into .tools/node"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent --loglevel=error "node-$node_platform@$v" >/dev/null)
  rm -rf ".tools/node/$v.part" && mkdir -p ".tools/node/$v.part"
  tar xzf "$tmp"/node-"$node_platform"-"$v".tgz -C ".tools/node/$v.part" --strip-components=1
  rm -rf "$tmp" ".tools/node/$v" && mv ".tools/node/$v.part" ".tools/node/$v"
done

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

#!/usr/bin/env bash
# Regenerates tests/vectors/deliveries.json, secrets.json and hmac_sha256.json, then checks them.
# Called by `make vectors`. Needs Node >= 20 with npm, and Python >= 3.10.
# Installs (only when missing or out of date): npm packages into ./node_modules (git-ignored),
# Python packages into a throwaway venv ($VECTORS_VENV, default /tmp/vecvenv).
set -euo pipefail
cd "$(dirname "$0")"
VENV="${VECTORS_VENV:-/tmp/vecvenv}"

if ! npm ls --all >/dev/null 2>&1; then
  npm ci --no-audit --no-fund || npm install --no-audit --no-fund
fi

stamp="$VENV/.hooksig-vectors-requirements"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! cmp -s requirements.txt "$stamp"; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r requirements.txt
  cp requirements.txt "$stamp"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
node generate.mjs >"$tmp/node.json"
"$VENV/bin/python" generate.py "$tmp/node.json" >"$tmp/python.json"
"$VENV/bin/python" build.py "$tmp/node.json" "$tmp/python.json"
"$VENV/bin/python" check.py

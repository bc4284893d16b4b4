#!/usr/bin/env bash
# pip package: the repository's venv (.venv) with the pinned build, test and benchmark dependencies of
# python/requirements-dev.txt (maturin, pytest, hypothesis, mypy, the frameworks, the peers).
# Idempotent: reinstalls only when requirements-dev.txt changed since the last install.
set -euo pipefail
cd "${ROOT:-$(dirname "$0")/../..}"

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
  echo "setup: $PYTHON is missing or older than 3.9" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    # Debian's python3 needs python3-venv for ensurepip.
    rm -rf .venv
    sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    "$PYTHON" -m venv .venv
  fi
fi

stamp=.venv/.hooksig-requirements
want=$(sha256sum python/requirements-dev.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: pip install -r python/requirements-dev.txt"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r python/requirements-dev.txt
  echo "$want" > "$stamp"
fi

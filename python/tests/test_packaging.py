"""The wheel and the sdist: each installs into a fresh venv (the sdist compiled from source) and passes
a smoke test there, away from the repository's sources."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
import zipfile

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[1]
ROOT = PACKAGE.parent
VERSION = "0.1.0"

SMOKE = """
import hooksig, sys
assert hooksig.__file__.startswith(sys.prefix), hooksig.__file__
from importlib.metadata import version
assert version("hooksig") == hooksig.__version__ == "{version}", version("hooksig")
hook = hooksig.Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
headers = {{"webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330",
            "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}}
assert hook.verify(b'{{"test": 2432232314}}', headers, now=1614265330) == {{"test": 2432232314}}
try:
    hook.verify(b"{{}}", headers, now=1614265330)
except hooksig.WebhookVerificationError as error:
    assert error.code == "NO_MATCHING_SIGNATURE"
import importlib.resources
assert importlib.resources.files("hooksig").joinpath("py.typed").is_file()
assert importlib.resources.files("hooksig").joinpath("__init__.pyi").is_file()
print("smoke ok")
"""


def sh(*args: str | os.PathLike[str], env: dict[str, str] | None = None, timeout: int = 600,
       cwd: pathlib.Path | None = None) -> str:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, env=env, timeout=timeout, cwd=cwd)
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def fresh_venv(path: pathlib.Path) -> pathlib.Path:
    sh(sys.executable, "-m", "venv", path)
    return path / "bin" / "python"


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("dist")
    env = dict(os.environ, CARGO_TARGET_DIR=str(ROOT / "target" / "python"))
    maturin = pathlib.Path(sys.executable).parent / "maturin"
    # maturin reads python/pyproject.toml from its working directory.
    sh(maturin, "build", "--release", "--out", out, env=env, cwd=PACKAGE)
    sh(maturin, "sdist", "--out", out, env=env, cwd=PACKAGE)
    return out


def test_wheel_installs_and_works(artifacts: pathlib.Path, tmp_path: pathlib.Path) -> None:
    wheels = list(artifacts.glob(f"hooksig-{VERSION}-cp39-abi3-*.whl"))
    assert len(wheels) == 1, list(artifacts.iterdir())
    names = zipfile.ZipFile(wheels[0]).namelist()
    assert "hooksig/py.typed" in names and "hooksig/__init__.pyi" in names and "hooksig/_hooksig.pyi" in names
    assert not any(n.startswith("tests/") for n in names), names
    python = fresh_venv(tmp_path / "venv")
    sh(python, "-m", "pip", "install", "--no-deps", "--no-index", wheels[0])
    assert "smoke ok" in sh(python, "-c", SMOKE.format(version=VERSION), env={"PATH": os.environ["PATH"]}, cwd=tmp_path)


def test_sdist_builds_from_source_outside_the_repo(artifacts: pathlib.Path, tmp_path: pathlib.Path) -> None:
    sdists = list(artifacts.glob(f"hooksig-{VERSION}.tar.gz"))
    assert len(sdists) == 1, list(artifacts.iterdir())
    python = fresh_venv(tmp_path / "venv")
    # A persistent target dir keeps the registry crates compiled between runs; the sources compiled
    # are the sdist's own (unpacked by pip into a temporary directory, outside the repository).
    # MATURIN_PEP517_ARGS: maturin's build backend compiles the sdist with the dev profile here, to keep
    # `make test` short on 2 cores (the release profile's fat LTO is what `dist-python` ships).
    target = ROOT / "target" / "python" / "sdist"
    # The sdist's files carry one fixed old mtime, and cargo hashes a workspace member by its path
    # relative to the workspace: without this, the previous run's build of the project's own crates
    # would look fresh and be installed again, whatever changed since.
    for fingerprint in target.glob("*/.fingerprint/hooksig*"):
        shutil.rmtree(fingerprint)
    env = dict(os.environ, CARGO_TARGET_DIR=str(target), MATURIN_PEP517_ARGS="--profile dev")
    env["PATH"] = f"{python.parent}{os.pathsep}{env['PATH']}"  # the build backend runs `maturin`
    env.pop("VIRTUAL_ENV", None)
    maturin_req = next(line for line in (PACKAGE / "requirements-dev.txt").read_text().splitlines() if line.startswith("maturin"))
    sh(python, "-m", "pip", "install", maturin_req, env=env)
    sh(python, "-m", "pip", "install", "--no-build-isolation", "--no-binary", "hooksig", sdists[0], env=env, timeout=900)
    assert "smoke ok" in sh(python, "-c", SMOKE.format(version=VERSION), env={"PATH": os.environ["PATH"]}, cwd=tmp_path)

"""demo/python-receiver.py on a small fixture (the real file comes from the Rust demo sender)."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
RECEIVER = ROOT / "demo" / "python-receiver.py"
FIXTURE = pathlib.Path(__file__).parent / "fixtures" / "demo-deliveries.json"


def run(path: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(RECEIVER), str(path)], capture_output=True, text=True, timeout=60)


def test_receiver_accepts_genuine_and_rejects_tampered() -> None:
    result = run(FIXTURE)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert sum("accepted" in line for line in lines) == 5 and sum("rejected" in line for line in lines) == 5


def test_receiver_fails_when_expectations_are_wrong(tmp_path: pathlib.Path) -> None:
    data = json.loads(FIXTURE.read_text())
    for delivery in data["deliveries"]:
        delivery["tampered"] = not delivery["tampered"]
    flipped = tmp_path / "flipped.json"
    flipped.write_text(json.dumps(data))
    result = run(flipped)
    assert result.returncode == 1 and result.stdout.count("WRONG") == 10, result.stdout
    assert run(tmp_path / "missing.json").returncode == 2

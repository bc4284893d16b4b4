"""Shared helpers: the repository's vectors, bytes fields, a reference delivery."""

from __future__ import annotations

import base64
import json
import pathlib
from typing import Any

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
TIMESTAMP = 1614265330
BODY = b'{"test": 2432232314}'
SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
HEADERS = {"webhook-id": MSG_ID, "webhook-timestamp": str(TIMESTAMP), "webhook-signature": SIGNATURE}


def as_bytes(field: Any) -> bytes:
    """A vector's bytes field: {"utf8": ...}, {"hex": ...} or {"base64": ...}."""
    if isinstance(field, str):
        return field.encode()
    if "utf8" in field:
        return field["utf8"].encode()
    if "hex" in field:
        return bytes.fromhex(field["hex"])
    return base64.b64decode(field["base64"])


def as_secret(field: Any) -> str | bytes:
    return field if isinstance(field, str) else as_bytes(field)


def load(name: str) -> list[dict[str, Any]]:
    path = VECTORS / f"{name}.json"
    if not path.exists():
        pytest.fail(f"{path} is missing: the vectors are part of the repository")
    cases: list[dict[str, Any]] = json.loads(path.read_text())["cases"]
    return cases


"""The stubs: `mypy --strict` on the package and on typed user code, and `stubtest` against the runtime."""

from __future__ import annotations

import pathlib
import subprocess
import sys
import textwrap

PACKAGE = pathlib.Path(__file__).resolve().parents[1]

USER_CODE = textwrap.dedent(
    """
    from datetime import datetime, timezone
    from typing import Any

    import hooksig
    from hooksig import Verification, Webhook, WebhookError, WebhookVerificationError

    hook = Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", scheme="standard", tolerance=300)
    ring = Webhook(["whsec_a", ("whsec_b", datetime.now(timezone.utc)), (b"raw", 1700000000)])
    custom = Webhook("s", scheme=hooksig.CustomScheme(name="x", signature_header="X-Sig", template="{body}"))
    headers: dict[str, str] = hook.sign_headers(b"{}", id="msg_1", timestamp=1614265330)
    event: Any = hook.verify(b"{}", headers, now=1614265330)
    verified: Verification = hook.verify_signature(bytearray(b"{}"), list(headers.items()))
    index: int = verified.key_index
    ts: int | None = verified.timestamp
    signature: str = hook.sign("msg_1", datetime.now(timezone.utc), "{}")
    try:
        hook.verify("{}", {"webhook-id": "x"})
    except WebhookVerificationError as error:
        code: str = error.code
        status: int = error.http_status
    except WebhookError:
        pass
    secret: str = hooksig.generate_secret(scheme="github", nbytes=32)
    """
)


def run(*args: str, cwd: pathlib.Path = PACKAGE) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_mypy_strict_package_and_user_code(tmp_path: pathlib.Path) -> None:
    (tmp_path / "user.py").write_text(USER_CODE)
    result = run("-m", "mypy", "--strict", "--no-incremental", "hooksig", str(tmp_path / "user.py"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_rejects_wrong_types(tmp_path: pathlib.Path) -> None:
    (tmp_path / "wrong.py").write_text("from hooksig import Webhook\nWebhook(1)\nWebhook('s').verify(b'', 5)\n")
    result = run("-m", "mypy", "--strict", "--no-incremental", str(tmp_path / "wrong.py"))
    assert result.returncode == 1 and result.stdout.count("error:") == 2, result.stdout


def test_stubtest() -> None:
    result = run("-m", "mypy.stubtest", "hooksig")
    assert result.returncode == 0, result.stdout + result.stderr

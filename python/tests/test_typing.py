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


FRAMEWORK_CODE = textwrap.dedent(
    """
    from typing import Any

    from hooksig import Webhook
    from hooksig import django, flask

    hook = Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")

    @flask.verify_webhook(hook)
    def receive(event: Any, tenant: str) -> dict[str, str]:
        return {"tenant": tenant}

    @flask.verify_webhook(hook)
    async def receive_async(event: dict[str, Any], tenant: str) -> str:
        return tenant

    @django.verify_webhook(hook)
    def view(request: Any, event: Any, pk: int) -> None:
        pass

    receive("acme")
    receive_async(tenant="acme")
    view(None, 7)
    receive(1)  # rejected
    receive_async()  # rejected
    view(None, "7")  # rejected

    @flask.verify_webhook(hook)  # rejected
    def no_event() -> None:
        pass
    """
)


def test_mypy_sees_decorated_views_without_the_event(tmp_path: pathlib.Path) -> None:
    # The view's own arguments, less the event, are checked; a view that takes no event is refused.
    (tmp_path / "views.py").write_text(FRAMEWORK_CODE)
    result = run("-m", "mypy", "--strict", "--no-incremental", str(tmp_path / "views.py"))
    errors = {int(line.split(":")[1]) for line in result.stdout.splitlines() if ": error: " in line}
    rejected = {n for n, line in enumerate(FRAMEWORK_CODE.splitlines(), 1) if line.endswith("# rejected")}
    assert len(rejected) == 4 and errors == rejected, result.stdout


def test_stubtest() -> None:
    result = run("-m", "mypy.stubtest", "hooksig")
    assert result.returncode == 0, result.stdout + result.stderr

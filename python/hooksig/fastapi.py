"""FastAPI / Starlette: a dependency that reads the raw body and returns the verified event.

```python
from fastapi import Depends, FastAPI
from hooksig import Webhook
from hooksig.fastapi import WebhookDependency

verified = WebhookDependency(Webhook(os.environ["WEBHOOK_SECRET"]))
app = FastAPI()

@app.post("/webhooks")
async def receive(event: dict = Depends(verified)) -> dict:
    ...
```

A bad, missing or stale signature answers 400/401 with ``{"detail": {"error": CODE, "message": ...}}``
(FastAPI's rendering of ``HTTPException``); the handler runs only for verified deliveries. The body
is read raw (``await request.body()``): never re-serialise parsed JSON before verifying. For plain
Starlette, ``await verify_request(hook, request)`` raises the same ``HTTPException``.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request

from . import Webhook, WebhookError

__all__ = ["WebhookDependency", "verify_request"]


def _http_error(status: int, body: dict[str, str]) -> HTTPException:
    try:
        from fastapi import HTTPException as FastAPIHTTPException
    except ImportError:  # plain Starlette: its HTTPException carries text
        import json

        return HTTPException(status_code=status, detail=json.dumps(body))
    return FastAPIHTTPException(status_code=status, detail=body)


async def verify_request(webhook: Webhook, request: Request, *, json_parse: bool = True) -> Any:
    """The verified event (parsed JSON, or the raw body bytes with ``json_parse=False``)."""
    body = await request.body()
    try:
        event = webhook.verify(body, request.headers, json_parse=json_parse)
    except WebhookError as error:
        raise _http_error(error.http_status, {"error": error.code, "message": str(error)}) from None
    return event if json_parse else body


class WebhookDependency:
    """``Depends(WebhookDependency(hook))``: the verified event, or a 400/401 JSON answer."""

    def __init__(self, webhook: Webhook, *, json_parse: bool = True) -> None:
        self.webhook = webhook
        self.json_parse = json_parse

    async def __call__(self, request: Request) -> Any:
        return await verify_request(self.webhook, request, json_parse=self.json_parse)

    def __repr__(self) -> str:
        return f"WebhookDependency({self.webhook!r})"

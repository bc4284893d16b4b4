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
is read raw (``await request.body()``) and the headers with every repeat (``request.headers.raw``):
never re-serialise parsed JSON before verifying. Form fields (Slack) are read after verifying, in the
handler (``await request.form()``), not as ``Form()`` parameters: FastAPI parses those first, and the
raw body is then gone. In a plain Starlette app, ``await verify_request(hook, request)`` raises a
Starlette ``HTTPException`` whose detail is the JSON text, answered as ``application/json`` by
Starlette's default handler.
"""

from __future__ import annotations

import json
from typing import Any, cast

from starlette.exceptions import HTTPException
from starlette.requests import Request

from . import HeadersLike, Webhook, WebhookError

__all__ = ["WebhookDependency", "verify_request"]


def _http_error(request: Request, status: int, body: dict[str, str]) -> HTTPException:
    try:
        from fastapi import FastAPI, HTTPException as FastAPIHTTPException
    except ImportError:  # plain Starlette
        pass
    else:
        if isinstance(request.scope.get("app"), FastAPI):
            return FastAPIHTTPException(status_code=status, detail=body)
    # Starlette's own handler answers with the detail as text: JSON text, with its content type.
    return HTTPException(status_code=status, detail=json.dumps(body), headers={"content-type": "application/json"})


async def verify_request(webhook: Webhook, request: Request, *, json_parse: bool = True) -> Any:
    """The verified event (parsed JSON, or the raw body bytes with ``json_parse=False``)."""
    try:
        body = await request.body()
    except RuntimeError as error:  # Starlette: "Stream consumed"
        raise RuntimeError(
            "hooksig: the request body was read before verification (a Form() parameter, or request.form()):"
            " verify first, then read the form in the handler"
        ) from error
    try:
        # Every (name, value) pair as received: Starlette's Headers.get gives only a repeat's first.
        event = webhook.verify(body, cast(HeadersLike, request.headers.raw), json_parse=json_parse)
    except WebhookError as error:
        raise _http_error(request, error.http_status, {"error": error.code, "message": str(error)}) from None
    return event if json_parse else body


class WebhookDependency:
    """``Depends(WebhookDependency(hook))``: the verified event, or a 400/401 JSON answer."""

    def __init__(self, webhook: Webhook, *, json_parse: bool = True) -> None:
        # Checked here, at start-up: a secret passed in its place would fail every request (and
        # must never end up in a repr).
        if not isinstance(webhook, Webhook):
            raise TypeError(f"WebhookDependency takes a hooksig.Webhook, not {type(webhook).__name__}")
        self.webhook = webhook
        self.json_parse = json_parse

    async def __call__(self, request: Request) -> Any:
        return await verify_request(self.webhook, request, json_parse=self.json_parse)

    def __repr__(self) -> str:
        return f"WebhookDependency({self.webhook!r})"

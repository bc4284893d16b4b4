"""Flask: a view decorator that verifies the delivery and passes the event to the view.

```python
from hooksig import Webhook
from hooksig.flask import verify_webhook

@app.post("/webhooks")
@verify_webhook(Webhook(os.environ["WEBHOOK_SECRET"]))
def receive(event):
    ...
```

The view receives the verified event as its first argument (also in ``flask.g.webhook_event``); a bad,
missing or stale signature answers 400/401 with ``{"error": CODE, "message": ...}`` and the view never
runs. The raw body comes from ``request.get_data()``, so nothing may parse the form before the view
(a ``before_request`` reading ``request.form`` consumes it: that is an error, not a forged delivery).
``async def`` views work as Flask runs them (with ``flask[async]``).
"""

from __future__ import annotations

import functools
import inspect
from typing import TYPE_CHECKING, Any, Callable

from flask import g, jsonify, request

from . import Webhook, WebhookError

if TYPE_CHECKING:
    from typing_extensions import Concatenate, ParamSpec, Protocol

    _P = ParamSpec("_P")

    class _ViewDecorator(Protocol):
        """The decorated view takes the view's arguments less the event. It returns the view's result,
        an error response or, for an ``async`` view, a coroutine of either: ``Any``, since one
        signature cannot say which (overloads for the two cases make mypy answer ``Any`` for every
        view whose event is typed ``Any``)."""

        def __call__(self, view: Callable[Concatenate[Any, _P], object], /) -> Callable[_P, Any]: ...


__all__ = ["verify_webhook"]


def verify_webhook(webhook: Webhook, *, json_parse: bool = True) -> _ViewDecorator:
    """Decorates a view: ``view(event, *args, **kwargs)`` runs only for verified deliveries."""
    # Checked when the app is set up: a secret passed here would fail every request.
    if not isinstance(webhook, Webhook):
        raise TypeError(f"verify_webhook takes a hooksig.Webhook, not {type(webhook).__name__}")

    def verified() -> tuple[bool, Any]:
        """(True, the event) or (False, the error response)."""
        body = request.get_data(cache=True)
        if not body and (request.content_length or 0) > 0:
            raise RuntimeError("hooksig: the request body was read (request.form?) before verification; verify first")
        try:
            event = webhook.verify(body, request.headers, json_parse=json_parse)
        except WebhookError as error:
            return False, (jsonify(error=error.code, message=str(error)), error.http_status)
        g.webhook_event = event if json_parse else body
        return True, g.webhook_event

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                ok, outcome = verified()
                return await view(outcome, *args, **kwargs) if ok else outcome

            return async_wrapper

        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            ok, outcome = verified()
            return view(outcome, *args, **kwargs) if ok else outcome

        return wrapper

    return decorator

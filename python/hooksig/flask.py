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
runs. The raw body comes from ``request.get_data()``.
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from flask import g, jsonify, request

from . import Webhook, WebhookError

__all__ = ["verify_webhook"]



def verify_webhook(webhook: Webhook, *, json_parse: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorates a view: ``view(event, *args, **kwargs)`` runs only for verified deliveries."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            body = request.get_data(cache=True)
            try:
                event = webhook.verify(body, request.headers, json_parse=json_parse)
            except WebhookError as error:
                return jsonify(error=error.code, message=str(error)), error.http_status
            event = event if json_parse else body
            g.webhook_event = event
            return view(event, *args, **kwargs)

        return wrapper

    return decorator

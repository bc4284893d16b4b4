"""Django: a view decorator that verifies the delivery and passes the event to the view.

```python
from hooksig import Webhook
from hooksig.django import verify_webhook

@verify_webhook(Webhook(settings.WEBHOOK_SECRET))
def receive(request, event):
    ...
```

The view is called as ``view(request, event, *args, **kwargs)`` for verified deliveries only, and is
CSRF-exempt (a provider cannot send a CSRF token; the signature is the authentication). A bad,
missing or stale signature answers 400/401 with ``{"error": CODE, "message": ...}``. The raw body is
``request.body``; headers come from ``request.headers`` (``request.META``'s ``HTTP_*`` keys work too).
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from django.http import HttpRequest, HttpResponse, JsonResponse  # type: ignore[import-untyped]

from . import Webhook, WebhookError

__all__ = ["verify_webhook"]


def verify_webhook(webhook: Webhook, *, json_parse: bool = True) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorates a view: ``view(request, event, *args, **kwargs)`` runs only for verified deliveries."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            body = request.body
            try:
                event = webhook.verify(body, request.headers, json_parse=json_parse)
            except WebhookError as error:
                return JsonResponse({"error": error.code, "message": str(error)}, status=error.http_status)
            return view(request, event if json_parse else body, *args, **kwargs)

        wrapper.csrf_exempt = True  # type: ignore[attr-defined]
        return wrapper

    return decorator

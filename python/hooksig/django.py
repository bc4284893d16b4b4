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
``async def`` views are awaited. Django refuses bodies over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (2.5 MiB by
default) before the view runs: raise it for providers that send more (GitHub allows 25 MB).
"""

from __future__ import annotations

import functools
import inspect
from typing import TYPE_CHECKING, Any, Callable, cast

from django.http import HttpRequest, HttpResponse, JsonResponse  # type: ignore[import-untyped]

from . import Webhook, WebhookError

if TYPE_CHECKING:
    from typing_extensions import Concatenate, ParamSpec, Protocol

    _P = ParamSpec("_P")

    class _ViewDecorator(Protocol):
        """The decorated view takes the view's arguments less the event (see hooksig.flask's)."""

        def __call__(
            self, view: Callable[Concatenate[HttpRequest, Any, _P], object], /
        ) -> Callable[Concatenate[HttpRequest, _P], Any]: ...


__all__ = ["verify_webhook"]


def verify_webhook(webhook: Webhook, *, json_parse: bool = True) -> _ViewDecorator:
    """Decorates a view: ``view(request, event, *args, **kwargs)`` runs only for verified deliveries."""
    # Checked when the URLconf is loaded: a secret passed here would fail every request.
    if not isinstance(webhook, Webhook):
        raise TypeError(f"verify_webhook takes a hooksig.Webhook, not {type(webhook).__name__}")

    def verified(request: HttpRequest) -> tuple[bool, Any]:
        """(True, the event) or (False, the error response)."""
        body = request.body
        try:
            event = webhook.verify(body, request.headers, json_parse=json_parse)
        except WebhookError as error:
            return False, JsonResponse({"error": error.code, "message": str(error)}, status=error.http_status)
        return True, event if json_parse else body

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        wrapper: Callable[..., Any]
        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
                ok, outcome = verified(request)
                return await view(request, outcome, *args, **kwargs) if ok else outcome

            wrapper = async_wrapper
        else:

            @functools.wraps(view)
            def sync_wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
                ok, outcome = verified(request)
                return view(request, outcome, *args, **kwargs) if ok else outcome

            wrapper = sync_wrapper
        # What django.views.decorators.csrf.csrf_exempt sets, without its wrapper (which, before
        # Django 5.0, turned an async view into a sync one).
        cast(Any, wrapper).csrf_exempt = True
        return wrapper

    return decorator

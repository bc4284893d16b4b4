"""Framework helpers, each through the framework's own test client."""

from __future__ import annotations

import json
from typing import Any

import pytest

from hooksig import Webhook, generate_secret

SECRET = generate_secret()
HOOK = Webhook(SECRET)
PAYLOAD = b'{"type": "invoice.paid", "id": 7}'


def cases() -> list[tuple[dict[str, str], bytes, int, str | None]]:
    """(headers, body, expected status, expected error code)."""
    good = HOOK.sign_headers(PAYLOAD)
    return [
        (good, PAYLOAD, 200, None),
        ({k.upper(): v for k, v in good.items()}, PAYLOAD, 200, None),
        (good, PAYLOAD + b" ", 401, "NO_MATCHING_SIGNATURE"),
        ({"webhook-id": good["webhook-id"]}, PAYLOAD, 400, "MISSING_HEADER"),
        (dict(good, **{"webhook-timestamp": "12"}), PAYLOAD, 401, "TIMESTAMP_TOO_OLD"),
        (dict(good, **{"webhook-timestamp": "soon"}), PAYLOAD, 400, "INVALID_TIMESTAMP"),
    ]


def check(status: int, body: Any, expected_status: int, code: str | None) -> None:
    assert status == expected_status, body
    if code is None:
        assert body == {"received": 7}
    else:
        assert code in json.dumps(body) and SECRET not in json.dumps(body)


@pytest.mark.parametrize("headers,body,status,code", cases())
def test_fastapi(headers: dict[str, str], body: bytes, status: int, code: str | None) -> None:
    from fastapi import Depends, FastAPI
    from fastapi.testclient import TestClient

    from hooksig.fastapi import WebhookDependency

    app = FastAPI()

    @app.post("/webhooks")
    async def receive(event: dict[str, Any] = Depends(WebhookDependency(HOOK))) -> dict[str, Any]:
        return {"received": event["id"]}

    response = TestClient(app).post("/webhooks", content=body, headers=headers)
    result = response.json()
    check(response.status_code, result, status, code)
    if code:
        assert result["detail"]["error"] == code


@pytest.mark.parametrize("headers,body,status,code", cases())
def test_starlette(headers: dict[str, str], body: bytes, status: int, code: str | None) -> None:
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from hooksig.fastapi import verify_request

    async def receive(request: Request) -> JSONResponse:
        try:
            event = await verify_request(HOOK, request)
        except HTTPException as error:
            # fastapi's HTTPException (installed here) carries the dict; plain Starlette's, JSON text.
            detail = error.detail if isinstance(error.detail, dict) else json.loads(error.detail)
            return JSONResponse(detail, status_code=error.status_code)
        return JSONResponse({"received": event["id"]})

    app = Starlette(routes=[Route("/webhooks", receive, methods=["POST"])])
    response = TestClient(app).post("/webhooks", content=body, headers=headers)
    check(response.status_code, response.json(), status, code)


@pytest.mark.parametrize("headers,body,status,code", cases())
def test_flask(headers: dict[str, str], body: bytes, status: int, code: str | None) -> None:
    from flask import Flask, g

    from hooksig.flask import verify_webhook

    app = Flask(__name__)

    @app.post("/webhooks/<int:tenant>")
    @verify_webhook(HOOK)
    def receive(event: dict[str, Any], tenant: int) -> dict[str, Any]:
        assert tenant == 3 and g.webhook_event is event
        return {"received": event["id"]}

    response = app.test_client().post("/webhooks/3", data=body, headers=headers)
    check(response.status_code, response.get_json(), status, code)
    if code:
        assert response.get_json()["error"] == code


def django_client() -> Any:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=False,
            ALLOWED_HOSTS=["testserver"],
            ROOT_URLCONF=__name__,
            SECRET_KEY="test-only",
            MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"],
            INSTALLED_APPS=[],
        )
        django.setup()
    from django.test import Client

    return Client(enforce_csrf_checks=True)


def _django_view() -> Any:
    from django.http import JsonResponse

    from hooksig.django import verify_webhook

    @verify_webhook(HOOK)
    def receive(request: Any, event: dict[str, Any]) -> Any:
        return JsonResponse({"received": event["id"]})

    return receive


def _urlpatterns() -> list[Any]:
    from django.urls import path

    return [path("webhooks", _django_view())]


def __getattr__(name: str) -> Any:  # Django reads `urlpatterns` from ROOT_URLCONF lazily
    if name == "urlpatterns":
        return _urlpatterns()
    raise AttributeError(name)


@pytest.mark.parametrize("headers,body,status,code", cases())
def test_django(headers: dict[str, str], body: bytes, status: int, code: str | None) -> None:
    client = django_client()
    response = client.post("/webhooks", data=body, content_type="application/json", headers=headers)
    check(response.status_code, response.json(), status, code)

"""Framework helpers, each through the framework's own test client."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.requests import Request  # at module level: FastAPI resolves annotations by name

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


def _django_async_view() -> Any:
    from django.http import JsonResponse

    from hooksig.django import verify_webhook

    @verify_webhook(HOOK)
    async def receive(request: Any, event: dict[str, Any]) -> Any:
        return JsonResponse({"received": event["id"]})

    return receive


def _urlpatterns() -> list[Any]:
    from django.urls import path

    return [path("webhooks", _django_view()), path("async", _django_async_view())]


def __getattr__(name: str) -> Any:  # Django reads `urlpatterns` from ROOT_URLCONF lazily
    if name == "urlpatterns":
        return _urlpatterns()
    raise AttributeError(name)


@pytest.mark.parametrize("headers,body,status,code", cases())
def test_django(headers: dict[str, str], body: bytes, status: int, code: str | None) -> None:
    client = django_client()
    response = client.post("/webhooks", data=body, content_type="application/json", headers=headers)
    check(response.status_code, response.json(), status, code)


def test_starlette_default_error_handler_answers_json() -> None:
    """No exception handling of the app's own: Starlette's default handler renders the rejection."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from hooksig.fastapi import verify_request

    async def receive(request: Request) -> JSONResponse:
        return JSONResponse({"received": (await verify_request(HOOK, request))["id"]})

    client = TestClient(Starlette(routes=[Route("/webhooks", receive, methods=["POST"])]))
    good = HOOK.sign_headers(PAYLOAD)
    assert client.post("/webhooks", content=PAYLOAD, headers=good).json() == {"received": 7}
    response = client.post("/webhooks", content=PAYLOAD + b" ", headers=good)
    assert response.status_code == 401 and response.headers["content-type"] == "application/json"
    assert response.json()["error"] == "NO_MATCHING_SIGNATURE"


def test_fastapi_repeated_headers_and_a_consumed_body() -> None:
    """Repeated headers reach the core as sent (Starlette's `.get` keeps only the first); a body read
    before verification is a server error that says so, not a forged delivery."""
    from fastapi import Depends, FastAPI
    from fastapi.testclient import TestClient

    from hooksig.fastapi import WebhookDependency

    app = FastAPI()

    @app.post("/webhooks")
    async def receive(event: dict[str, Any] = Depends(WebhookDependency(HOOK))) -> dict[str, Any]:
        return {"received": event["id"]}

    @app.post("/consumed", dependencies=[Depends(_consume_body)])
    async def consumed(event: dict[str, Any] = Depends(WebhookDependency(HOOK))) -> dict[str, Any]:
        return event

    client = TestClient(app)
    good = HOOK.sign_headers(PAYLOAD)
    pairs = list(good.items())
    other = ("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
    # The good signature in the second of two signature headers: every value counts.
    response = client.post("/webhooks", content=PAYLOAD, headers=[p for p in pairs if p[0] != "webhook-signature"] + [other, pairs[-1]])
    assert response.json() == {"received": 7}
    # Two different timestamps: malformed, whichever comes first.
    response = client.post("/webhooks", content=PAYLOAD, headers=pairs + [("webhook-timestamp", "12")])
    assert response.status_code == 400 and response.json()["detail"]["error"] == "MALFORMED_HEADER"
    with pytest.raises(RuntimeError, match="read before verification"):
        client.post("/consumed", content=PAYLOAD, headers=good)


async def _consume_body(request: Request) -> None:
    """A dependency that reads the body as a stream, as form parsing does."""
    async for _ in request.stream():
        pass


def test_helpers_refuse_a_secret_in_place_of_a_webhook() -> None:
    from hooksig import django, fastapi, flask

    for make in (fastapi.WebhookDependency, flask.verify_webhook, django.verify_webhook):
        with pytest.raises(TypeError) as raised:
            make(SECRET)  # type: ignore[arg-type]
        assert SECRET not in str(raised.value)


def test_flask_async_view_and_a_consumed_form() -> None:
    from flask import Flask, request

    from hooksig.flask import verify_webhook

    app = Flask(__name__)
    app.testing = True

    @app.post("/async")
    @verify_webhook(HOOK)
    async def receive(event: dict[str, Any]) -> dict[str, Any]:
        return {"received": event["id"]}

    @app.post("/form")
    @verify_webhook(HOOK)
    def form(event: dict[str, Any]) -> dict[str, Any]:
        return {"received": event["id"]}

    @app.before_request
    def read_form() -> None:
        if request.path == "/form":
            request.form.get("x")

    client = app.test_client()
    good = HOOK.sign_headers(PAYLOAD)
    assert client.post("/async", data=PAYLOAD, headers=good).get_json() == {"received": 7}
    assert client.post("/async", data=PAYLOAD + b" ", headers=good).status_code == 401
    form_body = b"x=1"
    signed = HOOK.sign_headers(form_body)
    with pytest.raises(RuntimeError, match="before verification"):
        client.post("/form", data=form_body, headers=dict(signed, **{"content-type": "application/x-www-form-urlencoded"}))


def test_django_async_view() -> None:
    client = django_client()
    good = HOOK.sign_headers(PAYLOAD)
    response = client.post("/async", data=PAYLOAD, content_type="application/json", headers=good)
    assert response.status_code == 200 and response.json() == {"received": 7}
    response = client.post("/async", data=PAYLOAD + b" ", content_type="application/json", headers=good)
    assert response.status_code == 401 and response.json()["error"] == "NO_MATCHING_SIGNATURE"

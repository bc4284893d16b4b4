"""Replays tests/vectors/*.json, the cross-language contract (tests/vectors/README.md)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import hooksig
from hooksig import Webhook, WebhookError, WebhookVerificationError
from hooksig import _hooksig as native

from conftest import VECTORS, as_bytes, as_secret, load

DELIVERIES = load("deliveries")
SECRETS = load("secrets")
HMACS = load("hmac_sha256")


def make_hook(case: dict[str, Any]) -> Webhook:
    formats = {s.get("format", "auto") for s in case["secrets"]}
    assert len(formats) == 1, "one format per keyring"
    keys = [(as_secret(s["secret"]), s.get("not_after")) for s in case["secrets"]]
    return Webhook(keys, scheme=case["scheme"], tolerance=case.get("tolerance", 300), format=formats.pop())


def header_forms(pairs: list[tuple[str, str]]) -> list[Any]:
    """The pairs as given, and (when no name repeats) as a dict in their case and in title case."""
    forms: list[Any] = [pairs]
    names = [name.lower() for name, _ in pairs]
    if len(set(names)) == len(names):
        forms.append(dict(pairs))
        forms.append({name.title(): value for name, value in pairs})
        forms.append({"HTTP_" + name.upper().replace("-", "_"): value for name, value in pairs})
    return forms


@pytest.mark.parametrize("case", DELIVERIES, ids=[c["name"] for c in DELIVERIES])
def test_delivery(case: dict[str, Any]) -> None:
    try:
        hook = make_hook(case)
    except WebhookError as error:  # a keyring the contract says is unusable
        assert not case["expect"]["ok"] and error.code == case["expect"]["error"]
        return
    body = as_bytes(case["body"])
    pairs = [(name, value) for name, value in case["headers"]]
    expect = case["expect"]
    for headers in header_forms(pairs):
        if expect["ok"]:
            verified = hook.verify_signature(body, headers, now=case["now"])
            assert verified.key_index == expect["key_index"]
            assert verified.id == expect["id"]
            assert verified.timestamp == expect["timestamp"]
            assert verified.scheme == hook.scheme
            assert verified.key_hint == hook.key_hints[verified.key_index]
        else:
            with pytest.raises(WebhookError) as raised:
                hook.verify_signature(body, headers, now=case["now"])
            assert raised.value.code == expect["error"], headers
            assert isinstance(raised.value, WebhookVerificationError)
    if case.get("sign"):
        timestamp = expect["timestamp"] if expect.get("timestamp") is not None else case["now"]
        signed = hook.sign_headers(body, id=expect.get("id"), timestamp=timestamp)
        assert list(signed.items()) == [tuple(pair) for pair in case["headers"]]


@pytest.mark.parametrize("case", SECRETS, ids=[c["name"] for c in SECRETS])
def test_secret(case: dict[str, Any]) -> None:
    secret = as_secret(case["input"])
    if "error" in case:
        with pytest.raises(WebhookError) as raised:
            native._parse_secret(secret, case["format"], case["scheme"])
        assert raised.value.code == case["error"]
        assert isinstance(raised.value, hooksig.WebhookSecretError)
        # The same error through the public constructor, with the class named after it.
        with pytest.raises(WebhookError) as again:
            Webhook(secret, scheme=case["scheme"], format=case["format"])
        assert again.value.code == case["error"]
        if case["error"] == "EMPTY_SECRET":
            assert isinstance(again.value, hooksig.EmptyWebhookSecretError)
        if isinstance(secret, str) and len(secret) >= 8:
            assert secret.strip() not in str(again.value) and secret.strip() not in repr(again.value)
        return
    key, hint = native._parse_secret(secret, case["format"], case["scheme"])
    assert key == as_bytes(case["key"])
    assert hint == case["hint"]
    hook = Webhook(secret, scheme=case["scheme"], format=case["format"])
    assert hook.key_hints == (case["hint"],)
    if isinstance(secret, str) and len(secret) >= 8:
        assert secret not in repr(hook)


@pytest.mark.parametrize("case", HMACS, ids=[c["name"] for c in HMACS])
def test_hmac_sha256(case: dict[str, Any]) -> None:
    assert native._hmac_sha256(as_bytes(case["key"]), as_bytes(case["data"])).hex() == case["mac"]


def test_wycheproof_hmac_sha256() -> None:
    data = json.loads((VECTORS / "wycheproof" / "hmac_sha256_test.json").read_text())
    count = 0
    for group in data["testGroups"]:
        tag_bytes = group["tagSize"] // 8
        for test in group["tests"]:
            mac = native._hmac_sha256(bytes.fromhex(test["key"]), bytes.fromhex(test["msg"]))[:tag_bytes]
            matches = mac.hex() == test["tag"]
            assert matches == (test["result"] == "valid"), test["tcId"]
            count += 1
    assert count >= 100

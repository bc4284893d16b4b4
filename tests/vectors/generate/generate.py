"""Generates the Python half of tests/vectors/deliveries.json, and the secrets.json cases.

Slack cases are signed with slack_sdk's SignatureVerifier.generate_signature() and checked with
is_valid_request(); Shopify cases follow Shopify's documented algorithm (base64 HMAC-SHA256 of the
raw body, keyed with the app's client secret as text), computed with the standard library.
The Python `stripe` and `standardwebhooks` packages are run over every Stripe / Standard Webhooks
case (hand-written and Node-generated) to record their verdicts next to the Node libraries'.

Usage: python generate.py NODE_OUTPUT.json > python_output.json
Output: {"cases": [...], "verdicts": {name: [{"lib": ..., "accepts": bool}]}, "secrets": [...]}
Deterministic: fixed secrets, timestamps and bodies; every clock a library reads is pinned.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import sys
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path
from unittest import mock

import slack_sdk.signature as slack_signature
import standardwebhooks.webhooks as sw_module
import stripe
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

HERE = Path(__file__).resolve().parent
SLACK = f"slack_sdk@{version('slack_sdk')}"
STRIPE_PY = f"stripe@{version('stripe')} (python)"
SW_PY = f"standardwebhooks@{version('standardwebhooks')} (python)"
SHOPIFY_SRC = (
    "Shopify documented algorithm (shopify.dev 'Verify webhooks': X-Shopify-Hmac-Sha256 = "
    "base64(HMAC-SHA256(client secret as text, raw body))), computed with Python hmac"
)

cases: list[dict] = []


def body_field(body: bytes) -> dict:
    try:
        return {"utf8": body.decode("utf-8")}
    except UnicodeDecodeError:
        return {"hex": body.hex()}


def add(name, source, scheme, secrets, now, body, headers, expect, sign=False, tolerance=None, libnote=None):
    if any(c["name"] == name for c in cases):
        raise SystemExit(f"duplicate case {name}")
    case = {"name": name, "source": source, "scheme": scheme, "secrets": secrets}
    if tolerance is not None:
        case["tolerance"] = tolerance
    case.update(now=now, body=body_field(body), headers=headers, expect=expect)
    if sign:
        case["sign"] = True
    if libnote:
        case["libnote"] = libnote  # consumed (and removed) by build.py
    cases.append(case)


def ok(key_index, id_, timestamp):
    return {"ok": True, "key_index": key_index, "id": id_, "timestamp": timestamp}


def err(code):
    return {"ok": False, "error": code}


class FixedClock(slack_signature.Clock):
    def __init__(self, now: int):
        self._now = now

    def now(self) -> float:
        return float(self._now)


# ------------------------------------------------------------------------------------------ Slack
SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
SLACK_SECRET_2 = "d41d8cd98f00b204e9800998ecf8427e"
SLACK_TS = 1531420618
SLACK_BODY = (
    b'{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","team_id":"T061EG9R6","api_app_id":"A0PNCHHK2",'
    b'"event":{"type":"app_mention","user":"U061F7AUR","text":"<@U0LAN0Z89> is it everything?",'
    b'"ts":"1515449522.000016","channel":"C0LAN2Q65"},"type":"event_callback","event_id":"Ev0LAN670R",'
    b'"event_time":1515449522}'
)
SLACK_SIGNED = f"{SLACK} SignatureVerifier.generate_signature()"


def slack_sig(secret: str, ts, body: bytes) -> str:
    return slack_signature.SignatureVerifier(secret).generate_signature(timestamp=str(ts), body=body)


def slack_headers(ts, sig):
    return [["X-Slack-Request-Timestamp", str(ts)], ["X-Slack-Signature", sig]]


def slack_case(name, source, body, headers, expect, secrets=None, sign=False, now=SLACK_TS, libnote=None):
    add(name, source, "slack", secrets or [{"secret": SLACK_SECRET}], now, body, headers, expect, sign, libnote=libnote)


slack_case(
    "slack/sdk-signed",
    SLACK_SIGNED,
    SLACK_BODY,
    slack_headers(SLACK_TS, slack_sig(SLACK_SECRET, SLACK_TS, SLACK_BODY)),
    ok(0, None, SLACK_TS),
    sign=True,
)
slack_case(
    "slack/lowercase-header-names",
    SLACK_SIGNED,
    SLACK_BODY,
    [[k.lower(), v] for k, v in slack_headers(SLACK_TS, slack_sig(SLACK_SECRET, SLACK_TS, SLACK_BODY))],
    ok(0, None, SLACK_TS),
)
slack_case(
    "slack/rotation-second-secret-matches",
    f"{SLACK_SIGNED} with the second secret of the keyring",
    SLACK_BODY,
    slack_headers(SLACK_TS, slack_sig(SLACK_SECRET_2, SLACK_TS, SLACK_BODY)),
    ok(1, None, SLACK_TS),
    secrets=[{"secret": SLACK_SECRET}, {"secret": SLACK_SECRET_2}],
)
for name, delta, expect in [
    ("slack/timestamp-at-oldest-allowed", -300, ok(0, None, SLACK_TS - 300)),
    ("slack/timestamp-too-old", -301, err("TIMESTAMP_TOO_OLD")),
    ("slack/timestamp-at-newest-allowed", 300, ok(0, None, SLACK_TS + 300)),
    ("slack/timestamp-too-new", 301, err("TIMESTAMP_TOO_NEW")),
]:
    ts = SLACK_TS + delta
    slack_case(
        name,
        f"{SLACK_SIGNED} at now{delta:+d}",
        SLACK_BODY,
        slack_headers(ts, slack_sig(SLACK_SECRET, ts, SLACK_BODY)),
        expect,
        sign=expect["ok"],
    )
slack_case(
    "slack/tampered-body",
    f"{SLACK_SIGNED}; body changed after signing",
    SLACK_BODY.replace(b"everything", b"anything"),
    slack_headers(SLACK_TS, slack_sig(SLACK_SECRET, SLACK_TS, SLACK_BODY)),
    err("NO_MATCHING_SIGNATURE"),
)
slack_case(
    "slack/tampered-timestamp",
    f"{SLACK_SIGNED}; X-Slack-Request-Timestamp moved by one second after signing",
    SLACK_BODY,
    slack_headers(SLACK_TS + 1, slack_sig(SLACK_SECRET, SLACK_TS, SLACK_BODY)),
    err("NO_MATCHING_SIGNATURE"),
)
slack_case(
    "slack/invalid-timestamp-fraction",
    f"{SLACK_SIGNED} over the literal timestamp text 1531420618.5",
    SLACK_BODY,
    slack_headers("1531420618.5", slack_sig(SLACK_SECRET, "1531420618.5", SLACK_BODY)),
    err("INVALID_TIMESTAMP"),
)
slack_case(
    "slack/missing-timestamp-header",
    f"{SLACK_SIGNED}; X-Slack-Request-Timestamp removed",
    SLACK_BODY,
    slack_headers(SLACK_TS, slack_sig(SLACK_SECRET, SLACK_TS, SLACK_BODY))[1:],
    err("MISSING_HEADER"),
)
slack_case(
    "slack/header-values-with-ows",
    f"{SLACK_SIGNED}; spaces and tabs added around both header values",
    SLACK_BODY,
    [[k, f" \t{v} "] for k, v in slack_headers(SLACK_TS, slack_sig(SLACK_SECRET, SLACK_TS, SLACK_BODY))],
    ok(0, None, SLACK_TS),
    libnote="slack_sdk does not trim header values",
)
slack_case(
    "slack/empty-timestamp-header",
    f"{SLACK_SIGNED}; X-Slack-Request-Timestamp present but empty (counts as missing)",
    SLACK_BODY,
    slack_headers("", slack_sig(SLACK_SECRET, SLACK_TS, SLACK_BODY)),
    err("MISSING_HEADER"),
)
slack_case(
    "slack/missing-signature-header",
    f"{SLACK_SIGNED}; X-Slack-Signature removed",
    SLACK_BODY,
    slack_headers(SLACK_TS, slack_sig(SLACK_SECRET, SLACK_TS, SLACK_BODY))[:1],
    err("MISSING_HEADER"),
)

# ---------------------------------------------------------------------------------------- Shopify
SHOP_SECRET = "hooksig_shopify_client_secret_0001"
SHOP_SECRET_2 = "hooksig_shopify_client_secret_0002"
SHOP_NOW = 1700000000
SHOP_BODY = (
    b'{"id":820982911946154508,"email":"jon@example.com","total_price":"403.00",'
    b'"currency":"USD","note":"caf\xc3\xa9 \xe2\x82\xac"}'
)
SHOP_H = "X-Shopify-Hmac-Sha256"


def shop_mac(secret: str, body: bytes) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def shop_case(name, source, body, headers, expect, secrets=None, sign=False):
    add(name, source, "shopify", secrets or [{"secret": SHOP_SECRET}], SHOP_NOW, body, headers, expect, sign)


shop_case("shopify/basic", SHOPIFY_SRC, SHOP_BODY, [[SHOP_H, shop_mac(SHOP_SECRET, SHOP_BODY)]], ok(0, None, None), sign=True)
shop_case(
    "shopify/events-header",
    f"{SHOPIFY_SRC}; in Shopify-Hmac-Sha256, the header name of Shopify's Events deliveries (read when "
    "X-Shopify-Hmac-Sha256 is absent)",
    SHOP_BODY,
    [["Shopify-Hmac-Sha256", shop_mac(SHOP_SECRET, SHOP_BODY)]],
    ok(0, None, None),
)
shop_case(
    "shopify/events-and-legacy-headers",
    f"{SHOPIFY_SRC}; in both header names with one value, as Shopify's Events deliveries carry them",
    SHOP_BODY,
    [["Shopify-Hmac-Sha256", shop_mac(SHOP_SECRET, SHOP_BODY)], [SHOP_H, shop_mac(SHOP_SECRET, SHOP_BODY)]],
    ok(0, None, None),
)
shop_case(
    "shopify/lowercase-header-name",
    SHOPIFY_SRC,
    SHOP_BODY,
    [["x-shopify-hmac-sha256", shop_mac(SHOP_SECRET, SHOP_BODY)]],
    ok(0, None, None),
)
shop_case(
    "shopify/realistic-headers",
    f"{SHOPIFY_SRC}; with the other X-Shopify-* headers Shopify sends (none is signed)",
    SHOP_BODY,
    [
        ["X-Shopify-Topic", "orders/create"],
        [SHOP_H, shop_mac(SHOP_SECRET, SHOP_BODY)],
        ["X-Shopify-Shop-Domain", "hooksig-test.myshopify.com"],
        ["X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"],
        ["X-Shopify-Triggered-At", "2023-11-14T22:13:20.000000Z"],
    ],
    ok(0, None, None),
)
shop_case(
    "shopify/rotation-second-secret-matches",
    f"{SHOPIFY_SRC}; signed with the second secret of the keyring",
    SHOP_BODY,
    [[SHOP_H, shop_mac(SHOP_SECRET_2, SHOP_BODY)]],
    ok(1, None, None),
    secrets=[{"secret": SHOP_SECRET}, {"secret": SHOP_SECRET_2}],
)
shop_case(
    "shopify/tampered-body",
    f"{SHOPIFY_SRC}; body changed after signing",
    SHOP_BODY.replace(b"403.00", b"4.00"),
    [[SHOP_H, shop_mac(SHOP_SECRET, SHOP_BODY)]],
    err("NO_MATCHING_SIGNATURE"),
)
shop_case(
    "shopify/wrong-secret",
    f"{SHOPIFY_SRC}; verified with another secret",
    SHOP_BODY,
    [[SHOP_H, shop_mac(SHOP_SECRET, SHOP_BODY)]],
    err("NO_MATCHING_SIGNATURE"),
    secrets=[{"secret": SHOP_SECRET_2}],
)
shop_case(
    "shopify/hex-digest-instead-of-base64",
    f"{SHOPIFY_SRC}; the right MAC but hex-encoded (its 64 characters decode as base64 to 48 bytes)",
    SHOP_BODY,
    [[SHOP_H, hmac.new(SHOP_SECRET.encode(), SHOP_BODY, hashlib.sha256).hexdigest()]],
    err("NO_MATCHING_SIGNATURE"),
)
shop_case(
    "shopify/base64url-unpadded-accepted",
    f"{SHOPIFY_SRC}; the MAC re-encoded as url-safe base64 without padding (both alphabets accepted, padding optional)",
    SHOP_BODY,
    [[SHOP_H, shop_mac(SHOP_SECRET, SHOP_BODY).replace("+", "-").replace("/", "_").rstrip("=")]],
    ok(0, None, None),
)
shop_case(
    "shopify/header-value-with-ows",
    f"{SHOPIFY_SRC}; a tab and a space added around the header value",
    SHOP_BODY,
    [[SHOP_H, "\t" + shop_mac(SHOP_SECRET, SHOP_BODY) + " "]],
    ok(0, None, None),
)
shop_case(
    "shopify/empty-header",
    f"{SHOPIFY_SRC}; X-Shopify-Hmac-Sha256 present but empty (counts as missing)",
    SHOP_BODY,
    [[SHOP_H, ""]],
    err("MISSING_HEADER"),
)
shop_case(
    "shopify/missing-header",
    f"{SHOPIFY_SRC}; X-Shopify-Hmac-Sha256 removed",
    SHOP_BODY,
    [["X-Shopify-Topic", "orders/create"]],
    err("MISSING_HEADER"),
)

# ---------------------------------------------------------------------------------- secrets.json
ED_SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
ED_PUB = (
    Ed25519PrivateKey.from_private_bytes(ED_SEED).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
)
assert ED_PUB.hex() == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"  # RFC 8032 TEST 1
SPEC_KEY = base64.b64decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
K2 = base64.b64decode("tDBp+Gq1ub3yjBNz6M9WqTme6KTbJq6Q/IcqUBfooQw=")
K2_STD = base64.b64encode(K2).decode()
K2_URL = base64.urlsafe_b64encode(K2).decode()
RAW_KEY = bytes(range(0xA0, 0xC0))  # 32 bytes a0..bf


def hint(secret) -> str:
    if isinstance(secret, dict):
        digits = secret["hex"]
        return "..." if len(digits) < 16 else "..." + digits[-4:].lower()
    return "..." if len(secret) < 16 else "..." + secret[-4:]


secrets: list[dict] = []


def s_ok(name, input_, fmt, scheme, key: bytes, source, shown=None):
    """`shown`: the text the hint is taken from, where it is not `input_` (trimmed of White_Space)."""
    secrets.append(
        {"name": name, "source": source, "input": input_, "format": fmt, "scheme": scheme,
         "key": {"hex": key.hex()}, "hint": hint(shown or input_)}
    )


def s_err(name, input_, fmt, scheme, code, source):
    secrets.append({"name": name, "source": source, "input": input_, "format": fmt, "scheme": scheme, "error": code})


SW_SPEC = "Standard Webhooks spec: whsec_ + base64 of the key"
s_ok("standard/whsec-reference-vector", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "auto", "standard", SPEC_KEY, SW_SPEC)
s_ok("standard/whsec-padded", f"whsec_{K2_STD}", "auto", "standard", K2, SW_SPEC)
s_ok("standard/whsec-unpadded", f"whsec_{K2_STD.rstrip('=')}", "auto", "standard", K2, f"{SW_SPEC}; padding optional")
s_ok("standard/whsec-url-safe-padded", f"whsec_{K2_URL}", "auto", "standard", K2, f"{SW_SPEC}; url-safe alphabet accepted")
s_ok("standard/whsec-url-safe-unpadded", f"whsec_{K2_URL.rstrip('=')}", "auto", "standard", K2, f"{SW_SPEC}; url-safe alphabet, no padding")
s_ok("standard/bare-base64", K2_STD, "auto", "standard", K2, "Standard Webhooks libraries accept the secret without whsec_")
s_ok("standard/explicit-whsec-format", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec", "standard", SPEC_KEY, SW_SPEC)
s_ok("standard/explicit-base64-format", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "base64", "standard", SPEC_KEY, "format base64")
s_ok("standard/hex-lowercase", K2.hex(), "hex", "standard", K2, "format hex")
s_ok("standard/hex-uppercase", K2.hex().upper(), "hex", "standard", K2, "format hex, either case")
s_ok("standard/text-format", "my-standard-webhooks-text-secret", "text", "standard", b"my-standard-webhooks-text-secret", "format text: the UTF-8 bytes")
s_ok("standard/raw-bytes", {"hex": RAW_KEY.hex()}, "raw", "standard", RAW_KEY, "format raw: the bytes as given; hint = last 4 hex digits")
s_ok(
    "standard/whsk-secret-key",
    "whsk_" + base64.b64encode(ED_SEED).decode(),
    "auto",
    "standard",
    ED_PUB,
    "Standard Webhooks spec (whsk_ = base64 Ed25519 secret key, here the 32-byte seed of RFC 8032 TEST 1); key = the public key",
)
s_ok(
    "standard/whpk-public-key",
    "whpk_" + base64.b64encode(ED_PUB).decode(),
    "auto",
    "standard",
    ED_PUB,
    "Standard Webhooks spec (whpk_ = base64 of the 32-byte Ed25519 public key, RFC 8032 TEST 1)",
)
s_ok(
    "standard/whsk-64-byte-seed-and-public-key",
    "whsk_" + base64.b64encode(ED_SEED + ED_PUB).decode(),
    "auto",
    "standard",
    ED_PUB,
    "the 64-byte whsk_ form some senders export (seed || public key, RFC 8032 TEST 1); key = the public key",
)
ST = "whsec_7d2b0a7c4f1e4b8a9c3d5e6f7a8b9c0d"
s_ok("stripe/whsec-is-text", ST, "auto", "stripe", ST.encode(), "Stripe libraries key the HMAC with the whole whsec_ string as UTF-8 text")
s_ok("github/text", "It's a Secret to Everybody", "auto", "github", b"It's a Secret to Everybody", "GitHub docs example secret, used as text")
s_ok("github/text-16-characters-shows-hint", "0123456789abcdef", "auto", "github", b"0123456789abcdef", "a 16-character secret is long enough for a hint")
s_ok("github/text-15-characters-hides-hint", "0123456789abcde", "auto", "github", b"0123456789abcde", "secrets under 16 characters get no hint")
s_ok("slack/text", "8f742231b10e8888abcd99yyyzzz85a5", "auto", "slack", b"8f742231b10e8888abcd99yyyzzz85a5", "Slack docs example signing secret, used as text (not hex-decoded)")
s_ok("shopify/text", SHOP_SECRET, "auto", "shopify", SHOP_SECRET.encode(), "Shopify client secret, used as text")
s_ok("github/text-utf8", "sécret-ünïcode-🔑-key", "auto", "github", "sécret-ünïcode-🔑-key".encode(), "text secrets are UTF-8 encoded")
s_ok("standard/whsec-pasted-with-unicode-spaces", "\u3000whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\xa0\u2028", "auto", "standard", SPEC_KEY,
     "surrounding Unicode White_Space (a pasted no-break or ideographic space) is trimmed, as Rust's str::trim",
     shown="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
s_ok("standard/hex-pasted-with-unicode-spaces", "\x85\u2000" + K2.hex() + "\u205f\u202f", "hex", "standard", K2, "surrounding Unicode White_Space is trimmed",
     shown=K2.hex())
s_ok("github/text-zero-width-space-is-text", "hooksig-github-secret\u200b", "auto", "github", "hooksig-github-secret\u200b".encode(),
     "U+200B ZERO WIDTH SPACE is not White_Space: part of the text")
s_ok("github/text-byte-order-mark-is-text", "\ufeffhooksig-github-secret\x1f", "auto", "github", "\ufeffhooksig-github-secret\x1f".encode(),
     "U+FEFF and U+001F are not White_Space (though JavaScript's trim() takes the first and Python's strip() the second)")
s_ok("standard/raw-1024-bytes", {"hex": "ab" * 1024}, "raw", "standard", b"\xab" * 1024, "1024 bytes is the largest key")

s_err("standard/empty", "", "auto", "standard", "EMPTY_SECRET", "README error codes")
s_err("standard/whitespace-only", "   ", "auto", "standard", "EMPTY_SECRET", "README error codes")
s_err("standard/whsec-prefix-only", "whsec_", "auto", "standard", "EMPTY_SECRET", "decodes to zero bytes")
s_err("standard/whsec-bad-base64", "whsec_!!!", "auto", "standard", "INVALID_SECRET", "not base64")
s_err("standard/whsec-prefix-uppercase", "WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "auto", "standard", "INVALID_SECRET",
      "README: a misspelled whsec_ prefix would decode (as URL-safe base64) into a wrong key")
s_err("standard/whsec-prefix-twice", "whsec_whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "auto", "standard", "INVALID_SECRET",
      "README: a repeated whsec_ prefix would decode (as URL-safe base64) into a wrong key")
s_err("standard/base64-mixed-alphabets", f"whsec_{K2_STD.rstrip('=').replace('/', '_')}", "auto", "standard",
      "INVALID_SECRET", "README: no encoder mixes the standard and URL-safe base64 alphabets")
s_err("standard/hex-odd-length", "abc", "hex", "standard", "INVALID_SECRET", "odd number of hex digits")
s_err("standard/hex-non-hex-digit", "0123456789abcdeg", "hex", "standard", "INVALID_SECRET", "g is not a hex digit")
s_err("github/empty", "", "auto", "github", "EMPTY_SECRET", "README error codes")
s_err("github/text-trailing-newline", "hooksig-github-secret\n", "auto", "github", "INVALID_SECRET", "text with surrounding whitespace (a pasted newline)")
s_err("github/text-trailing-no-break-space", "hooksig-github-secret\xa0", "auto", "github", "INVALID_SECRET", "text with surrounding Unicode White_Space (U+00A0)")
s_err("slack/text-leading-line-separator", "\u20288f742231b10e8888abcd99yyyzzz85a5", "auto", "slack", "INVALID_SECRET", "text with surrounding Unicode White_Space (U+2028)")
s_err("standard/unicode-whitespace-only", "\xa0\u3000\u2029\t\u1680", "auto", "standard", "EMPTY_SECRET", "only Unicode White_Space")
s_err("stripe/text-leading-space", " whsec_7d2b0a7c4f1e4b8a9c3d5e6f7a8b9c0d", "auto", "stripe", "INVALID_SECRET", "text with surrounding whitespace")
s_err("standard/raw-1025-bytes", {"hex": "ab" * 1025}, "raw", "standard", "SECRET_TOO_LONG", "a key over 1024 bytes")
s_err("standard/whsec-1025-bytes", "whsec_" + base64.b64encode(b"\xab" * 1025).decode(), "auto", "standard", "SECRET_TOO_LONG", "a key over 1024 bytes")
s_err("github/text-4097-characters", "a" * 4097, "auto", "github", "SECRET_TOO_LONG", "secret text over 4096 characters")
s_err("standard/whpk-31-bytes", "whpk_" + base64.b64encode(ED_PUB[:31]).decode(), "auto", "standard", "INVALID_SECRET", "an Ed25519 public key must be 32 bytes")
ED_PUB_2 = bytes.fromhex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")  # RFC 8032 TEST 2
s_err(
    "standard/whsk-64-byte-mismatched-public-half",
    "whsk_" + base64.b64encode(ED_SEED + ED_PUB_2).decode(),
    "auto",
    "standard",
    "INVALID_SECRET",
    "64-byte whsk_ whose public half (RFC 8032 TEST 2) is not the public key of its seed (TEST 1)",
)
s_err("standard/whsk-31-bytes", "whsk_" + base64.b64encode(ED_SEED[:31]).decode(), "auto", "standard", "INVALID_SECRET", "an Ed25519 secret key is 32 bytes (or 64: seed || public key)")
s_err("standard/whsk-63-bytes", "whsk_" + base64.b64encode((ED_SEED + ED_PUB)[:63]).decode(), "auto", "standard", "INVALID_SECRET", "an Ed25519 secret key is 32 bytes (or 64: seed || public key)")
s_err("standard/whsk-bad-base64", "whsk_!!!", "auto", "standard", "INVALID_SECRET", "not base64")

# ---------------------------------------------------------------------------- library verdicts
def as_bytes(body: dict) -> bytes:
    if "utf8" in body:
        return body["utf8"].encode("utf-8")
    if "hex" in body:
        return bytes.fromhex(body["hex"])
    return base64.b64decode(body["base64"])


def header(case, name):
    for k, v in case["headers"]:
        if k.lower() == name.lower():
            return v
    return None


def single_valued(case) -> dict | None:
    out = {}
    for k, v in case["headers"]:
        if k.lower() in out:
            return None
        out[k.lower()] = v
    return out


def plain_keyring(case) -> bool:
    return all(
        isinstance(s["secret"], str) and "not_after" not in s and s.get("format", "auto") == "auto"
        for s in case["secrets"]
    ) and case.get("tolerance", 300) == 300


def slack_verdict(case):
    if not plain_keyring(case):
        return None
    accepts = False
    for s in case["secrets"]:
        verifier = slack_signature.SignatureVerifier(s["secret"], clock=FixedClock(case["now"]))
        try:
            accepts |= verifier.is_valid_request(as_bytes(case["body"]), single_valued(case) or {})
        except Exception:  # slack_sdk raises on a non-integer timestamp: that is a rejection
            pass
    return {"lib": f"{SLACK} SignatureVerifier.is_valid_request()", "accepts": accepts}


def stripe_verdict(case):
    if not plain_keyring(case):
        return None
    accepts = False
    for s in case["secrets"]:
        with mock.patch("stripe._webhook.time.time", return_value=float(case["now"])):
            try:
                stripe.WebhookSignature.verify_header(as_bytes(case["body"]), header(case, "stripe-signature"), s["secret"], 300)
                accepts = True
            except Exception:
                pass
    return {"lib": f"{STRIPE_PY} WebhookSignature.verify_header()", "accepts": accepts}


class _Now(datetime):
    pinned = 0

    @classmethod
    def now(cls, tz=None):
        return datetime.fromtimestamp(cls.pinned, tz)


def standard_verdict(case):
    if not plain_keyring(case):
        return None
    if any(s["secret"].startswith(("whsk_", "whpk_")) for s in case["secrets"]):
        return None
    hdrs = single_valued(case)
    if hdrs is None or any(k.startswith("svix-") for k in hdrs):
        return None
    accepts = False
    _Now.pinned = case["now"]
    for s in case["secrets"]:
        try:
            wh = sw_module.Webhook(s["secret"])
        except Exception:
            continue
        with mock.patch.object(sw_module, "datetime", _Now):
            try:
                wh.verify(as_bytes(case["body"]), hdrs, json_parse=False)
                accepts = True
            except Exception:
                pass
    return {"lib": f"{SW_PY} Webhook.verify()", "accepts": accepts}


def main() -> None:
    node = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    handwritten = json.loads((HERE / "handwritten.json").read_text(encoding="utf-8"))["cases"]
    verdicts: dict[str, list] = {}
    for case in handwritten + node["cases"] + cases:
        fn = {"slack": slack_verdict, "stripe": stripe_verdict, "standard": standard_verdict}.get(
            case["scheme"] if isinstance(case["scheme"], str) else ""
        )
        v = fn(case) if fn else None
        if v is not None:
            verdicts.setdefault(case["name"], []).append(v)
    # Slack-signed valid cases must verify with slack_sdk itself (except where a libnote says why not).
    for case in cases:
        if case["scheme"] == "slack" and case["expect"]["ok"] and "libnote" not in case and not verdicts[case["name"]][0]["accepts"]:
            raise SystemExit(f"{case['name']}: slack_sdk rejects its own signature")
    # Python stripe's own header for the basic case must equal the Node library's.
    basic = next(c for c in node["cases"] if c["name"] == "stripe/basic")
    py_header = stripe.WebhookSignature.generate_signature_header(
        as_bytes(basic["body"]).decode(), basic["secrets"][0]["secret"], timestamp=basic["now"]
    )
    if py_header != basic["headers"][0][1]:
        raise SystemExit("stripe (python) and stripe (node) disagree on stripe/basic")
    # Python standardwebhooks must reproduce the reference vector.
    sig = sw_module.Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign(
        "msg_p5jXN8AQM9LWM0D4loKWxJek", datetime.fromtimestamp(1614265330, timezone.utc), '{"test": 2432232314}'
    )
    if sig != "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=":
        raise SystemExit(f"{SW_PY} sign() does not reproduce the reference vector: {sig}")
    json.dump({"generator": "generate.py", "cases": cases, "verdicts": verdicts, "secrets": secrets}, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

"""The public API: argument forms, types, errors, redaction, GIL release."""

from __future__ import annotations

import datetime as dt
import pickle
import threading
from collections.abc import Mapping
from typing import Any, Iterator

import pytest

import hooksig
from hooksig import Verification, Webhook, WebhookError, WebhookVerificationError
from hooksig import _hooksig as native

from conftest import BODY, HEADERS, MSG_ID, SECRET, SIGNATURE, TIMESTAMP

HOOK = Webhook(SECRET)


def test_verify_returns_json_and_verification() -> None:
    assert HOOK.verify(BODY, HEADERS, now=TIMESTAMP) == {"test": 2432232314}
    assert HOOK.verify(BODY, HEADERS, now=TIMESTAMP, json_parse=False) is None
    verified = HOOK.verify_signature(BODY, HEADERS, now=TIMESTAMP)
    assert isinstance(verified, Verification)
    assert (verified.scheme, verified.key_index, verified.key_hint) == ("standard", 0, "...LaSw")
    assert (verified.id, verified.timestamp, verified.kind) == (MSG_ID, TIMESTAMP, "hmac-sha256")
    assert "LaSw" in repr(verified) and "MfKQ" not in repr(verified)


@pytest.mark.parametrize("payload", [BODY, bytearray(BODY), memoryview(BODY), BODY.decode(), memoryview(b"xx" + BODY)[2:]])
def test_payload_types(payload: Any) -> None:
    assert HOOK.verify(payload, HEADERS, now=TIMESTAMP) == {"test": 2432232314}


@pytest.mark.parametrize("payload", [None, 1, 1.5, [BODY], {"a": 1}, object()])
def test_payload_wrong_type(payload: Any) -> None:
    with pytest.raises(TypeError):
        HOOK.verify_signature(payload, HEADERS, now=TIMESTAMP)


def test_non_contiguous_memoryview_is_refused_cleanly() -> None:
    with pytest.raises((TypeError, BufferError)):
        HOOK.verify_signature(memoryview(BODY)[::2], HEADERS, now=TIMESTAMP)


class CaseSensitive(Mapping[str, str]):
    def __init__(self, data: dict[str, str]) -> None:
        self.data = data

    def __getitem__(self, key: str) -> str:
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


def header_objects() -> list[Any]:
    from django.http.request import HttpHeaders
    from starlette.datastructures import Headers as StarletteHeaders
    from werkzeug.datastructures import EnvironHeaders, Headers as WerkzeugHeaders

    upper = {k.upper(): v for k, v in HEADERS.items()}
    meta = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in HEADERS.items()}
    meta["CONTENT_TYPE"] = "application/json"
    return [
        HEADERS,
        upper,
        {k.title(): v for k, v in HEADERS.items()},
        meta,
        {k.encode(): v.encode() for k, v in HEADERS.items()},
        list(HEADERS.items()),
        tuple((k.encode(), v.encode()) for k, v in HEADERS.items()),
        {k: [v] for k, v in HEADERS.items()},
        CaseSensitive(upper),
        StarletteHeaders(headers=upper),
        WerkzeugHeaders(upper),
        EnvironHeaders({**meta, "wsgi.input": None}),
        HttpHeaders(meta),
        type("DictSubclass", (dict,), {})(upper),
    ]


@pytest.mark.parametrize("headers", header_objects(), ids=lambda h: type(h).__name__)
def test_header_objects(headers: Any) -> None:
    assert HOOK.verify_signature(BODY, headers, now=TIMESTAMP).id == MSG_ID


def test_svix_headers_and_missing() -> None:
    svix = {k.replace("webhook-", "svix-"): v for k, v in HEADERS.items()}
    assert HOOK.verify_signature(BODY, svix, now=TIMESTAMP).id == MSG_ID
    with pytest.raises(WebhookVerificationError) as raised:
        HOOK.verify_signature(BODY, {}, now=TIMESTAMP)
    assert raised.value.code == "MISSING_HEADER" and raised.value.header == "webhook-id"
    assert raised.value.http_status == 400


def test_int_header_values_are_their_decimal_text() -> None:
    """As the npm package takes numbers, and tests ported from other libraries pass timestamps."""
    headers = dict(HEADERS, **{"webhook-timestamp": int(HEADERS["webhook-timestamp"])})
    assert HOOK.verify_signature(BODY, headers, now=TIMESTAMP).timestamp == int(HEADERS["webhook-timestamp"])
    with pytest.raises(hooksig.WebhookVerificationError):
        HOOK.verify_signature(BODY, dict(headers, **{"webhook-timestamp": TIMESTAMP + 1}), now=TIMESTAMP)


@pytest.mark.parametrize("headers", [None, 1, "webhook-id", b"x", [1, 2], [("a",)], object()])
def test_headers_wrong_type(headers: Any) -> None:
    with pytest.raises(TypeError):
        HOOK.verify_signature(BODY, headers, now=TIMESTAMP)


@pytest.mark.parametrize("value", [True, 2**200, None, 1.5, object(), [["x"]]])
def test_header_value_wrong_type(value: Any) -> None:
    headers = dict(HEADERS, **{"webhook-signature": value})
    if value is None:  # a None value is an absent header for `.get`-style lookups, but not in a dict
        with pytest.raises(TypeError):
            HOOK.verify_signature(BODY, headers, now=TIMESTAMP)
        return
    with pytest.raises(TypeError):
        HOOK.verify_signature(BODY, headers, now=TIMESTAMP)


def test_now_forms() -> None:
    aware = dt.datetime.fromtimestamp(TIMESTAMP, tz=dt.timezone.utc)
    for now in [TIMESTAMP, float(TIMESTAMP) + 0.9, aware, aware.astimezone(dt.timezone(dt.timedelta(hours=5)))]:
        assert HOOK.verify_signature(BODY, HEADERS, now=now).timestamp == TIMESTAMP
    with pytest.raises(hooksig.InvalidWebhookArgumentError):
        HOOK.verify_signature(BODY, HEADERS, now=aware.replace(tzinfo=None))
    for bad in [float("nan"), float("inf"), 1 << 70]:
        with pytest.raises(hooksig.InvalidWebhookArgumentError):
            HOOK.verify_signature(BODY, HEADERS, now=bad)
    for wrong in [True, "1614265330", dt.date(2021, 2, 25), [1]]:
        with pytest.raises(TypeError):
            HOOK.verify_signature(BODY, HEADERS, now=wrong)
    with pytest.raises(WebhookVerificationError) as raised:
        HOOK.verify_signature(BODY, HEADERS)  # the system clock: years later
    assert raised.value.code == "TIMESTAMP_TOO_OLD" and raised.value.timestamp == TIMESTAMP


def test_sign_forms() -> None:
    naive = dt.datetime.utcfromtimestamp(TIMESTAMP) if hasattr(dt.datetime, "utcfromtimestamp") else None
    aware = dt.datetime.fromtimestamp(TIMESTAMP, tz=dt.timezone.utc)
    for timestamp in [TIMESTAMP, aware, naive, float(TIMESTAMP)]:
        assert HOOK.sign(MSG_ID, timestamp, BODY) == SIGNATURE
        assert HOOK.sign(msg_id=MSG_ID, timestamp=timestamp, data=BODY.decode()) == SIGNATURE
    headers = HOOK.sign_headers(BODY)
    assert list(headers) == ["webhook-id", "webhook-timestamp", "webhook-signature"]
    assert headers["webhook-id"].startswith("msg_") and len(headers["webhook-id"]) == 28
    assert HOOK.verify(BODY, headers) == {"test": 2432232314}
    assert HOOK.sign_headers(BODY, id=MSG_ID, timestamp=TIMESTAMP)["webhook-signature"] == SIGNATURE
    for bad_time in [-1, 1 << 80, 253402300800]:
        # A signing error, not a delivery that failed verification.
        with pytest.raises(hooksig.WebhookError) as raised:
            HOOK.sign(MSG_ID, bad_time, BODY)
        assert type(raised.value) is hooksig.WebhookError
        assert raised.value.code == "INVALID_TIMESTAMP"
    with pytest.raises(hooksig.InvalidWebhookArgumentError):
        HOOK.sign("bad\nid", TIMESTAMP, BODY)
    with pytest.raises(TypeError):
        HOOK.sign(1, TIMESTAMP, BODY)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        HOOK.sign(MSG_ID, "now", BODY)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        HOOK.sign(MSG_ID, TIMESTAMP, 5)  # type: ignore[arg-type]


SIGNATURE_HEADERS = {
    "stripe": "Stripe-Signature",
    "github": "X-Hub-Signature-256",
    "github-sha1": "X-Hub-Signature-256",
    "slack": "X-Slack-Signature",
    "shopify": "X-Shopify-Hmac-Sha256",
    "svix": "svix-signature",
}


def test_blank_primary_headers_fall_back_in_any_casing() -> None:
    """A blank primary header counts as absent, so the core reads the fallback: found in a dict under
    its exact lowercase name, it must not end the search for the fallback's other casings."""
    shop = Webhook("a-provider-secret-of-some-length", scheme="shopify")
    signature = shop.sign_headers(BODY)["X-Shopify-Hmac-Sha256"]
    headers = {"x-shopify-hmac-sha256": " ", "Shopify-Hmac-Sha256": signature}
    assert shop.verify_signature(BODY, headers, now=TIMESTAMP).key_index == 0
    svix = {name.replace("webhook-", "Svix-"): value for name, value in HEADERS.items()}
    blank = {name: "" for name in HEADERS}
    assert HOOK.verify_signature(BODY, {**blank, **svix}, now=TIMESTAMP).id == MSG_ID


def test_other_schemes_sign_and_verify() -> None:
    for scheme in ["stripe", "github", "github-sha1", "slack", "shopify", "svix"]:
        hook = Webhook("a-provider-secret-of-some-length", scheme=scheme)
        headers = hook.sign_headers(BODY, id=MSG_ID, timestamp=TIMESTAMP)
        verified = hook.verify_signature(BODY, headers, now=TIMESTAMP)
        assert verified.key_index == 0 and verified.scheme == scheme
        # sign() is the primary signature header's value, whatever fallback headers the scheme reads.
        assert hook.sign(MSG_ID, TIMESTAMP, BODY) == headers[SIGNATURE_HEADERS[scheme]]
        assert verified.id is None if scheme not in ("svix",) else verified.id
        with pytest.raises(WebhookVerificationError):
            hook.verify_signature(BODY + b" ", headers, now=TIMESTAMP)


def test_custom_scheme_dict_and_dataclass() -> None:
    spec = {
        "name": "paddle",
        "signature_header": "Paddle-Signature",
        "layout": {"type": "key_value", "pair_separator": ";", "signature_key": "h1", "timestamp_key": "ts"},
        "encoding": "hex",
        "template": "{timestamp}:{body}",
    }
    dataclass = hooksig.CustomScheme(
        name="paddle", signature_header="Paddle-Signature", template="{timestamp}:{body}", layout=spec["layout"]
    )
    for scheme in [spec, dataclass]:
        hook = Webhook("pdl_ntfset_secret", scheme=scheme)
        headers = hook.sign_headers(BODY, timestamp=TIMESTAMP)
        assert list(headers) == ["Paddle-Signature"] and headers["Paddle-Signature"].startswith("ts=")
        assert hook.verify_signature(BODY, headers, now=TIMESTAMP).scheme == "paddle"
    for bad in [{"name": "x"}, dict(spec, template="{nobody}"), dict(spec, extra=1), dict(spec, layout=5)]:
        with pytest.raises(hooksig.InvalidWebhookSchemeError):
            Webhook("secret", scheme=bad)
    with pytest.raises(hooksig.InvalidWebhookSchemeError):
        Webhook("secret", scheme="nope")
    with pytest.raises(TypeError):
        Webhook("secret", scheme=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Webhook("secret", scheme={"name": object()})


def test_rotation_keyring() -> None:
    old, new = SECRET, hooksig.generate_secret()
    expiry = dt.datetime.fromtimestamp(TIMESTAMP + 300, tz=dt.timezone.utc)
    for old_entry in [(old, TIMESTAMP + 300), (old, expiry)]:
        ring = Webhook([new, old_entry], tolerance=3600)
        assert ring.verify_signature(BODY, HEADERS, now=TIMESTAMP).key_index == 1
        with pytest.raises(WebhookVerificationError) as raised:
            ring.verify_signature(BODY, HEADERS, now=TIMESTAMP + 301)
        assert raised.value.code == "NO_MATCHING_SIGNATURE"
    only_old = Webhook((old, TIMESTAMP - 1))
    with pytest.raises(WebhookVerificationError) as raised:
        only_old.verify_signature(BODY, HEADERS, now=TIMESTAMP)
    # The receiver's keyring has lapsed: its own configuration, so the provider should retry.
    assert (raised.value.code, raised.value.http_status) == ("NO_ACTIVE_KEY", 500)
    # Signing with no key valid at the timestamp is the sender's configuration, not a delivery
    # that failed verification.
    with pytest.raises(hooksig.WebhookError) as signing:
        only_old.sign("msg_1", TIMESTAMP, BODY)
    assert type(signing.value) is hooksig.WebhookError
    assert (signing.value.code, signing.value.http_status) == ("NO_ACTIVE_KEY", 500)
    with pytest.raises(hooksig.TooManyWebhookKeysError) as too_many:
        Webhook([SECRET] * 17)
    assert too_many.value.limit == 16
    with pytest.raises(hooksig.TooManyWebhookKeysError):
        Webhook([SECRET] * 10**6)
    with pytest.raises(hooksig.EmptyWebhookSecretError):
        Webhook([])
    with pytest.raises(TypeError):
        Webhook([SECRET, 5])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        Webhook((SECRET, [1]))  # type: ignore[arg-type]
    with pytest.raises(hooksig.InvalidWebhookArgumentError):
        Webhook((SECRET, dt.datetime(2030, 1, 1)))


def test_constructor_types_and_ranges() -> None:
    for bad in [None, 5, bytearray(b"x"), ["x", None], {"x": 1}]:
        with pytest.raises(TypeError):
            Webhook(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Webhook(SECRET, tolerance="300")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Webhook(SECRET, tolerance=True)
    with pytest.raises(TypeError):
        Webhook(SECRET, format=1)  # type: ignore[arg-type]
    for tolerance in [-1, 1 << 64]:
        with pytest.raises(hooksig.InvalidWebhookArgumentError):
            Webhook(SECRET, tolerance=tolerance)
    with pytest.raises(hooksig.InvalidWebhookArgumentError):
        Webhook(SECRET, format="base65")
    assert Webhook(SECRET, tolerance=0).tolerance == 0
    assert Webhook(b"raw key bytes").key_hints == ("...6573",)


def test_generate_secret() -> None:
    secret = hooksig.generate_secret()
    assert secret.startswith("whsec_") and Webhook(secret).key_hints[0] == "..." + secret[-4:]
    assert len(hooksig.generate_secret(scheme="github", nbytes=16)) == 32
    assert hooksig.generate_secret(format="base64") != hooksig.generate_secret(format="base64")
    for nbytes, error in [(23, hooksig.WebhookSecretTooShortError), (-5, hooksig.InvalidWebhookArgumentError),
                          (513, hooksig.WebhookSecretTooLongError), (10**100, hooksig.WebhookSecretTooLongError)]:
        with pytest.raises(error):
            hooksig.generate_secret(nbytes=nbytes)
    with pytest.raises(hooksig.WebhookSecretTooLongError, match=f"^secret of {10**100} bytes is longer") as huge:
        hooksig.generate_secret(nbytes=10**100)
    assert huge.value.limit == 512 and huge.value.__cause__ is None
    with pytest.raises(hooksig.WebhookSecretTooLongError, match=f"^secret of {(1 << 64) - 1} bytes"):
        hooksig.generate_secret(nbytes=(1 << 64) - 1)
    with pytest.raises(hooksig.InvalidWebhookArgumentError, match="nbytes must not be negative"):
        hooksig.generate_secret(nbytes=-1)
    with pytest.raises(TypeError):
        hooksig.generate_secret(nbytes=32.0)  # type: ignore[arg-type]
    secret_key, public_key = hooksig.generate_ed25519_keypair()
    signer = Webhook(secret_key)
    headers = signer.sign_headers(BODY, timestamp=TIMESTAMP)
    assert headers["webhook-signature"].startswith("v1a,")
    assert Webhook(public_key).verify_signature(BODY, headers, now=TIMESTAMP).kind == "ed25519"


def test_errors_are_structured_and_picklable() -> None:
    with pytest.raises(WebhookVerificationError) as raised:
        HOOK.verify_signature(BODY, HEADERS, now=TIMESTAMP + 301)
    error = raised.value
    assert isinstance(error, ValueError) and isinstance(error, WebhookError)
    assert (error.code, error.timestamp, error.now, error.tolerance) == ("TIMESTAMP_TOO_OLD", TIMESTAMP, TIMESTAMP + 301, 300)
    clone = pickle.loads(pickle.dumps(error))
    assert type(clone) is WebhookVerificationError and clone.code == error.code and str(clone) == str(error)
    assert clone.tolerance == 300
    with pytest.raises(TypeError):
        pickle.dumps(HOOK)
    # Raised by hand, as code written for standardwebhooks does.
    assert WebhookVerificationError("x").code == "NO_MATCHING_SIGNATURE"
    with pytest.raises(hooksig.InvalidWebhookPayloadError) as bad_json:
        Webhook(SECRET).verify(b"not json", Webhook(SECRET).sign_headers(b"not json"))
    assert bad_json.value.code == "INVALID_JSON" and bad_json.value.http_status == 400


def test_every_core_code_has_its_class_and_status() -> None:
    from hooksig import _errors, _hooksig

    assert len(_hooksig._CODES) == 16 and set(_hooksig._CODES) | {"INVALID_JSON"} == set(_errors._BY_CODE)
    assert _hooksig._VERIFICATION_CODES == tuple(_hooksig._CODES[:9])
    for code in _hooksig._CODES:
        cls = _errors._BY_CODE[code]
        assert issubclass(cls, WebhookVerificationError) == (code in _hooksig._VERIFICATION_CODES), code
        assert cls("x", code=code).http_status in (400, 401, 500), code
    assert {_errors._BY_CODE[c]("x", code=c).http_status for c in _hooksig._VERIFICATION_CODES} == {400, 401, 500}


def test_secrets_never_appear() -> None:
    raw = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    hook = Webhook([SECRET, ("whsec_" + raw[::-1], TIMESTAMP)])
    texts = [repr(hook), str(hook), repr(hook._native), repr(hook.verify_signature(BODY, HEADERS, now=TIMESTAMP))]
    for bad in ["whsec_!!!!" + raw, raw + "\n", "x" * 5000]:
        for scheme in ["standard", "github"]:
            try:
                Webhook(bad, scheme=scheme)
            except WebhookError as error:
                texts += [str(error), repr(error), str(error.args)]
    for text in texts:
        assert raw not in text and raw[::-1] not in text and "x" * 20 not in text, text
    assert not hasattr(hook, "__dict__")


def test_gil_is_released_for_large_bodies() -> None:
    """A thread keeps running Python while another verifies 8 MiB bodies."""
    big = b"x" * (8 << 20)
    headers = HOOK.sign_headers(big, timestamp=TIMESTAMP)
    ticks = 0
    done = threading.Event()

    def spin() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    thread = threading.Thread(target=spin)
    thread.start()
    try:
        for _ in range(5):
            before = ticks
            assert HOOK.verify_signature(big, headers, now=TIMESTAMP).key_index == 0
            assert HOOK.verify_signature(bytearray(big), headers, now=TIMESTAMP).key_index == 0
    finally:
        done.set()
        thread.join()
    assert ticks > before, "the spinning thread made no progress while hashing"
    assert native.DETACH_THRESHOLD == 4096


def test_bytearray_cannot_be_resized_while_verifying() -> None:
    body = bytearray(b"y" * 100_000)
    headers = HOOK.sign_headers(bytes(body), timestamp=TIMESTAMP)
    errors: list[BaseException] = []

    def mutate() -> None:
        for _ in range(200):
            try:
                body.extend(b"z")
                del body[-1:]
            except BufferError:
                pass
            except BaseException as error:  # noqa: BLE001
                errors.append(error)

    thread = threading.Thread(target=mutate)
    thread.start()
    for _ in range(200):
        try:
            HOOK.verify_signature(body, headers, now=TIMESTAMP)
        except WebhookVerificationError:
            pass  # the other thread had a byte appended at that moment
    thread.join()
    assert not errors


def test_standardwebhooks_keyword_names() -> None:
    # Code written for standardwebhooks names its arguments: whsecret, data.
    hook = Webhook(whsecret=SECRET)
    assert hook.verify(data=BODY, headers=HEADERS, now=TIMESTAMP) == {"test": 2432232314}
    assert hook.verify_signature(data=BODY, headers=HEADERS, now=TIMESTAMP).key_index == 0
    assert hook.sign(msg_id=MSG_ID, timestamp=TIMESTAMP, data=BODY) == SIGNATURE
    with pytest.raises(TypeError):
        Webhook(SECRET, whsecret=SECRET)  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        Webhook()  # type: ignore[call-overload]


def test_verify_parses_the_bytes_it_verified(monkeypatch: pytest.MonkeyPatch) -> None:
    # A buffer changed between verifying and parsing (another thread, while the GIL is released)
    # must not turn unsigned content into the returned event.
    buffer = bytearray(BODY)
    real_loads = hooksig._loads

    def change_then_parse(data: Any) -> Any:
        buffer[:] = b'{"test": 1}' + b" " * (len(BODY) - 11)
        return real_loads(data)

    monkeypatch.setattr(hooksig, "_loads", change_then_parse)
    for payload in [buffer, memoryview(buffer)]:
        buffer[:] = BODY
        assert HOOK.verify(payload, HEADERS, now=TIMESTAMP) == {"test": 2432232314}


def test_header_objects_errors_are_raised_not_swallowed() -> None:
    class Boom(Exception):
        pass

    class ItemsRaise:
        def get(self, name: str) -> Any:
            return None

        def items(self) -> Any:
            raise Boom("items")

    class GetRaises:
        @property
        def get(self) -> Any:
            raise Boom("get")

    for headers in [ItemsRaise(), GetRaises()]:
        with pytest.raises(Boom):
            HOOK.verify_signature(BODY, headers, now=TIMESTAMP)  # type: ignore[arg-type]


def test_oversized_header_values_are_judged_as_the_core_would() -> None:
    svix_only = {"svix-id": MSG_ID, "svix-timestamp": str(TIMESTAMP), "svix-signature": SIGNATURE}
    for blank in [" " * 10_000, b" \t" * 5_000]:
        # Blank: as absent, so the svix-* variant is used.
        assert HOOK.verify_signature(BODY, {**svix_only, "webhook-id": blank}, now=TIMESTAMP).key_index == 0
    for present in ["m" * 10_000, b" " * 9_000 + b"m", "é" * 5_000]:
        # Present: it picks the webhook-* variant, and is too large there.
        with pytest.raises(WebhookVerificationError) as raised:
            HOOK.verify_signature(BODY, {**svix_only, "webhook-id": present}, now=TIMESTAMP)
        assert raised.value.code == "HEADER_TOO_LARGE"


def test_scheme_mappings_and_custom_scheme_subclasses() -> None:
    from types import MappingProxyType

    from hooksig import CustomScheme

    fields = {"name": "acme", "signature_header": "x-acme-signature", "template": "{body}"}
    signed = Webhook("acme-secret", scheme=fields).sign_headers(BODY)

    class AcmeScheme(CustomScheme):
        pass

    for scheme in [MappingProxyType(fields), AcmeScheme(**fields)]:
        assert Webhook("acme-secret", scheme=scheme).verify_signature(BODY, signed).scheme == "acme"


def test_verification_pickles_and_copies() -> None:
    import copy

    verified = HOOK.verify_signature(BODY, HEADERS, now=TIMESTAMP)
    for clone in [pickle.loads(pickle.dumps(verified)), copy.copy(verified), copy.deepcopy(verified)]:
        assert clone == verified and repr(clone) == repr(verified)
    with pytest.raises(ValueError):
        Verification("standard", 0, "...abcd", None, None, "md5")


def test_repeated_headers_are_judged_as_the_core_would_without_a_copy_each() -> None:
    # Past the limit, values that cannot change the outcome are not copied (a header repeated
    # 40,000 times used to cost a copy of each); these cases pin the outcomes.
    others = {"webhook-timestamp": str(TIMESTAMP), "webhook-signature": SIGNATURE}
    svix = {"svix-id": MSG_ID, "svix-timestamp": str(TIMESTAMP), "svix-signature": SIGNATURE}

    def outcome(headers: Any) -> str:
        try:
            HOOK.verify_signature(BODY, headers, now=TIMESTAMP)
            return "ok"
        except WebhookVerificationError as error:
            return error.code

    pairs = lambda name, values: [(name, v) for v in values] + list(others.items())  # noqa: E731
    assert outcome(pairs("webhook-id", [MSG_ID] * 40_000)) == "ok"  # a single-valued header: equal repeats
    assert outcome(pairs("webhook-id", [MSG_ID] * 40_000 + ["other"])) == "MALFORMED_HEADER"
    assert outcome(pairs("webhook-id", [MSG_ID] * 40_000 + ["m" * 9_000])) == "HEADER_TOO_LARGE"
    sig_pairs = [("webhook-id", MSG_ID), ("webhook-timestamp", str(TIMESTAMP))]
    assert outcome(sig_pairs + [("webhook-signature", SIGNATURE)] * 40_000) == "HEADER_TOO_LARGE"  # a list: too large together
    blank_then_present = list(svix.items()) + [("webhook-id", " " * 5_000)] * 2 + [("webhook-id", "x")]
    assert outcome(blank_then_present) == "MALFORMED_HEADER"  # present, so webhook-* is read
    all_blank = list(svix.items()) + [("webhook-id", " " * 9_000)] * 3 + [("webhook-id", "")]
    assert outcome(all_blank) == "ok"  # blank throughout: absent, svix-* verifies
    late_non_blank = list(svix.items()) + [("webhook-id", " " * 9_000)] * 3 + [("webhook-id", "m")]
    assert outcome(late_non_blank) == "HEADER_TOO_LARGE"


def test_repeated_header_values_are_not_each_copied() -> None:
    # 40,000 references to one 8 KiB value: ~330 MB if each were copied (as before), a few KB now.
    import subprocess
    import sys

    script = (
        "import resource, hooksig\n"
        "from conftest import BODY, SECRET, TIMESTAMP\n"
        "value = 'v1,' + 'A' * 8000\n"
        "pairs = [('webhook-id', 'm'), ('webhook-timestamp', str(TIMESTAMP))] + [('webhook-signature', value)] * 40000\n"
        "hook = hooksig.Webhook(SECRET)\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    hook.verify_signature(BODY, pairs, now=TIMESTAMP)\n"
        "except hooksig.WebhookVerificationError as error:\n"
        "    assert error.code == 'HEADER_TOO_LARGE', error.code\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n"
    )
    tests = __import__("pathlib").Path(__file__).parent
    grown_kib = int(subprocess.run([sys.executable, "-c", script], cwd=tests, capture_output=True, text=True, check=True).stdout)
    assert grown_kib < 32 * 1024, f"peak memory grew by {grown_kib} KiB"

"""Hypothesis: round trips, mutations, hostile input, and every bound (issue 5).

Every outcome of a well-typed call is a result or a `WebhookError`: never a bare `ValueError`,
`binascii.Error`, `OverflowError`, `UnicodeError` or a Rust panic (`PanicException` derives from
`BaseException`, so `except Exception` would not even catch it: the test catches `BaseException`).
"""

from __future__ import annotations

import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hooksig
from hooksig import Webhook, WebhookError, WebhookVerificationError

from conftest import BODY, HEADERS, SECRET, TIMESTAMP

PRESETS = ["standard", "stripe", "github", "github-sha1", "slack", "shopify"]
CUSTOM = {
    "name": "acme",
    "signature_header": "X-Acme-Signature",
    "layout": {"type": "list", "separator": " ", "prefix": "v1="},
    "encoding": "base64",
    "template": "{id}:{timestamp}:{body}",
    "id_header": "X-Acme-Id",
    "timestamp_header": "X-Acme-Timestamp",
    "timestamp_unit": "milliseconds",
}
SCHEMES: list[Any] = PRESETS + [CUSTOM]
REFERENCE = Webhook(SECRET)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HOSTILE = settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ids = st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=64)
bodies = st.binary(max_size=2048)
timestamps = st.integers(min_value=0, max_value=253402300799)


def still_sound() -> None:
    """The reference delivery verifies (nothing was poisoned) and a tampered one does not."""
    assert REFERENCE.verify_signature(BODY, HEADERS, now=TIMESTAMP).key_index == 0
    try:
        REFERENCE.verify_signature(BODY + b"!", HEADERS, now=TIMESTAMP)
    except WebhookVerificationError:
        return
    raise AssertionError("tampered body accepted")


def outcome(call: Any) -> Any:
    try:
        return call()
    except WebhookError as error:
        assert error.code and type(error).__module__ == "hooksig._errors"
        return error
    except BaseException as error:  # noqa: BLE001 - the point is to see anything else
        raise AssertionError(f"{type(error).__module__}.{type(error).__name__} escaped: {error!r}") from error


@SETTINGS
@given(scheme=st.sampled_from(SCHEMES), secret=st.one_of(st.none(), st.text(min_size=1, max_size=40).filter(lambda s: s.strip() == s and s)),
       body=bodies, msg_id=ids, timestamp=timestamps, as_text=st.booleans())
def test_round_trip(scheme: Any, secret: str | None, body: bytes, msg_id: str, timestamp: int, as_text: bool) -> None:
    secret = secret if secret is not None and scheme != "standard" else hooksig.generate_secret(scheme=scheme)
    hook = Webhook(secret, scheme=scheme)
    payload: Any = body
    if as_text:
        payload = body.decode("utf-8", "replace")
        body = payload.encode()
    headers = hook.sign_headers(payload, id=msg_id, timestamp=timestamp)
    verified = hook.verify_signature(payload, headers, now=timestamp)
    assert verified.key_index == 0
    assert verified.timestamp in (timestamp, None)
    assert verified.id in (msg_id, None)
    # The same delivery through every header form.
    assert hook.verify_signature(bytearray(body), list(headers.items()), now=timestamp).key_index == 0
    assert hook.verify_signature(memoryview(body), {k.upper(): v for k, v in headers.items()}, now=timestamp)


@SETTINGS
@given(scheme=st.sampled_from(SCHEMES), body=bodies, data=st.data())
def test_mutated_body_or_key_never_verifies(scheme: Any, body: bytes, data: st.DataObject) -> None:
    hook = Webhook(hooksig.generate_secret(scheme=scheme), scheme=scheme)
    other = Webhook(hooksig.generate_secret(scheme=scheme), scheme=scheme)
    headers = hook.sign_headers(body, id="msg_1", timestamp=TIMESTAMP)
    if body:
        index = data.draw(st.integers(0, len(body) - 1))
        flip = data.draw(st.integers(1, 255))
        mutated = bytearray(body)
        mutated[index] ^= flip
        result = outcome(lambda: hook.verify_signature(bytes(mutated), headers, now=TIMESTAMP))
        assert isinstance(result, WebhookVerificationError) and result.code == "NO_MATCHING_SIGNATURE"
    extra = data.draw(st.binary(min_size=1, max_size=8))
    result = outcome(lambda: hook.verify_signature(body + extra, headers, now=TIMESTAMP))
    assert isinstance(result, WebhookVerificationError)
    result = outcome(lambda: other.verify_signature(body, headers, now=TIMESTAMP))
    assert isinstance(result, WebhookVerificationError) and result.code == "NO_MATCHING_SIGNATURE"


header_text = st.one_of(
    st.text(max_size=80),
    st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=200),
    st.sampled_from(["v1,", "v1, v1,", "t=,v1=", "t=1614265330,v1=zz", "sha256=", "v0=", "", " ", "0", "01",
                     "-1", "1e9", "253402300800", "v1a,AAAA", "v1," + "A" * 44, "=" * 10, ",,,,", "t=1,t=2"]),
)
header_values = st.one_of(header_text, st.binary(max_size=100), st.lists(header_text, max_size=3))
SCHEME_NAMES = sorted({n for s in SCHEMES for n in Webhook("x" * 32 if s != "standard" else SECRET, scheme=s).header_names})
header_names = st.one_of(st.sampled_from(SCHEME_NAMES), st.sampled_from(SCHEME_NAMES).map(str.upper), st.text(max_size=20))


@HOSTILE
@given(
    scheme=st.sampled_from(SCHEMES),
    headers=st.one_of(
        st.dictionaries(header_names, header_values, max_size=8),
        st.lists(st.tuples(header_names, header_text), max_size=8),
    ),
    body=st.one_of(bodies, st.text(max_size=200)),
    now=st.one_of(st.none(), st.integers(), st.floats(allow_nan=True, allow_infinity=True)),
)
def test_hostile_deliveries(scheme: Any, headers: Any, body: Any, now: Any) -> None:
    hook = Webhook("x" * 32 if scheme != "standard" else SECRET, scheme=scheme)
    result = outcome(lambda: hook.verify_signature(body, headers, now=now))
    if not isinstance(result, WebhookError):
        assert result.key_index == 0
    outcome(lambda: hook.verify(body, headers, now=now))
    still_sound()


secrets = st.one_of(st.text(max_size=120), st.binary(max_size=120), st.sampled_from(
    ["whsec_", "whsec_!!", "whsk_", "whpk_AAAA", "whsec_" + "A" * 5000, "   ", "\x00", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw=="]))
custom_schemes = st.dictionaries(
    st.sampled_from(["name", "signature_header", "layout", "encoding", "template", "id_header", "timestamp_header",
                     "timestamp_unit", "secret_format", "bogus"]),
    st.one_of(st.text(max_size=30), st.none(), st.integers(), st.sampled_from(
        ["{body}", "{id}.{timestamp}.{body}", "hex", "base64", "milliseconds", "X-Sig"]),
        st.fixed_dictionaries({"type": st.sampled_from(["single", "list", "key_value", "nope"])},
                              optional={"prefix": st.text(max_size=4), "separator": st.text(max_size=2),
                                        "pair_separator": st.text(max_size=2), "signature_key": st.text(max_size=3),
                                        "timestamp_key": st.text(max_size=3)})),
    max_size=10,
)


@HOSTILE
@given(
    secret=st.one_of(secrets, st.lists(st.one_of(secrets, st.tuples(secrets, st.integers())), max_size=20)),
    scheme=st.one_of(st.sampled_from(PRESETS + ["svix", "nope", ""]), st.text(max_size=10), custom_schemes),
    tolerance=st.integers(min_value=-(2**70), max_value=2**70),
    format=st.one_of(st.sampled_from(["auto", "whsec", "base64", "hex", "text", "raw"]), st.text(max_size=6)),
    nbytes=st.integers(min_value=-(2**70), max_value=2**70),
)
def test_hostile_configuration(secret: Any, scheme: Any, tolerance: int, format: str, nbytes: int) -> None:
    hook = outcome(lambda: Webhook(secret, scheme=scheme, tolerance=tolerance, format=format))
    if isinstance(hook, Webhook):
        assert "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" not in repr(hook)
        outcome(lambda: hook.sign_headers(BODY, id="msg_x", timestamp=TIMESTAMP))
        outcome(lambda: hook.verify_signature(BODY, HEADERS, now=TIMESTAMP))
    elif isinstance(secret, str) and len(secret) > 16:
        assert secret not in str(hook) and secret not in repr(hook)
    if isinstance(scheme, (str, dict)):
        outcome(lambda: hooksig.generate_secret(scheme=scheme, nbytes=nbytes, format=format))
    still_sound()


@settings(max_examples=200, deadline=None)
@given(msg_id=st.text(max_size=300), timestamp=st.integers(min_value=-(2**70), max_value=2**70), body=bodies)
def test_hostile_signing(msg_id: str, timestamp: int, body: bytes) -> None:
    result = outcome(lambda: REFERENCE.sign_headers(body, id=msg_id, timestamp=timestamp))
    if isinstance(result, dict):
        assert REFERENCE.verify_signature(body, result, now=timestamp).id == msg_id
    still_sound()


def signed(hook: Webhook, **overrides: str) -> dict[str, str]:
    headers = hook.sign_headers(BODY, id="msg_1", timestamp=TIMESTAMP)
    headers.update(overrides)
    return headers


def code_of(call: Any) -> str | None:
    result = outcome(call)
    return result.code if isinstance(result, WebhookError) else None


def test_bounds_at_and_past_each_limit() -> None:
    hook = Webhook(SECRET, tolerance=10)
    good = signed(hook)["webhook-signature"]
    # Header size: 8 KiB total accepted, one byte more refused.
    pad = " " * (8192 - len(good))
    assert code_of(lambda: hook.verify_signature(BODY, signed(hook, **{"webhook-signature": good + pad}), now=TIMESTAMP)) is None
    assert code_of(lambda: hook.verify_signature(BODY, signed(hook, **{"webhook-signature": good + pad + " "}), now=TIMESTAMP)) == "HEADER_TOO_LARGE"
    assert code_of(lambda: hook.verify_signature(BODY, signed(hook, **{"webhook-id": "m" * 8193}), now=TIMESTAMP)) == "HEADER_TOO_LARGE"
    # Signature entries: 32 accepted, 33 refused.
    others = " ".join(["v2,x"] * 31)
    assert code_of(lambda: hook.verify_signature(BODY, signed(hook, **{"webhook-signature": f"{others} {good}"}), now=TIMESTAMP)) is None
    assert code_of(lambda: hook.verify_signature(BODY, signed(hook, **{"webhook-signature": f"{others} v2,x {good}"}), now=TIMESTAMP)) == "TOO_MANY_SIGNATURES"
    # Replay window: inclusive bounds.
    assert code_of(lambda: hook.verify_signature(BODY, signed(hook), now=TIMESTAMP + 10)) is None
    assert code_of(lambda: hook.verify_signature(BODY, signed(hook), now=TIMESTAMP + 11)) == "TIMESTAMP_TOO_OLD"
    assert code_of(lambda: hook.verify_signature(BODY, signed(hook), now=TIMESTAMP - 10)) is None
    assert code_of(lambda: hook.verify_signature(BODY, signed(hook), now=TIMESTAMP - 11)) == "TIMESTAMP_TOO_NEW"
    # Timestamps: year 9999 is the last.
    assert code_of(lambda: hook.sign_headers(BODY, timestamp=253402300799)) is None
    assert code_of(lambda: hook.sign_headers(BODY, timestamp=253402300800)) == "INVALID_TIMESTAMP"
    assert code_of(lambda: hook.verify_signature(BODY, signed(hook, **{"webhook-timestamp": "253402300800"}), now=TIMESTAMP)) == "INVALID_TIMESTAMP"
    # Secrets: 4096 characters of text, 1024 key bytes, 16 keys.
    import base64

    encoded = "whsec_" + base64.b64encode(b"k" * 1024).decode()
    assert code_of(lambda: Webhook(encoded.rjust(4096))) is None
    assert code_of(lambda: Webhook(encoded.rjust(4097))) == "SECRET_TOO_LONG"
    assert code_of(lambda: Webhook("a" * 1024, scheme="github")) is None
    assert code_of(lambda: Webhook("a" * 1025, scheme="github")) == "SECRET_TOO_LONG"
    assert code_of(lambda: Webhook(b"k" * 1024)) is None
    assert code_of(lambda: Webhook(b"k" * 1025)) == "SECRET_TOO_LONG"
    assert code_of(lambda: Webhook([SECRET] * 16)) is None
    assert code_of(lambda: Webhook([SECRET] * 17)) == "TOO_MANY_KEYS"
    # whsec_: the Standard Webhooks specification's 24 to 512 bytes; text: the hex text must parse back.
    for scheme, format, low, high in [("standard", "auto", 24, 512), ("github", "auto", 16, 512), ("github", "hex", 16, 1024)]:
        for nbytes in (low, high):
            secret = hooksig.generate_secret(scheme=scheme, nbytes=nbytes, format=format)
            assert code_of(lambda: Webhook(secret, scheme=scheme, format=format)) is None
        assert code_of(lambda: hooksig.generate_secret(scheme=scheme, nbytes=low - 1, format=format)) == "SECRET_TOO_SHORT"
        assert code_of(lambda: hooksig.generate_secret(scheme=scheme, nbytes=high + 1, format=format)) == "SECRET_TOO_LONG"


def test_huge_inputs_in_bounded_time() -> None:
    big = b"\x00" * (10 << 20)
    headers = REFERENCE.sign_headers(big, timestamp=TIMESTAMP)
    start = time.perf_counter()
    assert REFERENCE.verify_signature(big, headers, now=TIMESTAMP).key_index == 0
    ten_mib = time.perf_counter() - start
    flood = dict(headers, **{"webhook-signature": " ".join(["v1,AAAA"] * 100_000)})
    start = time.perf_counter()
    assert code_of(lambda: REFERENCE.verify_signature(BODY, flood, now=TIMESTAMP)) == "HEADER_TOO_LARGE"
    flood_time = time.perf_counter() - start
    huge_value = dict(headers, **{"webhook-id": "m" * (50 << 20)})
    start = time.perf_counter()
    assert code_of(lambda: REFERENCE.verify_signature(BODY, huge_value, now=TIMESTAMP)) == "HEADER_TOO_LARGE"
    huge_time = time.perf_counter() - start
    print(f"\n10 MiB body: {ten_mib * 1e3:.1f} ms; 100,000-entry signature header: {flood_time * 1e3:.2f} ms; "
          f"50 MiB header value: {huge_time * 1e3:.1f} ms")
    assert ten_mib < 2.0 and flood_time < 0.5 and huge_time < 2.0

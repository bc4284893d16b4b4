"""hooksig: verify and sign webhooks for every provider, over the raw body, in constant time.

A drop-in for the ``standardwebhooks`` package (``from hooksig import Webhook,
WebhookVerificationError``) that also speaks Stripe, GitHub, Slack, Shopify and custom schemes,
with key rotation. Types are in ``__init__.pyi``; framework helpers live in ``hooksig.fastapi``,
``hooksig.flask`` and ``hooksig.django``.

Import cost is kept low on purpose (serverless cold starts): nothing here imports ``json``,
``datetime``, ``typing`` or ``dataclasses`` until a call needs it.
"""

import sys
from collections.abc import Mapping

from . import _hooksig as _native
from ._errors import (
    EmptyWebhookSecretError,
    InvalidWebhookArgumentError,
    InvalidWebhookPayloadError,
    InvalidWebhookSchemeError,
    InvalidWebhookSecretError,
    TooManyWebhookKeysError,
    WebhookError,
    WebhookSecretError,
    WebhookSecretTooLongError,
    WebhookSecretTooShortError,
    WebhookVerificationError,
    _argument,
)
from ._hooksig import Verification

__version__ = "0.1.0"

__all__ = [
    "Webhook",
    "Verification",
    "CustomScheme",
    "generate_secret",
    "generate_ed25519_keypair",
    "WebhookError",
    "WebhookVerificationError",
    "WebhookSecretError",
    "EmptyWebhookSecretError",
    "InvalidWebhookSecretError",
    "WebhookSecretTooShortError",
    "WebhookSecretTooLongError",
    "TooManyWebhookKeysError",
    "InvalidWebhookSchemeError",
    "InvalidWebhookArgumentError",
    "InvalidWebhookPayloadError",
    "SecretInput",
    "HeadersLike",
    "Payload",
    "Time",
    "SchemeLike",
]

_I64_MIN = -(1 << 63)
_I64_MAX = (1 << 63) - 1
_U64_MAX = (1 << 64) - 1
# Tells an omitted argument from any value a caller can pass.
_UNSET = object()


_LAZY = {
    "CustomScheme": "_custom",
    "Time": "_types",
    "SecretInput": "_types",
    "HeadersLike": "_types",
    "Payload": "_types",
    "SchemeName": "_types",
    "SchemeLike": "_types",
    "SecretFormatName": "_types",
    "SupportsHeaderGet": "_types",
}


def __getattr__(name):
    # PEP 562: `CustomScheme` needs `dataclasses` and the type aliases `typing`, so they are only
    # imported when asked for.
    module = _LAZY.get(name)
    if module is not None:
        from importlib import import_module

        value = getattr(import_module(f"{__name__}.{module}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'hooksig' has no attribute {name!r}")


def _scheme_arg(scheme):
    """(preset name, custom scheme JSON or None) for the native layer."""
    if isinstance(scheme, str):
        return scheme, None
    if isinstance(scheme, Mapping):
        import json

        try:
            return "custom", json.dumps(dict(scheme))
        except (TypeError, ValueError):
            raise TypeError("a custom scheme mapping must hold only JSON values (str, int, None, dicts)") from None
    # A CustomScheme (or subclass) exists only once its module is imported: no import here.
    custom = sys.modules.get(f"{__name__}._custom")
    if custom is not None and isinstance(scheme, custom.CustomScheme):
        return _scheme_arg(scheme.to_dict())
    raise TypeError(f"scheme must be a preset name, a mapping or a CustomScheme, not {type(scheme).__name__}")


def _not_after(value):
    if value is None:
        return None
    seconds = _native._unix_seconds(value, "not_after")
    return seconds


def _key(entry):
    if isinstance(entry, (str, bytes)):
        return (entry, None)
    if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], (str, bytes)):
        return (entry[0], _not_after(entry[1]))
    raise TypeError(
        "each secret must be str, bytes or a (secret, not_after) tuple, not " + type(entry).__name__
    )


def _keys(secret):
    """A keyring: one secret, one (secret, not_after) pair, or a list/tuple of those."""
    if isinstance(secret, (str, bytes)):
        return [(secret, None)]
    if isinstance(secret, tuple) and len(secret) == 2 and isinstance(secret[0], (str, bytes)) and not isinstance(
        secret[1], (str, bytes, tuple)
    ):
        # (secret, not_after): a pair's second element is a time (or None), never another secret.
        return [_key(secret)]
    if isinstance(secret, (list, tuple)):
        if len(secret) > _native.MAX_KEYS:
            # Refused before parsing anything: a huge list costs nothing.
            from ._errors import _from_native

            raise _from_native(
                "TOO_MANY_KEYS", f"more than {_native.MAX_KEYS} keys", {"limit": _native.MAX_KEYS}
            )
        return [_key(entry) for entry in secret]
    raise TypeError(
        "secret must be str, bytes, a (secret, not_after) tuple or a list of those, not " + type(secret).__name__
    )


def _sign_time(timestamp):
    """A signing timestamp: int seconds, a float, or a datetime. A naive datetime is taken as UTC,
    as the standardwebhooks package does (an aware one keeps its real instant; standardwebhooks
    would ignore its offset)."""
    if timestamp is None:
        import time

        return int(time.time())
    if isinstance(timestamp, int) and not isinstance(timestamp, bool):
        seconds = timestamp
    else:
        utcoffset = getattr(timestamp, "utcoffset", None)
        if utcoffset is not None and getattr(timestamp, "replace", None) is not None and utcoffset() is None:
            from datetime import timezone

            timestamp = timestamp.replace(tzinfo=timezone.utc)
        seconds = _native._unix_seconds(timestamp, "timestamp")
    # Out of i64 range: pass -1, which the core refuses with INVALID_TIMESTAMP like any pre-1970 time.
    return seconds if _I64_MIN <= seconds <= _I64_MAX else -1


def _loads(payload):
    import json

    # Only str and bytes arrive here: verify() copies a bytearray or memoryview first.
    try:
        return json.loads(payload)
    except (ValueError, RecursionError) as error:  # JSONDecodeError, UnicodeDecodeError
        from ._errors import _from_native

        raise _from_native("INVALID_JSON", f"payload is not valid JSON: {type(error).__name__}", {}) from None


class Webhook:
    """Verifies and signs deliveries of one scheme with one secret or a rotation keyring.

    The object holds the parsed keys only inside the native layer; its ``repr`` shows their hints.
    """

    __slots__ = ("_native",)

    def __init__(self, secret=_UNSET, *, scheme="standard", tolerance=300, format="auto", whsecret=_UNSET):
        # `whsecret`: the keyword standardwebhooks names it by.
        if whsecret is not _UNSET:
            if secret is not _UNSET:
                raise TypeError("Webhook() takes the secret once: as secret or as whsecret")
            secret = whsecret
        elif secret is _UNSET:
            raise TypeError("Webhook() needs a secret")
        name, custom = _scheme_arg(scheme)
        if not isinstance(format, str):
            raise TypeError(f"format must be str, not {type(format).__name__}")
        if isinstance(tolerance, bool) or not isinstance(tolerance, int):
            raise TypeError(f"tolerance must be an int (seconds), not {type(tolerance).__name__}")
        if not 0 <= tolerance <= _U64_MAX:
            raise _argument("tolerance must be between 0 and 2**64 - 1 seconds")
        self._native = _native.NativeWebhook(name, custom, _keys(secret), format, tolerance)

    def verify(self, data, headers, *, now=None, json_parse=True):
        """Verifies the delivery, then returns its body parsed as JSON (``None`` if not json_parse)."""
        if json_parse and (isinstance(data, bytearray) or (isinstance(data, memoryview) and data.contiguous)):
            # Verified and parsed from one copy: a buffer changed between the two (by another
            # thread, while the GIL is released) would otherwise return unsigned content.
            data = bytes(data)
        self._native.verify(data, headers, now)
        if json_parse:
            return _loads(data)
        return None

    def verify_signature(self, data, headers, *, now=None):
        """Verifies the delivery; returns which key matched, with its id and timestamp."""
        return self._native.verify(data, headers, now)

    def sign(self, msg_id, timestamp, data):
        """The signature header's value (``v1,<base64>`` for Standard Webhooks), as standardwebhooks."""
        headers = self._native.sign(msg_id, _sign_time(timestamp), data)
        wanted = self._native.signature_header
        for name, value in headers:
            if name.lower() == wanted:
                return value
        raise _argument("no signature was produced")  # unreachable: the core signs or raises

    def sign_headers(self, payload, *, id=None, timestamp=None):
        """Every header a sender attaches (a fresh ``msg_`` id and the current time by default)."""
        if id is None and self._native.needs_id:
            id = _native.new_message_id()
        return dict(self._native.sign(id, _sign_time(timestamp), payload))

    @property
    def scheme(self):
        """The scheme's name."""
        return self._native.scheme

    @property
    def tolerance(self):
        """The replay window, in seconds either side of now."""
        return self._native.tolerance

    @property
    def key_hints(self):
        """Each key's hint (``...`` and its last four characters), in keyring order."""
        return tuple(self._native.hints)

    @property
    def header_names(self):
        """Every header name verification reads, lowercase."""
        return tuple(self._native.header_names)

    def __repr__(self):
        return f"Webhook(scheme={self.scheme!r}, keys={list(self.key_hints)!r}, tolerance={self.tolerance})"

    def __reduce__(self):
        raise TypeError("a Webhook holds secret keys and cannot be pickled; pickle its configuration instead")


def generate_secret(*, scheme="standard", nbytes=32, format="auto"):
    """A new random secret from the OS CSPRNG, written the way the scheme's providers write them
    (``whsec_`` + base64 for Standard Webhooks, hex text for the others)."""
    if isinstance(nbytes, bool) or not isinstance(nbytes, int):
        raise TypeError(f"nbytes must be an int, not {type(nbytes).__name__}")
    if not isinstance(format, str):
        raise TypeError(f"format must be str, not {type(format).__name__}")
    if nbytes < 0:
        raise _argument("nbytes must not be negative")
    name, custom = _scheme_arg(scheme)
    # Within u64 for the native call; the core refuses a count out of bounds before drawing any bytes.
    try:
        return _native.generate_secret(min(nbytes, _U64_MAX), name, custom, format)
    except WebhookSecretTooLongError as error:
        if nbytes <= _U64_MAX:
            raise
        # The core was given the count clamped: its message names the count asked for instead.
        message = str(error).replace(f" {_U64_MAX} ", f" {nbytes} ", 1)
        raise WebhookSecretTooLongError(message, code=error.code, limit=error.limit) from None


def generate_ed25519_keypair():
    """A Standard Webhooks v1a key pair: (``whsk_`` secret key for the sender, ``whpk_`` public key)."""
    return _native.generate_ed25519_keypair()

"""The exceptions hooksig raises: one class per kind, each with the core's stable ``code``.

Defined in Python (not in the native module) so they are ordinary ``ValueError`` subclasses that
pickle, subclass and compare like any other. The native module builds them through
:func:`_from_native`. Messages come from the core and never contain secret material.
"""

from __future__ import annotations

# The core's verification codes (the native module reads them from the core's own list).
from ._hooksig import _VERIFICATION_CODES

# `typing` is not imported at run time (import cost): annotations are strings here.

__all__ = [
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
]


class WebhookError(ValueError):
    """Every error hooksig raises (a ``ValueError``, so existing ``except ValueError`` still works).

    ``code`` is the stable code shared by every hooksig binding (``NO_MATCHING_SIGNATURE``, ...);
    the other attributes are set where the code has them and ``None`` otherwise.
    """

    code: str = "INVALID_ARGUMENT"
    #: The header concerned (``MISSING_HEADER``, ``MALFORMED_HEADER``, ``HEADER_TOO_LARGE``).
    header: str | None
    #: The bound that was exceeded (``HEADER_TOO_LARGE``, ``TOO_MANY_SIGNATURES``, ``TOO_MANY_KEYS``,
    #: ``SECRET_TOO_SHORT``, ``SECRET_TOO_LONG``).
    limit: int | None
    #: The delivery's timestamp, the time it was checked at and the window (``TIMESTAMP_TOO_*``).
    timestamp: int | None
    now: int | None
    tolerance: int | None

    def __init__(
        self,
        message: str = "",
        *,
        code: str | None = None,
        header: str | None = None,
        limit: int | None = None,
        timestamp: int | None = None,
        now: int | None = None,
        tolerance: int | None = None,
    ) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.header = header
        self.limit = limit
        self.timestamp = timestamp
        self.now = now
        self.tolerance = tolerance

    @property
    def http_status(self) -> int:
        """The status a webhook endpoint should answer with: 401 for an unauthentic or stale
        delivery, 400 for a malformed one, 500 for a misconfigured receiver (``NO_ACTIVE_KEY``: every
        key in its keyring has expired) or a failure to sign (those codes are raised as the base
        class)."""
        if self.code in _VERIFICATION_CODES and not isinstance(self, WebhookVerificationError):
            return 500
        return _STATUS.get(self.code, 500)

    def _fields(self) -> dict[str, object]:
        names = ("header", "limit", "timestamp", "now", "tolerance")
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), str(self), self.code, self._fields()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r}, code={self.code!r})"


class WebhookVerificationError(WebhookError):
    """The delivery is not authentic, not fresh, or not well-formed: answer 400/401, don't retry it."""

    code = "NO_MATCHING_SIGNATURE"


class WebhookSecretError(WebhookError):
    """The secret (or keyring) cannot be used: a configuration error, not a bad delivery."""

    code = "INVALID_SECRET"


class EmptyWebhookSecretError(WebhookSecretError):
    """``EMPTY_SECRET``: empty, whitespace-only, or decodes to no bytes (also: an empty keyring)."""

    code = "EMPTY_SECRET"


class InvalidWebhookSecretError(WebhookSecretError):
    """``INVALID_SECRET``: not valid in its format (bad base64/hex, stray whitespace, bad Ed25519 key)."""

    code = "INVALID_SECRET"


class WebhookSecretTooShortError(WebhookSecretError):
    """``SECRET_TOO_SHORT``: generating fewer than 16 random bytes."""

    code = "SECRET_TOO_SHORT"


class WebhookSecretTooLongError(WebhookSecretError):
    """``SECRET_TOO_LONG``: a key over 1024 bytes or secret text over 4096 characters."""

    code = "SECRET_TOO_LONG"


class TooManyWebhookKeysError(WebhookSecretError):
    """``TOO_MANY_KEYS``: a keyring of more than 16 keys."""

    code = "TOO_MANY_KEYS"


class InvalidWebhookSchemeError(WebhookError):
    """``INVALID_SCHEME``: an unknown scheme name or an invalid custom scheme."""

    code = "INVALID_SCHEME"


class InvalidWebhookArgumentError(WebhookError):
    """``INVALID_ARGUMENT``: an argument of the right type but out of range."""

    code = "INVALID_ARGUMENT"


class InvalidWebhookPayloadError(WebhookError):
    """``INVALID_JSON``: the delivery verified, but ``verify(json_parse=True)`` could not parse it.

    The one code that is this binding's own: the core never parses bodies.
    """

    code = "INVALID_JSON"


_BY_CODE: dict[str, type[WebhookError]] = {code: WebhookVerificationError for code in _VERIFICATION_CODES}
_BY_CODE.update(
    {
        "EMPTY_SECRET": EmptyWebhookSecretError,
        "INVALID_SECRET": InvalidWebhookSecretError,
        "SECRET_TOO_SHORT": WebhookSecretTooShortError,
        "SECRET_TOO_LONG": WebhookSecretTooLongError,
        "TOO_MANY_KEYS": TooManyWebhookKeysError,
        "INVALID_SCHEME": InvalidWebhookSchemeError,
        "INVALID_ARGUMENT": InvalidWebhookArgumentError,
        "INVALID_JSON": InvalidWebhookPayloadError,
    }
)

# Malformed requests are the client's fault (400); unauthentic or stale ones are 401. A keyring with
# no key valid now is the receiver's own configuration: 500, so that the provider retries the
# delivery (which may be authentic) once it is fixed, instead of counting it as forged (401).
_STATUS = {code: 401 for code in _VERIFICATION_CODES}
_STATUS.update(
    {
        "NO_ACTIVE_KEY": 500,
        "MISSING_HEADER": 400,
        "MALFORMED_HEADER": 400,
        "HEADER_TOO_LARGE": 400,
        "TOO_MANY_SIGNATURES": 400,
        "INVALID_TIMESTAMP": 400,
        "INVALID_JSON": 400,
    }
)


def _from_native(code: str, message: str, fields: dict[str, object], signing: bool = False) -> WebhookError:
    """Called by the native module: the exception instance for a core error. While signing, a
    verification code (``NO_ACTIVE_KEY``, ``INVALID_TIMESTAMP``) is the sender's configuration or
    argument, so it is raised as the base ``WebhookError``, never as ``WebhookVerificationError``."""
    cls = _BY_CODE.get(code, WebhookVerificationError)
    if signing and cls is WebhookVerificationError:
        cls = WebhookError
    return cls(message, code=code, **fields)  # type: ignore[arg-type]


def _argument(message: str) -> InvalidWebhookArgumentError:
    return InvalidWebhookArgumentError(f"invalid argument: {message}", code="INVALID_ARGUMENT")


def _rebuild(cls: type[WebhookError], message: str, code: str, fields: dict[str, object]) -> WebhookError:
    return cls(message, code=code, **fields)  # type: ignore[arg-type]

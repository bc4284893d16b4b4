# The private native module (bindings/python). Not a public API: use `hooksig`.
from typing import Any, Final, Optional, final

__all__ = [
    "NativeWebhook",
    "Verification",
    "generate_secret",
    "generate_ed25519_keypair",
    "new_message_id",
    "_parse_secret",
    "_unix_seconds",
    "_hmac_sha256",
    "DETACH_THRESHOLD",
    "MAX_HEADER_BYTES",
    "MAX_KEYS",
    "_CODES",
    "_VERIFICATION_CODES",
]

DETACH_THRESHOLD: Final[int]
MAX_HEADER_BYTES: Final[int]
MAX_KEYS: Final[int]
# Every stable error code, in the core's order; the ones that mean "not authentic or not fresh".
_CODES: Final[list[str]]
_VERIFICATION_CODES: Final[tuple[str, ...]]

@final
class Verification:
    """An authentic, fresh delivery."""

    def __new__(
        cls, scheme: str, key_index: int, key_hint: str, id: Optional[str], timestamp: Optional[int], kind: str
    ) -> Verification: ...
    def __reduce__(self) -> tuple[type[Verification], tuple[str, int, str, Optional[str], Optional[int], str]]: ...
    @property
    def scheme(self) -> str:
        """The scheme's name (``standard``, ``stripe``, a custom scheme's ``name``)."""
    @property
    def key_index(self) -> int:
        """Index of the matching key in the keyring, in the order given."""
    @property
    def key_hint(self) -> str:
        """The matching key's hint (``...`` and its last four characters)."""
    @property
    def id(self) -> Optional[str]:
        """The message id, where the scheme has one (Standard Webhooks, custom schemes with an id header)."""
    @property
    def timestamp(self) -> Optional[int]:
        """The signed timestamp in unix seconds, where the scheme has one."""
    @property
    def kind(self) -> str:
        """``hmac-sha256``, ``hmac-sha1`` or ``ed25519``."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class NativeWebhook:
    def __new__(
        cls,
        scheme: str,
        custom: Optional[str],
        keys: list[tuple[Any, Optional[int]]],
        format: str,
        tolerance: int,
    ) -> NativeWebhook: ...
    def verify(self, payload: Any, headers: Any, now: Any = None) -> Verification: ...
    def sign(self, id: Optional[str], timestamp: int, data: Any) -> list[tuple[str, str]]: ...
    @property
    def signature_header(self) -> str: ...
    @property
    def needs_id(self) -> bool: ...
    @property
    def scheme(self) -> str: ...
    @property
    def hints(self) -> list[str]: ...
    @property
    def expiries(self) -> list[Optional[int]]: ...
    @property
    def tolerance(self) -> int: ...
    @property
    def header_names(self) -> list[str]: ...

def generate_secret(nbytes: int, scheme: str, custom: Optional[str], format: str) -> str: ...
def generate_ed25519_keypair() -> tuple[str, str]: ...
def new_message_id() -> str: ...
def _parse_secret(secret: Any, format: str, scheme: str) -> tuple[bytes, str]: ...
def _unix_seconds(value: Any, what: str) -> int: ...
def _hmac_sha256(key: bytes, data: bytes) -> bytes: ...

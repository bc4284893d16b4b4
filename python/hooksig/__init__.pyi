from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final, List, Literal, Optional, Protocol, Tuple, Union, overload

from typing_extensions import TypeAlias

from ._custom import CustomScheme as CustomScheme
from ._errors import (
    EmptyWebhookSecretError as EmptyWebhookSecretError,
    InvalidWebhookArgumentError as InvalidWebhookArgumentError,
    InvalidWebhookPayloadError as InvalidWebhookPayloadError,
    InvalidWebhookSchemeError as InvalidWebhookSchemeError,
    InvalidWebhookSecretError as InvalidWebhookSecretError,
    TooManyWebhookKeysError as TooManyWebhookKeysError,
    WebhookError as WebhookError,
    WebhookSecretError as WebhookSecretError,
    WebhookSecretTooLongError as WebhookSecretTooLongError,
    WebhookSecretTooShortError as WebhookSecretTooShortError,
    WebhookVerificationError as WebhookVerificationError,
)
from ._hooksig import Verification as Verification

__version__: Final[str]
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

#: Unix seconds, or an aware datetime (naive ones are refused where a time is checked).
Time: TypeAlias = Union[int, float, datetime]
#: A secret as the provider showed it (``str``), raw key bytes, or either with the time it stops
#: being accepted (a rotation keyring's grace window).
SecretInput: TypeAlias = Union[str, bytes, Tuple[Union[str, bytes], Optional[Time]]]
#: Any mapping of header names (any case) to values (``str``/``bytes``, an ``int`` as its decimal
#: text, or a list of them for a repeated header), Django's ``request.META``, or a list of
#: ``(name, value)`` pairs.
class SupportsHeaderGet(Protocol):
    def get(self, key: str, /) -> Any: ...

HeadersLike: TypeAlias = Union[
    SupportsHeaderGet,
    Mapping[str, Any],
    Mapping[bytes, Any],
    List[Tuple[Union[str, bytes], Union[str, bytes, int]]],
    Tuple[Tuple[Union[str, bytes], Union[str, bytes, int]], ...],
]
Payload: TypeAlias = Union[bytes, bytearray, memoryview, str]
SchemeName: TypeAlias = Literal["standard", "svix", "stripe", "github", "github-sha1", "slack", "shopify"]
SchemeLike: TypeAlias = Union[SchemeName, str, Mapping[str, Any], CustomScheme]
SecretFormatName: TypeAlias = Literal["auto", "whsec", "base64", "hex", "text", "raw"]

class Webhook:
    @overload
    def __init__(
        self,
        secret: Union[SecretInput, List[SecretInput], Tuple[SecretInput, ...]],
        *,
        scheme: SchemeLike = "standard",
        tolerance: int = 300,
        format: Union[SecretFormatName, str] = "auto",
    ) -> None: ...
    @overload
    def __init__(
        self,
        *,
        whsecret: Union[SecretInput, List[SecretInput], Tuple[SecretInput, ...]],
        scheme: SchemeLike = "standard",
        tolerance: int = 300,
        format: Union[SecretFormatName, str] = "auto",
    ) -> None: ...
    def verify(
        self,
        data: Payload,
        headers: HeadersLike,
        *,
        now: Optional[Time] = None,
        json_parse: bool = True,
    ) -> Any: ...
    def verify_signature(self, data: Payload, headers: HeadersLike, *, now: Optional[Time] = None) -> Verification: ...
    def sign(self, msg_id: Optional[str], timestamp: Union[datetime, int, float, None], data: Payload) -> str: ...
    def sign_headers(
        self,
        payload: Payload,
        *,
        id: Optional[str] = None,
        timestamp: Union[datetime, int, float, None] = None,
    ) -> dict[str, str]: ...
    @property
    def scheme(self) -> str: ...
    @property
    def tolerance(self) -> int: ...
    @property
    def key_hints(self) -> tuple[str, ...]: ...
    @property
    def header_names(self) -> tuple[str, ...]: ...
    def __reduce__(self) -> Any: ...

def generate_secret(
    *, scheme: SchemeLike = "standard", nbytes: int = 32, format: Union[SecretFormatName, str] = "auto"
) -> str: ...
def generate_ed25519_keypair() -> tuple[str, str]: ...
def __getattr__(name: str) -> Any: ...

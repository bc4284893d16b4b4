"""The type aliases of the public API, at run time (``hooksig.SecretInput`` and friends).

Loaded on first access through ``hooksig.__getattr__``: ``typing`` is not imported by ``import
hooksig``. Keep in step with ``__init__.pyi``, which is what type checkers read.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any, List, Literal, Optional, Protocol, Tuple, Union

from ._custom import CustomScheme

Time = Union[int, float, datetime]
SecretInput = Union[str, bytes, Tuple[Union[str, bytes], Optional[Time]]]
class SupportsHeaderGet(Protocol):
    """Any headers object with ``get`` (Starlette, Werkzeug, Django, ``CaseInsensitiveDict``, dict)."""

    def get(self, key: str, /) -> Any: ...


HeadersLike = Union[
    SupportsHeaderGet,
    Mapping[str, Any],
    Mapping[bytes, Any],
    List[Tuple[Union[str, bytes], Union[str, bytes, int]]],
    Tuple[Tuple[Union[str, bytes], Union[str, bytes, int]], ...],
]
Payload = Union[bytes, bytearray, memoryview, str]
# Spelled as a Union of Literals: that is how type checkers see `Literal["a", "b"]` (stubtest compares).
SchemeName = Union[
    Literal["standard"], Literal["svix"], Literal["stripe"], Literal["github"], Literal["github-sha1"],
    Literal["slack"], Literal["shopify"],
]
SchemeLike = Union[SchemeName, str, Mapping[str, Any], CustomScheme]
SecretFormatName = Union[
    Literal["auto"], Literal["whsec"], Literal["base64"], Literal["hex"], Literal["text"], Literal["raw"]
]

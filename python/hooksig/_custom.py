"""`CustomScheme`: a typed alternative to the dict form of a custom scheme.

Field names and meanings are the cross-language contract's (tests/vectors/README.md, "Custom
schemes"); ``Webhook(secret, scheme=CustomScheme(...))`` and ``scheme={...}`` are equivalent.
Imported lazily (``hooksig.CustomScheme``) because ``dataclasses`` costs import time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Optional

__all__ = ["CustomScheme"]


@dataclass(frozen=True)
class CustomScheme:
    """A provider without a preset: header names, signature layout, encoding and signed template.

    ``layout`` is a dict: ``{"type": "single", "prefix": "v0="}``, ``{"type": "list", "separator": " ",
    "prefix": "v1,"}`` or ``{"type": "key_value", "pair_separator": ",", "signature_key": "v1",
    "timestamp_key": "t"}``.
    """

    name: str
    signature_header: str
    template: str
    layout: Dict[str, Any] = field(default_factory=lambda: {"type": "single", "prefix": ""})
    encoding: str = "hex"
    id_header: Optional[str] = None
    timestamp_header: Optional[str] = None
    timestamp_unit: str = "seconds"
    secret_format: str = "text"

    def to_dict(self) -> Dict[str, Any]:
        """The dict form (snake_case keys), as accepted by ``Webhook(scheme=...)``."""
        return {
            "name": self.name,
            "signature_header": self.signature_header,
            "template": self.template,
            "layout": dict(self.layout),
            "encoding": self.encoding,
            "id_header": self.id_header,
            "timestamp_header": self.timestamp_header,
            "timestamp_unit": self.timestamp_unit,
            "secret_format": self.secret_format,
        }

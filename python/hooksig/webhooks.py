"""The ``standardwebhooks.webhooks`` module path, for code that imports from it by name.

``from standardwebhooks.webhooks import Webhook, WebhookVerificationError, hmac_data`` keeps
working as ``from hooksig.webhooks import …``; new code imports from ``hooksig``.
"""

import hmac as _hmac

from . import EmptyWebhookSecretError, Webhook, WebhookVerificationError

__all__ = ["Webhook", "WebhookVerificationError", "EmptyWebhookSecretError", "hmac_data"]


def hmac_data(key: bytes, data: bytes) -> bytes:
    """HMAC-SHA256 of ``data`` under ``key``, as ``standardwebhooks`` computes it for its tests.

    The standard library's one-shot HMAC: this helper signs nothing on hooksig's behalf
    (``Webhook.sign`` and ``verify`` run in the core); it exists so that code written against
    ``standardwebhooks`` imports unchanged.
    """
    return _hmac.digest(key, data, "sha256")

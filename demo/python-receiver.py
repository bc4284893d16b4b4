#!/usr/bin/env python3
"""The demo's Python receiver: verifies every delivery the Rust demo sender signed.

    python demo/python-receiver.py target/demo/deliveries.json

The file is {"deliveries": [{"scheme", "secret", "body_base64", "headers": [[name, value], ...],
"now", "tampered"}, ...]}. One line per delivery; the exit status is 1 if a genuine delivery is
rejected or a tampered one accepted, 0 otherwise.
"""

from __future__ import annotations

import base64
import json
import sys
from typing import Any

from hooksig import Webhook, WebhookError


def scheme_name(scheme: Any) -> str:
    return scheme.get("name", "custom") if isinstance(scheme, dict) else str(scheme)


def main(argv: list[str]) -> int:
    path = argv[1] if len(argv) > 1 else "target/demo/deliveries.json"
    try:
        with open(path, encoding="utf-8") as file:
            deliveries = json.load(file)["deliveries"]
    except (OSError, ValueError, KeyError) as error:
        print(f"python receiver: cannot read {path}: {error}", file=sys.stderr)
        return 2
    wrong = 0
    for number, delivery in enumerate(deliveries, 1):
        scheme = delivery.get("scheme", "standard")
        tampered = bool(delivery.get("tampered", False))
        label = f"{number:>3} {scheme_name(scheme):<12} {'tampered' if tampered else 'genuine':<8}"
        try:
            hook = Webhook(delivery["secret"], scheme=scheme)
            body = base64.b64decode(delivery["body_base64"])
            headers = [(name, value) for name, value in delivery["headers"]]
            verified = hook.verify_signature(body, headers, now=delivery.get("now"))
        except WebhookError as error:
            ok = tampered
            print(f"{label} rejected {error.code:<22} {'ok' if ok else 'WRONG: a genuine delivery was rejected'}")
        else:
            ok = not tampered
            detail = f"key {verified.key_index} ({verified.key_hint})"
            print(f"{label} accepted {detail:<22} {'ok' if ok else 'WRONG: a tampered delivery was accepted'}")
        wrong += not ok
    print(f"python receiver: {len(deliveries) - wrong}/{len(deliveries)} as expected")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Code written against the `standardwebhooks` package runs unchanged on hooksig: only the import differs."""

from __future__ import annotations

import textwrap

import pytest

RECEIVER = textwrap.dedent(
    '''
    import base64
    from datetime import datetime, timezone

    from {module} import EmptyWebhookSecretError, Webhook, WebhookVerificationError

    raw = b"0123456789abcdef0123456789abcdef"
    padded = "whsec_" + base64.b64encode(raw).decode()
    forms = [padded, padded.rstrip("="), padded[len("whsec_"):], padded[len("whsec_"):].rstrip("="), raw]
    msg_id = "msg_2LJEyBqrsRCkfpDXPSbdTuHmcEh"
    payload = '{{"type": "invoice.paid", "amount": 1200}}'
    now = datetime.now(tz=timezone.utc)

    signatures = set()
    for secret in forms:
        wh = Webhook(secret)
        signature = wh.sign(msg_id=msg_id, timestamp=now, data=payload)
        signatures.add(signature)
        headers = {{
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": signature,
        }}
        assert wh.verify(payload, headers) == {{"type": "invoice.paid", "amount": 1200}}
        assert wh.verify(payload.encode(), headers) == {{"type": "invoice.paid", "amount": 1200}}
        assert wh.verify(payload, headers, json_parse=False) is None
        title = {{k.title(): v for k, v in headers.items()}}
        assert wh.verify(payload, title)["amount"] == 1200
        rejected = 0
        for bad_payload, bad_headers in [
            (payload + " ", headers),
            (payload, dict(headers, **{{"webhook-signature": "v1,AAAA" + signature[7:]}})),
            (payload, dict(headers, **{{"webhook-timestamp": str(int(now.timestamp()) - 3600)}})),
            (payload, dict(headers, **{{"webhook-timestamp": str(int(now.timestamp()) + 3600)}})),
            (payload, {{"webhook-id": msg_id}}),
        ]:
            try:
                wh.verify(bad_payload, bad_headers)
            except WebhookVerificationError:
                rejected += 1
        assert rejected == 5
    assert len(signatures) == 1, signatures

    fixed = Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    assert fixed.sign(
        msg_id="msg_p5jXN8AQM9LWM0D4loKWxJek",
        timestamp=datetime.fromtimestamp(1614265330, tz=timezone.utc),
        data='{{"test": 2432232314}}',
    ) == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

    for empty in ["", "whsec_", b""]:
        try:
            Webhook(empty)
        except EmptyWebhookSecretError:
            pass
        else:
            raise AssertionError("empty secret accepted")
    '''
)


@pytest.mark.parametrize("module", ["standardwebhooks.webhooks", "hooksig", "hooksig.webhooks"])
def test_same_code_runs_on_both(module: str) -> None:
    exec(compile(RECEIVER.format(module=module), f"<receiver using {module}>", "exec"), {})


def test_hooksig_signs_what_standardwebhooks_verifies_and_back() -> None:
    from datetime import datetime, timezone

    import standardwebhooks

    import hooksig

    secret = hooksig.generate_secret()
    ours, theirs = hooksig.Webhook(secret), standardwebhooks.Webhook(secret)
    payload = '{"n": 1}'
    headers = ours.sign_headers(payload)
    assert theirs.verify(payload, headers) == {"n": 1}
    headers["webhook-signature"] = theirs.sign(
        headers["webhook-id"], datetime.now(tz=timezone.utc), payload
    )
    assert ours.verify(payload, headers) == {"n": 1}


def test_the_standardwebhooks_module_path() -> None:
    """`from standardwebhooks.webhooks import …`, renamed, finds the same names, `hmac_data` too."""
    from datetime import datetime, timezone

    import standardwebhooks.webhooks as theirs

    import hooksig
    import hooksig.webhooks as ours

    assert ours.Webhook is hooksig.Webhook
    assert ours.WebhookVerificationError is hooksig.WebhookVerificationError
    assert ours.EmptyWebhookSecretError is hooksig.EmptyWebhookSecretError
    for key, data in [(b"k", b""), (b"\x00" * 100, b"msg.1.{}"), (b"", b"x")]:
        assert ours.hmac_data(key, data) == theirs.hmac_data(key, data)
    # A naive datetime is UTC, as standardwebhooks' own tests sign with one.
    naive = datetime.fromtimestamp(1614265330, tz=timezone.utc).replace(tzinfo=None)
    wh = ours.Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    signed = wh.sign(msg_id="msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp=naive, data='{"test": 2432232314}')
    assert signed == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

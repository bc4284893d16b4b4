"""Independent check of ../deliveries.json, ../secrets.json and ../hmac_sha256.json.

A small reference implementation of the README semantics, written from the README and the
providers' documented algorithms only (Python hmac/hashlib/base64, plus `cryptography` for
Ed25519; it does not use any generator code or provider library). For every case it checks the
required fields, recomputes the verification result (valid cases must verify, invalid ones must
fail with exactly the expected code) and, for "sign": true cases, that signing yields exactly the
recorded headers. Exits non-zero on the first report of problems.

Usage: python check.py   (prints "N passed, 0 failed")
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import sys
from pathlib import Path

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
except ImportError:  # pragma: no cover
    sys.exit("check.py needs the 'cryptography' package (installed by run.sh in /tmp/vecvenv)")

OUT = Path(__file__).resolve().parent.parent
CODES = {
    "MISSING_HEADER", "MALFORMED_HEADER", "HEADER_TOO_LARGE", "TOO_MANY_SIGNATURES",
    "NO_MATCHING_SIGNATURE", "INVALID_TIMESTAMP", "TIMESTAMP_TOO_OLD", "TIMESTAMP_TOO_NEW",
    "NO_ACTIVE_KEY", "EMPTY_SECRET", "INVALID_SECRET", "SECRET_TOO_SHORT", "SECRET_TOO_LONG",
    "TOO_MANY_KEYS", "INVALID_SCHEME", "INVALID_ARGUMENT",
}
MAX_TS = 253402300799  # 9999-12-31T23:59:59Z
# Unicode's White_Space, trimmed from secret text (not str.strip(), which also takes U+001C..U+001F).
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"


class Fail(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def as_bytes(b) -> bytes:
    if isinstance(b, str):
        return b.encode("utf-8")
    (kind, value), = b.items()
    return {"utf8": lambda v: v.encode("utf-8"), "hex": bytes.fromhex, "base64": base64.b64decode}[kind](value)


def b64_lenient(text: str) -> bytes:
    """Both alphabets, padding optional; raises ValueError when not base64."""
    t = text.replace("-", "+").replace("_", "/").rstrip("=")
    if not re.fullmatch(r"[A-Za-z0-9+/]*", t) or len(t) % 4 == 1:
        raise ValueError(text)
    return base64.b64decode(t + "=" * (-len(t) % 4), validate=True)


# ------------------------------------------------------------------------------------ secrets
class Key:
    def __init__(self, kind: str, key: bytes, seed: bytes | None = None):
        self.kind, self.key, self.seed = kind, key, seed  # kind: hmac | ed_pub | ed_priv


def parse_secret(value, fmt: str, scheme) -> Key:
    if isinstance(value, dict):
        raw = as_bytes(value)
        if fmt not in ("raw", "auto"):
            raise Fail("INVALID_ARGUMENT")
        return check_len(Key("hmac", raw))
    if value.strip(WHITE_SPACE) == "":
        raise Fail("EMPTY_SECRET")
    if fmt == "auto":
        fmt = "standard-auto" if scheme in ("standard", "svix") else "text"
    if fmt == "standard-auto":
        if value.startswith("whsk_") or value.startswith("whpk_"):
            try:
                raw = b64_lenient(value[5:])
            except ValueError:
                raise Fail("INVALID_SECRET")
            if value.startswith("whpk_"):
                if len(raw) != 32:
                    raise Fail("INVALID_SECRET")
                return Key("ed_pub", raw)
            # whsk_: the 32-byte seed, or seed || public key (64 bytes; the halves must agree)
            if len(raw) not in (32, 64):
                raise Fail("INVALID_SECRET")
            seed = raw[:32]
            pub = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
            if len(raw) == 64 and raw[32:] != pub:
                raise Fail("INVALID_SECRET")
            return Key("ed_priv", pub, seed)
        fmt = "whsec"
    if fmt == "whsec" or fmt == "base64":
        text = value.strip(WHITE_SPACE)
        text = text[6:] if fmt == "whsec" and text.startswith("whsec_") else text
        # a whsec_ prefix again or in another case, or both base64 alphabets mixed: a slip, not a key
        if text[:6].lower() == "whsec_" or (re.search(r"[+/]", text) and re.search(r"[-_]", text)):
            raise Fail("INVALID_SECRET")
        try:
            raw = b64_lenient(text)
        except ValueError:
            raise Fail("INVALID_SECRET")
    elif fmt == "hex":
        digits = value.strip(WHITE_SPACE)
        if len(digits) % 2 or not re.fullmatch(r"[0-9a-fA-F]*", digits):
            raise Fail("INVALID_SECRET")
        raw = bytes.fromhex(digits)
    elif fmt == "text":
        if value != value.strip(WHITE_SPACE):
            raise Fail("INVALID_SECRET")
        if len(value) > 4096:
            raise Fail("SECRET_TOO_LONG")
        raw = value.encode("utf-8")
    else:
        raise Fail("INVALID_ARGUMENT")
    if not raw:
        raise Fail("EMPTY_SECRET")
    return check_len(Key("hmac", raw))


def check_len(k: Key) -> Key:
    if len(k.key) > 1024:
        raise Fail("SECRET_TOO_LONG")
    return k


def hint(value) -> str:
    if isinstance(value, dict):
        digits = as_bytes(value).hex()
        return "..." if len(digits) < 16 else "..." + digits[-4:]
    value = value.strip(WHITE_SPACE)
    return "..." if len(value) < 16 else "..." + value[-4:]


# ------------------------------------------------------------------------------------ schemes
def preset(name):
    return {
        "standard": None,
        "stripe": {"signature_header": "Stripe-Signature", "template": "{timestamp}.{body}",
                   "layout": {"type": "key_value", "pair_separator": ",", "signature_key": "v1", "timestamp_key": "t"}},
        "github": {"signature_header": "X-Hub-Signature-256", "template": "{body}",
                   "layout": {"type": "single", "prefix": "sha256="}},
        "slack": {"signature_header": "X-Slack-Signature", "template": "v0:{timestamp}:{body}",
                  "timestamp_header": "X-Slack-Request-Timestamp", "layout": {"type": "single", "prefix": "v0="}},
        "shopify": {"signature_header": "X-Shopify-Hmac-Sha256", "template": "{body}", "encoding": "base64",
                    "layout": {"type": "single", "prefix": ""}},
    }[name]


def headers_get(headers, name) -> list[str]:
    """Every value of `name` (case-insensitive), without surrounding spaces and tabs (RFC 9110 OWS)."""
    return [v.strip(" \t") for k, v in headers if k.lower() == name.lower()]


def present(headers, name) -> bool:
    """Present with a non-empty value: an empty (or whitespace-only) value counts as missing."""
    return any(v != "" for v in headers_get(headers, name))


def single_header(headers, name, required=True):
    values = headers_get(headers, name)
    if any(v != values[0] for v in values):
        raise Fail("MALFORMED_HEADER")
    if not values or values[0] == "":
        if required:
            raise Fail("MISSING_HEADER")
        return None
    return values[0]


def list_header(headers, name) -> list[str]:
    """Every value of a list-valued header; MISSING_HEADER when none is non-empty."""
    values = headers_get(headers, name)
    if not any(values):
        raise Fail("MISSING_HEADER")
    return values


def parse_ts(text: str, unit: str = "seconds") -> int:
    """Unix seconds (floored for milliseconds) from a canonical unsigned decimal."""
    per = {"seconds": 1, "milliseconds": 1000}[unit]
    if not re.fullmatch(r"0|[1-9][0-9]*", text) or int(text) > MAX_TS * per + per - 1:
        raise Fail("INVALID_TIMESTAMP")
    return int(text) // per


def decode_sig(text: str, encoding: str) -> bytes | None:
    try:
        if encoding == "hex":
            return bytes.fromhex(text) if re.fullmatch(r"(?:[0-9a-fA-F]{2})+", text) else None
        return b64_lenient(text)
    except (ValueError, binascii.Error):
        return None


def template_bytes(template: str, id_, ts, body: bytes) -> bytes:
    before, after = template.split("{body}")
    fill = lambda s: s.replace("{id}", id_ or "").replace("{timestamp}", "" if ts is None else str(ts))
    return fill(before).encode() + body + fill(after).encode()


def content_ts_text(ts_text):
    return ts_text


def verify(case):
    scheme = case["scheme"]
    tolerance = case.get("tolerance", 300)
    now = case["now"]
    body = as_bytes(case["body"])
    headers = case["headers"]
    for _, v in headers:
        if len(v.encode("utf-8")) > 8192:
            raise Fail("HEADER_TOO_LARGE")
    keys = [(parse_secret(s["secret"], s.get("format", "auto"), scheme), s.get("not_after")) for s in case["secrets"]]

    if scheme in ("standard", "svix"):
        # standard: webhook-* headers, or svix-* when no webhook-* header is present (never a mix);
        # svix: the other way round
        first, second = ("webhook", "svix") if scheme == "standard" else ("svix", "webhook")
        family = second if not any(present(headers, f"{first}-{n}") for n in ("id", "timestamp", "signature")) \
            and any(present(headers, f"{second}-{n}") for n in ("id", "timestamp", "signature")) else first
        id_ = single_header(headers, f"{family}-id")
        ts_text = single_header(headers, f"{family}-timestamp")
        sig_values = list_header(headers, f"{family}-signature")
        entries = [e for v in sig_values for e in v.split(" ")]
        if len(entries) > 32:
            raise Fail("TOO_MANY_SIGNATURES")
        ts = parse_ts(ts_text)
        check_time(ts, now, tolerance)
        active = active_keys(keys, now)
        content = f"{id_}.{ts_text}.".encode() + body
        for i, k in active:
            for e in entries:
                version, _, sig = e.partition(",")
                raw = decode_sig(sig, "base64") if sig else None
                if raw is None:
                    continue
                if version == "v1" and k.kind == "hmac" and hmac.compare_digest(raw, hmac.new(k.key, content, hashlib.sha256).digest()):
                    return i, id_, ts
                if version == "v1a" and k.kind in ("ed_pub", "ed_priv") and len(raw) == 64:
                    try:
                        Ed25519PublicKey.from_public_bytes(k.key).verify(raw, content)
                        return i, id_, ts
                    except InvalidSignature:
                        pass
        raise Fail("NO_MATCHING_SIGNATURE")

    if scheme == "github-sha1":
        # Only X-Hub-Signature-256 when it is present (no fallback to SHA-1 on a mismatch, which
        # would be a downgrade); X-Hub-Signature only when the SHA-256 header is absent.
        if present(headers, "X-Hub-Signature-256"):
            algo, values, prefix = "sha256", headers_get(headers, "X-Hub-Signature-256"), "sha256="
        elif present(headers, "X-Hub-Signature"):
            algo, values, prefix = "sha1", headers_get(headers, "X-Hub-Signature"), "sha1="
        else:
            raise Fail("MISSING_HEADER")
        active = active_keys(keys, now)
        for i, k in active:
            for v in values:
                raw = decode_sig(v[len(prefix):], "hex") if v.startswith(prefix) else None
                if raw is not None and hmac.compare_digest(raw, hmac.new(k.key, body, algo).digest()):
                    return i, None, None
        raise Fail("NO_MATCHING_SIGNATURE")

    s = preset(scheme) if isinstance(scheme, str) else scheme
    if scheme == "shopify" and not present(headers, s["signature_header"]):
        s = dict(s, signature_header="Shopify-Hmac-Sha256")  # Events deliveries' name, when X-… is absent
    layout = s.get("layout", {"type": "single", "prefix": ""})
    encoding = s.get("encoding", "hex")
    id_ = single_header(headers, s["id_header"]) if s.get("id_header") else None
    ts_text = single_header(headers, s["timestamp_header"]) if s.get("timestamp_header") else None
    sig_values = list_header(headers, s["signature_header"])
    if layout["type"] == "single":
        entries = []
        for v in sig_values:
            entries.append(v[len(layout["prefix"]):] if v.startswith(layout["prefix"]) else None)
    elif layout["type"] == "list":
        entries = []
        for v in sig_values:
            for e in v.split(layout["separator"]):
                entries.append(e[len(layout["prefix"]):] if e.startswith(layout["prefix"]) else None)
    else:
        pairs = [p.strip(" \t").partition("=") for v in sig_values for p in v.split(layout["pair_separator"])]
        pairs = [p for p in pairs if p[0] or p[1]]  # empty pieces are not entries
        # every entry counts against the 32 but the first timestamp entry
        counted = len(pairs) - (1 if any(k_ == layout.get("timestamp_key") and eq for k_, eq, _ in pairs) else 0)
        if counted > 32:
            raise Fail("TOO_MANY_SIGNATURES")
        entries = [val for k_, _, val in pairs if k_ == layout["signature_key"]]
        if layout.get("timestamp_key"):
            ts_values = [val for k_, eq, val in pairs if k_ == layout["timestamp_key"] and eq]
            if len(set(ts_values)) != 1:  # missing, or two different timestamps
                raise Fail("MALFORMED_HEADER")
            ts_text = ts_values[0]
    if len(entries) > 32:
        raise Fail("TOO_MANY_SIGNATURES")
    ts = None
    if ts_text is not None:
        ts = parse_ts(ts_text, s.get("timestamp_unit", "seconds"))
        check_time(ts, now, tolerance)
    active = active_keys(keys, now)
    content = template_bytes(s["template"], id_, ts_text, body)
    for i, k in active:
        mac = hmac.new(k.key, content, hashlib.sha256).digest()
        for e in entries:
            raw = decode_sig(e, encoding) if e else None
            if raw is not None and hmac.compare_digest(raw, mac):
                return i, id_, ts
    raise Fail("NO_MATCHING_SIGNATURE")


def check_time(ts, now, tolerance):
    if now - ts > tolerance:
        raise Fail("TIMESTAMP_TOO_OLD")
    if ts - now > tolerance:
        raise Fail("TIMESTAMP_TOO_NEW")


def active_keys(keys, now):
    active = [(i, k) for i, (k, not_after) in enumerate(keys) if not_after is None or now <= not_after]
    if not active:
        raise Fail("NO_ACTIVE_KEY")
    return active


def sign(case) -> list[list[str]]:
    scheme = case["scheme"]
    body = as_bytes(case["body"])
    id_, ts = case["expect"]["id"], case["expect"]["timestamp"]
    keys = [k for i, k in active_keys(
        [(parse_secret(s["secret"], s.get("format", "auto"), scheme), s.get("not_after")) for s in case["secrets"]],
        case["now"])]
    hexmac = lambda k, data, algo="sha256": hmac.new(k.key, data, algo).hexdigest()
    if scheme in ("standard", "svix"):
        content = f"{id_}.{ts}.".encode() + body
        entries = []
        for k in keys:
            if k.kind == "hmac":
                entries.append("v1," + base64.b64encode(hmac.new(k.key, content, hashlib.sha256).digest()).decode())
            elif k.kind == "ed_priv":
                entries.append("v1a," + base64.b64encode(Ed25519PrivateKey.from_private_bytes(k.seed).sign(content)).decode())
        family = "webhook" if scheme == "standard" else "svix"
        return [[f"{family}-id", id_], [f"{family}-timestamp", str(ts)], [f"{family}-signature", " ".join(entries)]]
    if scheme == "github-sha1":
        return [["X-Hub-Signature-256", "sha256=" + hexmac(keys[0], body)], ["X-Hub-Signature", "sha1=" + hexmac(keys[0], body, "sha1")]]
    s = preset(scheme) if isinstance(scheme, str) else scheme
    layout = s.get("layout", {"type": "single", "prefix": ""})
    if s.get("timestamp_unit", "seconds") == "milliseconds":
        ts = ts * 1000  # signing emits the timestamp in the scheme's unit
    content = template_bytes(s["template"], id_, ts, body)
    enc = (lambda m: m.hex()) if s.get("encoding", "hex") == "hex" else (lambda m: base64.b64encode(m).decode())
    macs = [enc(hmac.new(k.key, content, hashlib.sha256).digest()) for k in keys]
    out = []
    if s.get("id_header"):
        out.append([s["id_header"], id_])
    if s.get("timestamp_header"):
        out.append([s["timestamp_header"], str(ts)])
    if layout["type"] == "single":
        value = layout["prefix"] + macs[0]
    elif layout["type"] == "list":
        value = layout["separator"].join(layout["prefix"] + m for m in macs)
    else:
        pairs = ([f"{layout['timestamp_key']}={ts}"] if layout.get("timestamp_key") else [])
        value = layout["pair_separator"].join(pairs + [f"{layout['signature_key']}={m}" for m in macs])
    out.append([s["signature_header"], value])
    return out


# ------------------------------------------------------------------------------------- checks
def check_delivery(case) -> list[str]:
    problems = []
    for field in ("name", "source", "scheme", "secrets", "now", "body", "headers", "expect"):
        if field not in case:
            problems.append(f"missing field {field}")
    if problems:
        return problems
    exp = case["expect"]
    if not isinstance(case["now"], int) or not case["secrets"] or not isinstance(case["source"], str):
        problems.append("bad now/secrets/source")
    if not all(isinstance(h, list) and len(h) == 2 and all(isinstance(x, str) for x in h) for h in case["headers"]):
        problems.append("headers must be [name, value] string pairs")
    if exp.get("ok") is True:
        if set(exp) != {"ok", "key_index", "id", "timestamp"}:
            problems.append(f"ok expect needs key_index/id/timestamp: {exp}")
    elif exp.get("ok") is False:
        if set(exp) != {"ok", "error"} or exp["error"] not in CODES:
            problems.append(f"bad error expect: {exp}")
    else:
        problems.append("expect.ok must be a boolean")
    try:
        got = verify(case)
        got_exp = {"ok": True, "key_index": got[0], "id": got[1], "timestamp": got[2]}
    except Fail as f:
        got_exp = {"ok": False, "error": f.code}
    if got_exp != exp:
        problems.append(f"reference verifier says {got_exp}, vector says {exp}")
    if case.get("sign"):
        if not exp.get("ok"):
            problems.append("sign: true on an invalid case")
        else:
            try:
                want = sign(case)
            except Fail as f:
                want = f"error {f.code}"
            if want != case["headers"]:
                problems.append(f"signing gives {want}, vector has {case['headers']}")
    return problems


def check_secret(case) -> list[str]:
    problems = []
    for field in ("name", "input", "format", "scheme"):
        if field not in case:
            problems.append(f"missing field {field}")
    try:
        k = parse_secret(case["input"], case["format"], case["scheme"])
        got = {"key": {"hex": k.key.hex()}, "hint": hint(case["input"])}
    except Fail as f:
        got = {"error": f.code}
    want = {f: case[f] for f in ("key", "hint", "error") if f in case}
    if "error" in want and want["error"] not in CODES:
        problems.append(f"unknown code {want['error']}")
    if got != want:
        problems.append(f"reference parser says {got}, vector says {want}")
    return problems


def check_hmac(case) -> list[str]:
    mac = hmac.new(as_bytes(case["key"]), as_bytes(case["data"]), hashlib.sha256).hexdigest()
    problems = [] if mac == case["mac"] else [f"HMAC is {mac}"]
    if "truncated_to" in case and mac[: 2 * case["truncated_to"]] != case["truncated_mac"]:
        problems.append("truncated_mac is not a prefix of mac")
    return problems


def main() -> int:
    passed = failed = 0
    for file, fn in (("deliveries.json", check_delivery), ("secrets.json", check_secret), ("hmac_sha256.json", check_hmac)):
        cases = json.loads((OUT / file).read_text(encoding="utf-8"))["cases"]
        names = [c["name"] for c in cases]
        if len(set(names)) != len(names):
            print(f"{file}: duplicate names")
            failed += 1
        for case in cases:
            problems = fn(case)
            if problems:
                failed += 1
                for p in problems:
                    print(f"FAIL {file} {case['name']}: {p}")
            else:
                passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

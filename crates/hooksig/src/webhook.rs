use alloc::string::String;
use alloc::vec::Vec;

use crate::encoding::Encoding;
use crate::engine::{check_id, Fail};
use crate::error::{Error, Result};
use crate::headers::{self, trim_ows, ByName, Headers, IndexedHeaders};
use crate::limits::{DEFAULT_TOLERANCE, MAX_KEYS, MAX_SIGNATURES, MAX_TEMPLATE_PARTS};
use crate::mac::{ct_eq, Algorithm, MacBackend, SoftwareMac};
use crate::scheme::Scheme;
use crate::wire::{Part, Variant, Wire, WireLayout};
use crate::secret::{Material, Secret, SecretFormat};
use crate::timestamp;

/// A secret in a keyring, optionally valid only until a given time (a rotation's grace window).
#[derive(Debug)]
pub struct Key {
    secret: Secret,
    not_after: Option<i64>,
}

impl Key {
    /// A key valid for ever.
    pub fn new(secret: Secret) -> Self {
        Key { secret, not_after: None }
    }

    /// Valid while `now <= not_after` (unix seconds).
    #[must_use]
    pub fn not_after(mut self, not_after: i64) -> Self {
        self.not_after = Some(not_after);
        self
    }

    /// The secret.
    pub fn secret(&self) -> &Secret {
        &self.secret
    }

    /// When the key stops being accepted, if ever.
    pub fn expiry(&self) -> Option<i64> {
        self.not_after
    }

    fn is_active(&self, now: i64) -> bool {
        self.not_after.map_or(true, |end| now <= end)
    }
}

/// What kind of signature matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureKind {
    /// HMAC-SHA256 (`v1`, `sha256=`, `v0=`, …).
    HmacSha256,
    /// HMAC-SHA1 (GitHub's legacy header, when enabled).
    HmacSha1,
    /// Ed25519 (Standard Webhooks `v1a`).
    Ed25519,
}

/// An authentic, fresh delivery: which key matched, and the message's id and timestamp where the
/// scheme has them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verification {
    /// Index of the matching key in the keyring, in the order given.
    pub key_index: usize,
    /// The message id (Standard Webhooks, custom schemes with an id header).
    pub id: Option<String>,
    /// The signed timestamp in unix seconds (every scheme with one).
    pub timestamp: Option<i64>,
    /// What matched.
    pub kind: SignatureKind,
}

/// Verifies and signs deliveries of one scheme with one keyring.
///
/// ```
/// use hooksig::{Scheme, Webhook};
/// let hook = Webhook::from_secret(Scheme::Standard, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
/// let headers = [
///     ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
///     ("webhook-timestamp", "1614265330"),
///     ("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
/// ];
/// let verified = hook.verify(br#"{"test": 2432232314}"#, &headers, 1614265330)?;
/// assert_eq!(verified.id.as_deref(), Some("msg_p5jXN8AQM9LWM0D4loKWxJek"));
/// # Ok::<(), hooksig::Error>(())
/// ```
#[derive(Debug)]
pub struct Webhook {
    scheme: Scheme,
    wire: Wire,
    keys: Vec<Key>,
    tolerance: u64,
}

/// A failure that names no replay-window numbers as the `Error` it is.
fn indexed(fail: Fail) -> Error<u8> {
    fail.into_error(|header| header, (0, 0, 0))
}

/// A candidate signature decoded from a header. 64 bytes holds an Ed25519 signature.
#[derive(Clone)]
struct Candidate {
    kind: SignatureKind,
    bytes: [u8; 64],
    len: usize,
}

/// Candidate signatures as they are read, counting every entry (unknown versions too) against
/// [`MAX_SIGNATURES`].
struct Candidates {
    list: Vec<Candidate>,
    entries: usize,
    encoding: Encoding,
}

impl Candidates {
    /// Adds one header entry: a signature of a supported kind, or `None` for another version.
    fn add(&mut self, entry: Option<(SignatureKind, &[u8])>) -> Result<(), Error<u8>> {
        self.entries += 1;
        if self.entries > MAX_SIGNATURES {
            return Err(Error::TooManySignatures { limit: MAX_SIGNATURES });
        }
        let Some((kind, text)) = entry else { return Ok(()) };
        let (encoding, expected) = match kind {
            SignatureKind::HmacSha256 => (self.encoding, 32),
            SignatureKind::HmacSha1 => (self.encoding, 20),
            SignatureKind::Ed25519 => (Encoding::Base64, 64),
        };
        let mut bytes = [0u8; 64];
        // Undecodable, empty or wrong-length signatures can never match: dropped here, so an
        // empty `v1,` (CVE-2024-21491) or a truncated tag is never compared at all.
        if encoding.decode_into(text, &mut bytes) == Some(expected) {
            self.list.push(Candidate { kind, bytes, len: expected });
        }
        Ok(())
    }
}

/// A delivery's headers, read and checked: their syntax for the scheme, the timestamp's freshness
/// and a key valid at the time given. Everything verification needs before any key is tried, and
/// borrowing nothing, so that the body can be verified later ([`Webhook::verify_body`]): after it
/// has been read, or once an HMAC computed elsewhere is ready.
#[derive(Clone)]
pub struct SignedHeaders {
    /// Which of the wire's variants the headers are (0: the primary one).
    variant: usize,
    /// The message id's bytes, checked for UTF-8 only after a match (a forged delivery is reported
    /// as unsigned, whatever its id).
    id: Option<Vec<u8>>,
    /// The timestamp as signed (canonical digits: at most 15, [`timestamp::parse`]) and its value.
    timestamp: Option<(i64, [u8; 16], usize)>,
    candidates: Vec<Candidate>,
}

impl core::fmt::Debug for SignedHeaders {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SignedHeaders")
            .field("id", &self.id.as_deref().map(String::from_utf8_lossy))
            .field("timestamp", &self.timestamp.map(|(t, ..)| t))
            .field("signatures", &self.candidates.len())
            .finish_non_exhaustive()
    }
}

impl SignedHeaders {
    fn timestamp_text(&self) -> Option<&[u8]> {
        self.timestamp.as_ref().and_then(|(_, text, len)| text.get(..*len))
    }
}

impl Webhook {
    /// A verifier and signer for `scheme` with these keys (at least one, at most [`MAX_KEYS`]).
    pub fn new(scheme: Scheme, keys: Vec<Key>) -> Result<Self> {
        if keys.is_empty() {
            return Err(Error::EmptySecret);
        }
        if keys.len() > MAX_KEYS {
            return Err(Error::TooManyKeys { limit: MAX_KEYS });
        }
        if !scheme.supports_ed25519() && keys.iter().any(|k| !matches!(k.secret.material(), Material::Hmac(_))) {
            return Err(Error::InvalidSecret { reason: "Ed25519 keys are only for Standard Webhooks" });
        }
        let wire = Wire::compile(&scheme).map_err(|fail| fail.into_error(|_| String::new(), (0, 0, 0)))?;
        Ok(Webhook { scheme, wire, keys, tolerance: DEFAULT_TOLERANCE })
    }

    /// A verifier with one secret in the scheme's default format.
    pub fn from_secret(scheme: Scheme, secret: &str) -> Result<Self> {
        let secret = Secret::parse(secret, scheme.default_secret_format())?;
        Self::new(scheme, alloc::vec![Key::new(secret)])
    }

    /// Parses `secret` as `format`, or the scheme's default format when `None`.
    pub fn parse_secret(scheme: &Scheme, secret: &str, format: Option<SecretFormat>) -> Result<Secret> {
        Secret::parse(secret, format.unwrap_or_else(|| scheme.default_secret_format()))
    }

    /// Sets the replay window in seconds, either side of `now` (default 300).
    #[must_use]
    pub fn tolerance(mut self, seconds: u64) -> Self {
        self.tolerance = seconds;
        self
    }

    /// The scheme.
    pub fn scheme(&self) -> &Scheme {
        &self.scheme
    }

    /// Every header name verification may read, in lowercase: a binding can fetch just these from
    /// its request object instead of converting every header. A header's position here is how
    /// [`read_indexed`](Self::read_indexed) and its errors (`Error<u8>`) name it.
    pub fn header_names(&self) -> impl Iterator<Item = &str> {
        self.wire.header_names()
    }

    /// Header `index` of [`header_names`](Self::header_names) as the provider sends it (`""` past
    /// the last).
    pub fn sent_header_name(&self, index: u8) -> &str {
        self.wire.header_name(index, true)
    }

    /// How many of the leading [`header_names`](Self::header_names) are the primary variant's (the
    /// one a missing-header error names, and whose signature [`signature`](Self::signature)
    /// returns). The rest are a fallback's (`svix-*` for Standard Webhooks, Shopify's Events header,
    /// GitHub's SHA-1 one), read when the primary's are absent or blank.
    pub fn primary_header_count(&self) -> usize {
        self.wire.variant(0).map_or(0, |v| v.headers().count())
    }

    /// Whether the signed content holds a message id, which [`sign`](Self::sign) then requires.
    pub fn signs_id(&self) -> bool {
        self.wire.template().contains(&Part::Id)
    }

    /// The keyring, in the order given.
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// An error naming a header by position, named by its text.
    fn named(&self, error: Error<u8>) -> Error {
        error.map_name(|index| String::from(self.wire.header_name(index, false)))
    }

    /// Verifies a delivery: `body` exactly as received, its headers, and the current unix time.
    pub fn verify<H: Headers + ?Sized>(&self, body: &[u8], headers: &H, now: i64) -> Result<Verification> {
        self.verify_with(&SoftwareMac, body, headers, now)
    }

    /// [`verify`](Self::verify), with the HMAC computed by `mac`.
    pub fn verify_with<M: MacBackend + ?Sized, H: Headers + ?Sized>(
        &self,
        mac: &M,
        body: &[u8],
        headers: &H,
        now: i64,
    ) -> Result<Verification> {
        let signed = self.read_headers(headers, now)?;
        self.verify_body_with(mac, &signed, body, now)
    }

    /// The first half of [`verify`](Self::verify): reads and checks the headers (every error
    /// `verify` finds without the body or a key), so that a delivery can be refused before its
    /// body is read, or its body verified once an HMAC computed elsewhere is ready.
    pub fn read_headers<H: Headers + ?Sized>(&self, headers: &H, now: i64) -> Result<SignedHeaders> {
        self.read_indexed(&ByName { headers, names: &self.wire }, now).map_err(|e| self.named(e))
    }

    /// [`read_headers`](Self::read_headers) over header values by position (a `&[(i, value)]`:
    /// `value` is a value of the `i`th of [`header_names`](Self::header_names)). Errors name
    /// headers by position.
    pub fn read_indexed<I: IndexedHeaders + ?Sized>(&self, headers: &I, now: i64) -> Result<SignedHeaders, Error<u8>> {
        let signed = self.parse(headers)?;
        if let Some((timestamp, ..)) = signed.timestamp {
            timestamp::check(timestamp, now, self.tolerance).map_err(|f| f.into_error(|h| h, (timestamp, now, self.tolerance)))?;
        }
        if !self.keys.iter().any(|k| k.is_active(now)) {
            return Err(Error::NoActiveKey);
        }
        Ok(signed)
    }

    /// The second half of [`verify`](Self::verify): the body against the headers [`read`](Self::read_headers)
    /// at the same `now`.
    pub fn verify_body(&self, signed: &SignedHeaders, body: &[u8], now: i64) -> Result<Verification> {
        self.verify_body_with(&SoftwareMac, signed, body, now)
    }

    /// [`verify_body`](Self::verify_body), with the HMAC computed by `mac`.
    pub fn verify_body_with<M: MacBackend + ?Sized>(&self, mac: &M, signed: &SignedHeaders, body: &[u8], now: i64) -> Result<Verification> {
        self.verify_body_indexed(mac, signed, body, now).map_err(|e| self.named(e))
    }

    /// [`verify_body_with`](Self::verify_body_with), its errors naming headers by position.
    pub fn verify_body_indexed<M: MacBackend + ?Sized>(&self, mac: &M, signed: &SignedHeaders, body: &[u8], now: i64) -> Result<Verification, Error<u8>> {
        let message = self.message(signed.id.as_deref(), signed.timestamp_text(), body);
        let (key_index, kind) = self.find_match(mac, signed, message.parts(), now).ok_or(Error::NoMatchingSignature)?;
        let id = match &signed.id {
            Some(id) => Some(String::from_utf8(id.clone()).map_err(|_| Error::MalformedHeader {
                name: self.wire.variant(signed.variant).and_then(|v| v.id).unwrap_or_default(),
                reason: "not UTF-8",
            })?),
            None => None,
        };
        Ok(Verification { key_index, id, timestamp: signed.timestamp.map(|(t, ..)| t), kind })
    }

    /// Reads every header the scheme needs: which variant, id, timestamp, candidate signatures.
    fn parse<I: IndexedHeaders + ?Sized>(&self, headers: &I) -> Result<SignedHeaders, Error<u8>> {
        let wire = &self.wire;
        // The first variant any of whose headers is present, else the first (to name what is missing).
        let variant_index = wire.variants().position(|v| v.headers().any(|h| headers::present(headers, h))).unwrap_or(0);
        let Some(variant) = wire.variant(variant_index) else { return Err(Error::NoMatchingSignature) };
        let id = variant.id.map(|h| headers::required(headers, h)).transpose().map_err(indexed)?;
        let mut timestamp_text = variant.timestamp.map(|h| headers::required(headers, h)).transpose().map_err(indexed)?;
        let name = variant.signature;
        headers::check_all(headers, name).map_err(indexed)?;
        let mut found = Candidates { list: Vec::new(), entries: 0, encoding: wire.encoding };
        let kind = hmac_kind(variant.algorithm);
        let prefix = wire.text(variant.prefix).as_bytes();
        let signature_key = wire.text(wire.signature_key).as_bytes();
        let timestamp_key = wire.timestamp_key.map(|k| wire.text(k).as_bytes());
        let ed25519 = self.scheme.supports_ed25519();
        let is_separator = |c: &u8| *c == wire.separator;
        for value in headers.values(name).map(trim_ows) {
            if wire.layout == WireLayout::Single {
                found.add(value.strip_prefix(prefix).map(|s| (kind, s)))?;
                continue;
            }
            for entry in value.split(is_separator) {
                if wire.layout == WireLayout::List {
                    if entry.is_empty() {
                        continue;
                    }
                    let signature = match entry.strip_prefix(prefix) {
                        Some(signature) => Some((kind, signature)),
                        None => entry.strip_prefix(b"v1a,").filter(|_| ed25519).map(|s| (SignatureKind::Ed25519, s)),
                    };
                    found.add(signature)?;
                    continue;
                }
                let pair = trim_ows(entry);
                if pair.is_empty() {
                    continue;
                }
                let Some(eq) = pair.iter().position(|&c| c == b'=') else {
                    // Neither the timestamp nor a signature: skipped, and counted, like an entry
                    // with an unknown key (as Stripe's own libraries do).
                    found.add(None)?;
                    continue;
                };
                let (key, value) = (pair.get(..eq).unwrap_or_default(), pair.get(eq + 1..).unwrap_or_default());
                if timestamp_key == Some(key) {
                    // The same timestamp again (a proxy repeating the header) changes nothing, and
                    // counts as an entry; two different ones leave the signed one ambiguous.
                    if let Some(previous) = timestamp_text.replace(value) {
                        if previous != value {
                            return Err(Error::MalformedHeader { name, reason: "repeated timestamp" });
                        }
                        found.add(None)?;
                    }
                } else {
                    found.add((key == signature_key).then_some((kind, value)))?;
                }
            }
        }
        // After every value: a repeated header's entries count together, in any order.
        if timestamp_key.is_some() && timestamp_text.is_none() {
            return Err(Error::MalformedHeader { name, reason: "no timestamp entry" });
        }
        let timestamp = match timestamp_text {
            Some(text) => {
                let value = timestamp::parse(text, wire.unit).map_err(indexed)?;
                let mut kept = [0u8; 16];
                kept.get_mut(..text.len()).ok_or(Error::InvalidTimestamp { reason: "after year 9999" })?.copy_from_slice(text);
                Some((value, kept, text.len()))
            }
            None => None,
        };
        Ok(SignedHeaders { variant: variant_index, id: id.map(<[u8]>::to_vec), timestamp, candidates: found.list })
    }

    /// The signed content's parts in order, the body among them, as the HMAC takes them: nothing
    /// is copied together (the template has at most [`MAX_TEMPLATE_PARTS`] parts).
    fn message<'a>(&'a self, id: Option<&'a [u8]>, timestamp: Option<&'a [u8]>, body: &'a [u8]) -> Message<'a> {
        let mut message = Message { parts: [&[]; MAX_TEMPLATE_PARTS], len: 0 };
        for (slot, part) in message.parts.iter_mut().zip(self.wire.template()) {
            *slot = match part {
                Part::Literal(span) => self.wire.text(*span).as_bytes(),
                Part::Id => id.unwrap_or_default(),
                Part::Timestamp => timestamp.unwrap_or_default(),
                Part::Body => body,
            };
            message.len += 1;
        }
        message
    }

    /// Tries every key valid at `now` against every candidate; returns (key index, kind).
    fn find_match<M: MacBackend + ?Sized>(
        &self,
        mac: &M,
        signed: &SignedHeaders,
        message: &[&[u8]],
        now: i64,
    ) -> Option<(usize, SignatureKind)> {
        let algorithm = self.wire.variant(signed.variant)?.algorithm;
        let has = |kind| signed.candidates.iter().any(|c| c.kind == kind);
        // Ed25519 needs the message whole: built once, on first use, whatever the number of keys.
        #[cfg(feature = "ed25519")]
        let mut whole: Option<Vec<u8>> = None;
        for (index, key) in self.keys.iter().enumerate().filter(|(_, k)| k.is_active(now)) {
            match key.secret.material() {
                Material::Hmac(secret) => {
                    let kind = hmac_kind(algorithm);
                    if !has(kind) {
                        continue;
                    }
                    let tag = mac.hmac(algorithm, secret, message);
                    let tag = tag.get(..algorithm.tag_len()).unwrap_or_default();
                    // Every candidate is compared in full: the loop's timing depends on how many
                    // candidates there are, never on where a mismatch is.
                    let mut matched = false;
                    for candidate in signed.candidates.iter().filter(|c| c.kind == kind) {
                        matched |= ct_eq(tag, candidate.bytes.get(..candidate.len).unwrap_or_default());
                    }
                    if matched {
                        return Some((index, kind));
                    }
                }
                #[cfg(feature = "ed25519")]
                Material::Ed25519Signing(_) | Material::Ed25519Public(_) => {
                    if !has(SignatureKind::Ed25519) {
                        continue;
                    }
                    let public = match key.secret.material() {
                        Material::Ed25519Signing(k) => k.verifying_key(),
                        Material::Ed25519Public(k) => *k,
                        Material::Hmac(_) => continue,
                    };
                    let whole = whole.get_or_insert_with(|| message.concat());
                    for candidate in signed.candidates.iter().filter(|c| c.kind == SignatureKind::Ed25519) {
                        let signature = ed25519_dalek::Signature::from_bytes(&candidate.bytes);
                        if public.verify_strict(whole, &signature).is_ok() {
                            return Some((index, SignatureKind::Ed25519));
                        }
                    }
                }
            }
        }
        None
    }

    /// Every header a sender attaches, in order (id, timestamp, signatures), with the names cased
    /// as the provider sends them. Keys valid at `timestamp` sign; `id` is required where the scheme
    /// signs one.
    pub fn sign(&self, id: Option<&str>, timestamp: i64, body: &[u8]) -> Result<Vec<(String, String)>> {
        self.sign_with(&SoftwareMac, id, timestamp, body)
    }

    /// [`sign`](Self::sign), with the HMAC computed by `mac`.
    pub fn sign_with<M: MacBackend + ?Sized>(
        &self,
        mac: &M,
        id: Option<&str>,
        timestamp: i64,
        body: &[u8],
    ) -> Result<Vec<(String, String)>> {
        let mut headers = Vec::new();
        self.sign_each(mac, id, timestamp, body, &mut |index, value| {
            // Every value is ASCII or the id, which is a `str`: nothing is lost.
            headers.push((String::from(self.sent_header_name(index)), String::from_utf8_lossy(value).into_owned()));
        })
        .map_err(|e| self.named(e))?;
        Ok(headers)
    }

    /// [`sign_with`](Self::sign_with), handing each header to `emit` as it is made: its position
    /// in [`header_names`](Self::header_names) ([`sent_header_name`](Self::sent_header_name) for
    /// its text) and its value. Nothing is emitted when an error is returned.
    pub fn sign_each<M: MacBackend + ?Sized>(
        &self,
        mac: &M,
        id: Option<&str>,
        timestamp: i64,
        body: &[u8],
        emit: &mut dyn FnMut(u8, &[u8]),
    ) -> Result<(), Error<u8>> {
        timestamp::check_signable(timestamp).map_err(indexed)?;
        let needs_id = self.signs_id();
        let id = match id {
            Some(id) if needs_id => Some(check_id(id).map_err(indexed)?),
            None if needs_id => return Err(Error::InvalidArgument { reason: "this scheme signs a message id" }),
            _ => None,
        };
        let timestamp_text = timestamp::decimal(timestamp, self.wire.unit);
        let message = self.message(id.map(str::as_bytes), Some(timestamp_text.as_bytes()), body);
        let mut values = [Vec::new(), Vec::new()];
        for (variant, value) in self.wire.variants().zip(values.iter_mut()).filter(|(v, _)| v.sign) {
            self.signature_value(mac, variant, timestamp_text.as_bytes(), timestamp, message.parts(), value)?;
        }
        for (variant, value) in self.wire.variants().zip(values.iter()).filter(|(v, _)| v.sign) {
            if let (Some(header), Some(id)) = (variant.id, id) {
                emit(header, id.as_bytes());
            }
            if let Some(header) = variant.timestamp {
                emit(header, timestamp_text.as_bytes());
            }
            emit(variant.signature, value);
        }
        Ok(())
    }

    /// The signature header's value alone (`v1,<base64>` for Standard Webhooks).
    pub fn signature(&self, id: Option<&str>, timestamp: i64, body: &[u8]) -> Result<String> {
        let primary = self.wire.variant(0).map(|v| v.signature);
        let mut found = None;
        self.sign_each(&SoftwareMac, id, timestamp, body, &mut |index, value| {
            if Some(index) == primary {
                found = Some(String::from_utf8_lossy(value).into_owned());
            }
        })
        .map_err(|e| self.named(e))?;
        found.ok_or(Error::NoActiveKey)
    }

    /// Writes `variant`'s signature header value into `value`.
    fn signature_value<M: MacBackend + ?Sized>(
        &self,
        mac: &M,
        variant: &Variant,
        timestamp_text: &[u8],
        timestamp: i64,
        message: &[&[u8]],
        value: &mut Vec<u8>,
    ) -> Result<(), Error<u8>> {
        let wire = &self.wire;
        let (prefix, key) = match wire.layout {
            WireLayout::KeyValue => ("", wire.text(wire.signature_key)),
            _ => (wire.text(variant.prefix), ""),
        };
        let single = wire.layout == WireLayout::Single;
        let push = |value: &mut Vec<u8>, parts: &[&[u8]]| {
            if !single && !value.is_empty() {
                value.push(wire.separator);
            }
            parts.iter().for_each(|part| value.extend_from_slice(part));
        };
        if let Some(timestamp_key) = wire.timestamp_key {
            push(value, &[wire.text(timestamp_key).as_bytes(), b"=", timestamp_text]);
        }
        let mut signed = false;
        let mut encoded = Vec::new();
        for key_entry in self.keys.iter().filter(|k| k.is_active(timestamp)) {
            match key_entry.secret.material() {
                Material::Hmac(secret) => {
                    let tag = mac.hmac(variant.algorithm, secret, message);
                    encoded.clear();
                    wire.encoding.encode_into(tag.get(..variant.algorithm.tag_len()).unwrap_or_default(), &mut encoded);
                    let eq: &[u8] = if key.is_empty() { b"" } else { b"=" };
                    push(value, &[prefix.as_bytes(), key.as_bytes(), eq, &encoded]);
                    signed = true;
                }
                #[cfg(feature = "ed25519")]
                Material::Ed25519Signing(signing) => {
                    use ed25519_dalek::Signer;
                    let signature = signing.sign(&message.concat());
                    encoded.clear();
                    Encoding::Base64.encode_into(&signature.to_bytes(), &mut encoded);
                    push(value, &[b"v1a,", &encoded]);
                    signed = true;
                }
                #[cfg(feature = "ed25519")]
                Material::Ed25519Public(_) => {}
            }
            // One signature per header value: the first active key's.
            if signed && single {
                break;
            }
        }
        if signed {
            Ok(())
        } else {
            Err(Error::NoActiveKey)
        }
    }
}

/// The signed content, part by part ([`Webhook::message`]).
struct Message<'a> {
    parts: [&'a [u8]; MAX_TEMPLATE_PARTS],
    len: usize,
}

impl<'a> Message<'a> {
    fn parts(&self) -> &[&'a [u8]] {
        self.parts.get(..self.len).unwrap_or_default()
    }
}

fn hmac_kind(algorithm: Algorithm) -> SignatureKind {
    match algorithm {
        Algorithm::Sha1 => SignatureKind::HmacSha1,
        _ => SignatureKind::HmacSha256,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::HeaderEntry;
    use alloc::vec;

    /// A repeated key-value signature header's entries count together, whatever the values' order
    /// (tests/vectors/README.md: every value of a repeated header contributes its entries).
    #[test]
    fn repeated_key_value_header_in_any_order() {
        let Ok(hook) = Webhook::from_secret(Scheme::Stripe, "whsec_stripe_test_secret") else { panic!("valid secret") };
        let Ok(signed) = hook.sign(None, 1_700_000_000, b"{}") else { panic!("signs") };
        let Some((_, value)) = signed.first() else { panic!("one header") };
        let (t, v1) = value.split_once(',').unwrap_or_default();
        for values in [[t, v1], [v1, t]] {
            let headers = [("stripe-signature", values[0]), ("stripe-signature", values[1])];
            assert!(hook.verify(b"{}", &headers[..], 1_700_000_000).is_ok(), "{values:?}");
        }
        let none = [("stripe-signature", v1), ("stripe-signature", v1)];
        assert!(matches!(hook.verify(b"{}", &none[..], 1_700_000_000), Err(Error::MalformedHeader { .. })));
        // A proxy repeating the whole header repeats the timestamp too: the same one is no conflict.
        let twice = [("stripe-signature", value.as_str()), ("stripe-signature", value.as_str())];
        assert!(hook.verify(b"{}", &twice[..], 1_700_000_000).is_ok());
        let other = alloc::format!("t=1699999999,{value}");
        assert!(matches!(hook.verify(b"{}", &[("stripe-signature", other.as_str())][..], 1_700_000_000), Err(Error::MalformedHeader { .. })));
        // Repeats count against the entry limit like any entry after the first timestamp.
        let repeats = alloc::format!("{}{value}", "t=1700000000,".repeat(crate::limits::MAX_SIGNATURES));
        assert!(matches!(hook.verify(b"{}", &[("stripe-signature", repeats.as_str())][..], 1_700_000_000), Err(Error::TooManySignatures { .. })));
        // An entry without '=' is skipped like an unknown key.
        let bare = alloc::format!("{value},flag");
        assert!(hook.verify(b"{}", &[("stripe-signature", bare.as_str())][..], 1_700_000_000).is_ok());
    }

    #[test]
    fn primary_header_count_and_signs_id() {
        let expect = [("standard", 3, true), ("svix", 3, true), ("stripe", 1, false), ("github-sha1", 1, false), ("slack", 2, false), ("shopify", 1, false)];
        for (name, count, id) in expect {
            let Ok(scheme) = name.parse::<Scheme>() else { panic!("{name}") };
            let Ok(hook) = Webhook::from_secret(scheme, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") else { panic!("{name}") };
            assert_eq!((hook.primary_header_count(), hook.signs_id()), (count, id), "{name}");
            // Signing sends the primary variant's headers.
            let Ok(sent) = hook.sign(Some("msg_1"), 1_700_000_000, b"{}") else { panic!("{name}") };
            let primary: Vec<&str> = hook.header_names().take(count).collect();
            assert!(sent.iter().all(|(n, _)| primary.contains(&n.to_ascii_lowercase().as_str()) || name == "github-sha1"), "{name}");
        }
    }

    #[test]
    fn header_names_cover_every_variant() {
        let Ok(hook) = Webhook::from_secret(Scheme::Standard, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") else {
            panic!("valid secret")
        };
        let names: Vec<&str> = hook.header_names().collect();
        assert_eq!(
            names,
            vec!["webhook-id", "webhook-timestamp", "webhook-signature", "svix-id", "svix-timestamp", "svix-signature"]
        );
    }

    /// The position-based API is the name-based one: the same verdicts, errors naming the same
    /// header, the same headers signed.
    #[test]
    fn indexed_api_matches_named_api() {
        let hook = Webhook::from_secret(Scheme::Standard, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let sent = hook.sign(Some("msg_1"), 1_700_000_000, b"{}").unwrap();
        let mut each = Vec::new();
        hook.sign_each(&SoftwareMac, Some("msg_1"), 1_700_000_000, b"{}", &mut |i, v| each.push((i, v.to_vec()))).unwrap();
        assert_eq!(each.iter().map(|(i, _)| hook.sent_header_name(*i)).collect::<Vec<_>>(), ["webhook-id", "webhook-timestamp", "webhook-signature"]);
        assert!(sent.iter().zip(&each).all(|((n, v), (i, w))| n == hook.sent_header_name(*i) && v.as_bytes() == w));
        let entries: Vec<HeaderEntry<'_>> = each.iter().map(|(i, v)| (*i + 3, v.as_slice())).collect(); // as svix-*
        let signed = hook.read_indexed(&entries[..], 1_700_000_000).unwrap();
        let verified = hook.verify_body_indexed(&SoftwareMac, &signed, b"{}", 1_700_000_000).unwrap();
        assert_eq!(verified.id.as_deref(), Some("msg_1"));
        assert_eq!(hook.verify_body_indexed(&SoftwareMac, &signed, b"{ }", 1_700_000_000), Err(Error::NoMatchingSignature));
        let missing = &entries[1..];
        assert_eq!(hook.read_indexed(missing, 1_700_000_000).err(), Some(Error::MissingHeader { name: 3 }));
        let named: Vec<(&str, &[u8])> = missing.iter().map(|(i, v)| (hook.header_names().nth((*i).into()).unwrap(), *v)).collect();
        assert_eq!(hook.verify(b"{}", &named[..], 1_700_000_000), Err(Error::MissingHeader { name: "svix-id".into() }));
        assert_eq!(hook.sent_header_name(6), "");
        let stripe = Webhook::from_secret(Scheme::Stripe, "whsec_x").unwrap();
        assert_eq!(stripe.sent_header_name(0), "Stripe-Signature");
        assert_eq!(stripe.header_names().collect::<Vec<_>>(), ["stripe-signature"]);
    }

    #[test]
    fn blank_headers_do_not_pick_a_variant() {
        let hook = Webhook::from_secret(Scheme::Standard, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let headers = [
            ("webhook-id", " "),
            ("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
            ("svix-timestamp", "1614265330"),
            ("svix-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
        ];
        let verified = hook.verify(br#"{"test": 2432232314}"#, &headers[..], 1_614_265_330).unwrap();
        assert_eq!(verified.id.as_deref(), Some("msg_p5jXN8AQM9LWM0D4loKWxJek"));
    }
}

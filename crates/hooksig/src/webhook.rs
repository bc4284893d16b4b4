use alloc::string::String;
use alloc::vec::Vec;

use crate::engine::{self, Candidates, Fail, Reason};
use crate::error::{Error, Result};
use crate::headers::{ByName, Headers, IndexedHeaders};
use crate::limits::MAX_KEYS;
use crate::mac::{MacBackend, SoftwareMac};
use crate::scheme::Scheme;
use crate::secret::{Secret, SecretFormat, SecretKind};

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

/// Verifies and signs deliveries of one scheme with one keyring: the public face of
/// [`engine::Hook`], which holds the scheme's table and a copy of the keys and does the work.
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
    hook: engine::Hook,
    keys: Vec<Key>,
}

/// A failure that names no replay-window numbers as the `Error` it is.
fn indexed(fail: Fail) -> Error<u8> {
    fail.into_error(|header| header, (0, 0, 0))
}

/// A delivery's headers, read and checked: their syntax for the scheme, the timestamp's freshness
/// and a key valid at the time given. Everything verification needs before any key is tried, and
/// borrowing nothing, so that the body can be verified later ([`Webhook::verify_body`]): after it
/// has been read, or once an HMAC computed elsewhere is ready.
#[derive(Clone)]
pub struct SignedHeaders {
    /// Which of the scheme's variants the headers are (0: the primary one).
    variant: usize,
    /// The message id's bytes, checked for UTF-8 only after a match (a forged delivery is reported
    /// as unsigned, whatever its id).
    id: Option<Vec<u8>>,
    /// The timestamp's value and its text as signed (canonical digits: at most 15).
    timestamp: Option<(i64, [u8; 16], usize)>,
    candidates: Candidates,
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

impl Webhook {
    /// A verifier and signer for `scheme` with these keys (at least one, at most [`MAX_KEYS`]).
    pub fn new(scheme: Scheme, keys: Vec<Key>) -> Result<Self> {
        if keys.is_empty() {
            return Err(Error::EmptySecret);
        }
        if keys.len() > MAX_KEYS {
            return Err(Error::TooManyKeys { limit: MAX_KEYS });
        }
        if !scheme.supports_ed25519() && keys.iter().any(|k| k.secret.kind() != SecretKind::Hmac) {
            return Err(Error::InvalidSecret { reason: "Ed25519 keys are only for Standard Webhooks" });
        }
        let set_up = |fail: Fail| fail.into_error(|_| String::new(), (0, 0, 0));
        let mut hook = engine::Hook::new(keys.iter().map(|k| k.secret.keyring_bytes().len()).sum());
        match &scheme {
            Scheme::Custom(custom) => hook.custom(&custom.borrowed()),
            preset => hook.preset(preset.name()),
        }
        .map_err(set_up)?;
        for key in &keys {
            hook.keys_mut().add_secret(&key.secret, key.not_after).map_err(set_up)?;
        }
        Ok(Webhook { scheme, hook, keys })
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
        self.hook.set_tolerance(seconds);
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
        self.hook.header_names()
    }

    /// Header `index` of [`header_names`](Self::header_names) as the provider sends it (`""` past
    /// the last).
    pub fn sent_header_name(&self, index: u8) -> &str {
        self.hook.sent_header_name(index)
    }

    /// How many of the leading [`header_names`](Self::header_names) are the primary variant's (the
    /// one a missing-header error names, and whose signature [`signature`](Self::signature)
    /// returns). The rest are a fallback's (`svix-*` for Standard Webhooks, Shopify's Events header,
    /// GitHub's SHA-1 one), read when the primary's are absent or blank.
    pub fn primary_header_count(&self) -> usize {
        self.hook.primary_header_count()
    }

    /// Whether the signed content holds a message id, which [`sign`](Self::sign) then requires.
    pub fn signs_id(&self) -> bool {
        self.hook.signs_id()
    }

    /// The keyring, in the order given.
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// An error naming a header by position, named by its text.
    fn named(&self, error: Error<u8>) -> Error {
        error.map_name(|index| String::from(self.hook.header_name(index)))
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
        self.read_indexed(&ByName { headers, names: &self.hook }, now).map_err(|e| self.named(e))
    }

    /// [`read_headers`](Self::read_headers) over header values by position (a `&[(i, value)]`:
    /// `value` is a value of the `i`th of [`header_names`](Self::header_names)). Errors name
    /// headers by position.
    pub fn read_indexed<I: IndexedHeaders + ?Sized>(&self, headers: &I, now: i64) -> Result<SignedHeaders, Error<u8>> {
        let mut candidates = Candidates::new();
        let mut timestamp = None;
        let read = self.hook.read(headers, now, &mut candidates, &mut timestamp).map_err(|fail| {
            fail.into_error(|header| header, (timestamp.unwrap_or(0), now, self.hook.tolerance()))
        })?;
        let timestamp = match read.timestamp {
            Some((value, text)) => {
                let mut kept = [0u8; 16];
                kept.get_mut(..text.len()).ok_or(Error::InvalidTimestamp { reason: Reason::AfterYear9999.text() })?.copy_from_slice(text);
                Some((value, kept, text.len()))
            }
            None => None,
        };
        Ok(SignedHeaders { variant: read.variant, id: read.id.map(<[u8]>::to_vec), timestamp, candidates })
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
        let timestamp = signed.timestamp.as_ref().map(|(value, text, len)| (*value, text.get(..*len).unwrap_or_default()));
        let read = engine::Read { variant: signed.variant, id: signed.id.as_deref(), timestamp };
        let verified = self.hook.check(mac, &read, &signed.candidates, body, now).map_err(indexed)?;
        Ok(Verification {
            key_index: verified.key_index,
            id: verified.id.map(String::from),
            timestamp: verified.timestamp,
            kind: verified.kind,
        })
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
        self.hook.sign(mac, id, timestamp, body, emit).map_err(indexed)
    }

    /// The signature header's value alone (`v1,<base64>` for Standard Webhooks).
    pub fn signature(&self, id: Option<&str>, timestamp: i64, body: &[u8]) -> Result<String> {
        let primary = self.hook.primary_signature_header();
        let mut found = None;
        self.sign_each(&SoftwareMac, id, timestamp, body, &mut |index, value| {
            if Some(index) == primary {
                found = Some(String::from_utf8_lossy(value).into_owned());
            }
        })
        .map_err(|e| self.named(e))?;
        found.ok_or(Error::NoActiveKey)
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

    /// A message id goes into a header unchanged: no control characters (ASCII's or C1's) and
    /// no surrounding White_Space (ASCII's or Unicode's); inside, any other text is kept.
    #[test]
    fn message_ids_survive_a_header() {
        let hook = Webhook::from_secret(Scheme::Standard, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let sign = |id| hook.sign(Some(id), 1_700_000_000, b"{}");
        for id in ["msg_1", "msg_é🔑", "a\u{a0}b", "a b", "\u{200b}msg", "msg\u{feff}", "a\u{3000}b"] {
            assert_eq!(sign(id).unwrap().first().map(|(_, v)| v.as_str()), Some(id), "{id:?}");
        }
        let characters = Error::InvalidArgument { reason: "message id has control characters or surrounding spaces" };
        for id in ["bad\nid", "a\u{7f}b", "a\u{80}b", "a\u{9f}", "\u{85}msg", " msg", "msg\t", "\u{a0}msg", "msg\u{2028}", "\u{3000}msg\u{3000}"] {
            assert_eq!(sign(id), Err(characters.clone()), "{id:?}");
        }
        assert_eq!(sign(""), Err(Error::InvalidArgument { reason: "message id must be 1 to 256 bytes" }));
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

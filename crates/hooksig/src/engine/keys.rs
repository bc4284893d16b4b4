//! A keyring built in place: every key's bytes back to back in one zeroized buffer, each key's
//! kind, end, expiry and hint in fixed arrays. Every rule for reading a secret lives here;
//! [`Secret::parse`](crate::Secret::parse) reads one through a keyring of one.

use alloc::vec::Vec;
use zeroize::{Zeroize, Zeroizing};

use super::{Code, Fail, Reason};
use crate::encoding::{decode_hex, decode_secret_base64, Encoding};
use crate::limits::{MAX_KEYS, MAX_KEY_BYTES, MAX_SECRET_TEXT};
use crate::secret::{check_generated_len, SecretFormat, SecretKind, WHSEC};
#[cfg(not(feature = "ed25519"))]
use crate::secret::{WHPK, WHSK};

/// `...` and at most four characters of at most four bytes each.
const HINT_BYTES: usize = 3 + 4 * 4;
/// Secrets shorter than this many characters get a hint of `...` alone (as [`Secret::hint`](crate::Secret::hint)).
const MIN_HINTED_LEN: usize = 16;

/// Up to [`MAX_KEYS`] keys, each valid until its expiry: HMAC keys, and with feature `ed25519`
/// Ed25519 keys (a secret key as its seed and public key, 64 bytes; a public key, 32).
pub struct Keyring {
    /// Every key's bytes, back to back. Only ever replaced whole, never grown in place: a `Vec`
    /// that reallocates would free the old bytes without zeroizing them.
    bytes: Zeroizing<Vec<u8>>,
    ends: [u16; MAX_KEYS],
    /// Without feature `ed25519` every key is an HMAC key: no kinds to keep, and every match on
    /// one folds away (~0.3 KB of the npm package's wasm).
    #[cfg(feature = "ed25519")]
    kinds: [SecretKind; MAX_KEYS],
    /// Unix seconds; `i64::MAX` for a key that never expires. Like every table here, only the
    /// first `count` entries are ever read: the rest start as zeros, which a new hook fills with
    /// less code than any other value.
    not_after: [i64; MAX_KEYS],
    hints: [[u8; HINT_BYTES]; MAX_KEYS],
    hint_lens: [u8; MAX_KEYS],
    count: usize,
}

impl core::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Keyring").field("keys", &self.count).finish_non_exhaustive()
    }
}

impl Keyring {
    /// An empty keyring with room for `bytes` bytes of keys (a secret's text or bytes bound its key).
    pub fn with_capacity(bytes: usize) -> Keyring {
        Keyring {
            bytes: Zeroizing::new(Vec::with_capacity(bytes.min(MAX_KEYS * MAX_KEY_BYTES))),
            ends: [0; MAX_KEYS],
            #[cfg(feature = "ed25519")]
            kinds: [SecretKind::Hmac; MAX_KEYS],
            not_after: [0; MAX_KEYS],
            hints: [[0; HINT_BYTES]; MAX_KEYS],
            hint_lens: [0; MAX_KEYS],
            count: 0,
        }
    }

    /// How many keys there are.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Key `index`'s bytes, if there is one.
    pub fn key(&self, index: usize) -> Option<&[u8]> {
        let start = match index.checked_sub(1) {
            Some(previous) => usize::from(*self.ends.get(previous)?),
            None => 0,
        };
        let end = usize::from(*self.ends.get(index).filter(|_| index < self.count)?);
        self.bytes.get(start..end)
    }

    /// Key `index`'s kind (HMAC past the last).
    pub fn kind(&self, index: usize) -> SecretKind {
        #[cfg(feature = "ed25519")]
        return self.kinds.get(index).copied().unwrap_or(SecretKind::Hmac);
        #[cfg(not(feature = "ed25519"))]
        {
            let _ = index;
            SecretKind::Hmac
        }
    }

    /// Whether key `index` is valid at `now`.
    pub fn is_active(&self, index: usize, now: i64) -> bool {
        index < self.count && self.not_after.get(index).is_some_and(|end| now <= *end)
    }

    /// Key `index`'s hint (`...abcd`), safe to display; `""` past the last key.
    pub fn hint(&self, index: usize) -> &str {
        let len = self.hint_lens.get(index).map_or(0, |n| usize::from(*n));
        let hint = self.hints.get(index).and_then(|h| h.get(..len)).unwrap_or_default();
        crate::text::utf8(hint).unwrap_or_default()
    }

    /// Parses `text` as `format` and adds its key, valid until `not_after` (unix seconds).
    pub fn add_text(&mut self, text: &str, format: SecretFormat, not_after: Option<i64>) -> Result<(), Fail> {
        if text.len() > MAX_SECRET_TEXT {
            return Err(Fail::counted(Code::SecretTooLong, MAX_SECRET_TEXT, text.len()));
        }
        // Unicode whitespace, as `str::trim`: a pasted secret may carry a no-break space. Raw text
        // is the key as it is.
        let trimmed = if format == SecretFormat::Raw { text } else { crate::text::trim(text) };
        if trimmed.is_empty() {
            return Err(Fail::new(Code::EmptySecret));
        }
        // One call to `add` for every format: less code where it is inlined.
        let (input, decode) = match format {
            SecretFormat::Text if trimmed.len() != text.len() => {
                return Err(Fail::because(Code::InvalidSecret, Reason::TextSecretWhitespace));
            }
            SecretFormat::Whsec => {
                #[cfg(feature = "ed25519")]
                if let Some(kind) = ed25519::kind_of(trimmed) {
                    let key = ed25519::key(trimmed, kind)?;
                    return self.add(&key, Decode::Copy, hint_tail(trimmed), not_after).map(|()| self.set_last_kind(kind));
                }
                // Without the feature, an Ed25519 key is refused, never read as an HMAC secret: its
                // text is valid URL-safe base64, and a receiver keyed with a *public* key would then
                // accept HMACs that anyone holding that public key can compute.
                #[cfg(not(feature = "ed25519"))]
                if trimmed.starts_with(WHSK) || trimmed.starts_with(WHPK) {
                    return Err(Fail::because(Code::InvalidSecret, Reason::Ed25519Unsupported));
                }
                (base64_key(trimmed.strip_prefix("whsec_").unwrap_or(trimmed))?, Decode::Base64(Reason::NotBase64AfterWhsec))
            }
            SecretFormat::Base64 => (base64_key(trimmed)?, Decode::Base64(Reason::NotBase64)),
            SecretFormat::Hex => (trimmed, Decode::Hex),
            // Text (without surrounding whitespace, so `trimmed` is all of it) and raw.
            _ => (trimmed, Decode::Copy),
        };
        self.add(input.as_bytes(), decode, hint_tail(trimmed), not_after)
    }

    /// Adds a key of exactly these bytes (the `raw` format), its hint from their hex.
    pub fn add_bytes(&mut self, bytes: &[u8], not_after: Option<i64>) -> Result<(), Fail> {
        // Refused before anything is hex-encoded for the hint: a huge key costs nothing.
        if bytes.len() > MAX_KEY_BYTES {
            return Err(Fail::counted(Code::SecretTooLong, MAX_KEY_BYTES, bytes.len()));
        }
        // The hint is of the key's hex (as [`Secret::from_bytes`](crate::Secret::from_bytes)):
        // only its last four digits are shown, and only from 16 digits (8 bytes) on.
        let mut tail = Vec::with_capacity(4);
        Encoding::Hex.encode_into(bytes.get(bytes.len().saturating_sub(2)..).unwrap_or_default(), &mut tail);
        let tail = if bytes.len() * 2 >= MIN_HINTED_LEN { &tail[..] } else { b"" };
        self.add(bytes, Decode::Copy, tail, not_after)
    }

    /// Adds `secret`'s key (parsed already, by a keyring of one) and its hint.
    pub(crate) fn add_secret(&mut self, secret: &crate::Secret, not_after: Option<i64>) -> Result<(), Fail> {
        let hint = secret.hint();
        self.add(secret.keyring_bytes(), Decode::Copy, hint.strip_prefix("...").unwrap_or(hint).as_bytes(), not_after)?;
        #[cfg(feature = "ed25519")]
        self.set_last_kind(secret.kind());
        Ok(())
    }

    #[cfg(feature = "ed25519")]
    fn set_last_kind(&mut self, kind: SecretKind) {
        if let Some(slot) = self.count.checked_sub(1).and_then(|last| self.kinds.get_mut(last)) {
            *slot = kind;
        }
    }

    /// Decodes `input` onto the end of the buffer as the next key (an HMAC key), its hint `...`
    /// and `hint_tail` ([`hint_tail`]).
    fn add(&mut self, input: &[u8], decode: Decode, hint_tail: &[u8], not_after: Option<i64>) -> Result<(), Fail> {
        if input.is_empty() {
            return Err(Fail::new(Code::EmptySecret));
        }
        let start = self.bytes.len();
        // A decoded key is never longer than its text (at most MAX_SECRET_TEXT): decoded whole, so
        // that an oversized key is refused with its length.
        let room = input.len();
        if self.bytes.capacity() - start < room {
            let mut grown = Zeroizing::new(Vec::with_capacity(start + room));
            grown.extend_from_slice(&self.bytes);
            self.bytes = grown;
        }
        self.bytes.resize(start + room, 0);
        let out = self.bytes.get_mut(start..).unwrap_or_default();
        let decoded = match decode {
            Decode::Copy => out.get_mut(..input.len()).map(|out| {
                out.copy_from_slice(input);
                input.len()
            }),
            Decode::Base64(_) => decode_secret_base64(input, out),
            Decode::Hex => decode_hex(input, out),
        };
        // On every failure the bytes written are zeroized before the buffer is cut back.
        let len = decoded.unwrap_or(0);
        let failed = match decoded {
            None => Some(match decode {
                Decode::Base64(reason) => Fail::because(Code::InvalidSecret, reason),
                Decode::Hex => Fail::because(Code::InvalidSecret, Reason::NotHex),
                Decode::Copy => Fail::counted(Code::SecretTooLong, MAX_KEY_BYTES, input.len()),
            }),
            Some(0) => Some(Fail::new(Code::EmptySecret)),
            Some(n) if n > MAX_KEY_BYTES => Some(Fail::counted(Code::SecretTooLong, MAX_KEY_BYTES, n)),
            // Counted after the key is read, so that an invalid secret is reported as such first.
            Some(_) if self.count >= MAX_KEYS => Some(Fail::counted(Code::TooManyKeys, MAX_KEYS, self.count + 1)),
            Some(_) => None,
        };
        if let Some(fail) = failed {
            self.bytes.get_mut(start..).map(Zeroize::zeroize);
            self.bytes.truncate(start);
            return Err(fail);
        }
        self.bytes.truncate(start + len);
        let index = self.count;
        if let (Some(end), Some(expiry)) = (self.ends.get_mut(index), self.not_after.get_mut(index)) {
            *end = (start + len) as u16;
            *expiry = not_after.unwrap_or(i64::MAX);
        }
        #[cfg(feature = "ed25519")]
        if let Some(kind) = self.kinds.get_mut(index) {
            *kind = SecretKind::Hmac;
        }
        if let (Some(hint), Some(hint_len)) = (self.hints.get_mut(index), self.hint_lens.get_mut(index)) {
            let len = (3 + hint_tail.len()).min(HINT_BYTES);
            *hint = [b'.'; HINT_BYTES];
            if let Some(slot) = hint.get_mut(3..len) {
                slot.copy_from_slice(hint_tail.get(..len - 3).unwrap_or_default());
            }
            *hint_len = len as u8;
        }
        self.count += 1;
        Ok(())
    }
}

/// Appends `bytes` as a secret in `format` (`whsec_` + base64, base64, or lowercase hex, also for
/// text), held to generation's bounds for the format. `out` gets room for it first, so a `out`
/// that zeroizes on drop leaves no copy behind in freed memory.
pub fn write_secret(bytes: &[u8], format: SecretFormat, out: &mut Vec<u8>) -> Result<(), Fail> {
    check_generated_len(bytes.len(), format)?;
    if format == SecretFormat::Raw {
        return Err(Fail::because(Code::InvalidArgument, Reason::RawSecretText));
    }
    let (prefix, encoding, len) = match format {
        SecretFormat::Whsec => (WHSEC, Encoding::Base64, bytes.len().div_ceil(3) * 4),
        SecretFormat::Base64 => ("", Encoding::Base64, bytes.len().div_ceil(3) * 4),
        _ => ("", Encoding::Hex, bytes.len() * 2),
    };
    out.reserve(prefix.len() + len);
    out.extend_from_slice(prefix.as_bytes());
    encoding.encode_into(bytes, out);
    Ok(())
}

#[derive(Clone, Copy)]
enum Decode {
    Copy,
    /// Base64, with the reason an invalid one gives.
    Base64(Reason),
    Hex,
}

/// `encoded`, if it can be the base64 text of a key as providers write one (see
/// [`Secret::parse`](crate::Secret::parse)): no `whsec_` prefix in the wrong case or given twice,
/// and one alphabet.
fn base64_key(encoded: &str) -> Result<&str, Fail> {
    if encoded.get(..6).is_some_and(|start| start.eq_ignore_ascii_case("whsec_")) {
        return Err(Fail::because(Code::InvalidSecret, Reason::WhsecPrefix));
    }
    let has = |a: u8, b: u8| encoded.bytes().any(|c| c == a || c == b);
    if has(b'+', b'/') && has(b'-', b'_') {
        return Err(Fail::because(Code::InvalidSecret, Reason::MixedBase64));
    }
    if encoded.is_empty() {
        return Err(Fail::new(Code::EmptySecret));
    }
    Ok(encoded)
}

/// What a key's hint shows after `...`: the last four characters of the secret as shown, or
/// nothing under 16 characters.
fn hint_tail(shown: &str) -> &[u8] {
    // One pass from the end: characters counted by their first bytes (UTF-8 continuation bytes
    // are 0b10xxxxxx), the tail starting at the fourth.
    let bytes = shown.as_bytes();
    let (mut chars, mut tail) = (0, bytes.len());
    for (at, byte) in bytes.iter().enumerate().rev() {
        if byte & 0xC0 != 0x80 {
            chars += 1;
            if chars == 4 {
                tail = at;
            }
        }
    }
    if chars >= MIN_HINTED_LEN {
        bytes.get(tail..).unwrap_or_default()
    } else {
        b""
    }
}

/// Standard Webhooks' Ed25519 keys (`v1a`): `whsk_` secret keys and `whpk_` public keys, base64.
#[cfg(feature = "ed25519")]
pub(crate) mod ed25519 {
    use super::{Code, Fail, Reason, SecretKind};
    use crate::encoding::decode_base64_vec;
    use crate::secret::{WHPK, WHSK};
    use zeroize::Zeroizing;

    /// The kind of key `text` is by its prefix, if an Ed25519 one.
    pub(super) fn kind_of(text: &str) -> Option<SecretKind> {
        if text.starts_with(WHSK) {
            Some(SecretKind::Ed25519Signing)
        } else if text.starts_with(WHPK) {
            Some(SecretKind::Ed25519Public)
        } else {
            None
        }
    }

    /// The key as the keyring holds it: a secret key's seed and public key, or a public key.
    pub(super) fn key(text: &str, kind: SecretKind) -> Result<Zeroizing<alloc::vec::Vec<u8>>, Fail> {
        let invalid = |reason| Fail::because(Code::InvalidSecret, reason);
        let signing = kind == SecretKind::Ed25519Signing;
        let encoded = text.get(WHSK.len()..).unwrap_or_default();
        if encoded.is_empty() {
            return Err(Fail::new(Code::EmptySecret));
        }
        let bytes = decode_base64_vec(encoded)
            .map(Zeroizing::new)
            .ok_or(invalid(if signing { Reason::SigningKeyNotBase64 } else { Reason::PublicKeyNotBase64 }))?;
        if !signing {
            let public: [u8; 32] = bytes.as_slice().try_into().map_err(|_| invalid(Reason::PublicKeyLength))?;
            ed25519_dalek::VerifyingKey::from_bytes(&public).map_err(|_| invalid(Reason::NotEd25519PublicKey))?;
            return Ok(bytes);
        }
        // The 32-byte seed, or seed || public key (the 64-byte form many libraries export).
        let seed: Zeroizing<[u8; 32]> = match bytes.len() {
            32 | 64 => bytes.get(..32).and_then(|s| s.try_into().ok()).map(Zeroizing::new),
            _ => None,
        }
        .ok_or(invalid(Reason::SigningKeyLength))?;
        let public = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
        if bytes.len() == 64 && bytes.get(32..) != Some(public.as_bytes().as_slice()) {
            return Err(invalid(Reason::SigningKeyMismatch));
        }
        let mut key = Zeroizing::new(alloc::vec::Vec::with_capacity(64));
        key.extend_from_slice(seed.as_slice());
        key.extend_from_slice(public.as_bytes());
        Ok(key)
    }

    /// Key bytes as [`key`] makes them: the public key.
    pub(crate) fn public(bytes: &[u8]) -> Option<ed25519_dalek::VerifyingKey> {
        let public: &[u8; 32] = bytes.get(bytes.len().checked_sub(32)?..)?.try_into().ok()?;
        ed25519_dalek::VerifyingKey::from_bytes(public).ok()
    }

    /// Key bytes as [`key`] makes them: a secret key's signing key.
    pub(crate) fn signing(bytes: &[u8]) -> Option<ed25519_dalek::SigningKey> {
        let seed: Zeroizing<[u8; 32]> = Zeroizing::new(bytes.get(..32)?.try_into().ok()?);
        Some(ed25519_dalek::SigningKey::from_bytes(&seed))
    }
}

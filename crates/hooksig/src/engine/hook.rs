//! A scheme, a keyring and a replay window, verified against and signed with in place: headers read
//! by position, candidates in a fixed array, the signed content handed to the HMAC part by part,
//! and failures as [`Fail`]s.

use alloc::vec::Vec;

use super::{Code, Fail, Keyring};
use crate::headers::{self, trim_ows, IndexedHeaders};
use crate::limits::{DEFAULT_TOLERANCE, MAX_ID_BYTES, MAX_SIGNATURES, MAX_TEMPLATE_PARTS};
use crate::mac::{ct_eq, Algorithm, MacBackend, Tag};
use crate::scheme::CustomSchemeRef;
use crate::secret::SecretFormat;
use crate::timestamp;
use crate::wire::{Part, Variant, Wire, WireLayout};

/// Verifies and signs deliveries of one scheme with one keyring (HMAC keys only).
#[derive(Debug)]
pub struct Hook {
    wire: Wire,
    keys: Keyring,
    tolerance: u64,
}

/// What a verify found, filled in as it reads: on success which key matched and how, with the id
/// and timestamp where the scheme has them; on a replay-window failure, the timestamp it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified<'h> {
    /// The matching key's index in the keyring.
    pub key_index: usize,
    /// The hash under the matching HMAC.
    pub algorithm: Algorithm,
    /// The message id, as received (scheme with an id header).
    pub id: Option<&'h str>,
    /// The signed timestamp in unix seconds (scheme with a timestamp).
    pub timestamp: Option<i64>,
}

impl Default for Verified<'_> {
    fn default() -> Self {
        Verified { key_index: 0, algorithm: Algorithm::Sha256, id: None, timestamp: None }
    }
}

impl Hook {
    /// A hook with no scheme laid out (nothing verifies or signs until one is), no keys (room for
    /// `key_bytes` bytes of them) and the default replay window.
    pub fn new(key_bytes: usize) -> Hook {
        Hook { wire: Wire::new(), keys: Keyring::with_capacity(key_bytes), tolerance: DEFAULT_TOLERANCE }
    }

    /// Lays out the preset named `name` (`standard`, `svix`, `stripe`, `github`, `github-sha1`,
    /// `slack`, `shopify`).
    pub fn preset(&mut self, name: &str) -> Result<(), Fail> {
        self.wire.lay_out_preset(name)
    }

    /// Checks a custom scheme and lays it out (on a failure, none is).
    pub fn custom(&mut self, scheme: &CustomSchemeRef<'_>) -> Result<(), Fail> {
        self.wire.lay_out_custom(scheme)
    }

    /// The keyring.
    pub fn keys(&self) -> &Keyring {
        &self.keys
    }

    /// The keyring, to add keys to.
    pub fn keys_mut(&mut self) -> &mut Keyring {
        &mut self.keys
    }

    /// Sets the replay window in seconds, either side of `now`.
    pub fn set_tolerance(&mut self, seconds: u64) {
        self.tolerance = seconds;
    }

    /// The replay window in seconds.
    pub fn tolerance(&self) -> u64 {
        self.tolerance
    }

    /// The scheme's name.
    pub fn name(&self) -> &str {
        self.wire.name()
    }

    /// How a secret given without a format is read: `whsec_` for Standard Webhooks, a custom
    /// scheme's own, else text.
    pub fn secret_format(&self) -> SecretFormat {
        self.wire.secret_format
    }

    /// Every header name verification may read, lowercase; a header's position here is how
    /// headers are read ([`IndexedHeaders`]) and named in failures ([`Fail::header`]).
    pub fn header_names(&self) -> impl Iterator<Item = &str> {
        self.wire.header_names()
    }

    /// Header `index`'s name in lowercase (`""` past the last).
    pub fn header_name(&self, index: u8) -> &str {
        self.wire.header_name(index, false)
    }

    /// Header `index`'s name as the provider sends it (`""` past the last).
    pub fn sent_header_name(&self, index: u8) -> &str {
        self.wire.header_name(index, true)
    }

    /// Whether the signed content holds a message id, which [`sign`](Self::sign) then requires.
    pub fn signs_id(&self) -> bool {
        self.wire.template().contains(&Part::Id)
    }

    /// Verifies a delivery: `body` exactly as received, its header values by position, and the
    /// current unix time. What it finds goes into `found`, which a failure leaves partly filled
    /// (the timestamp a replay-window failure names).
    pub fn verify<'h, M, I>(&self, mac: &M, headers: &'h I, body: &[u8], now: i64, found: &mut Verified<'h>) -> Result<(), Fail>
    where
        M: MacBackend + ?Sized,
        I: IndexedHeaders + ?Sized,
    {
        let wire = &self.wire;
        // The first variant any of whose headers is present, else the first (to name what is missing).
        let variant_index = wire.variants().position(|v| v.headers().any(|h| headers::present(headers, h))).unwrap_or(0);
        let Some(variant) = wire.variant(variant_index) else { return Err(Fail::new(Code::NoMatchingSignature)) };
        let id = variant.id.map(|h| headers::required(headers, h)).transpose()?;
        let mut timestamp_text = variant.timestamp.map(|h| headers::required(headers, h)).transpose()?;
        let mut candidates = Candidates { tags: [[0; 32]; MAX_SIGNATURES], count: 0, entries: 0, algorithm: variant.algorithm };
        self.read_signatures(variant, headers, &mut timestamp_text, &mut candidates)?;
        let timestamp = match timestamp_text {
            Some(text) => {
                let value = timestamp::parse(text, wire.unit)?;
                found.timestamp = Some(value);
                timestamp::check(value, now, self.tolerance)?;
                Some(value)
            }
            None => None,
        };
        if !(0..self.keys.len()).any(|k| self.keys.is_active(k, now)) {
            return Err(Fail::new(Code::NoActiveKey));
        }
        let mut parts: [&[u8]; MAX_TEMPLATE_PARTS] = [&[]; MAX_TEMPLATE_PARTS];
        let message = self.message(&mut parts, id, timestamp_text, body);
        let algorithm = variant.algorithm;
        let tag_len = algorithm.tag_len();
        let matched = (0..self.keys.len()).filter(|k| candidates.count > 0 && self.keys.is_active(*k, now)).find(|k| {
            let tag: Tag = mac.hmac(algorithm, self.keys.key(*k).unwrap_or_default(), message);
            let tag = tag.get(..tag_len).unwrap_or_default();
            // Every candidate is compared in full: the loop's timing depends on how many
            // candidates there are, never on where a mismatch is.
            let mut matched = false;
            for candidate in candidates.tags.iter().take(candidates.count) {
                matched |= ct_eq(tag, candidate.get(..tag_len).unwrap_or_default());
            }
            matched
        });
        let Some(key_index) = matched else { return Err(Fail::new(Code::NoMatchingSignature)) };
        // Checked only after a match: a forged delivery is reported as unsigned, whatever its id.
        let id = match id {
            Some(id) => Some(core::str::from_utf8(id).map_err(|_| Fail::malformed(variant.id.unwrap_or_default(), "not UTF-8"))?),
            None => None,
        };
        *found = Verified { key_index, algorithm, id, timestamp };
        Ok(())
    }

    /// Reads the signature header's entries into `candidates` (and, in a key-value layout, the
    /// timestamp into `timestamp`).
    fn read_signatures<'h, I: IndexedHeaders + ?Sized>(
        &self,
        variant: &Variant,
        headers: &'h I,
        timestamp: &mut Option<&'h [u8]>,
        candidates: &mut Candidates,
    ) -> Result<(), Fail> {
        let wire = &self.wire;
        let name = variant.signature;
        headers::check_all(headers, name)?;
        let prefix = wire.text(variant.prefix).as_bytes();
        let signature_key = wire.text(wire.signature_key).as_bytes();
        let timestamp_key = wire.timestamp_key.map(|k| wire.text(k).as_bytes());
        let is_separator = |c: &u8| *c == wire.separator;
        let encoding = wire.encoding;
        let mut add = |text: Option<&[u8]>| candidates.add(encoding, text);
        for value in headers.values(name).map(trim_ows) {
            if wire.layout == WireLayout::Single {
                add(value.strip_prefix(prefix))?;
                continue;
            }
            for entry in value.split(is_separator) {
                if wire.layout == WireLayout::List {
                    // Another version (`v1a,`, Ed25519) is an entry too, counted and skipped.
                    if !entry.is_empty() {
                        add(entry.strip_prefix(prefix))?;
                    }
                    continue;
                }
                let pair = trim_ows(entry);
                if pair.is_empty() {
                    continue;
                }
                let Some(eq) = pair.iter().position(|&c| c == b'=') else {
                    // Neither the timestamp nor a signature: skipped, and counted, like an entry
                    // with an unknown key (as Stripe's own libraries do).
                    add(None)?;
                    continue;
                };
                let (key, value) = (pair.get(..eq).unwrap_or_default(), pair.get(eq + 1..).unwrap_or_default());
                if timestamp_key == Some(key) {
                    // The same timestamp again (a proxy repeating the header) changes nothing, and
                    // counts as an entry; two different ones leave the signed one ambiguous.
                    if let Some(previous) = timestamp.replace(value) {
                        if previous != value {
                            return Err(Fail::malformed(name, "repeated timestamp"));
                        }
                        add(None)?;
                    }
                } else {
                    add((key == signature_key).then_some(value))?;
                }
            }
        }
        // After every value: a repeated header's entries count together, in any order.
        if timestamp_key.is_some() && timestamp.is_none() {
            return Err(Fail::malformed(name, "no timestamp entry"));
        }
        Ok(())
    }

    /// The signed content's parts in order, the body among them, as the HMAC takes them: nothing
    /// is copied together.
    fn message<'a>(&'a self, parts: &'a mut [&'a [u8]; MAX_TEMPLATE_PARTS], id: Option<&'a [u8]>, timestamp: Option<&'a [u8]>, body: &'a [u8]) -> &'a [&'a [u8]] {
        let template = self.wire.template();
        for (slot, part) in parts.iter_mut().zip(template) {
            *slot = match part {
                Part::Literal(span) => self.wire.text(*span).as_bytes(),
                Part::Id => id.unwrap_or_default(),
                Part::Timestamp => timestamp.unwrap_or_default(),
                Part::Body => body,
            };
        }
        parts.get(..template.len()).unwrap_or_default()
    }

    /// Every header a sender attaches, handed to `emit` in order (id, timestamp, signatures): its
    /// position in [`header_names`](Self::header_names) and its value. Keys valid at `timestamp`
    /// sign; `id` is required where the scheme signs one. Nothing is emitted on a failure.
    pub fn sign<M: MacBackend + ?Sized>(
        &self,
        mac: &M,
        id: Option<&str>,
        timestamp: i64,
        body: &[u8],
        emit: &mut dyn FnMut(u8, &[u8]),
    ) -> Result<(), Fail> {
        timestamp::check_signable(timestamp)?;
        let needs_id = self.signs_id();
        let id = match id {
            Some(id) if needs_id => Some(check_id(id)?),
            None if needs_id => return Err(Fail::because(Code::InvalidArgument, "this scheme signs a message id")),
            _ => None,
        };
        let timestamp_text = timestamp::decimal(timestamp, self.wire.unit);
        let timestamp_text = timestamp_text.as_bytes();
        let mut parts: [&[u8]; MAX_TEMPLATE_PARTS] = [&[]; MAX_TEMPLATE_PARTS];
        let message = self.message(&mut parts, id.map(str::as_bytes), Some(timestamp_text), body);
        let mut values = [Vec::new(), Vec::new()];
        for (variant, value) in self.wire.variants().zip(values.iter_mut()).filter(|(v, _)| v.sign) {
            self.signature_value(mac, variant, timestamp_text, timestamp, message, value)?;
        }
        for (variant, value) in self.wire.variants().zip(values.iter()).filter(|(v, _)| v.sign) {
            if let (Some(header), Some(id)) = (variant.id, id) {
                emit(header, id.as_bytes());
            }
            if let Some(header) = variant.timestamp {
                emit(header, timestamp_text);
            }
            emit(variant.signature, value);
        }
        Ok(())
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
    ) -> Result<(), Fail> {
        let wire = &self.wire;
        let (prefix, key): (&[u8], &[u8]) = match wire.layout {
            WireLayout::KeyValue => (b"", wire.text(wire.signature_key).as_bytes()),
            _ => (wire.text(variant.prefix).as_bytes(), b""),
        };
        let eq: &[u8] = if key.is_empty() { b"" } else { b"=" };
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
        for index in (0..self.keys.len()).filter(|k| self.keys.is_active(*k, timestamp)) {
            let tag = mac.hmac(variant.algorithm, self.keys.key(index).unwrap_or_default(), message);
            encoded.clear();
            wire.encoding.encode_into(tag.get(..variant.algorithm.tag_len()).unwrap_or_default(), &mut encoded);
            push(value, &[prefix, key, eq, &encoded]);
            signed = true;
            // One signature per header value: the first active key's.
            if single {
                break;
            }
        }
        if signed {
            Ok(())
        } else {
            Err(Fail::new(Code::NoActiveKey))
        }
    }
}

/// Candidate tags as they are read, counting every entry (other versions too) against
/// [`MAX_SIGNATURES`].
struct Candidates {
    tags: [Tag; MAX_SIGNATURES],
    count: usize,
    entries: usize,
    algorithm: Algorithm,
}

impl Candidates {
    /// Adds one entry: a signature's text, or `None` for another version or key.
    fn add(&mut self, encoding: crate::Encoding, text: Option<&[u8]>) -> Result<(), Fail> {
        self.entries += 1;
        if self.entries > MAX_SIGNATURES {
            return Err(Fail::counted(Code::TooManySignatures, MAX_SIGNATURES, self.entries));
        }
        let Some(text) = text else { return Ok(()) };
        let mut bytes = [0u8; 64];
        // Undecodable, empty or wrong-length signatures can never match: dropped here, so an
        // empty `v1,` (CVE-2024-21491) or a truncated tag is never compared at all.
        let len = self.algorithm.tag_len();
        if encoding.decode_into(text, &mut bytes) == Some(len) {
            if let (Some(slot), Some(tag)) = (self.tags.get_mut(self.count), bytes.get(..len)) {
                slot.get_mut(..len).unwrap_or_default().copy_from_slice(tag);
                self.count += 1;
            }
        }
        Ok(())
    }
}

/// A message id must survive a trip through an HTTP header unchanged.
pub(crate) fn check_id(id: &str) -> Result<&str, Fail> {
    if id.is_empty() || id.len() > MAX_ID_BYTES {
        return Err(Fail::because(Code::InvalidArgument, "message id must be 1 to 256 bytes"));
    }
    // Control characters and surrounding whitespace: ASCII's and Unicode's (C1 controls, NBSP…).
    if id.chars().any(char::is_control) || id.trim() != id {
        return Err(Fail::because(Code::InvalidArgument, "message id has control characters or surrounding spaces"));
    }
    Ok(id)
}

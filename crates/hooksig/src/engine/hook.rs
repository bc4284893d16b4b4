//! A scheme, a keyring and a replay window, verified against and signed with in place: headers read
//! by position, candidates in a fixed array, the signed content handed to the HMAC part by part,
//! and failures as [`Fail`]s.

use alloc::vec::Vec;

use super::{Code, Fail, Keyring, Reason};
use crate::encoding::Encoding;
use crate::headers::{self, trim_ows, IndexedHeaders};
use crate::limits::{DEFAULT_TOLERANCE, MAX_ID_BYTES, MAX_SIGNATURES, MAX_TEMPLATE_PARTS};
use crate::mac::{ct_eq, Algorithm, MacBackend, Tag};
use crate::scheme::CustomSchemeRef;
use crate::secret::{SecretFormat, SecretKind};
use crate::webhook::SignatureKind;
use crate::{text, timestamp};
use crate::wire::{Part, Variant, Wire, WireLayout, MAX_VARIANTS};

/// Verifies and signs deliveries of one scheme with one keyring. Ed25519 keys (feature `ed25519`)
/// act only in the schemes that carry their `v1a` signatures (Standard Webhooks).
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
    /// What matched.
    pub kind: SignatureKind,
    /// The message id, as received (scheme with an id header).
    pub id: Option<&'h str>,
    /// The signed timestamp in unix seconds (scheme with a timestamp).
    pub timestamp: Option<i64>,
}

impl Default for Verified<'_> {
    fn default() -> Self {
        Verified { key_index: 0, kind: SignatureKind::HmacSha256, id: None, timestamp: None }
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

    /// How many [`header_names`](Self::header_names) there are.
    pub fn header_count(&self) -> usize {
        self.wire.header_count()
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
        self.wire.has(Part::Id)
    }

    /// How many of the leading [`header_names`](Self::header_names) are the primary variant's:
    /// also how many headers [`sign`](Self::sign) emits first, the signature header last of them.
    pub fn primary_header_count(&self) -> usize {
        self.wire.variant(0).map_or(0, |v| 1 + usize::from(v.id.is_some()) + usize::from(v.timestamp.is_some()))
    }

    /// The primary variant's signature header.
    pub(crate) fn primary_signature_header(&self) -> Option<u8> {
        self.wire.variant(0).map(|v| v.signature)
    }

    /// Verifies a delivery: `body` exactly as received, its header values by position, and the
    /// current unix time. What it finds goes into `found`, which a failure leaves partly filled
    /// (the timestamp a replay-window failure names).
    pub fn verify<'h, M, I>(&self, mac: &M, headers: &'h I, body: &[u8], now: i64, found: &mut Verified<'h>) -> Result<(), Fail>
    where
        M: MacBackend + ?Sized,
        I: IndexedHeaders + ?Sized,
    {
        let mut candidates = Candidates::new();
        let read = self.read(headers, now, &mut candidates, &mut found.timestamp)?;
        *found = self.check(mac, &read, &candidates, body, now)?;
        Ok(())
    }

    /// The first half of a verify: reads and checks the headers (every failure found without the
    /// body or a key), the candidate signatures into `candidates`; `timestamp` gets the timestamp
    /// as soon as it is read (a replay-window failure names it).
    // Inlined: a binding's build has one verify, and the halves apart pass more between them.
    #[inline(always)]
    pub(crate) fn read<'h, I: IndexedHeaders + ?Sized>(
        &self,
        headers: &'h I,
        now: i64,
        candidates: &mut Candidates,
        timestamp: &mut Option<i64>,
    ) -> Result<Read<'h>, Fail> {
        let wire = &self.wire;
        // The first variant any of whose headers is present, else the first (to name what is missing).
        let present = |h| headers::present(headers, h);
        let any_present = |v: &Variant| v.id.is_some_and(present) || v.timestamp.is_some_and(present) || present(v.signature);
        let variant_index = (0..MAX_VARIANTS).find(|i| wire.variant(*i).is_some_and(any_present)).unwrap_or(0);
        let Some(variant) = wire.variant(variant_index) else { return Err(Fail::new(Code::NoMatchingSignature)) };
        let id = variant.id.map(|h| headers::required(headers, h)).transpose()?;
        let mut timestamp_text = variant.timestamp.map(|h| headers::required(headers, h)).transpose()?;
        candidates.algorithm = variant.algorithm;
        self.read_signatures(variant, headers, &mut timestamp_text, candidates)?;
        let timestamp = match timestamp_text {
            Some(text) => {
                let value = timestamp::parse(text, wire.unit)?;
                *timestamp = Some(value);
                timestamp::check(value, now, self.tolerance)?;
                Some((value, text))
            }
            None => None,
        };
        if !(0..self.keys.len()).any(|k| self.keys.is_active(k, now)) {
            return Err(Fail::new(Code::NoActiveKey));
        }
        Ok(Read { variant: variant_index, id, timestamp })
    }

    /// The second half of a verify: the body against the headers [`read`](Self::read) at the same
    /// `now`, with every key valid then.
    #[inline(always)]
    pub(crate) fn check<'h, M: MacBackend + ?Sized>(
        &self,
        mac: &M,
        read: &Read<'h>,
        candidates: &Candidates,
        body: &[u8],
        now: i64,
    ) -> Result<Verified<'h>, Fail> {
        let Some(variant) = self.wire.variant(read.variant) else { return Err(Fail::new(Code::NoMatchingSignature)) };
        let mut parts: [&[u8]; MAX_TEMPLATE_PARTS] = [&[]; MAX_TEMPLATE_PARTS];
        let message = self.message(&mut parts, read.id, read.timestamp.map(|(_, text)| text), body);
        let algorithm = variant.algorithm;
        let hmac = hmac_kind(algorithm);
        let tag_len = algorithm.tag_len();
        // Ed25519 needs the message whole: built once, on first use, whatever the number of keys.
        #[cfg(feature = "ed25519")]
        let mut whole: Option<Vec<u8>> = None;
        let matched = (0..self.keys.len()).filter(|k| self.keys.is_active(*k, now)).find_map(|k| {
            let key = self.keys.key(k).unwrap_or_default();
            match self.keys.kind(k) {
                SecretKind::Hmac if candidates.has(hmac) => {
                    let tag: Tag = mac.hmac(algorithm, key, message);
                    let tag = tag.get(..tag_len).unwrap_or_default();
                    // Every candidate is compared in full: the loop's timing depends on how many
                    // candidates there are, never on where a mismatch is.
                    let mut matched = false;
                    for candidate in candidates.of(hmac) {
                        matched |= ct_eq(tag, candidate.get(..tag_len).unwrap_or_default());
                    }
                    matched.then_some((k, hmac))
                }
                #[cfg(feature = "ed25519")]
                SecretKind::Ed25519Signing | SecretKind::Ed25519Public if candidates.has(SignatureKind::Ed25519) => {
                    let public = super::keys::ed25519::public(key)?;
                    let whole = whole.get_or_insert_with(|| message.concat());
                    candidates
                        .of(SignatureKind::Ed25519)
                        .any(|candidate| {
                            let signature = ed25519_dalek::Signature::from_bytes(candidate);
                            public.verify_strict(whole, &signature).is_ok()
                        })
                        .then_some((k, SignatureKind::Ed25519))
                }
                _ => None,
            }
        });
        let Some((key_index, kind)) = matched else { return Err(Fail::new(Code::NoMatchingSignature)) };
        // Checked only after a match: a forged delivery is reported as unsigned, whatever its id.
        let id = match read.id {
            Some(id) => Some(text::utf8(id).ok_or(Fail::malformed(variant.id.unwrap_or_default(), Reason::NotUtf8))?),
            None => None,
        };
        Ok(Verified { key_index, kind, id, timestamp: read.timestamp.map(|(value, _)| value) })
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
        let hmac = hmac_kind(variant.algorithm);
        let encoding = wire.encoding;
        let hmac_signature = |text: Option<&'h [u8]>| text.map(|t| (hmac, t));
        for value in headers.values(name).map(trim_ows) {
            if wire.layout == WireLayout::Single {
                candidates.add(encoding, hmac_signature(value.strip_prefix(prefix)))?;
                continue;
            }
            for entry in value.split(is_separator) {
                if wire.layout == WireLayout::List {
                    if entry.is_empty() {
                        continue;
                    }
                    // Another version is an entry too, counted (and skipped unless it is Ed25519's
                    // `v1a` in a build and scheme that verify it).
                    let signature = match entry.strip_prefix(prefix) {
                        Some(signature) => Some((hmac, signature)),
                        #[cfg(feature = "ed25519")]
                        None if wire.ed25519 => entry.strip_prefix(b"v1a,").map(|s| (SignatureKind::Ed25519, s)),
                        None => None,
                    };
                    candidates.add(encoding, signature)?;
                    continue;
                }
                let pair = trim_ows(entry);
                if pair.is_empty() {
                    continue;
                }
                let Some(eq) = pair.iter().position(|&c| c == b'=') else {
                    // Neither the timestamp nor a signature: skipped, and counted, like an entry
                    // with an unknown key (as Stripe's own libraries do).
                    candidates.add(encoding, None)?;
                    continue;
                };
                let (key, value) = (pair.get(..eq).unwrap_or_default(), pair.get(eq + 1..).unwrap_or_default());
                if timestamp_key == Some(key) {
                    // The same timestamp again (a proxy repeating the header) changes nothing, and
                    // counts as an entry; two different ones leave the signed one ambiguous.
                    if let Some(previous) = timestamp.replace(value) {
                        if previous != value {
                            return Err(Fail::malformed(name, Reason::RepeatedTimestamp));
                        }
                        candidates.add(encoding, None)?;
                    }
                } else {
                    candidates.add(encoding, hmac_signature((key == signature_key).then_some(value)))?;
                }
            }
        }
        // After every value: a repeated header's entries count together, in any order.
        if timestamp_key.is_some() && timestamp.is_none() {
            return Err(Fail::malformed(name, Reason::NoTimestampEntry));
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
            None if needs_id => return Err(Fail::because(Code::InvalidArgument, Reason::NeedsMessageId)),
            _ => None,
        };
        let timestamp_text = timestamp::decimal(timestamp, self.wire.unit);
        let timestamp_text = timestamp_text.as_bytes();
        let mut parts: [&[u8]; MAX_TEMPLATE_PARTS] = [&[]; MAX_TEMPLATE_PARTS];
        let message = self.message(&mut parts, id.map(str::as_bytes), Some(timestamp_text), body);
        // Every signature first, so that nothing is emitted on a failure; a variant by its index.
        let mut values: [Vec<u8>; MAX_VARIANTS] = [Vec::new(), Vec::new()];
        let signing = |i| self.wire.variant(i).filter(|v| v.sign);
        for (i, value) in values.iter_mut().enumerate() {
            if let Some(variant) = signing(i) {
                self.signature_value(mac, variant, timestamp_text, timestamp, message, value)?;
            }
        }
        for (i, value) in values.iter().enumerate() {
            let Some(variant) = signing(i) else { continue };
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
        // Each entry's text straight into the value, after a separator between entries.
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
        for index in (0..self.keys.len()).filter(|k| self.keys.is_active(*k, timestamp)) {
            let bytes = self.keys.key(index).unwrap_or_default();
            match self.keys.kind(index) {
                SecretKind::Hmac => {
                    let tag = mac.hmac(variant.algorithm, bytes, message);
                    push(value, &[prefix, key, eq]);
                    wire.encoding.encode_into(tag.get(..variant.algorithm.tag_len()).unwrap_or_default(), value);
                }
                #[cfg(feature = "ed25519")]
                SecretKind::Ed25519Signing if wire.ed25519 => {
                    use ed25519_dalek::Signer;
                    let Some(signing) = super::keys::ed25519::signing(bytes) else { continue };
                    push(value, &[b"v1a,"]);
                    Encoding::Base64.encode_into(&signing.sign(&message.concat()).to_bytes(), value);
                }
                // A public key cannot sign; an Ed25519 key has no signature in other schemes.
                _ => continue,
            }
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

/// A delivery's headers as [`Hook::read`] found them.
pub(crate) struct Read<'h> {
    /// Which of the scheme's variants the headers are (0: the primary one).
    pub(crate) variant: usize,
    /// The message id's bytes, checked for UTF-8 only after a match.
    pub(crate) id: Option<&'h [u8]>,
    /// The timestamp's value and its text as signed.
    pub(crate) timestamp: Option<(i64, &'h [u8])>,
}

/// The longest signature: an Ed25519 one where the build verifies them, else an HMAC-SHA256 tag.
const SIGNATURE_BYTES: usize = if cfg!(feature = "ed25519") { 64 } else { 32 };

/// Candidate signatures as they are read, counting every entry (other versions too) against
/// [`MAX_SIGNATURES`].
#[derive(Clone)]
pub(crate) struct Candidates {
    signatures: [[u8; SIGNATURE_BYTES]; MAX_SIGNATURES],
    /// Each signature's kind (without feature `ed25519`, all the variant's HMAC).
    #[cfg(feature = "ed25519")]
    kinds: [SignatureKind; MAX_SIGNATURES],
    count: usize,
    entries: usize,
    /// The HMAC's hash, which fixes its tags' length.
    algorithm: Algorithm,
}

impl Candidates {
    pub(crate) fn new() -> Candidates {
        Candidates {
            signatures: [[0; SIGNATURE_BYTES]; MAX_SIGNATURES],
            #[cfg(feature = "ed25519")]
            kinds: [SignatureKind::HmacSha256; MAX_SIGNATURES],
            count: 0,
            entries: 0,
            algorithm: Algorithm::Sha256,
        }
    }

    /// Adds one entry: a signature of a kind and its text, or `None` for another version or key.
    fn add(&mut self, encoding: Encoding, entry: Option<(SignatureKind, &[u8])>) -> Result<(), Fail> {
        self.entries += 1;
        if self.entries > MAX_SIGNATURES {
            return Err(Fail::counted(Code::TooManySignatures, MAX_SIGNATURES, self.entries));
        }
        let Some((kind, text)) = entry else { return Ok(()) };
        let (encoding, len) = match kind {
            #[cfg(feature = "ed25519")]
            SignatureKind::Ed25519 => (Encoding::Base64, 64),
            _ => (encoding, self.algorithm.tag_len()),
        };
        // Decoded into the next slot, kept only if it is a whole signature. Undecodable, empty or
        // wrong-length ones can never match: dropped here, so an empty `v1,` (CVE-2024-21491) or
        // a truncated tag is never compared at all.
        let Some(slot) = self.signatures.get_mut(self.count) else { return Ok(()) };
        if encoding.decode_into(text, slot) == Some(len) {
            #[cfg(feature = "ed25519")]
            if let Some(k) = self.kinds.get_mut(self.count) {
                *k = kind;
            }
            self.count += 1;
        }
        Ok(())
    }

    /// How many signatures were read.
    pub(crate) fn len(&self) -> usize {
        self.count
    }

    /// Whether any candidate is of `kind`.
    fn has(&self, kind: SignatureKind) -> bool {
        self.of(kind).next().is_some()
    }

    /// The candidates of `kind` (the variant's HMAC's, or Ed25519's).
    fn of(&self, kind: SignatureKind) -> impl Iterator<Item = &[u8; SIGNATURE_BYTES]> {
        let read = self.signatures.iter().take(self.count);
        #[cfg(feature = "ed25519")]
        return read.zip(&self.kinds).filter(move |(_, k)| **k == kind).map(|(s, _)| s);
        #[cfg(not(feature = "ed25519"))]
        {
            let _ = kind;
            read
        }
    }
}

fn hmac_kind(algorithm: Algorithm) -> SignatureKind {
    match algorithm {
        Algorithm::Sha1 => SignatureKind::HmacSha1,
        _ => SignatureKind::HmacSha256,
    }
}

/// A message id must survive a trip through an HTTP header unchanged.
fn check_id(id: &str) -> Result<&str, Fail> {
    if id.is_empty() || id.len() > MAX_ID_BYTES {
        return Err(Fail::because(Code::InvalidArgument, Reason::MessageIdLength));
    }
    // Control characters and surrounding whitespace: ASCII's and Unicode's (C1 controls, NBSP…).
    if text::has_control(id) || text::trim(id) != id {
        return Err(Fail::because(Code::InvalidArgument, Reason::MessageIdCharacters));
    }
    Ok(id)
}

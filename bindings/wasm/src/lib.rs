//! The wasm boundary of the `hooksig` npm package. Deliberately thin: the public API, argument
//! checks and error classes live in the TypeScript facade (`npm/src`); everything that decides
//! whether a delivery is authentic stays in the core crate.
//!
//! Boundary design (why it looks the way it does):
//! - Only numbers, strings and byte slices cross. `serde-wasm-bindgen` needs `std`, and `std`
//!   costs ~20 KB of wasm (formatting, panicking machinery); the whole download budget is 20 KiB.
//! - Nothing here throws into JS and nothing can panic: results are status codes (0 = ok, else the
//!   index of the core error code in [`CODES`]) with details read through getters. A panic in wasm
//!   would poison the instance for every later call, so the crate denies `unwrap`/`expect`/
//!   indexing/`panic!` and the panic handler is a bare trap that is never reached.
//! - Headers: the facade reads only [`Hook::names`] from the caller's object and writes the values,
//!   UTF-8, into a buffer in wasm memory ([`Hook::input_buffer`]), followed by the body, as `"<i><value>\0<i><value>…"`
//!   (`i` = `'0' + index` into `names`). HTTP field values cannot contain NUL (RFC 9110 §5.5), so
//!   the facade rejects one before it gets here.
//! - In the build for Node, Deno, Bun and Workers (feature `host`) the HMAC may run in the host
//!   (`node:crypto`, src/host.rs), on views of wasm memory: only the primitive moves; parsing, key
//!   choice, the replay window and the constant-time comparison stay in the core
//!   ([`hooksig::mac::MacBackend`]).
#![cfg_attr(target_arch = "wasm32", no_std)]
#![deny(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

extern crate alloc;

#[cfg(any(target_arch = "wasm32", test))]
#[allow(unsafe_code)]
mod heap;
mod hmac;
#[cfg(feature = "host")]
mod host;

use hmac::Hash;
use hooksig::limits::MAX_KEYS;

use alloc::string::String;
use core::cell::RefCell;
use alloc::vec::Vec;
use core::str::FromStr;

use hooksig::mac::{Algorithm, MacBackend, SoftwareMac, Tag};
use hooksig::{CustomScheme, Encoding, Error, Headers, Key, Layout, Scheme, Secret, SecretFormat, SignatureKind, TimestampUnit, Webhook};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static HEAP: heap::Heap<heap::WasmMemory> = heap::Heap::new(heap::WasmMemory);

/// Never reached (see the crate docs); if it were, trapping is all wasm can do.
#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// Stable error codes, in the order the facade's table uses (index + 1 is the status).
pub const CODES: [&str; 16] = [
    "MISSING_HEADER",
    "MALFORMED_HEADER",
    "HEADER_TOO_LARGE",
    "TOO_MANY_SIGNATURES",
    "NO_MATCHING_SIGNATURE",
    "INVALID_TIMESTAMP",
    "TIMESTAMP_TOO_OLD",
    "TIMESTAMP_TOO_NEW",
    "NO_ACTIVE_KEY",
    "EMPTY_SECRET",
    "INVALID_SECRET",
    "SECRET_TOO_SHORT",
    "SECRET_TOO_LONG",
    "TOO_MANY_KEYS",
    "INVALID_SCHEME",
    "INVALID_ARGUMENT",
];

fn status(error: &Error) -> u32 {
    let code = error.code();
    CODES.iter().position(|c| *c == code).map_or(CODES.len() as u32, |i| i as u32 + 1)
}

/// The HMAC the core is given: the keyed wasm HMAC, or (feature `host`) the host's above its
/// threshold. Always this one backend type, so the core's generic verify/sign paths are
/// instantiated once: a second instantiation costs ~5 KB of wasm.
struct Mac<'a> {
    keyed: &'a KeyCache,
    #[cfg(feature = "host")]
    host: Option<&'a host::HostHmac>,
}

/// The keyed pad states of each key (and hash) this `Hook` has used, by the key's address and
/// length: the keys belong to the `Webhook`, which never changes or moves them while the `Hook`
/// lives (the cache is dropped, and zeroized, with it).
#[derive(Default)]
struct KeyCache(RefCell<Vec<(usize, usize, hmac::Keyed)>>);

/// Every key with both hashes (GitHub verifies SHA-256 or, if enabled, SHA-1).
const CACHED_STATES: usize = 2 * MAX_KEYS;

impl KeyCache {
    /// Runs `f` with `key`'s pad states for `hash`, computed on first use and kept (computed
    /// and dropped if the cache is borrowed, which wasm's single thread never reaches).
    fn with<T>(&self, hash: Hash, key: &[u8], f: impl FnOnce(&hmac::Keyed) -> T) -> T {
        let Ok(mut cache) = self.0.try_borrow_mut() else { return f(&hmac::Keyed::new(hash, key)) };
        let at = (key.as_ptr() as usize, key.len());
        if let Some((_, _, k)) = cache.iter().find(|(p, l, k)| (*p, *l) == at && k.hash() == hash) {
            return f(k);
        }
        let keyed = hmac::Keyed::new(hash, key);
        let out = f(&keyed);
        if cache.len() < CACHED_STATES {
            // Allocated once at full size: a growing Vec would move the states to a new block and
            // free the old one without zeroizing it.
            if cache.capacity() == 0 {
                cache.reserve_exact(CACHED_STATES);
            }
            cache.push((at.0, at.1, keyed));
        }
        out
    }

    fn mac(&self, hash: Hash, key: &[u8], message: &[&[u8]]) -> Tag {
        self.with(hash, key, |k| k.mac(message))
    }

    /// The outer hash over an inner hash the host computed: one or two compressions in wasm
    /// instead of a second host call (which costs more than the hashing).
    #[cfg(feature = "host")]
    fn outer(&self, hash: Hash, key: &[u8], inner: &Tag) -> Tag {
        self.with(hash, key, |k| k.outer(inner))
    }
}

impl MacBackend for Mac<'_> {
    fn hmac(&self, algorithm: Algorithm, key: &[u8], message: &[&[u8]]) -> Tag {
        // Both algorithms the core has today are in `Hash`, so this fallback is compiled out; it
        // keeps a future one correct rather than silently unsupported.
        let Some(hash) = Hash::of(algorithm) else { return SoftwareMac.hmac(algorithm, key, message) };
        #[cfg(feature = "host")]
        if let Some(tag) = self.host.and_then(|host| host.hmac(hash, key, message, self.keyed)) {
            return tag;
        }
        self.keyed.mac(hash, key, message)
    }
}

/// One `Webhook` and the outcome of the last call on it.
#[wasm_bindgen]
pub struct Hook {
    inner: Option<Webhook>,
    #[cfg(feature = "host")]
    host: Option<host::HostHmac>,
    keyed: KeyCache,
    /// The facade's delivery: header values, then the body ([`Hook::input_buffer`]).
    input: Vec<u8>,
    error: Option<Error>,
    key_index: u32,
    id: Option<String>,
    timestamp: f64,
    kind: u32,
}

const FORMAT_AUTO: u32 = 0;
const FORMAT_RAW_BYTES: u32 = 5;

fn format_of(code: u32) -> Option<SecretFormat> {
    Some(match code {
        1 => SecretFormat::Whsec,
        2 => SecretFormat::Base64,
        3 => SecretFormat::Hex,
        4 => SecretFormat::Text,
        _ => return None,
    })
}

/// A custom scheme from its fields joined by NUL: name, signature header, layout type
/// (`single`/`list`/`key_value`), layout a/b/c, encoding, template, id header, timestamp header,
/// timestamp unit, secret format. Empty optional fields are absent (the facade rejects empty ones).
#[inline(never)] // only custom schemes reach it: lazily compiling engines then skip it
fn custom_scheme(packed: &str) -> Result<Scheme, Error> {
    let bad = |reason| Error::InvalidScheme { reason };
    // A closure, not the `'\0'` pattern: that links `memchr` and the char searcher (~0.7 KB).
    #[allow(clippy::manual_pattern_char_comparison)]
    let f: Vec<&str> = packed.split(|c| c == '\0').collect();
    let [name, sig, layout, a, b, c, encoding, template, id, ts, unit, secret_format] = f.as_slice() else {
        return Err(bad("custom scheme fields"));
    };
    let opt = |s: &str| (!s.is_empty()).then(|| String::from(s));
    let one_char = |s: &str| {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(bad("separators must be one character")),
        }
    };
    let layout = match *layout {
        "single" => Layout::Single { prefix: String::from(*a) },
        "list" => Layout::List { separator: one_char(a)?, prefix: String::from(*b) },
        "key_value" => Layout::KeyValue {
            pair_separator: one_char(a)?,
            signature_key: String::from(*b),
            timestamp_key: opt(c),
        },
        _ => return Err(bad("layout type must be single, list or key_value")),
    };
    let mut scheme = CustomScheme::new(name, sig, template);
    scheme.layout = layout;
    scheme.encoding = match *encoding {
        "hex" => Encoding::Hex,
        "base64" => Encoding::Base64,
        _ => return Err(bad("encoding must be hex or base64")),
    };
    scheme.id_header = opt(id);
    scheme.timestamp_header = opt(ts);
    scheme.timestamp_unit = match *unit {
        "seconds" => TimestampUnit::Seconds,
        "milliseconds" => TimestampUnit::Milliseconds,
        _ => return Err(bad("timestamp unit must be seconds or milliseconds")),
    };
    scheme.secret_format = match *secret_format {
        "" | "auto" | "text" => SecretFormat::Text,
        other => SecretFormat::from_str(other).map_err(|_| bad("unknown secret format"))?,
    };
    Ok(Scheme::Custom(alloc::boxed::Box::new(scheme)))
}

/// `secrets`: every secret's bytes back to back (zeroized here after parsing); `meta`: per secret
/// `[length, format, not_after]` (format 0 auto … 4 text, 5 raw bytes; `not_after` NaN for none).
fn build(scheme: &str, custom: &str, secrets: &[u8], meta: &[f64], tolerance: f64) -> Result<Webhook, Error> {
    let scheme = if scheme == "custom" { custom_scheme(custom)? } else { Scheme::from_str(scheme)? };
    if meta.len() % 3 != 0 {
        return Err(Error::InvalidArgument { reason: "secret metadata" });
    }
    let mut keys = Vec::with_capacity(meta.len() / 3);
    let mut at = 0usize;
    for m in meta.chunks_exact(3) {
        let (len, format, not_after) = match m {
            [len, format, not_after] => (*len as usize, *format as u32, *not_after),
            _ => return Err(Error::InvalidArgument { reason: "secret metadata" }),
        };
        let end = at.checked_add(len).filter(|e| *e <= secrets.len());
        let bytes = end.and_then(|end| secrets.get(at..end)).ok_or(Error::InvalidArgument { reason: "secret metadata" })?;
        at += len;
        let secret = if format == FORMAT_RAW_BYTES {
            Secret::from_bytes(bytes)?
        } else {
            let text = core::str::from_utf8(bytes).map_err(|_| Error::InvalidSecret { reason: "not UTF-8" })?;
            let format = if format == FORMAT_AUTO { scheme.default_secret_format() } else { format_of(format).ok_or(Error::InvalidArgument { reason: "unknown secret format" })? };
            Secret::parse(text, format)?
        };
        let key = Key::new(secret);
        keys.push(if not_after.is_nan() { key } else { key.not_after(not_after as i64) });
    }
    Ok(Webhook::new(scheme, keys)?.tolerance(tolerance as u64))
}

#[wasm_bindgen]
impl Hook {
    /// Builds a verifier; check [`Hook::status`] before use (0 = ok).
    #[wasm_bindgen(constructor)]
    pub fn new(scheme: &str, custom: &str, secrets: Vec<u8>, meta: &[f64], tolerance: f64) -> Hook {
        let secrets = Zeroizing::new(secrets);
        let (inner, error) = match build(scheme, custom, &secrets, meta, tolerance) {
            Ok(hook) => (Some(hook), None),
            Err(e) => (None, Some(e)),
        };
        Hook {
            inner,
            #[cfg(feature = "host")]
            host: None,
            keyed: KeyCache::default(),
            input: Vec::new(),
            error,
            key_index: 0,
            id: None,
            timestamp: f64::NAN,
            kind: 0,
        }
    }

    /// 0, or the status of the last failure (index into the facade's code table + 1).
    pub fn status(&self) -> u32 {
        self.error.as_ref().map_or(0, status)
    }

    /// The last error's message (never secret material: the core guarantees it).
    pub fn message(&self) -> String {
        self.error.as_ref().map(describe).unwrap_or_default()
    }

    /// What the facade reads once after [`Hook::new`], in one call (a cold start compiles each
    /// export and its glue on first use), joined by NUL: the status, then either the message (it
    /// failed) or the scheme's name, where the last verified timestamp lives in wasm memory
    /// ([`Hook::timestamp_at`]), and every header name verification may read, lowercase.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let Some(hook) = self.inner.as_ref() else {
            if let Some(error) = self.error.as_ref() {
                push_error(&mut out, error);
            }
            return out;
        };
        out.push_str("0\0");
        out.push_str(hook.scheme().name());
        out.push('\0');
        push_decimal(&mut out, self.timestamp_at().into());
        for name in hook.header_names() {
            out.push('\0');
            out.push_str(name);
        }
        out
    }

    /// Hints (`...abcd`) of the keys, joined by NUL: safe to display.
    pub fn hints(&self) -> String {
        self.inner.as_ref().map(|h| joined(h.keys().iter().map(|k| k.secret().hint()))).unwrap_or_default()
    }

    /// The buffer the facade writes a delivery into before [`Hook::verify`]: at least `capacity`
    /// bytes at the returned offset into wasm memory, valid until the next call here; `0` releases
    /// it. Writing into wasm memory directly spares building a header string for wasm-bindgen to
    /// copy, and an allocation and a free per call.
    ///
    /// `0` also when wasm memory cannot hold `capacity` bytes: the buffer is then as it was. An
    /// allocation that failed inside a method would trap, and leave this `Hook` marked as borrowed
    /// for good.
    pub fn input_buffer(&mut self, capacity: u32) -> u32 {
        let capacity = capacity as usize;
        if capacity == 0 {
            self.input = Vec::new();
            return 0;
        }
        if let Some(more) = capacity.checked_sub(self.input.len()).filter(|n| *n > 0) {
            if self.input.try_reserve_exact(more).is_err() {
                return 0;
            }
            self.input.resize(capacity, 0);
        }
        self.input.as_ptr() as usize as u32
    }

    /// Verifies the delivery in the input buffer: `headers_len` bytes of header values (see
    /// [`Packed`]), then `body_len` bytes of body. Returns the status (the low 8 bits; 0 = ok)
    /// and, when it is ok, what matched (bits 8-9: 0 HMAC-SHA256, 1 HMAC-SHA1, 2 Ed25519), the
    /// key index (bits 10-17), and where the id is (bits 18-25: 0 none, 1 + n = the `n`th header
    /// entry's value exactly, 255 = read [`Hook::id`]), saving the facade calls back into wasm.
    pub fn verify(&mut self, headers_len: u32, body_len: u32, now: f64) -> u32 {
        self.run(headers_len as usize, None, body_len as usize, now)
    }

    /// [`Hook::verify`] with the body passed as an argument (wasm-bindgen copies it in and frees
    /// it after the call): for bodies too large to keep in the input buffer between calls.
    pub fn verify_body(&mut self, headers_len: u32, body: &[u8], now: f64) -> u32 {
        self.run(headers_len as usize, Some(body), body.len(), now)
    }

    /// Where the last verified timestamp (unix seconds, NaN if the scheme has none) is in wasm
    /// memory: fixed while the `Hook` lives (wasm-bindgen keeps it in one heap allocation), so the
    /// facade reads it after each call instead of making a second call.
    fn timestamp_at(&self) -> u32 {
        core::ptr::from_ref(&self.timestamp) as usize as u32
    }

    /// Its message id, if the scheme has one.
    pub fn id(&self) -> Option<String> {
        self.id.clone()
    }

    /// Every header a sender attaches, as `name\0value\0…`; empty with a status on failure.
    pub fn sign(&mut self, id: Option<String>, timestamp: f64, body: &[u8]) -> String {
        let Some(hook) = self.inner.as_ref() else { return String::new() };
        let mac = self.mac();
        let result = hook.sign_with(&mac, id.as_deref(), timestamp as i64, body);
        match result {
            Ok(headers) => {
                self.error = None;
                let mut out = String::new();
                for (i, (name, value)) in headers.iter().enumerate() {
                    if i > 0 {
                        out.push('\0');
                    }
                    out.push_str(name);
                    out.push('\0');
                    out.push_str(value);
                }
                out
            }
            Err(e) => {
                self.error = Some(e);
                String::new()
            }
        }
    }
}

impl Hook {
    fn mac(&self) -> Mac<'_> {
        Mac {
            keyed: &self.keyed,
            #[cfg(feature = "host")]
            host: self.host.as_ref(),
        }
    }

    /// `body`: the argument, or `None` when it follows the headers in the input buffer.
    fn run(&mut self, headers_len: usize, body: Option<&[u8]>, body_len: usize, now: f64) -> u32 {
        let Some(hook) = self.inner.as_ref() else { return self.status() };
        let inline = || self.input.get(headers_len..).and_then(|b| b.get(..body_len));
        let (Some(text), Some(body)) = (self.input.get(..headers_len), body.or_else(inline)) else {
            self.error = Some(Error::InvalidArgument { reason: "input buffer lengths" });
            return self.status();
        };
        let headers = Packed::new(hook, text);
        let mac = self.mac();
        let result = hook.verify_with(&mac, body, &headers, now as i64);
        match result {
            Ok(v) => {
                self.error = None;
                self.key_index = v.key_index as u32;
                self.timestamp = v.timestamp.map_or(f64::NAN, |t| t as f64);
                // Where the id is, so that the facade need not copy it out as a string: 0 none,
                // 1 + n when it is exactly entry n's value and ASCII (so the facade's own string for
                // that entry is the same text), 255 when only `id()` has it.
                let id_at = match v.id.as_deref() {
                    None => 0,
                    Some(id) => headers
                        .entries()
                        .enumerate()
                        .find(|(n, (_, value))| *n < 254 && *value == id.as_bytes() && id.is_ascii())
                        .map_or(255, |(n, _)| n as u32 + 1),
                };
                self.id = v.id;
                self.kind = match v.kind {
                    SignatureKind::HmacSha1 => 1,
                    SignatureKind::Ed25519 => 2,
                    _ => 0,
                };
                self.kind << 8 | (self.key_index & 0xFF) << 10 | id_at << 18
            }
            Err(e) => {
                let s = status(&e);
                self.error = Some(e);
                s
            }
        }
    }
}

/// The header values the facade sends: `"<i><value>\0<i><value>…"`, `i` = `'0'` + index into
/// [`Webhook::header_names`] (lowercase). Split once per call into a table on the stack: the core
/// looks headers up several times per verification, and rescanning the text each time was a
/// measurable share of a small delivery's cost.
struct Packed<'a> {
    hook: &'a Webhook,
    /// (name index, value) of the first [`Packed::TABLE`] entries, in the order sent.
    table: [(u8, &'a [u8]); Packed::TABLE],
    len: usize,
    /// Entries past the table, scanned on each lookup (only a hostile or unusual request has any).
    rest: &'a [u8],
}

impl<'a> Packed<'a> {
    const TABLE: usize = 16;

    fn new(hook: &'a Webhook, text: &'a [u8]) -> Packed<'a> {
        let mut packed = Packed { hook, table: [(0, &[]); Packed::TABLE], len: 0, rest: &[] };
        let mut at = 0;
        while packed.len < Packed::TABLE {
            let Some(entry) = text.get(at..).filter(|t| !t.is_empty()) else { break };
            let end = entry.iter().position(|b| *b == 0).unwrap_or(entry.len());
            at += end + 1;
            if let (Some(parsed), Some(slot)) = (entry.get(..end).and_then(Packed::entry), packed.table.get_mut(packed.len)) {
                *slot = parsed;
                packed.len += 1;
            }
        }
        packed.rest = text.get(at..).unwrap_or_default();
        packed
    }

    /// (name index, value) of one entry; `None` for an empty one.
    fn entry(raw: &[u8]) -> Option<(u8, &[u8])> {
        raw.split_first().map(|(i, value)| (i.wrapping_sub(b'0'), value))
    }

    /// (name index, value) of every entry, in the order sent.
    fn entries(&self) -> impl Iterator<Item = (u8, &'a [u8])> + '_ {
        let rest = self.rest.split(|b| *b == 0).filter_map(Packed::entry);
        self.table.iter().take(self.len).copied().chain(rest)
    }
}

impl Headers for Packed<'_> {
    fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        // The core asks with the very strings `header_names` yields: identity first, which spares
        // a string comparison per name on every lookup.
        let names = || self.hook.header_names();
        let index = names().position(|n| core::ptr::eq(n, name)).or_else(|| names().position(|n| n == name));
        let index = index.and_then(|i| u8::try_from(i).ok());
        self.entries().filter(move |(i, _)| Some(*i) == index).map(|(_, value)| value)
    }
}

/// Items joined by NUL (without `[T]::join`'s generic machinery).
fn joined<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push('\0');
        }
        out.push_str(item);
    }
    out
}

/// `v` in decimal, without `core::fmt` (see [`describe`]). u64 arithmetic: i128 division would link
/// ~1 KB of compiler-builtins.
fn push_decimal(out: &mut String, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (v % 10) as u8;
        }
        v /= 10;
        if v == 0 || at == 0 {
            break;
        }
    }
    for d in digits.get(at..).unwrap_or_default() {
        out.push(char::from(*d));
    }
}

/// `error` as the facade reads a failure: its status, NUL, its message.
fn push_error(out: &mut String, error: &Error) {
    push_decimal(out, status(error).into());
    out.push('\0');
    out.push_str(&describe(error));
}

/// The core's `Display` text, built without `core::fmt`: the formatting machinery is ~8 KB of wasm
/// that nothing else here needs. Keep in step with `crates/hooksig/src/error.rs`.
fn describe(e: &Error) -> String {
    fn signed(out: &mut String, n: i64) {
        if n < 0 {
            out.push('-');
        }
        push_decimal(out, n.unsigned_abs());
    }
    let mut m = String::new();
    let mut s = |parts: &[&str]| parts.iter().for_each(|p| m.push_str(p));
    match e {
        Error::MissingHeader { name } => s(&["missing header ", name]),
        Error::MalformedHeader { name, reason } => s(&["malformed header ", name, ": ", reason]),
        Error::HeaderTooLarge { name, limit } => {
            s(&["header ", name, " is larger than "]);
            push_decimal(&mut m, *limit as u64);
            m.push_str(" bytes");
        }
        Error::TooManySignatures { limit } => {
            s(&["signature header has more than "]);
            push_decimal(&mut m, *limit as u64);
            m.push_str(" entries");
        }
        Error::NoMatchingSignature => s(&["no matching signature"]),
        Error::InvalidTimestamp { reason } => s(&["invalid timestamp: ", reason]),
        Error::TimestampTooOld { timestamp, now, tolerance } | Error::TimestampTooNew { timestamp, now, tolerance } => {
            s(&["timestamp "]);
            signed(&mut m, *timestamp);
            m.push_str(" is more than ");
            push_decimal(&mut m, *tolerance);
            m.push_str(if matches!(e, Error::TimestampTooOld { .. }) { " s older than now (" } else { " s newer than now (" });
            signed(&mut m, *now);
            m.push(')');
        }
        Error::NoActiveKey => s(&["no key in the keyring is valid at this time"]),
        Error::EmptySecret => s(&["secret is empty"]),
        Error::InvalidSecret { reason } => s(&["invalid secret: ", reason]),
        Error::SecretTooShort { min, actual } => {
            s(&["secret of "]);
            push_decimal(&mut m, *actual as u64);
            m.push_str(" bytes is shorter than the minimum of ");
            push_decimal(&mut m, *min as u64);
        }
        Error::SecretTooLong { max, actual } => {
            s(&["secret of "]);
            push_decimal(&mut m, *actual as u64);
            m.push_str(" bytes is longer than the maximum of ");
            push_decimal(&mut m, *max as u64);
        }
        Error::TooManyKeys { limit } => {
            s(&["more than "]);
            push_decimal(&mut m, *limit as u64);
            m.push_str(" keys");
        }
        Error::InvalidScheme { reason } => s(&["invalid scheme: ", reason]),
        Error::InvalidArgument { reason } => s(&["invalid argument: ", reason]),
        other => s(&[other.code()]),
    }
    m
}

/// Encodes random bytes (drawn by the facade from `crypto.getRandomValues`) as a secret for
/// `scheme`'s default format. On error: NUL, the status, NUL, the message (a secret never starts
/// with NUL), so that the core alone decides the length bounds.
#[wasm_bindgen]
pub fn encode_secret(bytes: Vec<u8>, scheme: &str) -> String {
    let bytes = Zeroizing::new(bytes);
    let encoded = Scheme::from_str(scheme).and_then(|scheme| hooksig::encode_secret(&bytes, scheme.default_secret_format()));
    match encoded {
        Ok(secret) => String::from(secret.as_str()),
        Err(e) => {
            let mut out = String::from("\0");
            push_error(&mut out, &e);
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    /// Without a host, both hashes run on the kept pad states, equal to the core's HMAC on first
    /// use and on every later one (cache hits), per key and hash.
    #[test]
    fn wasm_hmac_through_the_key_cache_matches_core() {
        let data: Vec<u8> = (0..400u32).map(|i| (i * 7 + 3) as u8).collect();
        let cache = KeyCache::default();
        let mac = Mac {
            keyed: &cache,
            #[cfg(feature = "host")]
            host: None,
        };
        for _ in 0..3 {
            for algorithm in [Algorithm::Sha256, Algorithm::Sha1] {
                for key in [&data[..32], &data[..33], &data[1..33], &data[..100]] {
                    assert_eq!(mac.hmac(algorithm, key, &[&data[..99]]), SoftwareMac.hmac(algorithm, key, &[&data[..99]]));
                }
            }
        }
    }

    /// `describe` must say exactly what the core's `Display` says, and `status` maps every core code.
    #[test]
    fn describe_matches_display() {
        let errors = [
            Error::MissingHeader { name: "webhook-id".to_string() },
            Error::MalformedHeader { name: "x".to_string(), reason: "r" },
            Error::HeaderTooLarge { name: "x".to_string(), limit: 8192 },
            Error::TooManySignatures { limit: 32 },
            Error::NoMatchingSignature,
            Error::InvalidTimestamp { reason: "leading zero" },
            Error::TimestampTooOld { timestamp: 0, now: 1_700_000_000, tolerance: 300 },
            Error::TimestampTooNew { timestamp: 253_402_300_799, now: -5, tolerance: u64::MAX },
            Error::NoActiveKey,
            Error::EmptySecret,
            Error::InvalidSecret { reason: "r" },
            Error::SecretTooShort { min: 16, actual: 0 },
            Error::SecretTooLong { max: 1024, actual: usize::MAX },
            Error::TooManyKeys { limit: 16 },
            Error::InvalidScheme { reason: "r" },
            Error::InvalidArgument { reason: "r" },
        ];
        for (i, e) in errors.iter().enumerate() {
            assert_eq!(describe(e), e.to_string());
            // Listed in CODES order: every core code has its status, and the first nine are the
            // verification failures (the facade's VERIFICATION_FAILURES).
            assert_eq!(status(e), i as u32 + 1, "{}", e.code());
            assert_eq!(e.is_verification_failure(), i < 9, "{}", e.code());
        }
    }
}

//! The wasm boundary of the `hooksig` npm package. Deliberately thin: the public API, argument
//! checks and error classes live in the TypeScript facade (`npm/src`); everything that decides
//! whether a delivery is authentic stays in the core crate.
//!
//! Boundary design (why it looks the way it does):
//! - Only numbers cross, through exports wasm-bindgen passes as they are, and the module imports
//!   nothing. Strings, byte slices and classes would need wasm-bindgen glue that imports from JS
//!   (its externref table, its `throw`), and a module with any import costs every Node cold start
//!   ~0.6 ms: V8 compiles the wasm-to-JS wrappers when it compiles the module (npm/README.md).
//!   `serde-wasm-bindgen` needs `std`, and `std` costs ~20 KB of wasm (formatting, panicking).
//! - Inputs go into one buffer in wasm memory that the facade writes directly ([`input_buffer`]);
//!   text comes back in an output buffer; both, and the outcome of the last call, are described by
//!   the [`state::Report`] at a fixed address ([`report`]). Hooks (the core's
//!   [`hooksig::engine::Hook`]: a scheme table and a keyring built in place) live in a table, and
//!   the facade holds their handles (index + 1).
//! - Nothing here throws into JS and nothing can panic: results are status codes (0 = ok, else the
//!   index of the core error code in [`CODES`] + 1) with the message in the output, written
//!   without `core::fmt` ([`Fail::write_message`]). A panic in wasm
//!   would poison the instance for every later call, so the crate denies `unwrap`/`expect`/
//!   indexing/`panic!` and the panic handler is a bare trap that is never reached.
//! - Headers: the facade reads only the names [`hook_new`] lists from the caller's object and
//!   writes the values, UTF-8, into the input buffer as `"<i><value>\0<i><value>…"` (`i` = `'0'` +
//!   index into those names), followed by the body. HTTP field values cannot contain NUL (RFC 9110
//!   §5.5), so the facade rejects one before it gets here.
//! - In the build for Node, Deno, Bun and Workers (feature `host`) the HMAC over larger messages
//!   runs in the host's `node:crypto`: wasm asks for it and the facade answers (src/host.rs). Only
//!   the primitive moves; parsing, key choice, the replay window and the constant-time comparison
//!   stay in the core ([`hooksig::mac::MacBackend`]).
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
mod state;

use hmac::Hash;
use hooksig::limits::MAX_KEY_BYTES;

use alloc::boxed::Box;
use alloc::vec::Vec;

pub use hooksig::engine::CODES;
use hooksig::engine::{self, Code, CustomSchemeRef, Fail, LayoutRef, Reason, Verified};
use hooksig::mac::{Algorithm, MacBackend, SoftwareMac, Tag};
use hooksig::{Encoding, HeaderEntry, SecretFormat, SignatureKind, TimestampUnit};
use state::State;
use wasm_bindgen::prelude::*;
use zeroize::{Zeroize, Zeroizing};

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static HEAP: heap::Heap<heap::WasmMemory> = heap::Heap::new(heap::WasmMemory);

/// Never reached (see the crate docs); if it were, trapping is all wasm can do.
#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// A failure's status: its code's index in [`CODES`] + 1.
fn status(fail: &Fail) -> u32 {
    fail.code as u32 + 1
}

/// The call does not follow the facade's conventions (input layout, handle, pending request):
/// a facade bug, never a caller's.
const MALFORMED_CALL: Fail = Fail::because(Code::InvalidArgument, Reason::MalformedCall);

/// The HMAC the core is given: the keyed wasm HMAC, or (feature `host`) the host's above its
/// threshold. Always this one backend type, so the core's generic verify/sign paths are
/// instantiated once: a second instantiation costs ~5 KB of wasm.
struct Mac<'a> {
    keyed: &'a KeyCache,
    #[cfg(feature = "host")]
    host: Option<host::Round<'a>>,
}

/// The keyed pad states of each key (and hash) this `Hook` has used, by the key's address and
/// length: the keys are in the engine's keyring, which never changes or moves them once built
/// (the cache is dropped, and zeroized, with it). At most `.1` of them: every key with both
/// hashes (GitHub verifies SHA-256 or, if enabled, SHA-1).
#[cfg(not(feature = "small"))]
struct KeyCache(core::cell::RefCell<Vec<(usize, usize, hmac::Keyed)>>, usize);

/// The browser build (feature `small`) keeps no pad states: it computes them for every HMAC, two
/// compressions more, ~0.8 µs of a 256 B verify (4.2 -> 5.0 µs, run in Node), for 0.2 KB less
/// download.
#[cfg(feature = "small")]
struct KeyCache;

#[cfg(feature = "small")]
impl KeyCache {
    fn new(_keys: usize) -> KeyCache {
        KeyCache
    }

    fn with<T>(&self, hash: Hash, key: &[u8], f: impl FnOnce(&hmac::Keyed) -> T) -> T {
        f(&hmac::Keyed::new(hash, key))
    }
}

#[cfg(not(feature = "small"))]
impl KeyCache {
    fn new(keys: usize) -> KeyCache {
        KeyCache(core::cell::RefCell::default(), 2 * keys.min(hooksig::limits::MAX_KEYS))
    }

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
        if cache.len() < self.1 {
            // Allocated once at full size: a growing Vec would move the states to a new block and
            // free the old one without zeroizing it.
            if cache.capacity() == 0 {
                cache.reserve_exact(self.1);
            }
            cache.push((at.0, at.1, keyed));
        }
        out
    }
}

impl KeyCache {
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
        if let Some(host) = self.host.as_ref() {
            let total = message.iter().map(|m| m.len()).sum();
            if let Some(tag) = host.takes(total).then(|| host.hmac(hash, key, message, total, self.keyed)).flatten() {
                return tag;
            }
        }
        self.keyed.mac(hash, key, message)
    }
}

/// The engine's hook and what the boundary keeps for it.
pub struct Hook {
    engine: engine::Hook,
    keyed: KeyCache,
    #[cfg(feature = "host")]
    exchange: host::Exchange,
    /// The operation waiting for a host HMAC, which [`hook_resume`] reruns from the start.
    #[cfg(feature = "host")]
    pending: Option<Op>,
}

/// The hook behind handle `h` (index + 1), if it is live.
fn hook_at(hooks: &mut [Option<Box<Hook>>], h: u32) -> Option<&mut Hook> {
    hooks.get_mut((h as usize).wrapping_sub(1)).and_then(Option::as_deref_mut)
}

#[cfg(feature = "host")]
impl Hook {
    /// Ends the current operation: no pending round, nothing key-bearing left.
    fn end_operation(&mut self) {
        self.pending = None;
        self.exchange.reset();
    }
}

/// An operation and its arguments (its input stays in the input buffer between rounds).
#[derive(Clone, Copy)]
enum Op {
    Verify { headers_len: usize, body_len: usize, now: f64 },
    /// `id_len`: as [`hook_sign`] takes it (`u32::MAX`: no id).
    Sign { id_len: u32, timestamp: f64, body_len: usize },
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
/// (`s`ingle, `l`ist or `k`ey-value), layout a/b/c, encoding (0 hex, 1 base64), template, id header,
/// timestamp header, timestamp unit (0 seconds, 1 milliseconds), secret format (as a secret's, 0 auto
/// = text). Empty optional fields are absent (the facade rejects empty ones).
/// Borrowed from the input: nothing is copied until the engine lays the scheme out.
// Only custom schemes reach it: kept apart, lazily compiling engines skip it. Not in the browser
// build (feature `small`), where inlining it and `verify` and `sign` is 0.19 KB less download.
#[cfg_attr(not(feature = "small"), inline(never))]
fn custom_scheme(packed: &str) -> Result<CustomSchemeRef<'_>, Fail> {
    // Into a fixed array, not a `Vec`: no allocation code for `&str`s. Split at the NUL bytes by
    // hand: `str::split` decodes characters, and its `'\0'` pattern links `memchr` (~0.7 KB).
    let mut f = [""; 12];
    let (mut field, mut start) = (0, 0);
    for end in 0..=packed.len() {
        if packed.as_bytes().get(end).is_some_and(|b| *b != 0) {
            continue;
        }
        *f.get_mut(field).ok_or(MALFORMED_CALL)? = packed.get(start..end).unwrap_or_default();
        (field, start) = (field + 1, end + 1);
    }
    // The facade always sends every field, none with a NUL of its own.
    if field != f.len() {
        return Err(MALFORMED_CALL);
    }
    let [name, signature_header, layout, a, b, c, encoding, template, id, timestamp, unit, secret_format] = f;
    // One character, not decoded: the core refuses every non-ASCII separator for one reason, so
    // any one stands for them all (a decoder here was 0.04 KB of download). In UTF-8 a lead byte
    // and only continuation bytes (0b10xxxxxx) after it are one character.
    let one_char = |s: &str| match s.as_bytes() {
        [b] if b.is_ascii() => Ok(char::from(*b)),
        [_, more @ ..] if !more.is_empty() && more.iter().all(|b| b & 0xC0 == 0x80) => Ok(char::REPLACEMENT_CHARACTER),
        _ => Err(Fail::because(Code::InvalidScheme, Reason::SeparatorLength)),
    };
    // The facade checked the layout's type and sends its first letter.
    let layout = match layout.as_bytes() {
        [b's'] => LayoutRef::Single { prefix: a },
        [b'l'] => LayoutRef::List { separator: one_char(a)?, prefix: b },
        [b'k'] => LayoutRef::KeyValue { pair_separator: one_char(a)?, signature_key: b, timestamp_key: optional(c) },
        _ => return Err(MALFORMED_CALL),
    };
    Ok(CustomSchemeRef {
        name,
        signature_header,
        layout,
        encoding: match digit(encoding) {
            Some(0) => Encoding::Hex,
            Some(1) => Encoding::Base64,
            _ => return Err(MALFORMED_CALL),
        },
        template,
        id_header: optional(id),
        timestamp_header: optional(timestamp),
        timestamp_unit: match digit(unit) {
            Some(0) => TimestampUnit::Seconds,
            Some(1) => TimestampUnit::Milliseconds,
            _ => return Err(MALFORMED_CALL),
        },
        secret_format: match digit(secret_format) {
            Some(FORMAT_AUTO) => SecretFormat::Text,
            Some(FORMAT_RAW_BYTES) => SecretFormat::Raw,
            Some(code) => format_of(code).ok_or(MALFORMED_CALL)?,
            None => return Err(MALFORMED_CALL),
        },
    })
}

/// A one-digit field's value: the facade sends named options as their index.
fn digit(s: &str) -> Option<u32> {
    match s.as_bytes() {
        [d @ b'0'..=b'9'] => Some(u32::from(d - b'0')),
        _ => None,
    }
}

/// `s`, or none for an empty field.
fn optional(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// Zeroizes `len` bytes of `bytes` from `start`, or as many as there are.
fn zeroize_range(bytes: &mut [u8], start: usize, len: usize) {
    let end = start.saturating_add(len).min(bytes.len());
    if let Some(range) = bytes.get_mut(start..end) {
        range.zeroize();
    }
}

/// Bytes per secret in [`hook_new`]'s input: length (u32), format (u32: 0 auto … 4 text, 5 raw
/// bytes) and `not_after` (f64, NaN for none), little-endian.
const META_BYTES: usize = 16;

/// A hook from [`hook_new`]'s input: `count` secrets' metadata, then a preset's name, or the packed
/// custom scheme ([`custom_scheme`], never empty), and every secret's bytes back to back.
fn build(hook: &mut engine::Hook, input: &[u8], (scheme_len, custom_len, secrets_len, count): (usize, usize, usize, usize), tolerance: f64) -> Result<(), Fail> {
    let meta_len = count.checked_mul(META_BYTES).ok_or(MALFORMED_CALL)?;
    let mut rest = input;
    let mut take = |n: usize| {
        let (head, tail) = rest.split_at_checked(n)?;
        rest = tail;
        Some(head)
    };
    let (Some(meta), Some(scheme), Some(custom), Some(secrets)) = (take(meta_len), take(scheme_len), take(custom_len), take(secrets_len)) else {
        return Err(MALFORMED_CALL);
    };
    let text = |bytes| engine::utf8(bytes).ok_or(MALFORMED_CALL);
    if custom.is_empty() {
        hook.preset(text(scheme)?)?;
    } else {
        hook.custom(&custom_scheme(text(custom)?)?)?;
    }
    let mut at = 0usize;
    for m in meta.chunks_exact(META_BYTES) {
        let word = |i: usize| m.get(i..i + 4).and_then(|b| b.try_into().ok()).map_or(0, u32::from_le_bytes);
        let not_after = m.get(8..16).and_then(|b| b.try_into().ok()).map_or(f64::NAN, f64::from_le_bytes);
        let not_after = (!not_after.is_nan()).then_some(not_after as i64);
        let (len, format) = (word(0) as usize, word(4));
        let end = at.checked_add(len).filter(|e| *e <= secrets.len()).ok_or(MALFORMED_CALL)?;
        let bytes = secrets.get(at..end).ok_or(MALFORMED_CALL)?;
        at = end;
        if format == FORMAT_RAW_BYTES {
            hook.keys_mut().add_bytes(bytes, not_after)?;
        } else {
            let text = engine::utf8(bytes).ok_or(Fail::because(Code::InvalidSecret, Reason::NotUtf8))?;
            let format = match format {
                FORMAT_AUTO => hook.secret_format(),
                other => format_of(other).ok_or(Fail::because(Code::InvalidArgument, Reason::UnknownSecretFormat))?,
            };
            hook.keys_mut().add_text(text, format, not_after)?;
        }
    }
    if hook.keys().is_empty() {
        return Err(Fail::new(Code::EmptySecret));
    }
    hook.set_tolerance(tolerance as u64);
    Ok(())
}

/// The MAC backend for one run of an operation.
fn backend<'a>(
    keyed: &'a KeyCache,
    #[cfg(feature = "host")] exchange: &'a mut host::Exchange,
    #[cfg(feature = "host")] threshold: usize,
    #[cfg(feature = "host")] input: &'a [u8],
) -> Mac<'a> {
    Mac {
        keyed,
        #[cfg(feature = "host")]
        host: (threshold != usize::MAX).then(|| host::Round::new(threshold, exchange, input)),
    }
}

/// Runs `op` on the hook behind handle `h` (one round, with the host's answers so far). Returns
/// what the export returns; details are in the report and the output.
fn run(state: &mut State, h: u32, op: Op) -> u32 {
    let State { report, input, out, hooks, .. } = state;
    #[cfg(feature = "host")]
    let threshold = state.host_threshold;
    let Some(hook) = hook_at(hooks, h) else {
        return out.fail(report, &MALFORMED_CALL, "", (0, 0, 0));
    };
    let Hook {
        engine,
        keyed,
        #[cfg(feature = "host")]
        exchange,
        #[cfg(feature = "host")]
        pending,
    } = hook;
    let mac = backend(
        keyed,
        #[cfg(feature = "host")]
        exchange,
        #[cfg(feature = "host")]
        threshold,
        #[cfg(feature = "host")]
        input,
    );
    let mut timestamp = None;
    let outcome = match op {
        Op::Verify { headers_len, body_len, now } => verify(engine, &mac, input, (headers_len, body_len, now), &mut timestamp, &mut |id| out.set(report, &[id])),
        Op::Sign { id_len, timestamp, body_len } => sign(engine, &mac, input, id_len, timestamp, body_len),
    };
    #[cfg(feature = "host")]
    {
        let request = mac.host.as_ref().and_then(host::Round::request);
        if let Some(request) = request {
            report.host = request;
            *pending = Some(op);
            return host::NEED_HOST;
        }
        hook.end_operation();
    }
    match outcome {
        Ok(Done::Verified { packed, timestamp }) => {
            report.timestamp = timestamp;
            packed
        }
        Ok(Done::Signed(headers)) => {
            out.set(report, &[&headers]);
            0
        }
        Err(fail) => {
            let now = match op {
                Op::Verify { now, .. } => now as i64,
                Op::Sign { .. } => 0,
            };
            out.fail(report, &fail, hook.engine.header_name(fail.header), (timestamp.unwrap_or(0), now, hook.engine.tolerance()))
        }
    }
}

/// What a finished operation hands back.
enum Done {
    /// See [`hook_verify`]; the id is in the output when `packed` says so.
    Verified { packed: u32, timestamp: f64 },
    /// `name\0value\0…`.
    Signed(Vec<u8>),
}

/// Verifies the delivery in the input buffer: `headers_len` bytes of header values ([`Packed`]),
/// then `body_len` bytes of body. `timestamp`: the one a replay-window failure names; `put_id`
/// puts an id the facade cannot find among its own header values into the output.
// Kept apart from `sign`: a lazily compiling engine then compiles only the one used (see
// `custom_scheme` for the browser build).
#[cfg_attr(not(feature = "small"), inline(never))]
fn verify(
    hook: &engine::Hook,
    mac: &Mac<'_>,
    input: &[u8],
    (headers_len, body_len, now): (usize, usize, f64),
    timestamp: &mut Option<i64>,
    put_id: &mut dyn FnMut(&[u8]),
) -> Result<Done, Fail> {
    let (Some(text), Some(body)) = (input.get(..headers_len), input.get(headers_len..).and_then(|b| b.get(..body_len))) else {
        return Err(MALFORMED_CALL);
    };
    let headers = Packed::new(text);
    let mut found = Verified::default();
    let verified = hook.verify(mac, &headers.entries[..], body, now as i64, &mut found);
    *timestamp = found.timestamp;
    verified?;
    let packed = verified_packed(&found, &headers);
    if let Some(id) = found.id.filter(|_| packed >> 18 == 255) {
        put_id(id.as_bytes());
    }
    Ok(Done::Verified { packed, timestamp: found.timestamp.map_or(f64::NAN, |t| t as f64) })
}

/// A verify's outcome as [`hook_verify`] returns it.
fn verified_packed(found: &Verified<'_>, headers: &Packed<'_>) -> u32 {
    // Where the id is, so that the facade need not decode it: 0 none, 1 + n when it is exactly
    // entry n's value and ASCII (so the facade's own string for that entry is the same text),
    // 255 when it is in the output.
    let id_at = match found.id {
        None => 0,
        // A byte loop, not `str::is_ascii`: its word-at-a-time path is 0.2 KB of wasm, for an id.
        Some(id) if id.bytes().any(|b| b >= 0x80) => 255,
        Some(id) => headers
            .entries
            .iter()
            .enumerate()
            .find(|(n, (_, value))| *n < 254 && *value == id.as_bytes())
            .map_or(255, |(n, _)| n as u32 + 1),
    };
    let kind = match found.kind {
        SignatureKind::HmacSha1 => 1,
        SignatureKind::Ed25519 => 2,
        _ => 0,
    };
    kind << 8 | (found.key_index as u32 & 0xFF) << 10 | id_at << 18
}

/// Signs the body in the input buffer, after the id's `id_len` bytes: `name\0value\0…`.
#[cfg_attr(not(feature = "small"), inline(never))]
fn sign(hook: &engine::Hook, mac: &Mac<'_>, input: &[u8], id_len: u32, timestamp: f64, body_len: usize) -> Result<Done, Fail> {
    let id_len = (id_len != u32::MAX).then_some(id_len as usize);
    let (id, rest) = input.split_at_checked(id_len.unwrap_or(0)).ok_or(MALFORMED_CALL)?;
    let body = rest.get(..body_len).ok_or(MALFORMED_CALL)?;
    // The facade encodes a JS string, which is always valid UTF-8.
    let id = id_len.map(|_| engine::utf8(id).ok_or(Fail::because(Code::InvalidArgument, Reason::NotUtf8))).transpose()?;
    let mut headers = Vec::new();
    hook.sign(mac, id, timestamp as i64, body, &mut |name, value| {
        for text in [hook.sent_header_name(name).as_bytes(), value] {
            headers.extend_from_slice(text);
            headers.push(0);
        }
    })?;
    headers.pop();
    Ok(Done::Signed(headers))
}

// ---- the exports (numbers only: see the crate docs) ------------------------------------------

/// The address of the [`state::Report`], fixed for the module's life.
#[wasm_bindgen]
pub fn report() -> u32 {
    state::with(|s| core::ptr::from_ref(&s.report) as usize as u32).unwrap_or(0)
}

/// The input buffer the facade writes an operation's input into: at least `capacity` bytes at the
/// returned address in wasm memory, valid until the next call here, and kept between operations
/// (npm/src/api.ts says why). Writing into wasm memory directly spares the glue's copies and an
/// allocation and a free per call.
///
/// `0` when wasm memory cannot hold `capacity` bytes: the buffer is then as it was. An
/// allocation that failed inside an operation would trap. Resizing keeps the contents (the facade
/// may write part of a string body, then ask for more room). Secrets written here are zeroized
/// by the export that reads them.
#[wasm_bindgen]
pub fn input_buffer(capacity: u32) -> u32 {
    state::with(|s| {
        let capacity = capacity as usize;
        if let Some(more) = capacity.checked_sub(s.input.len()).filter(|n| *n > 0) {
            if s.input.try_reserve_exact(more).is_err() {
                return 0;
            }
            s.input.resize(capacity, 0);
        }
        s.input.as_ptr() as usize as u32
    })
    .unwrap_or(0)
}

/// Where [`hook_new`]'s result has the primary header count; the handle is below.
const PRIMARY_SHIFT: u32 = 30;

/// A hook from the input buffer ([`build`]'s layout): its handle (bits 0-29) and how many headers
/// signing emits first (bits 30-31: the primary variant's, whose signature is the last of them,
/// see [`engine::Hook::primary_header_count`]), or 0 with the status in the report and the message
/// in the output. On success the output is every header name verification may read (lowercase),
/// joined by NUL. The secrets' bytes in the input buffer are zeroized either way. (Handles stay
/// far below 2^30: each hook takes over 1 KB of wasm32's 4 GiB.)
#[wasm_bindgen]
pub fn hook_new(scheme_len: u32, custom_len: u32, secrets_len: u32, count: u32, tolerance: f64) -> u32 {
    state::with(|s| {
        let (scheme_len, custom_len, secrets_len, count) = (scheme_len as usize, custom_len as usize, secrets_len as usize, count as usize);
        // Built in place, in its box: the hook (~1 KB) is never moved.
        let mut hook = Box::new(Hook {
            engine: engine::Hook::new(secrets_len),
            keyed: KeyCache::new(0),
            #[cfg(feature = "host")]
            exchange: host::Exchange::default(),
            #[cfg(feature = "host")]
            pending: None,
        });
        let built = build(&mut hook.engine, &s.input, (scheme_len, custom_len, secrets_len, count), tolerance);
        let secrets_at = count.saturating_mul(META_BYTES).saturating_add(scheme_len).saturating_add(custom_len);
        zeroize_range(&mut s.input, secrets_at, secrets_len);
        let State { report, out, hooks, .. } = s;
        if let Err(fail) = built {
            // Set-up failures never name a header.
            report.status = out.fail(report, &fail, "", (0, 0, 0));
            return 0;
        }
        let engine = &hook.engine;
        out.set_joined(report, engine.header_count(), &|i| engine.header_name(i as u8).as_bytes());
        report.status = 0;
        // At most three headers (id, timestamp, signature): two bits.
        let primary = (engine.primary_header_count() as u32) << PRIMARY_SHIFT;
        hook.keyed = KeyCache::new(engine.keys().len());
        let handle = match hooks.iter().position(Option::is_none) {
            Some(free) => {
                if let Some(slot) = hooks.get_mut(free) {
                    *slot = Some(hook);
                }
                free as u32 + 1
            }
            None => {
                hooks.push(Some(hook));
                hooks.len() as u32
            }
        };
        handle | primary
    })
    .unwrap_or(0)
}

/// Drops the hook behind `h` (its keys and pad states are zeroized as they drop).
#[wasm_bindgen]
pub fn hook_free(h: u32) {
    state::with(|s| {
        if let Some(slot) = s.hooks.get_mut((h as usize).wrapping_sub(1)) {
            *slot = None;
        }
    });
}

/// Verifies the delivery in the input buffer: `headers_len` bytes of header values (see
/// [`Packed`]), then `body_len` bytes of body. Returns the status (the low 8 bits; 0 = ok; the
/// message is in the output) and, when it is ok, what matched (bits 8-9: 0 HMAC-SHA256, 1
/// HMAC-SHA1, 2 Ed25519), the key index (bits 10-17), and where the id is (bits 18-25: 0 none,
/// 1 + n = the `n`th header entry's value exactly, 255 = in the output); the timestamp is in the
/// report. With feature `host`, the status may be `host::NEED_HOST`.
#[wasm_bindgen]
pub fn hook_verify(h: u32, headers_len: u32, body_len: u32, now: f64) -> u32 {
    start(h, Op::Verify { headers_len: headers_len as usize, body_len: body_len as usize, now })
}

/// Every header a sender attaches, as `name\0value\0…` in the output, for the body in the input
/// buffer after the id's `id_len` bytes (`u32::MAX`: no id). Returns the status.
#[wasm_bindgen]
pub fn hook_sign(h: u32, id_len: u32, timestamp: f64, body_len: u32) -> u32 {
    start(h, Op::Sign { id_len, timestamp, body_len: body_len as usize })
}

fn start(h: u32, op: Op) -> u32 {
    state::with(|s| {
        #[cfg(feature = "host")]
        if let Some(hook) = hook_at(&mut s.hooks, h) {
            // An operation the facade abandoned (the host threw) ends here.
            hook.end_operation();
        }
        run(s, h, op)
    })
    .unwrap_or(CODES.len() as u32)
}

/// Reruns the operation that returned `host::NEED_HOST`, with the host's result the facade wrote
/// into the report.
#[cfg(feature = "host")]
#[wasm_bindgen]
pub fn hook_resume(h: u32) -> u32 {
    state::with(|s| {
        let State { report, out, hooks, .. } = s;
        let Some(hook) = hook_at(hooks, h) else {
            return out.fail(report, &MALFORMED_CALL, "", (0, 0, 0));
        };
        let Some(op) = hook.pending.filter(|_| hook.exchange.answer(report)) else {
            hook.end_operation();
            return out.fail(report, &MALFORMED_CALL, "", (0, 0, 0));
        };
        run(s, h, op)
    })
    .unwrap_or(CODES.len() as u32)
}

/// HMACs over `threshold` bytes of signed content or more go to the host (`u32::MAX`: none).
#[cfg(feature = "host")]
#[wasm_bindgen]
pub fn set_host_threshold(threshold: u32) {
    state::with(|s| s.host_threshold = if threshold == u32::MAX { usize::MAX } else { threshold as usize });
}

/// The hints (`...abcd`) of `h`'s keys, joined by NUL, in the output: safe to display.
#[wasm_bindgen]
pub fn hook_hints(h: u32) {
    state::with(|s| {
        let State { report, out, hooks, .. } = s;
        let Some(keys) = hook_at(hooks, h).map(|hook| hook.engine.keys()) else {
            return out.set_joined(report, 0, &|_| &[]);
        };
        out.set_joined(report, keys.len(), &|k| keys.hint(k).as_bytes());
    });
}

/// A secret of `nbytes` random bytes in the scheme's default format: the secret in the output and
/// status 0, or a status and the message (the core alone decides the length bounds). The input
/// buffer holds the random bytes the facade drew from `crypto.getRandomValues`, then the scheme's
/// name: `nbytes` of them, or for a larger count [`MAX_KEY_BYTES`] + 1 (the count asked for is
/// checked first, and no format takes that many). The bytes are zeroized.
#[wasm_bindgen]
pub fn generate_secret(nbytes: u32, scheme_len: u32) -> u32 {
    state::with(|s| {
        let State { report, input, out, .. } = s;
        let nbytes = nbytes as usize;
        let drawn = nbytes.min(MAX_KEY_BYTES + 1);
        let scheme = input.get(drawn..).and_then(|rest| rest.get(..scheme_len as usize)).and_then(engine::utf8);
        let mut secret = Zeroizing::new(Vec::new());
        let encoded = match (input.get(..drawn), scheme) {
            // The count asked for first, as the core's `generate_secret` checks it before drawing:
            // a refusal names that count, not the capped one drawn.
            (Some(bytes), Some(scheme)) => engine::preset_secret_format(scheme)
                .and_then(|format| engine::check_generated_len(nbytes, format).and_then(|()| engine::write_secret(bytes, format, &mut secret))),
            _ => Err(MALFORMED_CALL),
        };
        zeroize_range(input, 0, drawn);
        match encoded {
            Ok(()) => {
                out.set_secret(report, &secret);
                0
            }
            Err(fail) => out.fail(report, &fail, "", (0, 0, 0)),
        }
    })
    .unwrap_or(CODES.len() as u32)
}

/// The header values the facade sends: `"<i><value>\0<i><value>…"`, `i` = `'0'` + position in
/// [`engine::Hook::header_names`]. Split once per call: verification looks headers up several times
/// (each variant's, then the id, timestamp and signature), and on the host path once per round;
/// rescanning the text for each lookup made a 1 KiB verify ~0.4 µs slower in Node (npm/README.md).
struct Packed<'a> {
    /// (position, value) of every entry, in the order sent.
    entries: Vec<HeaderEntry<'a>>,
}

impl<'a> Packed<'a> {
    fn new(text: &'a [u8]) -> Packed<'a> {
        let mut entries = Vec::new();
        for raw in text.split(|b| *b == 0) {
            // Empty entries (a bare separator) carry no position: skipped.
            if let Some((i, value)) = raw.split_first() {
                entries.push((i.wrapping_sub(b'0'), value));
            }
        }
        Packed { entries }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without a host, both hashes run on the kept pad states, equal to the core's HMAC on first
    /// use and on every later one (cache hits), per key and hash.
    #[test]
    fn wasm_hmac_through_the_key_cache_matches_core() {
        let data: Vec<u8> = (0..400u32).map(|i| (i * 7 + 3) as u8).collect();
        let cache = KeyCache::new(hooksig::limits::MAX_KEYS);
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

    /// The secrets' bytes the facade writes into the input buffer are zeroized by the export that
    /// reads them, whether it succeeds or fails, and nothing else of the input is touched.
    #[test]
    fn secrets_in_the_input_are_zeroized() {
        let fill = |input: &[u8]| state::with(|s| s.input = input.to_vec());
        let input = || state::with(|s| s.input.clone()).unwrap_or_default();
        for (secret, ok) in [(&b"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"[..], true), (b"whsec_not base64!", false)] {
            let mut framed = Vec::new();
            framed.extend((secret.len() as u32).to_le_bytes());
            framed.extend(FORMAT_AUTO.to_le_bytes());
            framed.extend(f64::NAN.to_le_bytes());
            framed.extend(b"standard");
            framed.extend(secret);
            framed.extend(b"after");
            fill(&framed);
            let h = hook_new(8, 0, secret.len() as u32, 1, 300.0);
            assert_eq!(h != 0, ok);
            let after = input();
            let at = META_BYTES + 8;
            assert_eq!(after[..at], framed[..at]);
            assert!(after[at..at + secret.len()].iter().all(|b| *b == 0));
            assert_eq!(&after[at + secret.len()..], b"after");
            hook_free(h & ((1 << PRIMARY_SHIFT) - 1));
        }
        for (nbytes, ok) in [(32u32, true), (2, false)] {
            let mut framed = vec![0xa5u8; nbytes as usize];
            framed.extend(b"standard");
            fill(&framed);
            assert_eq!(generate_secret(nbytes, 8) == 0, ok);
            let after = input();
            assert!(after[..nbytes as usize].iter().all(|b| *b == 0));
            assert_eq!(&after[nbytes as usize..], b"standard");
        }
    }

    /// Every core code has its status, in CODES order, and the first nine are the verification
    /// failures (the facade's VERIFICATION_FAILURES).
    #[test]
    fn statuses_follow_codes() {
        for (i, code) in CODES.iter().enumerate() {
            let fail = Fail::new(Code::ALL[i]);
            assert_eq!(status(&fail), i as u32 + 1, "{code}");
            let error = fail.into_error(|n| n, (0, 0, 0));
            assert_eq!((error.code(), error.is_verification_failure()), (*code, i < 9), "{code}");
        }
    }
}

//! The host's HMAC: `node:crypto`, which Node, Deno, Bun and Workers (with `nodejs_compat`) run
//! natively at ~1.2 GB/s against ~250 MB/s for SHA-256 in wasm. Only in the build those runtimes
//! load (feature `host`): browsers have no synchronous native HMAC (WebCrypto is async), so their
//! download leaves this out. Only the primitive moves here; the core still chooses the key and
//! compares the tag in constant time.
//!
//! Wasm does not call the host: a module with an import costs every Node cold start ~0.4 ms
//! (V8 compiles a wasm-to-JS wrapper with its optimising compiler when the module is compiled).
//! Instead a verify or sign that needs a host HMAC stops and asks for it:
//! 1. The operation runs with this round's answers. The first HMAC without one is written into
//!    the [`Report`] as a request, gets a placeholder tag, and the round's outcome is discarded:
//!    the export returns [`NEED_HOST`].
//! 2. The facade computes it (npm/src/host-node.ts) into `Report::host_result` and calls
//!    `hook_resume`, which reruns the operation from the start with one more answer.
//!
//! The operation is deterministic in its inputs, which stay in wasm memory meanwhile (the input
//! buffer, the keys), so each round asks for the same HMACs in the same order, and the last round
//! (no request) is an ordinary run with every host HMAC answered. A rerun reads the headers again
//! (a verify) or formats them again (a sign): a round trip costs far less than the HMACs that make
//! the host worth asking.

use alloc::vec::Vec;
use core::cell::{Cell, RefCell};

use hooksig::limits::{MAX_KEYS, MAX_TEMPLATE_PARTS};
use hooksig::mac::Tag;
use zeroize::Zeroize;

use crate::hmac::Hash;
use crate::state::Report;
use crate::KeyCache;

/// The status of a round that asks for a host HMAC (never a core error's: those are 1–16).
pub const NEED_HOST: u32 = 255;

/// Requests (`Report::host[0]`; npm/src/host-node.ts has the same numbers); `| SHA1` selects SHA-1.
mod op {
    /// The hash of the `host[2]` bytes at `host[1]`.
    pub const DIGEST: u32 = 0;
    /// The HMAC keyed with the `host[2]` bytes at `host[1]` over the message in `host[4]` parts,
    /// listed at `host[3]` as (address, length) pairs of u32.
    pub const HMAC: u32 = 2;
    pub const SHA1: u32 = 1;
}

/// Up to this many bytes of signed content, the host computes only the inner hash, a one-shot
/// digest of `K ⊕ ipad ‖ message` assembled in a scratch buffer (`crypto.hash` has no per-call
/// object to set up), and the outer hash runs in wasm from the key's kept pad state: ~1.1 µs less
/// than `createHmac` at 1 KiB, ~1 µs at 16 KiB (npm/bench). Above it copying the body into the
/// scratch costs more than that, and the host streams the message from views of wasm memory.
const ONE_SHOT_MAX: usize = 64 * 1024;
const BLOCK: usize = 64;
const PAGE: usize = 4096;
/// Every HMAC a verify or sign can make: each key, with both hashes (GitHub with SHA-1 enabled).
const MAX_ROUNDS: usize = 2 * MAX_KEYS;

fn addr(s: &[u8]) -> u32 {
    s.as_ptr() as usize as u32
}

fn sha1_flag(hash: Hash) -> u32 {
    if hash == Hash::Sha1 {
        op::SHA1
    } else {
        0
    }
}

/// A `Hook`'s side of the exchange, kept between rounds.
#[derive(Default)]
pub struct Exchange {
    /// The host's answers so far in this operation, in the order asked.
    answers: Vec<Tag>,
    /// The one-shot request's input; its padded key block is zeroized once the host has read it.
    scratch: Vec<u8>,
    key_block: Option<usize>,
    /// A streaming request's message parts that are not in the input buffer (literals, a
    /// formatted timestamp: these may live on the stack or in a value freed when the round ends),
    /// copied so that they stay put until the host has read them, and the (address, length) list.
    copies: Vec<u8>,
    list: Vec<u32>,
}

impl Exchange {
    /// Starts an operation: no answers, nothing key-bearing left from an abandoned one.
    pub fn reset(&mut self) {
        self.answers.clear();
        self.forget_key();
    }

    /// Adds the answer the facade wrote for the last request; `false` once an operation has had
    /// more answers than it can ask for (a facade that loops on a stale request).
    pub fn answer(&mut self, report: &mut Report) -> bool {
        self.forget_key();
        if self.answers.len() >= MAX_ROUNDS {
            return false;
        }
        self.answers.push(report.host_result);
        report.host_result.zeroize();
        true
    }

    fn forget_key(&mut self) {
        if let Some(at) = self.key_block.take() {
            self.scratch.get_mut(at..at + BLOCK).into_iter().for_each(Zeroize::zeroize);
        }
    }
}

impl Drop for Exchange {
    fn drop(&mut self) {
        self.forget_key();
        self.answers.zeroize();
    }
}

/// One round: hands out the answers in order and records the first HMAC without one.
pub struct Round<'a> {
    threshold: usize,
    exchange: RefCell<&'a mut Exchange>,
    /// The input buffer, whose contents stay put between rounds.
    input: &'a [u8],
    next: Cell<usize>,
    request: Cell<Option<[u32; 5]>>,
}

impl<'a> Round<'a> {
    pub fn new(threshold: usize, exchange: &'a mut Exchange, input: &'a [u8]) -> Round<'a> {
        Round { threshold, exchange: RefCell::new(exchange), input, next: Cell::new(0), request: Cell::new(None) }
    }

    /// The request this round made, if any (then its outcome stands for nothing).
    pub fn request(&self) -> Option<[u32; 5]> {
        self.request.get()
    }

    /// Whether an HMAC over `total` bytes goes to the host: below the threshold it is wasm's turn
    /// (a host round trip costs more than hashing a small message).
    pub fn takes(&self, total: usize) -> bool {
        total >= self.threshold
    }

    /// The tag from the host, or a placeholder while asking for it; `total`: the message's length.
    #[inline(never)] // not on the small-body path: kept out of its compiled code
    pub fn hmac(&self, hash: Hash, key: &[u8], message: &[&[u8]], total: usize, keyed: &KeyCache) -> Option<Tag> {
        let one_shot = total <= ONE_SHOT_MAX;
        let n = self.next.get();
        self.next.set(n + 1);
        let Ok(mut exchange) = self.exchange.try_borrow_mut() else { return None };
        if let Some(answer) = exchange.answers.get(n) {
            return Some(if one_shot { keyed.outer(hash, key, answer) } else { *answer });
        }
        if self.request.get().is_none() {
            let request = if one_shot {
                one_shot_request(&mut exchange, hash, key, message, total)
            } else {
                stream_request(&mut exchange, hash, key, message, self.input)
            };
            self.request.set(Some(request));
        }
        Some([0; 32])
    }
}

/// The inner hash of RFC 2104, H(K' ⊕ ipad ‖ m) with K' = H(K) for keys longer than a block, as
/// one host digest over a scratch copy.
#[inline(never)] // asking is the uncommon round: kept out of the HMAC dispatch's compiled code
fn one_shot_request(exchange: &mut Exchange, hash: Hash, key: &[u8], message: &[&[u8]], total: usize) -> [u32; 5] {
    let mut padded = [0u8; BLOCK];
    if key.len() > BLOCK {
        let mut digest = hash.digest(key);
        padded.iter_mut().zip(digest.iter()).for_each(|(p, d)| *p = *d);
        digest.zeroize();
    } else if let Some(dst) = padded.get_mut(..key.len()) {
        dst.copy_from_slice(key);
    }
    // Where the copy starts: the largest part (the body) lands half a page away, modulo 4 KiB,
    // from where it is read. x86 stalls a copy whose loads and stores share their low 12 address
    // bits (4K aliasing), and the allocator's block sizes, page multiples above 16 KiB, made that
    // common: some placements took a 16 KiB verify ~40% longer (npm/README.md).
    let (mut largest, mut largest_at, mut offset) = (&[][..], 0, 0);
    for part in message {
        if part.len() > largest.len() {
            (largest, largest_at) = (part, offset);
        }
        offset += part.len();
    }
    let scratch = &mut exchange.scratch;
    // Room for the whole input before any key byte is written: growing the buffer later would
    // free a copy of the padded key without zeroizing it.
    scratch.clear();
    scratch.reserve(PAGE + BLOCK + total);
    let lands = scratch.as_ptr() as usize + BLOCK + largest_at;
    let start = (largest.as_ptr() as usize).wrapping_add(PAGE / 2).wrapping_sub(lands) % PAGE;
    scratch.resize(start, 0);
    scratch.extend(padded.iter().map(|b| b ^ 0x36));
    padded.zeroize();
    for part in message {
        scratch.extend_from_slice(part);
    }
    exchange.key_block = Some(start);
    let input = scratch.get(start..).unwrap_or_default();
    [op::DIGEST | sha1_flag(hash), addr(input), input.len() as u32, 0, 0]
}

/// The whole HMAC, streamed by the host from the message's parts where they are.
#[inline(never)]
fn stream_request(exchange: &mut Exchange, hash: Hash, key: &[u8], message: &[&[u8]], input: &[u8]) -> [u32; 5] {
    let inside = |part: &[u8]| input.as_ptr_range().contains(&part.as_ptr()) && part.as_ptr_range().end <= input.as_ptr_range().end;
    let copied: usize = message.iter().filter(|p| !inside(p)).map(|p| p.len()).sum();
    exchange.copies.clear();
    // Reserved first, so that the copies never move while their addresses are listed.
    exchange.copies.reserve(copied);
    exchange.list.clear();
    exchange.list.reserve(2 * MAX_TEMPLATE_PARTS);
    for part in message.iter().filter(|p| !p.is_empty()) {
        let at = if inside(part) {
            addr(part)
        } else {
            let at = exchange.copies.len();
            exchange.copies.extend_from_slice(part);
            addr(exchange.copies.get(at..).unwrap_or_default())
        };
        exchange.list.extend([at, part.len() as u32]);
    }
    let list = exchange.list.as_ptr() as usize as u32;
    [op::HMAC | sha1_flag(hash), addr(key), key.len() as u32, list, exchange.list.len() as u32 / 2]
}

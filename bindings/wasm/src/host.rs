//! The host's HMAC: `node:crypto`, which Node, Deno, Bun and Workers (with `nodejs_compat`) run
//! natively at ~1.2 GB/s against ~250 MB/s for SHA-256 in wasm. Only in the build those runtimes
//! load (feature `host`): browsers have no synchronous native HMAC (WebCrypto is async), so their
//! download leaves this out. Only the primitive moves here; the core still chooses the key and
//! compares the tag in constant time.

use alloc::vec::Vec;
use core::cell::RefCell;

use hooksig::mac::Tag;
use wasm_bindgen::prelude::*;
use zeroize::{Zeroize, Zeroizing};

use crate::hmac::Hash;
use crate::{Hook, KeyCache};

#[wasm_bindgen]
extern "C" {
    /// The host's HMAC (the facade passes an object wrapping `node:crypto`, npm/src/host-node.ts).
    /// Pointers are offsets into this module's memory; the host reads the key and message parts
    /// from views of it and writes a tag or digest where the operation says ([`op`]).
    pub type Host;
    /// Every operation through one import: V8 compiles a wasm-to-JS wrapper per distinct import
    /// signature when the module is instantiated (~40 µs each in Node 20), so four methods with
    /// four signatures cost ~0.12 ms of every import more than one.
    #[wasm_bindgen(method)]
    fn call(this: &Host, op: u32, a: u32, b: u32, c: u32);
}

/// `Host::call`'s operations (npm/src/host-node.ts has the same numbers); `| SHA1` selects SHA-1.
mod op {
    /// One-shot hash of `b` bytes at `a`, written at `c`.
    pub const DIGEST: u32 = 0;
    /// Starts an HMAC keyed with the `b` bytes at `a`.
    pub const BEGIN: u32 = 2;
    /// Feeds the `b` bytes at `a` into the HMAC.
    pub const UPDATE: u32 = 4;
    /// Writes the HMAC's tag at `a`.
    pub const FINISH: u32 = 6;
    pub const SHA1: u32 = 1;
}

/// Up to this many bytes of signed content, a host HMAC is a one-shot host digest of
/// `K ⊕ ipad ‖ message` assembled in a scratch buffer (`crypto.hash` has no per-call object to set
/// up), and the outer hash runs in wasm from the key's kept pad state:
/// ~1.1 µs less than `createHmac` at 1 KiB, ~1 µs at 16 KiB (npm/bench). Above it copying the body
/// into the scratch costs more than that, and the message is streamed into `createHmac` from
/// views of wasm memory instead.
const ONE_SHOT_MAX: usize = 64 * 1024;
const BLOCK: usize = 64;
const PAGE: usize = 4096;

fn ptr(s: &[u8]) -> u32 {
    s.as_ptr() as usize as u32
}

fn sha1_flag(hash: Hash) -> u32 {
    if hash == Hash::Sha1 {
        op::SHA1
    } else {
        0
    }
}

/// A host, and from what message size on to use it: a host call costs a fixed ~1–2 µs that wasm
/// SHA-256 beats on small bodies (measured in npm/bench).
pub(crate) struct HostHmac {
    host: Host,
    threshold: usize,
    /// The one-shot HMAC's buffer, kept between calls so that it is allocated once.
    scratch: RefCell<Vec<u8>>,
}

impl HostHmac {
    /// The tag computed by the host, or `None` below the threshold (wasm's turn).
    pub(crate) fn hmac(&self, hash: Hash, key: &[u8], message: &[&[u8]], keyed: &KeyCache) -> Option<Tag> {
        let total: usize = message.iter().map(|m| m.len()).sum();
        if total < self.threshold {
            return None;
        }
        if total <= ONE_SHOT_MAX {
            if let Some(tag) = self.one_shot(hash, key, message, total, keyed) {
                return Some(tag);
            }
        }
        let host = &self.host;
        host.call(op::BEGIN | sha1_flag(hash), ptr(key), key.len() as u32, 0);
        for part in message.iter().filter(|p| !p.is_empty()) {
            host.call(op::UPDATE, ptr(part), part.len() as u32, 0);
        }
        let mut tag = [0u8; 32];
        host.call(op::FINISH, tag.as_mut_ptr() as usize as u32, 0, 0);
        Some(tag)
    }

    /// RFC 2104 over a host digest: H(K' ⊕ opad ‖ H(K' ⊕ ipad ‖ m)), K' = H(K) when K is longer
    /// than a block; the host computes the inner hash, and the outer one runs in wasm from the
    /// key's kept pad state. Every key-bearing byte in the scratch and on the stack is zeroized
    /// after use. `total`: the message's length.
    /// `None` only if the scratch is already borrowed (not reachable: wasm is single-threaded and
    /// the host never calls back in); the caller then streams instead.
    #[inline(never)] // not on the small-body path: kept out of its compiled code
    fn one_shot(&self, hash: Hash, key: &[u8], message: &[&[u8]], total: usize, keyed: &KeyCache) -> Option<Tag> {
        let mut scratch = self.scratch.try_borrow_mut().ok()?;
        let digest = op::DIGEST | sha1_flag(hash);
        let mut padded = Zeroizing::new([0u8; BLOCK]);
        if key.len() > BLOCK {
            self.host.call(digest, ptr(key), key.len() as u32, padded.as_mut_ptr() as usize as u32);
        } else if let Some(dst) = padded.get_mut(..key.len()) {
            dst.copy_from_slice(key);
        }
        // Where the copy starts: the largest part (the body) lands half a page away, modulo 4 KiB,
        // from where it is read. x86 stalls a copy whose loads and stores share their low 12
        // address bits (4K aliasing), and the allocator's block sizes, page multiples above 16 KiB,
        // made that common: some placements took a 16 KiB verify ~40% longer (npm/README.md).
        let (mut largest, mut largest_at, mut offset) = (&[][..], 0, 0);
        for part in message {
            if part.len() > largest.len() {
                (largest, largest_at) = (part, offset);
            }
            offset += part.len();
        }
        // Room for the whole input before any key byte is written: growing the buffer later would
        // free a copy of the padded key without zeroizing it.
        scratch.clear();
        scratch.reserve(PAGE + BLOCK + total);
        let lands = scratch.as_ptr() as usize + BLOCK + largest_at;
        let start = (largest.as_ptr() as usize).wrapping_add(PAGE / 2).wrapping_sub(lands) % PAGE;
        scratch.resize(start, 0);
        scratch.extend(padded.iter().map(|b| b ^ 0x36));
        for part in message {
            scratch.extend_from_slice(part);
        }
        let mut inner = Zeroizing::new([0u8; 32]);
        let input = scratch.get(start..).unwrap_or_default();
        self.host.call(digest, ptr(input), input.len() as u32, inner.as_mut_ptr() as usize as u32);
        scratch.get_mut(start..start + BLOCK).into_iter().for_each(Zeroize::zeroize);
        Some(keyed.outer(hash, key, &inner))
    }
}

#[wasm_bindgen]
impl Hook {
    /// Hands HMACs of `threshold` bytes of signed content and more to `host`.
    pub fn use_host(&mut self, host: Host, threshold: u32) {
        self.host = Some(HostHmac { host, threshold: threshold as usize, scratch: RefCell::default() });
    }
}

//! HMAC-SHA256 in wasm with the two keyed pad blocks hashed once per key (RFC 2104 allows any
//! implementation of H(K ⊕ opad ‖ H(K ⊕ ipad ‖ m)); precomputing the pad states is the standard
//! one). A 256 B delivery is ~8 compressions instead of ~10. Only the primitive lives here: the
//! core still chooses the key and compares the tag in constant time. Tested against the core's
//! `SoftwareMac` (RFC 4231 / Wycheproof replay goes through `hmac_sha256`, which uses this).

use sha2::compress256;
use sha2::digest::generic_array::GenericArray;
use zeroize::Zeroize;

const IV: [u32; 8] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
];

/// The states after the ipad and opad blocks: key-equivalent, zeroized on drop.
#[derive(Clone)]
pub struct Keyed {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl Drop for Keyed {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

fn block(state: &mut [u32; 8], b: &[u8; 64]) {
    compress256(state, core::slice::from_ref(GenericArray::from_slice(b)));
}

/// SHA-256 of `parts` starting from `state` after `prefix_len` bytes were already hashed.
fn finish(mut state: [u32; 8], prefix_len: u64, parts: &[&[u8]]) -> [u8; 32] {
    let mut buf = [0u8; 64];
    let mut fill = 0usize;
    let mut total = prefix_len;
    for part in parts {
        total += part.len() as u64;
        let mut rest: &[u8] = part;
        if fill > 0 {
            let take = rest.len().min(64 - fill);
            let (head, tail) = rest.split_at(take);
            if let Some(dst) = buf.get_mut(fill..fill + take) {
                dst.copy_from_slice(head);
            }
            fill += take;
            rest = tail;
            if fill == 64 {
                block(&mut state, &buf);
                fill = 0;
            }
        }
        let mut chunks = rest.chunks_exact(64);
        for chunk in chunks.by_ref() {
            if let Ok(b) = <&[u8; 64]>::try_from(chunk) {
                block(&mut state, b);
            }
        }
        let rem = chunks.remainder();
        if !rem.is_empty() {
            if let Some(dst) = buf.get_mut(..rem.len()) {
                dst.copy_from_slice(rem);
            }
            fill = rem.len();
        }
    }
    // Padding: 0x80, zeros, 64-bit big-endian bit length.
    if let Some(b) = buf.get_mut(fill) {
        *b = 0x80;
    }
    if let Some(z) = buf.get_mut(fill + 1..) {
        z.fill(0);
    }
    if fill >= 56 {
        block(&mut state, &buf);
        buf.fill(0);
    }
    if let Some(len) = buf.get_mut(56..) {
        len.copy_from_slice(&(total * 8).to_be_bytes());
    }
    block(&mut state, &buf);
    buf.zeroize();
    let mut out = [0u8; 32];
    for (o, w) in out.chunks_exact_mut(4).zip(state.iter()) {
        o.copy_from_slice(&w.to_be_bytes());
    }
    state.zeroize();
    out
}

impl Keyed {
    pub fn new(key: &[u8]) -> Keyed {
        let mut k = [0u8; 64];
        if key.len() > 64 {
            let mut h = finish(IV, 0, &[key]);
            if let Some(dst) = k.get_mut(..32) {
                dst.copy_from_slice(&h);
            }
            h.zeroize();
        } else if let Some(dst) = k.get_mut(..key.len()) {
            dst.copy_from_slice(key);
        }
        let mut pad = [0u8; 64];
        let (mut inner, mut outer) = (IV, IV);
        for (p, b) in pad.iter_mut().zip(k.iter()) {
            *p = b ^ 0x36;
        }
        block(&mut inner, &pad);
        for (p, b) in pad.iter_mut().zip(k.iter()) {
            *p = b ^ 0x5c;
        }
        block(&mut outer, &pad);
        pad.zeroize();
        k.zeroize();
        Keyed { inner, outer }
    }

    /// The outer hash alone, H(K ⊕ opad ‖ inner), for an inner hash computed elsewhere (the host).
    pub fn outer(&self, inner: &[u8; 32]) -> [u8; 32] {
        finish(self.outer, 64, &[inner])
    }

    pub fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut inner = finish(self.inner, 64, parts);
        let out = self.outer(&inner);
        inner.zeroize();
        out
    }
}

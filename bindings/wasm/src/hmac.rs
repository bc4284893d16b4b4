//! HMAC-SHA256 and HMAC-SHA1 in wasm with the two keyed pad blocks hashed once per key (RFC 2104
//! allows any implementation of H(K ⊕ opad ‖ H(K ⊕ ipad ‖ m)); precomputing the pad states is the
//! standard one). A 256 B delivery is ~8 compressions instead of ~10. Only the primitive lives
//! here: the core still chooses the key and compares the tag in constant time. Tested against the
//! core's `SoftwareMac` (RustCrypto `hmac`) below; the npm suite replays RFC 4231 and Wycheproof
//! through the public API (a custom scheme over `{body}`), which runs this for small messages.

use hooksig_wasm_sha::{compress, sha1_compress, IV, SHA1_IV};
use hooksig::mac::{Algorithm, Tag};
use zeroize::Zeroize;

const BLOCK: usize = 64;

/// A hash state: SHA-256 uses all eight words, SHA-1 the first five.
type State = [u32; 8];

/// The two hashes under the HMAC. `Algorithm` is the core's (non-exhaustive) enum; this is the
/// closed set this module implements.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha256,
    Sha1,
}

impl Hash {
    /// `None` for an algorithm this module does not implement (none today).
    pub fn of(algorithm: Algorithm) -> Option<Hash> {
        match algorithm {
            Algorithm::Sha256 => Some(Hash::Sha256),
            Algorithm::Sha1 => Some(Hash::Sha1),
            _ => None,
        }
    }

    /// The digest length, which is the core's tag length for the same algorithm.
    fn len(self) -> usize {
        match self {
            Hash::Sha256 => Algorithm::Sha256,
            Hash::Sha1 => Algorithm::Sha1,
        }
        .tag_len()
    }

    fn iv(self) -> State {
        match self {
            Hash::Sha256 => IV,
            Hash::Sha1 => {
                let mut s = [0; 8];
                s[..5].copy_from_slice(&SHA1_IV);
                s
            }
        }
    }

    fn block(self, state: &mut State, b: &[u8; BLOCK]) {
        match self {
            Hash::Sha256 => compress(state, b),
            Hash::Sha1 => {
                if let Some(state) = state.first_chunk_mut::<5>() {
                    sha1_compress(state, b);
                }
            }
        }
    }

    /// The plain hash of `data` (a key longer than a block becomes this in HMAC).
    #[cfg(feature = "host")]
    pub fn digest(self, data: &[u8]) -> Tag {
        self.finish(self.iv(), 0, &[data])
    }

    /// The state after hashing the block `k ⊕ pad` (HMAC's ipad or opad block). One copy for both
    /// pads: less wasm for a cold start to compile.
    #[inline(never)]
    fn padded(self, k: &[u8; BLOCK], pad: u8) -> State {
        let mut block = *k;
        block.iter_mut().for_each(|b| *b ^= pad);
        let mut state = self.iv();
        self.block(&mut state, &block);
        block.zeroize();
        state
    }

    /// The hash of `parts` continuing from `state`, after `prefix_len` bytes were already hashed;
    /// zero-padded to 32 bytes. One copy, not inlined into its three callers: V8 compiles wasm per
    /// function on first call, so every copy would cost a cold start again.
    #[inline(never)]
    fn finish(self, mut state: State, prefix_len: u64, parts: &[&[u8]]) -> Tag {
        let mut buf = [0u8; BLOCK];
        let mut fill = 0usize;
        let mut total = prefix_len;
        for part in parts {
            total += part.len() as u64;
            let mut rest: &[u8] = part;
            while !rest.is_empty() {
                // Whole blocks straight from the input; the rest through `buf` (everything, in
                // the browser build: one path is less code, and a copy is cheap beside a block).
                #[cfg(not(feature = "small"))]
                if let (0, Some((block, tail))) = (fill, rest.split_first_chunk::<BLOCK>()) {
                    self.block(&mut state, block);
                    rest = tail;
                    continue;
                }
                let take = rest.len().min(BLOCK - fill);
                let (head, tail) = rest.split_at(take);
                if let Some(dst) = buf.get_mut(fill..fill + take) {
                    dst.copy_from_slice(head);
                }
                fill += take;
                rest = tail;
                if fill == BLOCK {
                    self.block(&mut state, &buf);
                    fill = 0;
                }
            }
        }
        // Padding (the same for both): 0x80, zeros, 64-bit big-endian bit length.
        if let Some(b) = buf.get_mut(fill) {
            *b = 0x80;
        }
        if let Some(z) = buf.get_mut(fill + 1..) {
            z.fill(0);
        }
        if fill >= BLOCK - 8 {
            self.block(&mut state, &buf);
            buf.fill(0);
        }
        if let Some(len) = buf.get_mut(BLOCK - 8..) {
            len.copy_from_slice(&(total * 8).to_be_bytes());
        }
        self.block(&mut state, &buf);
        buf.zeroize();
        let mut out = [0u8; 32];
        for (i, o) in out.iter_mut().enumerate().take(self.len()) {
            *o = (state.get(i / 4).copied().unwrap_or(0) >> (24 - 8 * (i % 4))) as u8;
        }
        state.zeroize();
        out
    }
}

/// The states after the ipad and opad blocks: key-equivalent, zeroized on drop.
pub struct Keyed {
    hash: Hash,
    inner: State,
    outer: State,
}

impl Drop for Keyed {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

impl Keyed {
    pub fn new(hash: Hash, key: &[u8]) -> Keyed {
        let mut k = [0u8; BLOCK];
        if key.len() > BLOCK {
            let mut h = hash.finish(hash.iv(), 0, &[key]);
            k[..32].copy_from_slice(&h);
            h.zeroize();
        } else if let Some(dst) = k.get_mut(..key.len()) {
            dst.copy_from_slice(key);
        }
        let (inner, outer) = (hash.padded(&k, 0x36), hash.padded(&k, 0x5c));
        k.zeroize();
        Keyed { hash, inner, outer }
    }

    /// For the pad-state cache, which the browser build (feature `small`) does without.
    #[cfg(not(feature = "small"))]
    pub fn hash(&self) -> Hash {
        self.hash
    }

    /// The outer hash alone, H(K ⊕ opad ‖ inner), for an inner hash computed elsewhere (the host);
    /// `inner` holds the hash's length in bytes and zeros after it.
    pub fn outer(&self, inner: &Tag) -> Tag {
        let inner = inner.get(..self.hash.len()).unwrap_or_default();
        self.hash.finish(self.outer, BLOCK as u64, &[inner])
    }

    pub fn mac(&self, parts: &[&[u8]]) -> Tag {
        let mut inner = self.hash.finish(self.inner, BLOCK as u64, parts);
        let out = self.outer(&inner);
        inner.zeroize();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hooksig::mac::{MacBackend, SoftwareMac};

    /// Equal to RustCrypto's HMAC (the core's `SoftwareMac`) for every key and message length
    /// around the block and padding edges, however the message is split.
    #[test]
    fn keyed_hmac_matches_rustcrypto() {
        let data: Vec<u8> = (0..400u32).map(|i| (i * 7 + 3) as u8).collect();
        for (hash, algorithm) in [(Hash::Sha256, Algorithm::Sha256), (Hash::Sha1, Algorithm::Sha1)] {
            for key_len in [0usize, 1, 20, 32, 63, 64, 65, 100, 200] {
                let key = &data[..key_len];
                let keyed = Keyed::new(hash, key);
                for len in [0usize, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 300, 400] {
                    let msg = &data[..len];
                    let want = SoftwareMac.hmac(algorithm, key, &[msg]);
                    assert_eq!(keyed.mac(&[msg]), want, "key {key_len} len {len}");
                    for cut in [0, 1.min(len), len / 2, len.saturating_sub(1), len] {
                        let (a, b) = msg.split_at(cut);
                        let (c, d) = b.split_at(b.len() / 2);
                        assert_eq!(keyed.mac(&[a, c, &[], d]), want, "key {key_len} len {len} cut {cut}");
                    }
                }
            }
        }
    }
}

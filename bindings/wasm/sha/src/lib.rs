//! The SHA-256 and SHA-1 block functions (FIPS 180-4 §6.2.2, §6.1.2), written for wasm's cold
//! start and download size.
//!
//! `sha2`'s portable block function unrolls all 64 rounds: 7.9 KB of wasm, which V8 compiles
//! before the first verify can return (~0.15 ms of a Node cold start); with `hmac` and `sha1` it
//! was ~1.8 KB of the browser's gzip download. Here one loop body holds 16 SHA-256 rounds with
//! constant indices, so the message schedule stays in locals (registers) as in the fully unrolled
//! form, and runs 4 times: 2.9 KB, as fast in Node. The browser build (feature `small`) runs one
//! round per iteration instead: 1.8 KB less raw and 0.8 KB less gzip download, for ~30% slower
//! hashing of large bodies in browsers (~200 against ~280 MB/s in V8; measured in npm/README.md).
//! SHA-1 (GitHub's legacy header only) is a plain loop: small before fast. All are differentially
//! tested against RustCrypto's.
//!
//! A crate of its own so that the size-first browser build can still compile it at opt-level 3
//! (bindings/wasm/.cargo/config.toml): at "z" either form runs ~1.5–2× slower, and the small one
//! is no smaller.
//!
//! Natively (the Python package) the core keeps RustCrypto's `sha2`, which uses the CPU's SHA
//! instructions; wasm has none.

#![no_std]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

const K: [u32; 64] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
];

/// The initial hash value H(0).
pub const IV: [u32; 8] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
];

/// Round `i` of a 16-round group (`r` = the group): the schedule word is updated in place from
/// the group's first round on (W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], indices mod 16),
/// and the working variables arrive already rotated, so no round moves them.
#[cfg(not(feature = "small"))]
macro_rules! round {
    ($w:ident, $k:ident, $r:ident, $i:literal, $a:ident, $b:ident, $c:ident, $d:ident, $e:ident, $f:ident, $g:ident, $h:ident) => {
        if $r > 0 {
            let w15 = $w[($i + 1) & 15];
            let w2 = $w[($i + 14) & 15];
            let s0 = w15.rotate_right(7) ^ w15.rotate_right(18) ^ (w15 >> 3);
            let s1 = w2.rotate_right(17) ^ w2.rotate_right(19) ^ (w2 >> 10);
            $w[$i] = $w[$i].wrapping_add(s0).wrapping_add($w[($i + 9) & 15]).wrapping_add(s1);
        }
        let t1 = $h
            .wrapping_add($e.rotate_right(6) ^ $e.rotate_right(11) ^ $e.rotate_right(25))
            .wrapping_add(($e & $f) ^ (!$e & $g))
            .wrapping_add($k[$i])
            .wrapping_add($w[$i]);
        let t2 = ($a.rotate_right(2) ^ $a.rotate_right(13) ^ $a.rotate_right(22))
            .wrapping_add(($a & $b) ^ ($a & $c) ^ ($b & $c));
        $d = $d.wrapping_add(t1);
        $h = t1.wrapping_add(t2);
    };
}

/// The block's sixteen big-endian words, for the unrolled `compress`.
#[inline(always)] // a loop the block function unrolls into its own locals
#[cfg(not(feature = "small"))]
fn words(block: &[u8; 64]) -> [u32; 16] {
    let mut w = [0u32; 16];
    for (t, w) in w.iter_mut().enumerate() {
        *w = word(block, t);
    }
    w
}

/// The block's big-endian word `t` (< 16): the first 16 message schedule words of both hashes.
#[inline(always)]
fn word(block: &[u8; 64], t: usize) -> u32 {
    block.get(4 * t..4 * t + 4).and_then(|b| b.try_into().ok()).map_or(0, u32::from_be_bytes)
}

/// Hashes one 64-byte block into `state`: one round per iteration (feature `small`, the browser
/// build: a fraction of the bytes, at about half the speed).
#[cfg(feature = "small")]
#[allow(clippy::indexing_slicing)] // every index is `& 15` into a 16-word array, or t < 64 into K
pub fn compress(state: &mut [u32; 8], block: &[u8; 64]) {
    // Each word read in the round that first uses it: a separate pass would be unrolled into
    // sixteen copies of its byte swap (0.5 KB of the browser download).
    let mut w = [0u32; 16];
    let mut v = *state;
    for (t, k) in K.iter().enumerate() {
        if t < 16 {
            w[t] = word(block, t);
        } else {
            let w15 = w[(t + 1) & 15];
            let w2 = w[(t + 14) & 15];
            let s0 = w15.rotate_right(7) ^ w15.rotate_right(18) ^ (w15 >> 3);
            let s1 = w2.rotate_right(17) ^ w2.rotate_right(19) ^ (w2 >> 10);
            w[t & 15] = w[t & 15].wrapping_add(s0).wrapping_add(w[(t + 9) & 15]).wrapping_add(s1);
        }
        let [a, b, c, d, e, f, g, h] = v;
        let t1 = h
            .wrapping_add(e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25))
            .wrapping_add((e & f) ^ (!e & g))
            .wrapping_add(*k)
            .wrapping_add(w[t & 15]);
        let t2 = (a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22)).wrapping_add((a & b) ^ (a & c) ^ (b & c));
        v = [t1.wrapping_add(t2), a, b, c, d.wrapping_add(t1), e, f, g];
    }
    for (s, v) in state.iter_mut().zip(v) {
        *s = s.wrapping_add(v);
    }
}

/// Hashes one 64-byte block into `state`.
#[cfg(not(feature = "small"))]
pub fn compress(state: &mut [u32; 8], block: &[u8; 64]) {
    let mut w = words(block);
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    for (r, k) in K.chunks_exact(16).enumerate() {
        let Ok(k) = <&[u32; 16]>::try_from(k) else { continue };
        round!(w, k, r, 0, a, b, c, d, e, f, g, h);
        round!(w, k, r, 1, h, a, b, c, d, e, f, g);
        round!(w, k, r, 2, g, h, a, b, c, d, e, f);
        round!(w, k, r, 3, f, g, h, a, b, c, d, e);
        round!(w, k, r, 4, e, f, g, h, a, b, c, d);
        round!(w, k, r, 5, d, e, f, g, h, a, b, c);
        round!(w, k, r, 6, c, d, e, f, g, h, a, b);
        round!(w, k, r, 7, b, c, d, e, f, g, h, a);
        round!(w, k, r, 8, a, b, c, d, e, f, g, h);
        round!(w, k, r, 9, h, a, b, c, d, e, f, g);
        round!(w, k, r, 10, g, h, a, b, c, d, e, f);
        round!(w, k, r, 11, f, g, h, a, b, c, d, e);
        round!(w, k, r, 12, e, f, g, h, a, b, c, d);
        round!(w, k, r, 13, d, e, f, g, h, a, b, c);
        round!(w, k, r, 14, c, d, e, f, g, h, a, b);
        round!(w, k, r, 15, b, c, d, e, f, g, h, a);
    }
    for (s, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
        *s = s.wrapping_add(v);
    }
}

const SHA1_K: [u32; 4] = [0x5a82_7999, 0x6ed9_eba1, 0x8f1b_bcdc, 0xca62_c1d6];

/// SHA-1's initial hash value.
pub const SHA1_IV: [u32; 5] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0];

/// Hashes one 64-byte block into a SHA-1 `state`. Never inlined, so that SHA-256 callers do not
/// carry (and V8 does not compile, on a cold start) SHA-1 code.
#[inline(never)]
#[allow(clippy::indexing_slicing)] // every index is `& 15` into a 16-word array, or `/ 20` of t < 80 into 4
pub fn sha1_compress(state: &mut [u32; 5], block: &[u8; 64]) {
    // As in the small `compress`: each word read in the round that first uses it.
    let mut w = [0u32; 16];
    let [mut a, mut b, mut c, mut d, mut e] = *state;
    for t in 0..80 {
        if t < 16 {
            w[t] = word(block, t);
        } else {
            w[t & 15] = (w[(t + 13) & 15] ^ w[(t + 8) & 15] ^ w[(t + 2) & 15] ^ w[t & 15]).rotate_left(1);
        }
        let f = match t / 20 {
            0 => (b & c) | (!b & d),
            2 => (b & c) | (b & d) | (c & d),
            _ => b ^ c ^ d,
        };
        let temp = a.rotate_left(5).wrapping_add(f).wrapping_add(e).wrapping_add(SHA1_K[t / 20]).wrapping_add(w[t & 15]);
        e = d;
        d = c;
        c = b.rotate_left(30);
        b = a;
        a = temp;
    }
    for (s, v) in state.iter_mut().zip([a, b, c, d, e]) {
        *s = s.wrapping_add(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::digest::generic_array::GenericArray;

    /// `ours` and `theirs` agree on 2000 random blocks from random states.
    fn agree<const N: usize>(ours: fn(&mut [u32; N], &[u8; 64]), theirs: fn(&mut [u32; N], &[u8; 64])) {
        let mut seed = 0x0123_4567_89ab_cdefu64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..2000 {
            let mut block = [0u8; 64];
            block.iter_mut().for_each(|b| *b = next() as u8);
            let mut a = [0u32; N];
            a.iter_mut().for_each(|s| *s = next() as u32);
            let mut b = a;
            ours(&mut a, &block);
            theirs(&mut b, &block);
            assert_eq!(a, b);
        }
    }

    #[test]
    fn sha256_matches_rustcrypto() {
        agree(compress, |s, b| sha2::compress256(s, core::slice::from_ref(GenericArray::from_slice(b))));
    }

    #[test]
    fn sha1_matches_rustcrypto() {
        agree(sha1_compress, |s, b| sha1::compress(s, core::slice::from_ref(GenericArray::from_slice(b))));
    }
}

//! Hex and base64 in constant time, lenient where providers differ: hex in either case, base64 in
//! either alphabet (not mixed), padded or not.
//!
//! Why not `base64ct`/`base16ct`: their decoders are constant time too, but each alphabet and padding
//! mode is a separate monomorphised codec, and accepting every form providers use needs four of them:
//! 14 KB of the npm package's wasm. This is one decoder for all forms, built from the same branch-free
//! range arithmetic, and it is differentially tested against both crates (`tests` below).
//! Only lengths, which are public, decide branches.

#[cfg(any(feature = "ed25519", test))]
use alloc::string::String;
use alloc::vec::Vec;

/// How a signature is written in a header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Encoding {
    /// Lowercase hex when signing; either case accepted.
    #[default]
    Hex,
    /// Standard alphabet with padding when signing; either alphabet, padded or not, accepted.
    Base64,
}

impl Encoding {
    /// Decodes a received signature into `out`, returning the decoded length, or `None` if it is not
    /// valid or does not fit. Signatures are public (the sender chose them), so base64 is decoded
    /// through a lookup table: 10× fewer instructions than the branch-free path secrets take (which
    /// feature `small` uses instead, for one decoder in the binary).
    pub(crate) fn decode_into(self, text: &[u8], out: &mut [u8]) -> Option<usize> {
        match self {
            Encoding::Hex => decode_hex(text, out),
            #[cfg(not(feature = "small"))]
            Encoding::Base64 => decode_base64(text, out, public_base64_value),
            #[cfg(feature = "small")]
            Encoding::Base64 => decode_base64(text, out, base64_value),
        }
    }

    #[cfg(any(feature = "ed25519", test))]
    pub(crate) fn encode(self, bytes: &[u8]) -> String {
        let mut out = Vec::new();
        self.encode_into(bytes, &mut out);
        ascii(out)
    }

    /// Appends `bytes` encoded to `out`.
    pub(crate) fn encode_into(self, bytes: &[u8], out: &mut Vec<u8>) {
        match self {
            Encoding::Hex => hex_into(bytes, out),
            Encoding::Base64 => base64_into(bytes, out),
        }
    }
}

/// `offset + c` when `lo <= c <= hi`, else 0, without branches. (Arithmetic right shift of a
/// negative `i16` gives all ones: the mask.)
#[inline(always)]
const fn in_range(c: i16, lo: u8, hi: u8, offset: i16) -> i16 {
    (((lo as i16 - 1 - c) & (c - hi as i16 - 1)) >> 8) & (c + offset)
}

/// One base64 character of either alphabet → its 6-bit value, or a negative number. Also reports
/// whether it was a standard-only (`+/`) or URL-only (`-_`) character (non-zero if so).
#[inline(always)]
const fn base64_value(c: u8) -> (i16, i16, i16) {
    let c = c as i16;
    let mut value = -1;
    value += in_range(c, b'A', b'Z', -64);
    value += in_range(c, b'a', b'z', -70);
    value += in_range(c, b'0', b'9', 5);
    let standard = in_range(c, b'+', b'+', 20) + in_range(c, b'/', b'/', 17);
    let url = in_range(c, b'-', b'-', 18) + in_range(c, b'_', b'_', -31);
    (value + standard + url, standard, url)
}

/// [`base64_value`] for every byte, packed: the value in bits 0–5, standard-only in bit 6, URL-only
/// in bit 7, and `0xff` (no valid character has both flags) for invalid bytes.
// Evaluated at compile time: an out-of-bounds index here fails the build, it cannot panic at run time.
#[allow(clippy::indexing_slicing)]
#[cfg(not(feature = "small"))]
static PUBLIC_BASE64: [u8; 256] = {
    let mut table = [0xffu8; 256];
    let mut c = 0;
    while c < 256 {
        let (value, standard, url) = base64_value(c as u8);
        if value >= 0 {
            table[c] = value as u8 | if standard != 0 { 0x40 } else { 0 } | if url != 0 { 0x80 } else { 0 };
        }
        c += 1;
    }
    table
};

#[inline(always)]
#[cfg(not(feature = "small"))]
fn public_base64_value(c: u8) -> (i16, i16, i16) {
    match PUBLIC_BASE64.get(usize::from(c)).copied().unwrap_or(0xff) {
        0xff => (-1, 0, 0),
        e => (i16::from(e & 0x3f), i16::from(e & 0x40), i16::from(e & 0x80)),
    }
}

/// One decoder for every base64 form; `value` classifies characters (branch-free for secrets,
/// a table lookup for public signatures).
fn decode_base64(text: &[u8], out: &mut [u8], value: impl Fn(u8) -> (i16, i16, i16)) -> Option<usize> {
    let unpadded = match text {
        [rest @ .., b'=', b'='] | [rest @ .., b'='] if text.len() % 4 == 0 => rest,
        _ => text,
    };
    if unpadded.len() % 4 == 1 {
        return None;
    }
    let len = unpadded.len() / 4 * 3 + (unpadded.len() % 4).saturating_sub(1);
    let out = out.get_mut(..len)?;
    let (mut invalid, mut standard, mut url) = (0i16, 0i16, 0i16);
    // A stream of 6-bit values, a byte out whenever 8 bits are in: which characters complete a
    // byte depends only on their position (the length is public), never on their values.
    let (mut bits, mut held, mut at) = (0u32, 0u32, 0usize);
    for &c in unpadded {
        let (v, s, u) = value(c);
        invalid |= v;
        standard |= s;
        url |= u;
        // Masked so an invalid character cannot carry bits into its neighbours; `invalid` rejects it.
        bits = bits << 6 | u32::from((v & 0x3f) as u8);
        held += 6;
        if held >= 8 {
            held -= 8;
            if let Some(byte) = out.get_mut(at) {
                *byte = (bits >> held) as u8;
            }
            at += 1;
        }
    }
    // What a short final group leaves over (4 bits after 2 characters, 2 after 3) must be zero.
    invalid |= -((bits & ((1 << held) - 1)) as i16);
    // Either alphabet, but one per string; non-canonical spare bits are an error, as in base64ct.
    (invalid >= 0 && (standard == 0 || url == 0)).then_some(len)
}

/// Standard alphabet, padded: `base64_value` run backwards, branch-free.
fn base64_into(bytes: &[u8], out: &mut Vec<u8>) {
    let char_of = |v: u32| -> u8 {
        let v = (v & 0x3f) as i16;
        let mut diff = i16::from(b'A');
        diff += ((25 - v) >> 8) & 6;
        diff -= ((51 - v) >> 8) & 75;
        diff -= ((61 - v) >> 8) & 15;
        diff += ((62 - v) >> 8) & 3;
        (v + diff) as u8
    };
    out.reserve(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let bits = chunk.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char_of(bits >> (18 - 6 * i)));
            } else {
                out.push(b'=');
            }
        }
    }
}

pub(crate) fn decode_hex(text: &[u8], out: &mut [u8]) -> Option<usize> {
    if text.len() % 2 != 0 {
        return None;
    }
    let out = out.get_mut(..text.len() / 2)?;
    let mut invalid = 0i16;
    let mut nibble = |c: u8| {
        let c = i16::from(c);
        let value = -1 + in_range(c, b'0', b'9', -47) + in_range(c, b'a', b'f', -86) + in_range(c, b'A', b'F', -54);
        invalid |= value;
        (value & 0xf) as u8
    };
    // Each byte is written twice, its high nibble first: no pairs to cut out of the text.
    for (at, &c) in text.iter().enumerate() {
        if let Some(byte) = out.get_mut(at / 2) {
            *byte = *byte << 4 | nibble(c);
        }
    }
    (invalid >= 0).then_some(out.len())
}

/// Lowercase hex, branch-free (generated secrets are encoded with it).
fn hex_into(bytes: &[u8], out: &mut Vec<u8>) {
    let digit = |n: u8| -> u8 {
        let n = i16::from(n & 0xf);
        (n + 0x30 + (((9 - n) >> 8) & 0x27)) as u8
    };
    out.reserve(bytes.len() * 2);
    for byte in bytes {
        out.push(digit(byte >> 4));
        out.push(digit(*byte));
    }
}

/// An encoder's output as a `String`. It is ASCII, so the check cannot fail; it is less wasm than
/// pushing `char`s, which carries the multi-byte path along.
#[cfg(any(feature = "ed25519", test))]
fn ascii(text: Vec<u8>) -> String {
    String::from_utf8(text).unwrap_or_default()
}

/// Decodes secret material: on failure the partly written buffer is zeroized before it is freed.
#[cfg(any(feature = "ed25519", test))]
fn decode_vec(text: &str, max_len: usize, decode: fn(&[u8], &mut [u8]) -> Option<usize>) -> Option<Vec<u8>> {
    let mut out = zeroize::Zeroizing::new(alloc::vec![0u8; max_len]);
    let len = decode(text.as_bytes(), &mut out)?;
    out.truncate(len);
    Some(core::mem::take(&mut *out))
}

/// Base64 secret material into `out`, branch-free: the decoded length, or `None`.
pub(crate) fn decode_secret_base64(text: &[u8], out: &mut [u8]) -> Option<usize> {
    decode_base64(text, out, base64_value)
}

/// Base64 of any length (an Ed25519 key's, which is checked after decoding).
#[cfg(any(feature = "ed25519", test))]
pub(crate) fn decode_base64_vec(text: &str) -> Option<Vec<u8>> {
    decode_vec(text, text.len() / 4 * 3 + 2, |text, out| decode_base64(text, out, base64_value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64ct::{Base64, Base64Unpadded, Base64Url, Base64UrlUnpadded, Encoding as _};
    use proptest::prelude::*;

    #[test]
    fn base64_variants() {
        for text in ["+/8=", "+/8", "-_8=", "-_8"] {
            assert_eq!(decode_base64_vec(text), Some(alloc::vec![0xfb, 0xff]), "{text}");
        }
        for bad in ["+_8=", "!!!!", "A", "AB=", "A===", "AB=C", "=", "AAA=="] {
            assert_eq!(decode_base64_vec(bad), None, "{bad}");
        }
        assert_eq!(decode_base64_vec(""), Some(alloc::vec![]));
        // Non-canonical spare bits: "AB" holds 0x00 plus four bits that must be zero.
        assert_eq!(decode_base64_vec("AB"), None);
        assert_eq!(decode_base64_vec("AA"), Some(alloc::vec![0]));
        let mut small = [0u8; 1];
        assert_eq!(Encoding::Base64.decode_into(b"AAAA", &mut small), None);
    }

    #[test]
    fn hex_either_case() {
        let mut out = [0u8; 4];
        assert_eq!(Encoding::Hex.decode_into(b"DEADbeef", &mut out), Some(4));
        assert_eq!(out, [0xde, 0xad, 0xbe, 0xef]);
        assert_eq!(Encoding::Hex.encode(&out), "deadbeef");
        for bad in [&b"abc"[..], b"0g", b"g0", b" 0", b"0:", b"/0", b"@0", b"`0"] {
            assert_eq!(Encoding::Hex.decode_into(bad, &mut out), None, "{bad:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn encoders_match_reference(bytes in prop::collection::vec(any::<u8>(), 0..100)) {
            prop_assert_eq!(Encoding::Base64.encode(&bytes), Base64::encode_string(&bytes));
            prop_assert_eq!(Encoding::Hex.encode(&bytes), base16ct::lower::encode_string(&bytes));
        }

        #[test]
        fn base64_decoder_matches_reference(text in "[A-Za-z0-9+/_=-]{0,12}|[ -~]{0,8}") {
            // The union of the four strict reference codecs, with mixed alphabets rejected.
            let mixed = text.contains(['+', '/']) && text.contains(['-', '_']);
            let reference = [
                Base64::decode_vec(&text),
                Base64Unpadded::decode_vec(&text),
                Base64Url::decode_vec(&text),
                Base64UrlUnpadded::decode_vec(&text),
            ]
            .into_iter()
            .find_map(Result::ok)
            .filter(|_| !mixed);
            prop_assert_eq!(decode_base64_vec(&text), reference);
        }

        #[test]
        fn table_and_branch_free_paths_agree(text in "[A-Za-z0-9+/_=-]{0,12}|[ -~]{0,8}|\\PC{0,6}") {
            let mut a = [0u8; 16];
            let mut b = [0u8; 16];
            let public = Encoding::Base64.decode_into(text.as_bytes(), &mut a);
            let secret = decode_base64(text.as_bytes(), &mut b, base64_value);
            prop_assert_eq!(public, secret);
            prop_assert_eq!(a, b);
        }

        #[test]
        fn base64_round_trips(bytes in prop::collection::vec(any::<u8>(), 0..100)) {
            let padded = Encoding::Base64.encode(&bytes);
            prop_assert_eq!(decode_base64_vec(&padded), Some(bytes.clone()));
            let url = padded.trim_end_matches('=').replace('+', "-").replace('/', "_");
            prop_assert_eq!(decode_base64_vec(&url), Some(bytes));
        }

        #[test]
        fn hex_decoder_matches_reference(text in "[0-9a-fA-Fg:/@`G ]{0,12}") {
            let reference = base16ct::mixed::decode_vec(&text).ok();
            let mut out = [0u8; 6];
            let decoded = decode_hex(text.as_bytes(), &mut out).map(|n| out[..n].to_vec());
            prop_assert_eq!(decoded, reference);
        }
    }
}

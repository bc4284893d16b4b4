//! Hex and base64 in constant time (RustCrypto's `base16ct`/`base64ct`), lenient where providers differ:
//! hex in either case, base64 in either alphabet, padded or not.

use alloc::string::String;
use alloc::vec::Vec;
use base64ct::{Base64, Base64Unpadded, Base64Url, Base64UrlUnpadded, Encoding as _};

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
    /// Decodes `text` into `out`, returning the decoded length, or `None` if it is not valid.
    pub(crate) fn decode_into(self, text: &[u8], out: &mut [u8]) -> Option<usize> {
        match self {
            Encoding::Hex => base16ct::mixed::decode(text, out).ok().map(|b| b.len()),
            Encoding::Base64 => decode_base64_into(text, out),
        }
    }

    pub(crate) fn encode(self, bytes: &[u8]) -> String {
        match self {
            Encoding::Hex => hex_lower(bytes),
            Encoding::Base64 => Base64::encode_string(bytes),
        }
    }
}

/// Lowercase hex, in constant time: generated secrets are encoded with it.
pub(crate) fn hex_lower(bytes: &[u8]) -> String {
    base16ct::lower::encode_string(bytes)
}

/// Which base64 variant a string is in: the alphabet from its characters, padding from its end.
fn base64_variant(text: &[u8]) -> Option<(bool, bool)> {
    let url = text.iter().any(|&c| c == b'-' || c == b'_');
    let standard = text.iter().any(|&c| c == b'+' || c == b'/');
    if url && standard {
        return None;
    }
    Some((url, text.last() == Some(&b'=')))
}

fn decode_base64_into(text: &[u8], out: &mut [u8]) -> Option<usize> {
    let (url, padded) = base64_variant(text)?;
    let decoded = match (url, padded) {
        (false, true) => Base64::decode(text, out),
        (false, false) => Base64Unpadded::decode(text, out),
        (true, true) => Base64Url::decode(text, out),
        (true, false) => Base64UrlUnpadded::decode(text, out),
    };
    decoded.ok().map(|b| b.len())
}

pub(crate) fn decode_base64_vec(text: &str) -> Option<Vec<u8>> {
    let (url, padded) = base64_variant(text.as_bytes())?;
    let decoded = match (url, padded) {
        (false, true) => Base64::decode_vec(text),
        (false, false) => Base64Unpadded::decode_vec(text),
        (true, true) => Base64Url::decode_vec(text),
        (true, false) => Base64UrlUnpadded::decode_vec(text),
    };
    decoded.ok()
}

pub(crate) fn decode_hex_vec(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    let mut out = alloc::vec![0u8; text.len() / 2];
    let len = base16ct::mixed::decode(text, &mut out).ok()?.len();
    out.truncate(len);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_variants() {
        for text in ["+/8=", "+/8", "-_8=", "-_8"] {
            let mut out = [0u8; 8];
            assert_eq!(Encoding::Base64.decode_into(text.as_bytes(), &mut out), Some(2), "{text}");
            assert_eq!(&out[..2], &[0xfb, 0xff]);
        }
        let mut out = [0u8; 8];
        assert_eq!(Encoding::Base64.decode_into(b"+_8=", &mut out), None);
        assert_eq!(Encoding::Base64.decode_into(b"!!!!", &mut out), None);
    }

    #[test]
    fn hex_either_case() {
        let mut out = [0u8; 4];
        assert_eq!(Encoding::Hex.decode_into(b"DEADbeef", &mut out), Some(4));
        assert_eq!(out, [0xde, 0xad, 0xbe, 0xef]);
        assert_eq!(Encoding::Hex.decode_into(b"abc", &mut out), None);
        assert_eq!(hex_lower(&out), "deadbeef");
        assert_eq!(decode_hex_vec("0g"), None);
    }
}

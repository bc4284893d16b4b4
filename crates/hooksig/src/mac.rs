//! Where the HMAC runs.
//!
//! The core parses headers, checks timestamps, picks keys and compares tags; only the HMAC itself is
//! delegated to a [`MacBackend`], so a binding can hand large bodies to its host's native HMAC (Node's
//! `crypto`, say) while everything that decides *whether* a delivery is authentic stays here.

use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// An HMAC tag: 32 bytes for SHA-256, 20 for SHA-1 (the rest zero).
pub type Tag = [u8; 32];

/// The hash under the HMAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC-SHA-256: every scheme's default.
    Sha256,
    /// HMAC-SHA-1: GitHub's legacy `X-Hub-Signature`, only when explicitly enabled.
    Sha1,
}

impl Algorithm {
    /// Length of the tag in bytes.
    pub const fn tag_len(self) -> usize {
        match self {
            Algorithm::Sha256 => 32,
            Algorithm::Sha1 => 20,
        }
    }
}

/// Computes HMAC over the concatenation of `message` parts.
///
/// Implementations must return the full, untruncated tag (zero-padded to 32 bytes for SHA-1).
/// The core compares it in constant time; the backend never sees a received signature.
pub trait MacBackend {
    /// HMAC(`key`, `message[0] || message[1] || …`).
    fn hmac(&self, algorithm: Algorithm, key: &[u8], message: &[&[u8]]) -> Tag;
}

/// RustCrypto's `hmac` + `sha2`/`sha1`, using the CPU's SHA extensions where present
/// (detected at run time on x86-64 and AArch64).
#[derive(Debug, Clone, Copy, Default)]
pub struct SoftwareMac;

impl MacBackend for SoftwareMac {
    fn hmac(&self, algorithm: Algorithm, key: &[u8], message: &[&[u8]]) -> Tag {
        let mut tag = [0u8; 32];
        match algorithm {
            Algorithm::Sha256 => {
                // `new_from_slice` accepts keys of every length for HMAC: no error path.
                let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else { return tag };
                for part in message {
                    mac.update(part);
                }
                tag.copy_from_slice(&mac.finalize().into_bytes());
            }
            Algorithm::Sha1 => {
                let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(key) else { return tag };
                for part in message {
                    mac.update(part);
                }
                let out = mac.finalize().into_bytes();
                for (dst, src) in tag.iter_mut().zip(out.iter()) {
                    *dst = *src;
                }
            }
        }
        tag
    }
}

/// Compares two byte strings in time that depends only on their lengths.
///
/// Lengths are public (every scheme fixes the tag length), so unequal lengths return `false` at once.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_message_equals_whole() {
        let whole = SoftwareMac.hmac(Algorithm::Sha256, b"key", &[b"hello world"]);
        let split = SoftwareMac.hmac(Algorithm::Sha256, b"key", &[b"hello", b" ", b"world"]);
        assert_eq!(whole, split);
    }

    #[test]
    fn sha1_is_zero_padded() {
        let tag = SoftwareMac.hmac(Algorithm::Sha1, b"key", &[b"data"]);
        assert_eq!(&tag[20..], &[0u8; 12]);
        assert_ne!(&tag[..20], &[0u8; 20]);
    }

    #[test]
    fn ct_eq_lengths() {
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"ab"));
        assert!(!ct_eq(b"", b"a"));
    }
}

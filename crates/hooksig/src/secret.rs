use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;

use crate::engine::{Code, Fail, Keyring, Reason};
use crate::error::{Error, Result};
use crate::limits::{MAX_KEY_BYTES, MAX_SECRET_TEXT, MIN_GENERATED_BYTES, WHSEC_GENERATED_BYTES};

pub(crate) const WHSEC: &str = "whsec_";
/// Standard Webhooks' Ed25519 secret and public keys.
pub(crate) const WHSK: &str = "whsk_";
pub(crate) const WHPK: &str = "whpk_";

/// How a secret is written. Each scheme has a default ([`Scheme::default_secret_format`](crate::Scheme::default_secret_format)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum SecretFormat {
    /// Standard Webhooks: `whsec_` + base64 (the prefix optional), or an Ed25519 `whsk_`/`whpk_` key.
    Whsec,
    /// Base64, either alphabet, padded or not.
    Base64,
    /// Hex, either case.
    Hex,
    /// The text itself, as UTF-8 bytes: Stripe (whole `whsec_…` string), GitHub, Slack, Shopify.
    Text,
    /// The bytes exactly as given, no checks beyond non-empty.
    Raw,
}

impl FromStr for SecretFormat {
    type Err = Error;

    /// Parses `whsec`, `base64`, `hex`, `text` or `raw`. (`auto` is a binding's word for "the
    /// scheme's default" and is resolved there.)
    fn from_str(name: &str) -> Result<Self> {
        Ok(match name {
            "whsec" => SecretFormat::Whsec,
            "base64" => SecretFormat::Base64,
            "hex" => SecretFormat::Hex,
            "text" => SecretFormat::Text,
            "raw" => SecretFormat::Raw,
            _ => return Err(Error::InvalidArgument { reason: Reason::UnknownSecretFormat.text() }),
        })
    }
}

/// A parsed webhook secret: the key bytes, zeroized on drop, and a hint safe to display.
///
/// `Debug` and `Display` show only the hint.
pub struct Secret {
    kind: SecretKind,
    /// As the engine's keyring holds it: an HMAC key, an Ed25519 secret key's seed and public
    /// key, or an Ed25519 public key.
    key: Zeroizing<Vec<u8>>,
    hint: String,
}

impl Secret {
    /// Parses a secret written in `format`.
    ///
    /// Surrounding whitespace is stripped for encoded formats (a pasted newline is never part of
    /// base64 or hex) but is an error for [`SecretFormat::Text`], where it would silently change the
    /// key; pass such a secret as [`SecretFormat::Raw`] to key with it verbatim.
    pub fn parse(text: &str, format: SecretFormat) -> Result<Self> {
        // Read by the engine's keyring, which holds every rule for secrets: a keyring of one.
        let mut ring = Keyring::with_capacity(text.len().min(MAX_SECRET_TEXT));
        ring.add_text(text, format, None).map_err(set_up_error)?;
        Ok(Secret::first_of(&ring))
    }

    /// A secret of these exact bytes (the `raw` format). The hint shows the last four hex digits.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut ring = Keyring::with_capacity(bytes.len().min(MAX_KEY_BYTES));
        ring.add_bytes(bytes, None).map_err(set_up_error)?;
        Ok(Secret::first_of(&ring))
    }

    fn first_of(ring: &Keyring) -> Secret {
        let key = Zeroizing::new(ring.key(0).unwrap_or_default().to_vec());
        Secret { kind: ring.kind(0), key, hint: String::from(ring.hint(0)) }
    }

    /// `...` and the last four characters of the secret as the provider showed it
    /// (`...` alone for secrets under 16 characters).
    pub fn hint(&self) -> &str {
        &self.hint
    }

    /// What kind of key this is.
    pub fn kind(&self) -> SecretKind {
        self.kind
    }

    /// The bytes verification compares against: the HMAC key, or for Ed25519 the public key.
    /// Exposed for test vectors and for key fingerprints; treat it as the secret it is.
    pub fn key_bytes(&self) -> &[u8] {
        match self.kind {
            // Held as seed || public key.
            SecretKind::Ed25519Signing => self.key.get(32..).unwrap_or_default(),
            _ => &self.key,
        }
    }

    /// The key as the engine's keyring holds it.
    pub(crate) fn keyring_bytes(&self) -> &[u8] {
        &self.key
    }
}

/// What a [`Secret`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SecretKind {
    /// A symmetric HMAC key: signs and verifies.
    Hmac,
    /// An Ed25519 secret key (`whsk_`): signs `v1a` and verifies.
    Ed25519Signing,
    /// An Ed25519 public key (`whpk_`): verifies `v1a` only.
    Ed25519Public,
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Secret").field("kind", &self.kind()).field("hint", &self.hint).finish()
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hint)
    }
}

/// Encodes `bytes` (which the caller drew from a CSPRNG) as a secret in `format`:
/// `whsec_` + base64, base64, or lowercase hex (also used for [`SecretFormat::Text`], so the
/// text form is printable and carries every random bit). The length is held to generation's
/// bounds for the format (`whsec_`: the specification's 24 to 512 bytes).
pub fn encode_secret(bytes: &[u8], format: SecretFormat) -> Result<Zeroizing<String>> {
    let mut out = Zeroizing::new(Vec::new());
    crate::engine::write_secret(bytes, format, &mut out).map_err(set_up_error)?;
    // ASCII by construction, so never lossy; moved, not copied.
    Ok(Zeroizing::new(String::from_utf8(core::mem::take(&mut *out)).unwrap_or_default()))
}

/// Draws `nbytes` from `rng` and encodes them with [`encode_secret`].
pub fn generate_secret<R: RngCore + CryptoRng>(
    rng: &mut R,
    nbytes: usize,
    format: SecretFormat,
) -> Result<Zeroizing<String>> {
    // Checked before the bytes are drawn: a huge `nbytes` costs nothing.
    check_generated_len(nbytes, format).map_err(set_up_error)?;
    let mut bytes = Zeroizing::new(alloc::vec![0u8; nbytes]);
    rng.fill_bytes(&mut bytes);
    encode_secret(&bytes, format)
}

/// A failure of set-up (no header, no replay window) as the public error.
fn set_up_error(fail: Fail) -> Error {
    fail.into_error(|_| String::new(), (0, 0, 0))
}

/// How many random bytes a generated secret in `format` may have: [`WHSEC_GENERATED_BYTES`] for
/// `whsec_`; else from [`MIN_GENERATED_BYTES`] to what parses back within [`MAX_KEY_BYTES`] (half
/// of it for text, whose key is the hex text itself, two bytes per random byte).
pub fn check_generated_len(len: usize, format: SecretFormat) -> Result<(), Fail> {
    let (min, max) = match format {
        SecretFormat::Whsec => WHSEC_GENERATED_BYTES,
        SecretFormat::Text => (MIN_GENERATED_BYTES, MAX_KEY_BYTES / 2),
        _ => (MIN_GENERATED_BYTES, MAX_KEY_BYTES),
    };
    if len < min {
        return Err(Fail::counted(Code::SecretTooShort, min, len));
    }
    if len > max {
        return Err(Fail::counted(Code::SecretTooLong, max, len));
    }
    Ok(())
}

/// A new Standard Webhooks v1a key pair: (`whsk_` secret key, `whpk_` public key), each base64.
#[cfg(feature = "ed25519")]
pub fn generate_ed25519_keypair<R: RngCore + CryptoRng>(rng: &mut R) -> (Zeroizing<String>, String) {
    let mut seed = Zeroizing::new([0u8; 32]);
    rng.fill_bytes(seed.as_mut_slice());
    let key = ed25519_dalek::SigningKey::from_bytes(&seed);
    let mut secret = Zeroizing::new(String::from(WHSK));
    secret.push_str(&Zeroizing::new(crate::Encoding::Base64.encode(key.as_bytes())));
    let public = [WHPK, &crate::Encoding::Base64.encode(key.verifying_key().as_bytes())].concat();
    (secret, public)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    fn key(text: &str, format: SecretFormat) -> Result<Vec<u8>> {
        Secret::parse(text, format).map(|s| s.key_bytes().to_vec())
    }

    /// Without the feature an Ed25519 key must be refused: read as base64 (it is valid URL-safe
    /// base64, prefix included), a public key would become an HMAC secret anyone can use.
    #[cfg(not(feature = "ed25519"))]
    #[test]
    fn ed25519_keys_are_refused_not_read_as_hmac_secrets() {
        for text in ["whsk_nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A", "whpk_11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"] {
            assert!(matches!(Secret::parse(text, SecretFormat::Whsec), Err(Error::InvalidSecret { .. })), "{text}");
        }
    }

    #[test]
    fn whsec_forms_agree() {
        let expected = key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", SecretFormat::Whsec);
        assert!(expected.is_ok());
        for form in ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", " whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n"] {
            assert_eq!(key(form, SecretFormat::Whsec), expected, "{form}");
        }
        assert_eq!(key("whsec_-_8", SecretFormat::Whsec), Ok(alloc::vec![0xfb, 0xff]));
    }

    #[test]
    fn errors_say_which() {
        assert_eq!(key("", SecretFormat::Whsec), Err(Error::EmptySecret));
        assert_eq!(key(" \t\n", SecretFormat::Text), Err(Error::EmptySecret));
        assert_eq!(key("whsec_", SecretFormat::Whsec), Err(Error::EmptySecret));
        assert!(matches!(key("whsec_!!!", SecretFormat::Whsec), Err(Error::InvalidSecret { .. })));
        // Slips that would otherwise decode into a wrong key.
        for slip in [
            "WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "whsec_whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "Whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "whsec_tDBp+Gq1ub3yjBNz6M9WqTme6KTbJq6Q_IcqUBfooQw",
        ] {
            assert!(matches!(key(slip, SecretFormat::Whsec), Err(Error::InvalidSecret { .. })), "{slip}");
        }
        assert!(matches!(key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", SecretFormat::Base64), Err(Error::InvalidSecret { .. })));
        assert_eq!(key("tDBp-Gq1ub3yjBNz6M9WqTme6KTbJq6Q_IcqUBfooQw", SecretFormat::Base64).map(|k| k.len()), Ok(32));
        assert!(matches!(key("abc", SecretFormat::Hex), Err(Error::InvalidSecret { .. })));
        assert!(matches!(key("secret\n", SecretFormat::Text), Err(Error::InvalidSecret { .. })));
        assert_eq!(key("secret\n", SecretFormat::Raw), Ok(b"secret\n".to_vec()));
        let long = "a".repeat(MAX_SECRET_TEXT + 1);
        assert!(matches!(key(&long, SecretFormat::Text), Err(Error::SecretTooLong { .. })));
    }

    #[test]
    fn stripe_secret_is_text() {
        assert_eq!(key("whsec_abc", SecretFormat::Text), Ok(b"whsec_abc".to_vec()));
    }

    #[test]
    fn hints_and_redaction() {
        let secret = Secret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", SecretFormat::Whsec);
        let Ok(secret) = secret else { panic!("valid secret") };
        assert_eq!(secret.hint(), "...LaSw");
        assert_eq!(format!("{secret}"), "...LaSw");
        let debug = format!("{secret:?}");
        assert!(!debug.contains("MfKQ9r8G"), "{debug}");
        assert_eq!(Secret::parse("shortsecret", SecretFormat::Text).map(|s| s.hint().len()), Ok(3));
        // Characters, not bytes: 16 of them show the last four, 15 show none.
        let hint = |text| Secret::parse(text, SecretFormat::Text).map(|s| String::from(s.hint()));
        assert_eq!(hint("0123456789ab🔑é☃ü"), Ok(String::from("...🔑é☃ü")));
        assert_eq!(hint("0123456789a🔑é☃ü"), Ok(String::from("...")));
    }

    #[test]
    fn generation() {
        let encoded = encode_secret(&[7u8; 32], SecretFormat::Whsec);
        let Ok(encoded) = encoded else { panic!("encodes") };
        assert!(encoded.starts_with("whsec_"));
        assert_eq!(key(&encoded, SecretFormat::Whsec), Ok(alloc::vec![7u8; 32]));
        assert_eq!(encode_secret(&[0u8; 15], SecretFormat::Hex).err().map(|e| e.code()), Some("SECRET_TOO_SHORT"));
        // The count asked for is named exactly, however large.
        let huge = generate_secret(&mut rand_core::OsRng, usize::MAX, SecretFormat::Whsec).err();
        assert_eq!(huge, Some(Error::SecretTooLong { max: 512, actual: usize::MAX }));
    }

    #[cfg(feature = "ed25519")]
    #[test]
    fn ed25519_keys() {
        let seed = [9u8; 32];
        let signing = ed25519_dalek::SigningKey::from_bytes(&seed);
        let whsk = format!("whsk_{}", crate::Encoding::Base64.encode(&seed));
        let whpk = format!("whpk_{}", crate::Encoding::Base64.encode(signing.verifying_key().as_bytes()));
        let sk = Secret::parse(&whsk, SecretFormat::Whsec);
        let pk = Secret::parse(&whpk, SecretFormat::Whsec);
        assert_eq!(sk.as_ref().map(Secret::kind).ok(), Some(SecretKind::Ed25519Signing));
        assert_eq!(pk.as_ref().map(Secret::kind).ok(), Some(SecretKind::Ed25519Public));
        assert_eq!(sk.map(|s| s.key_bytes().to_vec()), pk.map(|s| s.key_bytes().to_vec()));
        assert!(matches!(Secret::parse("whpk_AAAA", SecretFormat::Whsec), Err(Error::InvalidSecret { .. })));
    }
}

//! The engine (`hooksig::engine`) against the public API it will replace: the same answers on the
//! shared vectors and on generated input, to the byte and the error (code, reason and numbers).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::Path;

use hooksig::engine::{Code, Fail, Keyring, CODES};
use hooksig::{Error, Scheme, Secret, SecretFormat};
use proptest::prelude::*;
use serde_json::Value;

const FORMATS: [SecretFormat; 5] =
    [SecretFormat::Whsec, SecretFormat::Base64, SecretFormat::Hex, SecretFormat::Text, SecretFormat::Raw];

/// What a secret yields: its key and hint, or its error.
fn public(text: &str, format: SecretFormat) -> Result<(Vec<u8>, String), Error> {
    Secret::parse(text, format).map(|s| (s.key_bytes().to_vec(), s.hint().to_string()))
}

/// The public API's answer for a secret the engine reads: Ed25519 keys are refused as by a build
/// without feature `ed25519` (the npm package's); the engine is HMAC-only until `Webhook` is re-based
/// on it.
fn expected(text: &str, format: SecretFormat) -> Result<(Vec<u8>, String), Error> {
    let trimmed = text.trim();
    if format == SecretFormat::Whsec && (trimmed.starts_with("whsk_") || trimmed.starts_with("whpk_")) && text.len() <= 4096 {
        let reason = "Ed25519 (whsk_/whpk_) keys are not supported by this build; it verifies v1 (HMAC) signatures";
        return Err(Error::InvalidSecret { reason });
    }
    public(text, format)
}

fn engine(text: &str, format: SecretFormat) -> Result<(Vec<u8>, String), Error> {
    let mut keys = Keyring::with_capacity(text.len());
    keys.add_text(text, format, None).map_err(|f| f.into_error(|_| String::new(), (0, 0, 0)))?;
    Ok((keys.key(0).unwrap().to_vec(), keys.hint(0).to_string()))
}

fn engine_bytes(bytes: &[u8]) -> Result<(Vec<u8>, String), Error> {
    let mut keys = Keyring::with_capacity(0);
    keys.add_bytes(bytes, None).map_err(|f| f.into_error(|_| String::new(), (0, 0, 0)))?;
    Ok((keys.key(0).unwrap().to_vec(), keys.hint(0).to_string()))
}

fn public_bytes(bytes: &[u8]) -> Result<(Vec<u8>, String), Error> {
    Secret::from_bytes(bytes).map(|s| (s.key_bytes().to_vec(), s.hint().to_string()))
}

#[test]
fn codes_are_the_errors_codes() {
    let errors: [Error<u8>; 16] = [
        Error::MissingHeader { name: 0 },
        Error::MalformedHeader { name: 0, reason: "" },
        Error::HeaderTooLarge { name: 0, limit: 0 },
        Error::TooManySignatures { limit: 0 },
        Error::NoMatchingSignature,
        Error::InvalidTimestamp { reason: "" },
        Error::TimestampTooOld { timestamp: 0, now: 0, tolerance: 0 },
        Error::TimestampTooNew { timestamp: 0, now: 0, tolerance: 0 },
        Error::NoActiveKey,
        Error::EmptySecret,
        Error::InvalidSecret { reason: "" },
        Error::SecretTooShort { min: 0, actual: 0 },
        Error::SecretTooLong { max: 0, actual: 0 },
        Error::TooManyKeys { limit: 0 },
        Error::InvalidScheme { reason: "" },
        Error::InvalidArgument { reason: "" },
    ];
    let codes = [
        Code::MissingHeader,
        Code::MalformedHeader,
        Code::HeaderTooLarge,
        Code::TooManySignatures,
        Code::NoMatchingSignature,
        Code::InvalidTimestamp,
        Code::TimestampTooOld,
        Code::TimestampTooNew,
        Code::NoActiveKey,
        Code::EmptySecret,
        Code::InvalidSecret,
        Code::SecretTooShort,
        Code::SecretTooLong,
        Code::TooManyKeys,
        Code::InvalidScheme,
        Code::InvalidArgument,
    ];
    for ((error, code), text) in errors.iter().zip(codes).zip(CODES) {
        assert_eq!((error.code(), code.as_str()), (text, text));
        assert_eq!(Fail::new(code).into_error(|n| n, (0, 0, 0)), *error);
    }
    assert!(std::mem::size_of::<Fail>() <= 24, "a failure stays small");
}

/// Every case of tests/vectors/secrets.json, as the public API reads it.
#[test]
fn secrets_vectors() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/secrets.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut checked = 0;
    for case in file["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let scheme: Scheme = case["scheme"].as_str().unwrap().parse().unwrap();
        let format = match case["format"].as_str().unwrap() {
            "auto" => scheme.default_secret_format(),
            other => other.parse().unwrap(),
        };
        match &case["input"] {
            Value::String(text) => assert_eq!(engine(text, format), expected(text, format), "{name}"),
            raw => {
                let hex = raw["hex"].as_str().unwrap();
                let bytes: Vec<u8> = (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
                assert_eq!(engine_bytes(&bytes), public_bytes(&bytes), "{name}");
            }
        }
        checked += 1;
    }
    assert!(checked > 40, "only {checked} cases");
}

#[test]
fn keyring_bounds_and_order() {
    let mut keys = Keyring::with_capacity(1);
    for i in 0..16 {
        keys.add_text(&format!("secret-{i:02}"), SecretFormat::Text, (i % 2 == 0).then_some(100)).unwrap();
    }
    assert_eq!(keys.len(), 16);
    assert_eq!(keys.key(3), Some(&b"secret-03"[..]));
    assert_eq!(keys.key(16), None);
    assert!(keys.is_active(0, 100) && !keys.is_active(0, 101) && keys.is_active(1, i64::MAX) && !keys.is_active(16, 0));
    // An invalid 17th is reported as invalid; a valid one as one too many.
    assert_eq!(keys.add_text(" x", SecretFormat::Text, None).unwrap_err().code, Code::InvalidSecret);
    let too_many = keys.add_text("x", SecretFormat::Text, None).unwrap_err();
    assert_eq!(too_many.into_error(|n| n, (0, 0, 0)), Error::TooManyKeys { limit: 16 });
    assert_eq!(keys.key(15), Some(&b"secret-15"[..]), "failures leave the keys as they were");
    assert_eq!(format!("{keys:?}"), "Keyring { keys: 16, .. }", "no key material in Debug");
}

fn any_format() -> impl Strategy<Value = SecretFormat> {
    prop::sample::select(FORMATS.to_vec())
}

proptest! {
    #[test]
    fn secrets_agree(
        text in "(whsec_|WHSEC_|whsk_|whpk_)?[A-Za-z0-9+/_=-]{0,40}|[ \t\u{a0}]{0,2}[0-9a-fA-F]{0,40}[ \u{3000}]{0,2}|\\PC{0,24}",
        format in any_format(),
    ) {
        prop_assert_eq!(engine(&text, format), expected(&text, format));
    }

    #[test]
    fn long_secrets_agree(len in 1000usize..1500, repeat in "[A-Za-z0-9]", format in any_format()) {
        let text = repeat.repeat(len);
        prop_assert_eq!(engine(&text, format), expected(&text, format));
    }

    #[test]
    fn raw_bytes_agree(bytes in prop::collection::vec(any::<u8>(), 0..40)) {
        prop_assert_eq!(engine_bytes(&bytes), public_bytes(&bytes));
    }
}

#[test]
fn oversized_secrets_agree() {
    for len in [1024, 1025, 1368, 1369, 4096, 4097, 5000] {
        for format in FORMATS {
            let text = "a".repeat(len);
            assert_eq!(engine(&text, format), expected(&text, format), "{len} {format:?}");
        }
        let bytes = vec![7u8; len];
        assert_eq!(engine_bytes(&bytes), public_bytes(&bytes), "{len} bytes");
    }
}

//! Secret parsing in every format: never a panic; a parsed secret is never shown in `Debug`,
//! `Display` or any error; encoded keys round-trip through `encode_secret`; every scheme accepts or
//! rejects the text with a typed error.
#![no_main]
use hooksig::{encode_secret, limits, Error, Scheme, Secret, SecretFormat, SecretKind, Webhook};
use libfuzzer_sys::fuzz_target;

const FORMATS: [SecretFormat; 5] =
    [SecretFormat::Whsec, SecretFormat::Base64, SecretFormat::Hex, SecretFormat::Text, SecretFormat::Raw];

fn expected_hint(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut hint = String::from("...");
    if chars.len() >= 16 {
        hint.extend(&chars[chars.len() - 4..]);
    }
    hint
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let format = FORMATS[usize::from(selector) % FORMATS.len()];
    match Secret::parse(&text, format) {
        Ok(secret) => {
            let key = secret.key_bytes();
            assert!(!key.is_empty() && key.len() <= limits::MAX_KEY_BYTES);
            assert!(text.len() <= limits::MAX_SECRET_TEXT);
            // Only the hint is ever shown: `...` and at most the last four characters.
            let shown = if format == SecretFormat::Raw { text.to_string() } else { text.trim().to_string() };
            assert_eq!(secret.hint(), expected_hint(&shown));
            assert_eq!(format!("{secret}"), secret.hint());
            assert_eq!(
                format!("{secret:?}"),
                format!("Secret {{ kind: {:?}, hint: {:?} }}", secret.kind(), secret.hint())
            );
            if secret.kind() == SecretKind::Hmac {
                // Encoding takes generation's bounds (whsec_: the specification's 24 to 512 bytes),
                // and whatever it writes parses back to the same key.
                let (whsec_min, whsec_max) = limits::WHSEC_GENERATED_BYTES;
                for (fmt, min, max) in [
                    (SecretFormat::Whsec, whsec_min, whsec_max),
                    (SecretFormat::Base64, limits::MIN_GENERATED_BYTES, limits::MAX_KEY_BYTES),
                    (SecretFormat::Hex, limits::MIN_GENERATED_BYTES, limits::MAX_KEY_BYTES),
                ] {
                    match encode_secret(key, fmt) {
                        Ok(encoded) => {
                            assert!((min..=max).contains(&key.len()), "{fmt:?} {}", key.len());
                            assert_eq!(Secret::parse(&encoded, fmt).unwrap().key_bytes(), key, "{fmt:?}");
                        }
                        Err(e) => {
                            assert!(!(min..=max).contains(&key.len()), "{fmt:?} {}", key.len());
                            assert!(matches!(e, Error::SecretTooShort { .. } | Error::SecretTooLong { .. }), "{e:?}");
                        }
                    }
                }
            }
        }
        // Every error a secret can cause carries only static reasons and numbers: by construction no
        // secret text can reach a message, `Debug` or a binding's exception.
        Err(e) => assert!(
            matches!(
                e,
                Error::EmptySecret
                    | Error::InvalidSecret { .. }
                    | Error::SecretTooLong { .. }
                    | Error::SecretTooShort { .. }
            ),
            "{e:?}"
        ),
    }
    if selector & 0x80 != 0 {
        for name in ["standard", "svix", "stripe", "github", "github-sha1", "slack", "shopify"] {
            let scheme: Scheme = name.parse().unwrap();
            if let Err(e) = Webhook::from_secret(scheme, &text) {
                assert!(matches!(e, Error::EmptySecret | Error::InvalidSecret { .. } | Error::SecretTooLong { .. }), "{e:?}");
            }
        }
    }
});

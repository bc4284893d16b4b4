//! The engine (`hooksig::engine`) as a binding drives it: header values by position, failures as
//! `Fail`s with their codes and messages, the keyring's bounds. (`Webhook` is a thin face over the
//! same engine: tests/vectors.rs and tests/properties.rs hold both to the shared vectors.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::Path;

use hooksig::engine::{Code, Fail, Hook, Keyring, Reason, Verified, CODES};
use hooksig::mac::SoftwareMac;
use hooksig::{CustomScheme, Error, Scheme, SecretFormat, SignatureKind};
use serde_json::Value;

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
    for ((error, code), text) in errors.iter().zip(Code::ALL).zip(CODES) {
        assert_eq!((error.code(), code.as_str()), (text, text));
        assert_eq!(Fail::new(code).into_error(|n| n, (0, 0, 0)), *error);
    }
    // Four words: 16 bytes in wasm32, what a binding's build copies on every `?`.
    assert!(std::mem::size_of::<Fail>() <= 4 * std::mem::size_of::<usize>(), "a failure stays small");
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

/// A secret as text (`Ok`) or bytes (`Err`), its format and its expiry.
type SecretEntry = (Result<String, Vec<u8>>, SecretFormat, Option<i64>);

/// A delivery case's set-up: scheme, secrets and tolerance.
struct Setup {
    scheme: Scheme,
    secrets: Vec<SecretEntry>,
    tolerance: u64,
}

fn bytes_of(value: &Value) -> Vec<u8> {
    if let Some(text) = value["utf8"].as_str() {
        return text.as_bytes().to_vec();
    }
    if let Some(hex) = value["hex"].as_str() {
        return (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
    }
    use base64ct::Encoding as _;
    base64ct::Base64::decode_vec(value["base64"].as_str().unwrap()).unwrap()
}

fn setup(case: &Value) -> Setup {
    let scheme = match &case["scheme"] {
        Value::String(name) => name.parse().unwrap(),
        custom => Scheme::Custom(Box::new(serde_json::from_value::<CustomScheme>(custom.clone()).unwrap())),
    };
    let secrets = case["secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let format = match entry["format"].as_str() {
                None | Some("auto") => scheme.default_secret_format(),
                Some(name) => name.parse().unwrap(),
            };
            let secret = match &entry["secret"] {
                Value::String(text) => Ok(text.clone()),
                raw => Err(bytes_of(raw)),
            };
            (secret, format, entry["not_after"].as_i64())
        })
        .collect();
    Setup { scheme, secrets, tolerance: case["tolerance"].as_u64().unwrap_or(300) }
}

/// What a verify gives, with the public types: the engine's failures made into `Error`s.
type Outcome = Result<(usize, SignatureKind, Option<String>, Option<i64>), Error>;

fn engine_hook(setup: &Setup) -> Result<Hook, Error> {
    let public = |fail: Fail| fail.into_error(|_| String::new(), (0, 0, 0));
    let mut hook = Hook::new(0);
    match &setup.scheme {
        Scheme::Custom(custom) => hook.custom(&custom.borrowed()),
        preset => hook.preset(preset.name()),
    }
    .map_err(public)?;
    for (secret, format, not_after) in &setup.secrets {
        match secret {
            Ok(text) => hook.keys_mut().add_text(text, *format, *not_after),
            Err(bytes) => hook.keys_mut().add_bytes(bytes, *not_after),
        }
        .map_err(public)?;
    }
    if hook.keys().is_empty() {
        return Err(Error::EmptySecret);
    }
    hook.set_tolerance(setup.tolerance);
    assert_eq!((hook.name(), hook.secret_format()), (setup.scheme.name(), setup.scheme.default_secret_format()));
    Ok(hook)
}

fn engine_verify(setup: &Setup, body: &[u8], headers: &[(String, Vec<u8>)], now: i64) -> Outcome {
    let hook = engine_hook(setup)?;
    // By position, as a binding hands them over: each value under its name's position.
    let names: Vec<&str> = hook.header_names().collect();
    let entries: Vec<(u8, &[u8])> = headers
        .iter()
        .filter_map(|(name, value)| names.iter().position(|n| n.eq_ignore_ascii_case(name)).map(|i| (i as u8, &value[..])))
        .collect();
    let mut found = Verified::default();
    match hook.verify(&SoftwareMac, &entries[..], body, now, &mut found) {
        Ok(()) => {
            Ok((found.key_index, found.kind, found.id.map(String::from), found.timestamp))
        }
        Err(fail) => Err(fail.into_error(|h| hook.header_name(h).to_string(), (found.timestamp.unwrap_or(0), now, hook.tolerance()))),
    }
}

fn engine_sign(setup: &Setup, id: Option<&str>, timestamp: i64, body: &[u8]) -> Result<Vec<(String, String)>, Error> {
    let hook = engine_hook(setup)?;
    let mut headers = Vec::new();
    hook.sign(&SoftwareMac, id, timestamp, body, &mut |h, value| {
        headers.push((hook.sent_header_name(h).to_string(), String::from_utf8(value.to_vec()).unwrap()))
    })
    .map_err(|fail| fail.into_error(|h| hook.header_name(h).to_string(), (0, 0, 0)))?;
    Ok(headers)
}

fn delivery_cases() -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/deliveries.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    file["cases"].as_array().unwrap().clone()
}

fn case_headers(case: &Value) -> Vec<(String, Vec<u8>)> {
    case["headers"].as_array().unwrap().iter().map(|p| (p[0].as_str().unwrap().to_owned(), p[1].as_str().unwrap().as_bytes().to_vec())).collect()
}

/// Every delivery of tests/vectors/deliveries.json through the engine, header values by position
/// as a binding hands them over: the expected verification or error, and the same headers signed.
#[test]
fn deliveries_by_position() {
    let mut checked = 0;
    for case in delivery_cases() {
        let name = case["name"].as_str().unwrap();
        let setup = setup(&case);
        let (body, headers, now) = (bytes_of(&case["body"]), case_headers(&case), case["now"].as_i64().unwrap());
        let expect = &case["expect"];
        match engine_verify(&setup, &body, &headers, now) {
            Ok((key_index, _, id, timestamp)) => {
                assert_eq!(expect["ok"], true, "{name}");
                assert_eq!(key_index as u64, expect["key_index"].as_u64().unwrap(), "{name}");
                assert_eq!(id.as_deref(), expect["id"].as_str(), "{name}");
                assert_eq!(timestamp, expect["timestamp"].as_i64(), "{name}");
            }
            Err(e) => assert_eq!(Some(e.code()), expect["error"].as_str(), "{name}: {e}"),
        }
        if case["sign"] == true {
            let timestamp = expect["timestamp"].as_i64().unwrap_or(now);
            let signed = engine_sign(&setup, expect["id"].as_str(), timestamp, &body).unwrap();
            let sent: Vec<(String, String)> = headers.iter().map(|(n, v)| (n.clone(), String::from_utf8(v.clone()).unwrap())).collect();
            assert_eq!(signed, sent, "{name}: signing");
        }
        checked += 1;
    }
    assert!(checked > 150, "only {checked} cases");
}

/// Every failure's message is the public `Error`'s `Display`, with its numbers at their extremes.
#[test]
fn messages_are_the_errors_display() {
    let reasons = [Reason::None, Reason::NotUtf8, Reason::Ed25519Unsupported, Reason::SameKeys];
    let timings = [(0, 0, 0), (1_614_265_330, -5, 300), (i64::MIN, i64::MAX, u64::MAX), (253_402_300_799, 1, 1)];
    let counts = [(0, 0), (16, 15), (usize::from(u16::MAX), usize::MAX), (1024, 4097)];
    for code in Code::ALL {
        let fails = reasons.map(|reason| Fail::because(code, reason)).into_iter().chain(counts.map(|(limit, value)| Fail::counted(code, limit, value)));
        for mut fail in fails {
            fail.header = 1;
            for timing in timings {
                let mut message = Vec::new();
                fail.write_message("webhook-timestamp", timing, &mut message);
                let error = fail.into_error(|_| "webhook-timestamp".to_string(), timing);
                assert_eq!(String::from_utf8(message).unwrap(), error.to_string());
            }
        }
    }
}

/// A failure carries its reason or its numbers, by its code, in two words.
#[test]
fn fail_details() {
    let malformed = Fail::malformed(2, Reason::RepeatedTimestamp);
    assert_eq!((malformed.header, malformed.reason(), malformed.limit()), (2, "repeated timestamp", 0));
    let long = Fail::counted(Code::SecretTooLong, 1024, usize::MAX);
    assert_eq!((long.reason(), long.limit(), long.value()), ("", 1024, usize::MAX));
    assert_eq!(Fail::because(Code::InvalidArgument, Reason::None).reason(), "");
    assert!(core::mem::size_of::<Fail>() <= 2 * core::mem::size_of::<usize>());
}

/// Every code's message, word for word (the texts bindings and users see).
#[test]
fn every_message_word_for_word() {
    let expected = [
        "missing header x-h",
        "malformed header x-h: not UTF-8",
        "header x-h is larger than 16 bytes",
        "signature header has more than 16 entries",
        "no matching signature",
        "invalid timestamp: not UTF-8",
        "timestamp -5 is more than 300 s older than now (1614265330)",
        "timestamp -5 is more than 300 s newer than now (1614265330)",
        "no key in the keyring is valid at this time",
        "secret is empty",
        "invalid secret: not UTF-8",
        "secret of 4097 bytes is shorter than the minimum of 16",
        "secret of 4097 bytes is longer than the maximum of 16",
        "more than 16 keys",
        "invalid scheme: not UTF-8",
        "invalid argument: not UTF-8",
    ];
    for (code, expected) in Code::ALL.into_iter().zip(expected) {
        let mut fail = if matches!(code, Code::MalformedHeader | Code::InvalidTimestamp | Code::InvalidSecret | Code::InvalidScheme | Code::InvalidArgument) {
            Fail::because(code, Reason::NotUtf8)
        } else {
            Fail::counted(code, 16, 4097)
        };
        fail.header = 3;
        let mut message = Vec::new();
        fail.write_message("x-h", (-5, 1_614_265_330, 300), &mut message);
        assert_eq!(String::from_utf8(message).unwrap(), expected, "{code:?}");
    }
}

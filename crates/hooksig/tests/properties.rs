//! Property tests: sign→verify round trips for every scheme (presets, custom schemes, key rotation,
//! Ed25519); any change to the body, a header, the timestamp or the key rejects; hostile headers,
//! secrets and custom schemes never panic and never verify.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use hooksig::{
    encode_secret, limits, CustomScheme, Encoding, Error, Key, Layout, Scheme, Secret, SecretFormat, SecretKind,
    SignatureKind, TimestampUnit, Webhook,
};
use proptest::prelude::*;

#[path = "support/shape.rs"]
mod shape;

use shape::{presets, Shape};

type Headers = Vec<(String, String)>;

fn any_preset() -> impl Strategy<Value = Scheme> {
    prop::sample::select(presets())
}

/// Well-formed custom schemes: the timestamp comes from a header or a key exactly when the template
/// signs it, header names are distinct, separators and keys stay clear of the encoding's alphabet.
fn well_formed_custom() -> impl Strategy<Value = CustomScheme> {
    let layout = prop_oneof![
        "[a-z0-9]{0,4}=?".prop_map(|prefix| Layout::Single { prefix }),
        (prop::sample::select(vec![' ', ',', ';', '|']), "[g-z][a-z0-9]{0,3}[:=]").prop_map(|(separator, prefix)| {
            Layout::List { separator, prefix }
        }),
        (prop::sample::select(vec![',', ';', '|']), "[g-z][a-z0-9]{0,2}", prop::option::of("t[s]?|time"))
            .prop_map(|(pair_separator, signature_key, timestamp_key)| Layout::KeyValue {
                pair_separator,
                signature_key,
                timestamp_key
            }),
    ];
    (
        layout,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        "[a-zA-Z0-9:./ _-]{0,6}",
        "[a-zA-Z0-9:./ _-]{0,3}",
        "[a-zA-Z0-9:./ _-]{0,3}",
    )
        .prop_filter_map("consistent", |(layout, hex, with_id, with_ts, ms, lead, mid, tail)| {
            let key_ts = matches!(&layout, Layout::KeyValue { timestamp_key: Some(_), .. });
            if key_ts && !with_ts {
                return None;
            }
            if let Layout::KeyValue { signature_key, timestamp_key: Some(t), .. } = &layout {
                if signature_key == t {
                    return None;
                }
            }
            // `{id}` right before `{body}` is refused (bytes could move between them).
            if with_id && !with_ts && mid.is_empty() {
                return None;
            }
            let mut template = lead;
            if with_id {
                template.push_str("{id}");
                template.push_str(&mid);
            }
            if with_ts {
                template.push_str("{timestamp}");
                template.push_str(&mid);
            }
            template.push_str("{body}");
            template.push_str(&tail);
            Some(CustomScheme {
                layout,
                encoding: if hex { Encoding::Hex } else { Encoding::Base64 },
                id_header: with_id.then(|| "X-Custom-Id".into()),
                timestamp_header: (with_ts && !key_ts).then(|| "X-Custom-Timestamp".into()),
                timestamp_unit: if ms { TimestampUnit::Milliseconds } else { TimestampUnit::Seconds },
                ..CustomScheme::new("custom", "X-Custom-Signature", &template)
            })
        })
}

fn any_scheme() -> impl Strategy<Value = Scheme> {
    prop_oneof![3 => any_preset(), 1 => well_formed_custom().prop_map(|c| Scheme::Custom(Box::new(c)))]
}

/// An HMAC key of 1 to 80 bytes, never ending in a zero byte (HMAC pads short keys with zeros, so
/// `k` and `k\0` are one key).
fn key_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 1..80).prop_map(|mut k| {
        if k.last() == Some(&0) {
            *k.last_mut().unwrap() = 1;
        }
        k
    })
}

fn message_id() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9_.~-][a-zA-Z0-9_.~ :é-]{0,40}[a-zA-Z0-9_]"
}

fn timestamp() -> impl Strategy<Value = i64> {
    prop_oneof![0..=limits::MAX_TIMESTAMP, 1_600_000_000i64..1_900_000_000, Just(0), Just(limits::MAX_TIMESTAMP)]
}

fn hook(scheme: &Scheme, keys: &[Vec<u8>], tolerance: u64) -> Webhook {
    let keys = keys.iter().map(|k| Key::new(Secret::from_bytes(k).unwrap())).collect();
    Webhook::new(scheme.clone(), keys).unwrap().tolerance(tolerance)
}

fn with(headers: &Headers, name: &str, f: impl Fn(&str) -> String) -> Headers {
    let out: Headers =
        headers.iter().map(|(n, v)| (n.clone(), if n.eq_ignore_ascii_case(name) { f(v) } else { v.clone() })).collect();
    assert_ne!(&out, headers, "{name} was not changed");
    out
}

fn timestamp_text(shape: &Shape, ts: i64) -> String {
    if shape.milliseconds {
        (i128::from(ts) * 1000).to_string()
    } else {
        ts.to_string()
    }
}

/// The headers with the timestamp moved by one unit (still inside the window around `now`).
fn shift_timestamp(shape: &Shape, headers: &Headers, ts: i64, now: i64) -> Headers {
    let old = timestamp_text(shape, ts);
    let new = if shape.milliseconds {
        (i128::from(ts) * 1000 + 1).to_string()
    } else if now > ts || ts == 0 {
        (ts + 1).to_string()
    } else {
        (ts - 1).to_string()
    };
    match (&shape.timestamp_header, &shape.timestamp_key) {
        (Some(name), _) => with(headers, name, |_| new.clone()),
        (None, Some(key)) => {
            with(headers, &shape.signature_header, |v| v.replacen(&format!("{key}={old}"), &format!("{key}={new}"), 1))
        }
        (None, None) => unreachable!("no timestamp"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever a scheme signs verifies, reporting the key, the id and the timestamp.
    #[test]
    fn sign_then_verify(
        scheme in any_scheme(),
        key in key_bytes(),
        id in message_id(),
        ts in timestamp(),
        tolerance in 0u64..100_000,
        offset in any::<i64>(),
        body in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let now = ts + offset.rem_euclid(2 * tolerance as i64 + 1) - tolerance as i64;
        let hook = hook(&scheme, &[key], tolerance);
        let headers = hook.sign(Some(&id), ts, &body).unwrap();
        let v = hook.verify(&body, &headers, now).unwrap();
        let shape = Shape::of(&scheme);
        prop_assert_eq!(v.key_index, 0);
        prop_assert_eq!(v.kind, SignatureKind::HmacSha256);
        prop_assert_eq!(v.timestamp, shape.has_timestamp().then_some(ts));
        prop_assert_eq!(v.id, shape.id_header.as_ref().map(|_| id.clone()));
        // Header names are case-insensitive: the same delivery with every name upper-cased verifies.
        let upper: Headers = headers.iter().map(|(n, v)| (n.to_ascii_uppercase(), v.clone())).collect();
        prop_assert!(hook.verify(&body, &upper, now).is_ok());
    }

    /// Any change to the body, the id, the timestamp, a signature or the key rejects.
    #[test]
    fn any_change_rejects(
        scheme in any_scheme(),
        key in key_bytes(),
        other in key_bytes(),
        id in message_id(),
        ts in timestamp(),
        body in prop::collection::vec(any::<u8>(), 1..1024),
        pick in any::<usize>(),
        extra in any::<u8>(),
    ) {
        prop_assume!(key != other);
        let hook = hook(&scheme, &[key], 10);
        let shape = Shape::of(&scheme);
        let headers = hook.sign(Some(&id), ts, &body).unwrap();
        let now = ts;
        let no_match = Err(Error::NoMatchingSignature);

        let mut flipped = body.clone();
        flipped[pick % body.len()] ^= 1 << (pick % 8);
        prop_assert_eq!(hook.verify(&flipped, &headers, now).map(|_| ()), no_match.clone(), "bit flipped");
        prop_assert_eq!(hook.verify(&body[..body.len() - 1], &headers, now).map(|_| ()), no_match.clone(), "truncated");
        let longer = [&body[..], &[extra]].concat();
        prop_assert_eq!(hook.verify(&longer, &headers, now).map(|_| ()), no_match.clone(), "extended");

        if let Some(name) = &shape.id_header {
            let changed = with(&headers, name, |v| format!("{v}{}", char::from(b'a' + extra % 26)));
            prop_assert_eq!(hook.verify(&body, &changed, now).map(|_| ()), no_match.clone(), "id changed");
        }
        if shape.has_timestamp() {
            let changed = shift_timestamp(&shape, &headers, ts, now);
            prop_assert_eq!(hook.verify(&body, &changed, now).map(|_| ()), no_match.clone(), "timestamp changed");
        }
        let corrupted = with(&headers, &shape.signature_header, |v| shape.corrupt_signatures(v, pick));
        prop_assert_eq!(hook.verify(&body, &corrupted, now).map(|_| ()), no_match.clone(), "signature changed");

        let stranger = self::hook(&scheme, &[other], 10);
        prop_assert_eq!(stranger.verify(&body, &headers, now).map(|_| ()), no_match, "other key");
    }

    /// Outside the window either way: the typed timestamp error, before any key is tried.
    #[test]
    fn stale_or_future_rejects(
        scheme in any_preset(),
        key in key_bytes(),
        ts in 1_000_000i64..1_900_000_000,
        tolerance in 0u64..10_000,
        beyond in 1i64..1_000_000,
        future in any::<bool>(),
    ) {
        let shape = Shape::of(&scheme);
        prop_assume!(shape.has_timestamp());
        let hook = hook(&scheme, &[key], tolerance);
        let headers = hook.sign(Some("msg_1"), ts, b"{}").unwrap();
        let (now, code) = if future {
            (ts - tolerance as i64 - beyond, "TIMESTAMP_TOO_NEW")
        } else {
            (ts + tolerance as i64 + beyond, "TIMESTAMP_TOO_OLD")
        };
        prop_assert_eq!(hook.verify(b"{}", &headers, now).unwrap_err().code(), code);
    }

    /// Rotation: a keyring signs with every key active at the timestamp; a receiver verifies with
    /// the first of its keys active at `now` that the sender used, and with no other.
    #[test]
    fn rotation(
        scheme in any_scheme(),
        pool in prop::collection::vec(key_bytes(), 4),
        signer in prop::collection::vec((0usize..4, prop::option::of(-20i64..20)), 1..5),
        receiver in prop::collection::vec((0usize..4, prop::option::of(-20i64..20)), 1..5),
        ts in 1_600_000_000i64..1_700_000_000,
        delta in -10i64..10,
        body in prop::collection::vec(any::<u8>(), 0..256),
    ) {
        let mut pool = pool;
        pool.sort();
        pool.dedup();
        prop_assume!(pool.len() == 4);
        let now = ts + delta;
        let build = |ring: &[(usize, Option<i64>)], at: i64| {
            let keys = ring
                .iter()
                .map(|&(i, end)| {
                    let key = Key::new(Secret::from_bytes(&pool[i]).unwrap());
                    match end { Some(e) => key.not_after(at + e), None => key }
                })
                .collect();
            Webhook::new(scheme.clone(), keys).unwrap().tolerance(60)
        };
        let active = |end: Option<i64>, base: i64, at: i64| end.map_or(true, |e| at <= base + e);
        let mut used: Vec<usize> = signer.iter().filter(|k| active(k.1, ts, ts)).map(|k| k.0).collect();
        if matches!(Shape::of(&scheme).layout, Layout::Single { .. }) {
            used.truncate(1);
        }
        let sent = build(&signer, ts).sign(Some("msg_rotation"), ts, &body);
        if used.is_empty() {
            prop_assert_eq!(sent.unwrap_err(), Error::NoActiveKey);
            return Ok(());
        }
        let headers = sent.unwrap();
        let expected = if !receiver.iter().any(|k| active(k.1, now, now)) {
            Err(Error::NoActiveKey)
        } else {
            receiver.iter().position(|k| active(k.1, now, now) && used.contains(&k.0)).ok_or(Error::NoMatchingSignature)
        };
        prop_assert_eq!(build(&receiver, now).verify(&body, &headers, now).map(|v| v.key_index), expected);
    }

    /// Standard Webhooks v1a: Ed25519 signing keys sign, their public keys verify, next to HMAC keys.
    #[test]
    fn ed25519_round_trip(
        seed in any::<[u8; 32]>(),
        hmac in key_bytes(),
        hmac_first in any::<bool>(),
        ts in timestamp(),
        body in prop::collection::vec(any::<u8>(), 0..512),
        pick in any::<usize>(),
    ) {
        let whsk = format!("whsk_{}", encode_secret(&seed, SecretFormat::Base64).unwrap().as_str());
        let signing = Secret::parse(&whsk, SecretFormat::Whsec).unwrap();
        prop_assert_eq!(signing.kind(), SecretKind::Ed25519Signing);
        let whpk = format!("whpk_{}", encode_secret(signing.key_bytes(), SecretFormat::Base64).unwrap().as_str());
        let mut keys = vec![Key::new(signing)];
        let hmac_key = Key::new(Secret::from_bytes(&hmac).unwrap());
        if hmac_first { keys.insert(0, hmac_key) } else { keys.push(hmac_key) }
        let sender = Webhook::new(Scheme::Standard, keys).unwrap();
        let headers = sender.sign(Some("msg_ed"), ts, &body).unwrap();
        prop_assert!(headers[2].1.contains("v1a,") && headers[2].1.contains("v1,"));

        let public = Webhook::new(Scheme::Standard, vec![Key::new(Secret::parse(&whpk, SecretFormat::Whsec).unwrap())]).unwrap();
        let v = public.verify(&body, &headers, ts).unwrap();
        prop_assert_eq!((v.kind, v.key_index), (SignatureKind::Ed25519, 0));
        let shape = Shape::of(&Scheme::Standard);
        let corrupted = with(&headers, "webhook-signature", |v| shape.corrupt_signatures(v, pick));
        prop_assert_eq!(public.verify(&body, &corrupted, ts).unwrap_err(), Error::NoMatchingSignature);
        let mut other = body.clone();
        other.push(b'!');
        prop_assert_eq!(public.verify(&other, &headers, ts).unwrap_err(), Error::NoMatchingSignature);
    }

    /// Svix's header names verify the same delivery; a delivery carrying both sets is judged on the
    /// `webhook-*` set alone, so a valid `svix-*` set cannot rescue a forged `webhook-*` one.
    #[test]
    fn svix_headers_and_no_mixing(key in key_bytes(), ts in timestamp(), pick in any::<usize>()) {
        let svix_hook = hook(&Scheme::Svix, std::slice::from_ref(&key), 300);
        let hook = hook(&Scheme::Standard, &[key], 300);
        let headers = hook.sign(Some("msg_svix"), ts, b"{}").unwrap();
        let svix: Headers = headers.iter().map(|(n, v)| (n.replace("webhook-", "svix-"), v.clone())).collect();
        prop_assert!(hook.verify(b"{}", &svix, ts).is_ok(), "svix headers rejected");
        let shape = Shape::of(&Scheme::Standard);
        let forged = with(&headers, "webhook-signature", |v| shape.corrupt_signatures(v, pick));
        let both: Headers = forged.into_iter().chain(svix).collect();
        prop_assert_eq!(hook.verify(b"{}", &both, ts).unwrap_err(), Error::NoMatchingSignature);
        // The `svix` preset reads (and sends) the `svix-*` set first, as Svix's libraries do: a
        // valid `svix-*` set is judged alone, whatever the `webhook-*` set beside it.
        let sent = svix_hook.sign(Some("msg_svix"), ts, b"{}").unwrap();
        prop_assert!(sent.iter().all(|(name, _)| name.starts_with("svix-")));
        prop_assert!(svix_hook.verify(b"{}", &both, ts).is_ok(), "a valid svix-* set beside a forged webhook-* one");
        let forged_svix = with(&sent, "svix-signature", |v| shape.corrupt_signatures(v, pick));
        let reverse: Headers = forged_svix.into_iter().chain(headers.iter().cloned()).collect();
        prop_assert_eq!(svix_hook.verify(b"{}", &reverse, ts).unwrap_err(), Error::NoMatchingSignature);
    }

    /// GitHub: the SHA-1 header is never accepted unless enabled, and never instead of a present,
    /// wrong SHA-256 one (no downgrade).
    #[test]
    fn github_no_downgrade(key in key_bytes(), body in prop::collection::vec(any::<u8>(), 0..256), pick in any::<usize>()) {
        let legacy = hook(&Scheme::GitHub { legacy_sha1: true }, std::slice::from_ref(&key), 300);
        let modern = hook(&Scheme::GitHub { legacy_sha1: false }, &[key], 300);
        let headers = legacy.sign(None, 0, &body).unwrap();
        let sha1_only: Headers = headers.iter().filter(|(n, _)| n == "X-Hub-Signature").cloned().collect();
        prop_assert_eq!(sha1_only.len(), 1);
        prop_assert_eq!(legacy.verify(&body, &sha1_only, 0).unwrap().kind, SignatureKind::HmacSha1);
        prop_assert_eq!(modern.verify(&body, &sha1_only, 0).unwrap_err().code(), "MISSING_HEADER");
        let shape = Shape::of(&Scheme::GitHub { legacy_sha1: true });
        let forged = with(&headers, "X-Hub-Signature-256", |v| shape.corrupt_signatures(v, pick));
        prop_assert_eq!(legacy.verify(&body, &forged, 0).unwrap_err(), Error::NoMatchingSignature);
    }

    /// Hostile headers: random names (the schemes' own among them, in any case) and values (random
    /// bytes or near-valid syntax) never panic and never verify, for every scheme, at any `now`.
    #[test]
    fn hostile_headers_never_panic(
        headers in prop::collection::vec((header_name(), header_value()), 0..8),
        body in prop::collection::vec(any::<u8>(), 0..64),
        now in prop_oneof![Just(1_614_265_330i64), any::<i64>()],
        tolerance in prop_oneof![Just(300u64), any::<u64>()],
    ) {
        for scheme in presets() {
            let hook = hook(&scheme, &[b"a key that is not in the input".to_vec()], tolerance);
            let err = hook.verify(&body, &headers, now).unwrap_err();
            prop_assert!(err.is_verification_failure(), "{:?}", err);
            prop_assert!(!err.to_string().is_empty());
        }
    }

    /// Hostile secrets in every format: a typed error or a secret, never a panic; nothing but the
    /// hint is ever shown, and errors carry no secret text.
    #[test]
    fn hostile_secrets_never_panic(text in secret_text()) {
        for format in [SecretFormat::Whsec, SecretFormat::Base64, SecretFormat::Hex, SecretFormat::Text, SecretFormat::Raw] {
            match Secret::parse(&text, format) {
                Ok(secret) => {
                    prop_assert!(!secret.key_bytes().is_empty() && secret.key_bytes().len() <= limits::MAX_KEY_BYTES);
                    let hint = secret.hint().to_string();
                    prop_assert!(hint.starts_with("...") && hint.chars().count() <= 7);
                    prop_assert_eq!(format!("{secret}"), hint.clone());
                    prop_assert_eq!(format!("{secret:?}"), format!("Secret {{ kind: {:?}, hint: {:?} }}", secret.kind(), hint));
                }
                Err(e) => prop_assert!(
                    matches!(e, Error::EmptySecret | Error::InvalidSecret { .. } | Error::SecretTooLong { .. }),
                    "{:?}", e
                ),
            }
        }
        for scheme in presets() {
            if let Err(e) = Webhook::from_secret(scheme, &text) {
                prop_assert!(!e.is_verification_failure(), "{:?}", e);
            }
        }
    }

    /// Hostile custom schemes: compiling any description is a typed error or a scheme, never a panic,
    /// and what compiles can sign and verify without panicking.
    #[test]
    fn hostile_custom_schemes_never_panic(
        name in ".{0,70}",
        signature_header in ".{0,70}",
        template in "(\\{id\\}|\\{timestamp\\}|\\{body\\}|[{}a-z.:é]){0,12}",
        id_header in prop::option::of("[a-zA-Z -]{0,8}"),
        timestamp_header in prop::option::of("[a-zA-Z -]{0,8}"),
        layout in prop_oneof![
            ".{0,5}".prop_map(|prefix| Layout::Single { prefix }),
            (any::<char>(), ".{0,5}").prop_map(|(separator, prefix)| Layout::List { separator, prefix }),
            (any::<char>(), ".{0,4}", prop::option::of(".{0,4}")).prop_map(|(pair_separator, signature_key, timestamp_key)| {
                Layout::KeyValue { pair_separator, signature_key, timestamp_key }
            }),
        ],
        hex in any::<bool>(),
        body in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let custom = CustomScheme {
            layout,
            encoding: if hex { Encoding::Hex } else { Encoding::Base64 },
            id_header,
            timestamp_header,
            ..CustomScheme::new(&name, &signature_header, &template)
        };
        let key = Key::new(Secret::from_bytes(b"custom key").unwrap());
        match Webhook::new(Scheme::Custom(Box::new(custom)), vec![key]) {
            Ok(hook) => {
                if let Ok(headers) = hook.sign(Some("msg_1"), 1_614_265_330, &body) {
                    let _ = hook.verify(&body, &headers, 1_614_265_330);
                }
            }
            Err(e) => prop_assert_eq!(e.code(), "INVALID_SCHEME"),
        }
    }
}

fn header_name() -> impl Strategy<Value = String> {
    let known = prop::sample::select(vec![
        "webhook-id", "webhook-timestamp", "webhook-signature", "svix-id", "svix-timestamp", "svix-signature",
        "stripe-signature", "x-hub-signature-256", "x-hub-signature", "x-slack-signature",
        "x-slack-request-timestamp", "x-shopify-hmac-sha256", "paddle-signature", "linear-signature",
        "x-zm-signature", "x-zm-request-timestamp",
    ]);
    prop_oneof![
        4 => (known, any::<u64>()).prop_map(|(n, case)| n
            .chars()
            .enumerate()
            .map(|(i, c)| if case >> (i % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c })
            .collect()),
        1 => ".{0,20}",
    ]
}

fn header_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200),
        "(v1,|v1a,|v2,|v1=|t=|ts=|h1=|sha256=|sha1=|v0=|[ ,;=])*[A-Za-z0-9+/=_-]{0,90}( v1,[A-Za-z0-9+/=]{0,50})*"
            .prop_map(String::into_bytes),
        "(1614265330|0|-1|01|1e9|99999999999999999999|1614265330.5)".prop_map(String::into_bytes),
        "t=[0-9]{0,12},v1=[0-9a-f]{0,70}(,v1=[0-9a-fA-F]{64})*".prop_map(String::into_bytes),
        prop::collection::vec(" v1,AAAA", 0..40).prop_map(|v| v.concat().into_bytes()),
    ]
}

fn secret_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(whsec_|whsk_|whpk_)?[A-Za-z0-9+/=_-]{0,100}",
        "[ \t\n]{0,3}[0-9a-fA-F]{0,80}[ \t\n]{0,3}",
        "[ \t\n\u{a0}\u{3000}]{0,6}",
        (0usize..3).prop_map(|i| ["a".repeat(limits::MAX_SECRET_TEXT + 1), "b".repeat(limits::MAX_KEY_BYTES + 1), "0".repeat(2 * limits::MAX_KEY_BYTES + 2)][i].clone()),
    ]
}

// ---------------------------------------------------------------------------------------------
// Findings F1–F3, found by these properties and fixed in `CustomScheme` compilation (SECURITY.md).
// Each test pins the fix.
// ---------------------------------------------------------------------------------------------

fn custom_hook(custom: CustomScheme) -> Result<Webhook, Error> {
    Webhook::new(Scheme::Custom(Box::new(custom)), vec![Key::new(Secret::from_bytes(b"finding key").unwrap())])
}

/// F2 (replay): a custom scheme may read a timestamp (header or `timestamp_key`) that its template
/// does not sign. The replay window is then checked against a value the attacker chooses: an old
/// delivery replays by sending a fresh timestamp. `CustomScheme` compilation should reject it.
#[test]
fn finding_f2_unsigned_timestamp_is_rejected_at_compile_time() {
    let header = CustomScheme { timestamp_header: Some("x-ts".into()), ..CustomScheme::new("f2", "x-sig", "{body}") };
    let key = CustomScheme {
        layout: Layout::KeyValue { pair_separator: ',', signature_key: "v1".into(), timestamp_key: Some("t".into()) },
        ..CustomScheme::new("f2", "x-sig", "{body}")
    };
    // Before the fix, a delivery signed at t=1000 replayed a day later with `x-ts: 87400` verified.
    for custom in [header, key] {
        assert_eq!(custom_hook(custom).unwrap_err().code(), "INVALID_SCHEME");
    }
}

/// F1: a custom scheme whose signature, id and timestamp headers are not distinct (case-insensitively)
/// compiles, signs one header name twice with different values, and then rejects its own delivery
/// as "repeated with different values". Compilation should reject it.
#[test]
fn finding_f1_colliding_header_names_are_rejected_at_compile_time() {
    let custom = CustomScheme { timestamp_header: Some("X-Sig".into()), ..CustomScheme::new("f1", "x-sig", "{timestamp}.{body}") };
    assert_eq!(custom_hook(custom).unwrap_err().code(), "INVALID_SCHEME");
}

/// F3: custom layouts whose prefix, separator or keys collide with the encoding's alphabet, with `=`,
/// or with the whitespace verification trims compile, but their signed headers do not parse back.
/// Compilation should reject them (or verification should parse what signing writes).
#[test]
fn finding_f3_custom_layouts_round_trip_or_are_rejected() {
    let cases = [
        // The leading space of the prefix is trimmed off the header value before the prefix is matched.
        CustomScheme { layout: Layout::Single { prefix: " v1=".into() }, ..CustomScheme::new("f3", "x-sig", "{body}") },
        // The separator 'a' is a hex digit: the signature is split into pieces.
        CustomScheme { layout: Layout::List { separator: 'a', prefix: "v1,".into() }, ..CustomScheme::new("f3", "x-sig", "{body}") },
        // The signature key contains '=': `v=1=<hex>` is read as key `v`.
        CustomScheme {
            layout: Layout::KeyValue { pair_separator: ',', signature_key: "v=1".into(), timestamp_key: None },
            ..CustomScheme::new("f3", "x-sig", "{body}")
        },
        // The pair separator '=' splits every `key=value` pair.
        CustomScheme {
            layout: Layout::KeyValue { pair_separator: '=', signature_key: "v1".into(), timestamp_key: None },
            ..CustomScheme::new("f3", "x-sig", "{body}")
        },
    ];
    let mut failures = Vec::new();
    for custom in cases {
        let Ok(hook) = custom_hook(custom.clone()) else { continue };
        let body = b"body whose tag contains the separator";
        let headers = hook.sign(None, 1_614_265_330, body).unwrap();
        if let Err(e) = hook.verify(body, &headers, 1_614_265_330) {
            failures.push(format!("{:?} signs {headers:?}, then: {e:?}", custom.layout));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

//! Sign → verify round trips for every scheme (presets, real custom schemes, arbitrary custom
//! schemes; HMAC and Ed25519 keys; one to three keys). What was signed must verify, with the right
//! key, id and timestamp; a changed body, id, timestamp, signature or key must never verify.
#![no_main]
use arbitrary::Unstructured;
use hooksig::{encode_secret, limits, Error, Key, Scheme, Secret, SecretFormat, Webhook};
use hooksig_fuzz::{scheme, Shape};
use libfuzzer_sys::fuzz_target;

fn secret(u: &mut Unstructured<'_>, ed25519: bool) -> arbitrary::Result<Secret> {
    if ed25519 && u.ratio(1, 3)? {
        let seed: [u8; 32] = u.arbitrary()?;
        let text = format!("whsk_{}", encode_secret(&seed, SecretFormat::Base64).unwrap().as_str());
        return Ok(Secret::parse(&text, SecretFormat::Whsec).unwrap());
    }
    let len = u.int_in_range(1..=64)?;
    let bytes = u.bytes(len)?;
    Ok(Secret::from_bytes(bytes).unwrap())
}

/// Keys here are at most one SHA-256 block (64 bytes), which HMAC pads with zeros: `k` and `k\0`
/// are the same key. Ed25519 keys compare as their public keys.
fn same_hmac_key(a: &[u8], b: &[u8]) -> bool {
    let trim = |k: &[u8]| k[..k.iter().rposition(|&c| c != 0).map_or(0, |i| i + 1)].to_vec();
    trim(a) == trim(b)
}

fn with(headers: &[(String, String)], name: &str, f: impl Fn(&str) -> String) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(n, v)| (n.clone(), if n.eq_ignore_ascii_case(name) { f(v) } else { v.clone() }))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(scheme) = scheme(&mut u) else { return };
    let ed25519 = scheme == Scheme::Standard;
    let Ok(count) = u.int_in_range(1..=3) else { return };
    let mut keys = Vec::new();
    for _ in 0..count {
        let Ok(s) = secret(&mut u, ed25519) else { return };
        keys.push(s);
    }
    let Ok(other) = secret(&mut u, ed25519) else { return };
    // HMAC pads keys shorter than a block with zeros, so `k` and `k\0` are the same key; longer
    // keys are hashed first. Count those as equal, whatever their bytes.
    if keys.iter().any(|k| same_hmac_key(k.key_bytes(), other.key_bytes())) {
        return;
    }
    let id: String = u.arbitrary().unwrap_or_default();
    let Ok(ts) = u.int_in_range(0..=limits::MAX_TIMESTAMP) else { return };
    let Ok(tolerance) = u.int_in_range(2u64..=1_000_000) else { return };
    let span = i64::try_from(tolerance).unwrap() - 1;
    let Ok(offset) = u.int_in_range(-span..=span) else { return };
    let now = ts + offset;
    let pick: usize = u.arbitrary().unwrap_or(0);
    let body = u.take_rest().to_vec();

    let shape = Shape::of(&scheme);
    let keys: Vec<Key> = keys.into_iter().map(Key::new).collect();
    let hook = match Webhook::new(scheme.clone(), keys) {
        Ok(hook) => hook.tolerance(tolerance),
        Err(e) => {
            assert!(matches!(e, Error::InvalidScheme { .. } | Error::InvalidSecret { .. }), "{e:?}");
            return;
        }
    };
    let headers = match hook.sign(Some(&id), ts, &body) {
        Ok(headers) => headers,
        Err(e) => {
            assert!(matches!(e, Error::InvalidArgument { .. }), "sign: {e:?}");
            return;
        }
    };
    let verified = hook.verify(&body, &headers, now);
    let verified = match verified {
        Ok(v) => v,
        Err(e) => panic!("signed delivery rejected: {e:?}\nscheme {scheme:?}\nheaders {headers:?}"),
    };
    assert_eq!(verified.key_index, 0);
    assert_eq!(verified.timestamp, shape.has_timestamp().then_some(ts));
    assert_eq!(verified.id.as_deref(), shape.id_header.as_ref().map(|_| id.as_str()));

    let rejects = |what: &str, body: &[u8], headers: &[(String, String)]| {
        let result = hook.verify(body, &headers, now);
        assert_eq!(result, Err(Error::NoMatchingSignature), "{what} still verifies\n{scheme:?}\n{headers:?}");
    };
    // Body: one bit flipped, one byte added, one removed.
    if !body.is_empty() {
        let mut flipped = body.clone();
        flipped[pick % body.len()] ^= 1 << (pick % 8);
        rejects("flipped body", &flipped, &headers);
        rejects("truncated body", &body[..body.len() - 1], &headers);
    }
    rejects("extended body", &[&body[..], b"\0"].concat(), &headers);
    // Id.
    if let Some(name) = &shape.id_header {
        rejects("changed id", &body, &with(&headers, name, |v| format!("{v}x")));
    }
    // Timestamp: one step either way, still inside the window.
    if shape.signs_timestamp {
        let text = |t: i64| if shape.milliseconds { (i128::from(t) * 1000).to_string() } else { t.to_string() };
        let old = text(ts);
        let new = if shape.milliseconds {
            (i128::from(ts) * 1000 + 1).to_string()
        } else if now > ts || ts == 0 {
            text(ts + 1)
        } else {
            text(ts - 1)
        };
        let changed = if let Some(name) = &shape.timestamp_header {
            with(&headers, name, |_| new.clone())
        } else {
            let key = shape.timestamp_key.clone().unwrap();
            with(&headers, &shape.signature_header, |v| v.replacen(&format!("{key}={old}"), &format!("{key}={new}"), 1))
        };
        assert_ne!(changed, headers);
        rejects("changed timestamp", &body, &changed);
    }
    // Signatures: one significant character of every entry changed.
    let corrupted = with(&headers, &shape.signature_header, |v| shape.corrupt_signatures(v, pick));
    assert_ne!(corrupted, headers);
    rejects("corrupted signature", &body, &corrupted);
    // Another key.
    let stranger = Webhook::new(scheme.clone(), vec![Key::new(other)]).unwrap().tolerance(tolerance);
    assert_eq!(stranger.verify(&body, &headers, now), Err(Error::NoMatchingSignature), "another key verifies");
});

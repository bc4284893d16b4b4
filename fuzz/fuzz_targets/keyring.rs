//! Keyring verification: a signer and a verifier keyring, each of several keys drawn from a small
//! pool with optional expiries, an arbitrary timestamp, `now` and tolerance. The outcome must be
//! exactly what the model below predicts: which error, or which key index matched.
#![no_main]
use arbitrary::Unstructured;
use hooksig::{limits, Error, Key, Layout, Scheme, Secret, Webhook};
use hooksig_fuzz::{real_customs, Shape};
use libfuzzer_sys::fuzz_target;

const POOL: [&[u8]; 4] = [b"first key 0123456789", b"second key 0123456789", b"third key 0123456789", b"k"];

fn ring(u: &mut Unstructured<'_>, around: i64) -> arbitrary::Result<Vec<(usize, Option<i64>)>> {
    let n = if u.ratio(1, 16)? { u.int_in_range(0..=limits::MAX_KEYS + 2)? } else { u.int_in_range(1..=4)? };
    let mut keys = Vec::with_capacity(n);
    for _ in 0..n {
        let index = u.int_in_range(0..=POOL.len() - 1)?;
        let expiry = match u.int_in_range(0..=3)? {
            0 => None,
            1 => Some(around.saturating_add(i64::from(u.int_in_range(-400i16..=400)?))),
            2 => Some(u.arbitrary()?),
            _ => Some(around),
        };
        keys.push((index, expiry));
    }
    Ok(keys)
}

fn build(scheme: &Scheme, keys: &[(usize, Option<i64>)]) -> hooksig::Result<Webhook> {
    let keys = keys
        .iter()
        .map(|&(i, expiry)| {
            let key = Key::new(Secret::from_bytes(POOL[i]).unwrap());
            match expiry {
                Some(end) => key.not_after(end),
                None => key,
            }
        })
        .collect();
    Webhook::new(scheme.clone(), keys)
}

fn active(expiry: Option<i64>, at: i64) -> bool {
    expiry.map_or(true, |end| at <= end)
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(choice) = u.int_in_range(0..=6u8) else { return };
    let scheme = match choice {
        0 => Scheme::Standard,
        1 => Scheme::Stripe,
        2 => Scheme::GitHub { legacy_sha1: false },
        3 => Scheme::Slack,
        4 => Scheme::Shopify,
        5 => Scheme::Svix,
        _ => Scheme::Custom(Box::new(real_customs()[0].clone())), // Paddle: key-value layout
    };
    let shape = Shape::of(&scheme);
    let Ok(ts) = u.int_in_range(0..=limits::MAX_TIMESTAMP) else { return };
    let now = if u.ratio(1, 8).unwrap_or(false) {
        u.arbitrary().unwrap_or(0)
    } else {
        ts.saturating_add(i64::from(u.int_in_range(-700i16..=700).unwrap_or(0)))
    };
    let tolerance = u64::from(u.int_in_range(0u16..=600).unwrap_or(300));
    let (Ok(signer), Ok(verifier)) = (ring(&mut u, ts), ring(&mut u, now)) else { return };
    let body = u.take_rest();

    let signing = match build(&scheme, &signer) {
        Ok(hook) => hook,
        Err(e) => {
            assert!(signer.is_empty() || signer.len() > limits::MAX_KEYS, "{e:?}");
            return;
        }
    };
    let verifying = match build(&scheme, &verifier) {
        Ok(hook) => hook.tolerance(tolerance),
        Err(e) => {
            let expected = if verifier.is_empty() {
                Error::EmptySecret
            } else {
                Error::TooManyKeys { limit: limits::MAX_KEYS }
            };
            assert_eq!(e, expected);
            return;
        }
    };
    // Keys valid at `ts` sign; a single-signature layout carries the first of them only.
    let mut signed: Vec<&[u8]> = signer.iter().filter(|k| active(k.1, ts)).map(|k| POOL[k.0]).collect();
    if matches!(shape.layout, Layout::Single { .. }) {
        signed.truncate(1);
    }
    let headers = match signing.sign(Some("msg_keyring"), ts, body) {
        Ok(headers) => headers,
        Err(e) => {
            assert!(signed.is_empty(), "sign failed with active keys: {e:?}");
            assert_eq!(e, Error::NoActiveKey);
            return;
        }
    };
    assert!(!signed.is_empty(), "signed without an active key");

    let age = i128::from(now) - i128::from(ts);
    let expected = if shape.has_timestamp() && age > i128::from(tolerance) {
        Err(Error::TimestampTooOld { timestamp: ts, now, tolerance })
    } else if shape.has_timestamp() && -age > i128::from(tolerance) {
        Err(Error::TimestampTooNew { timestamp: ts, now, tolerance })
    } else if !verifier.iter().any(|k| active(k.1, now)) {
        Err(Error::NoActiveKey)
    } else {
        verifier
            .iter()
            .position(|k| active(k.1, now) && signed.contains(&POOL[k.0]))
            .ok_or(Error::NoMatchingSignature)
    };
    let got = verifying.verify(body, &headers, now).map(|v| v.key_index);
    assert_eq!(got, expected, "signer {signer:?} verifier {verifier:?} ts {ts} now {now} tol {tolerance}");
});

//! Header parsing for every scheme: arbitrary header names, values and bodies against every preset,
//! the three real custom schemes and arbitrary custom schemes, at an arbitrary `now` and tolerance.
//! Nothing may panic, and nothing may verify: the key is not in the input, so a success is a forgery.
#![no_main]
use arbitrary::Unstructured;
use hooksig::{Key, Secret, Webhook};
use hooksig_fuzz::{scheme, NAMES};
use libfuzzer_sys::fuzz_target;

fn value(u: &mut Unstructured<'_>) -> arbitrary::Result<Vec<u8>> {
    let raw: Vec<u8> = u.arbitrary()?;
    let prefix: &[u8] = match u.int_in_range(0..=6)? {
        0 => b"v1,",
        1 => b"t=1614265330,v1=",
        2 => b"sha256=",
        3 => b"v0=",
        4 => b"v1a,",
        5 => b"ts=1614265330;h1=",
        _ => b"",
    };
    Ok([prefix, &raw].concat())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(scheme) = scheme(&mut u) else { return };
    let key = Secret::from_bytes(b"hooksig fuzz key, not in the input").unwrap();
    let Ok(hook) = Webhook::new(scheme, vec![Key::new(key)]) else { return };
    let hook = hook.tolerance(u.arbitrary().unwrap_or(300));
    let now: i64 = if u.arbitrary().unwrap_or(false) { u.arbitrary().unwrap_or(0) } else { 1_614_265_330 };
    let count = u.int_in_range(0..=8).unwrap_or(0);
    let mut headers: Vec<(String, Vec<u8>)> = Vec::new();
    for _ in 0..count {
        let name = if u.ratio(7, 8).unwrap_or(true) {
            let name = *u.choose(NAMES).unwrap_or(&"webhook-id");
            let upper: u32 = u.arbitrary().unwrap_or(0);
            name.chars()
                .enumerate()
                .map(|(i, c)| if upper >> (i % 32) & 1 == 1 { c.to_ascii_uppercase() } else { c })
                .collect()
        } else {
            u.arbitrary().unwrap_or_default()
        };
        let Ok(value) = value(&mut u) else { break };
        headers.push((name, value));
    }
    let body = u.take_rest();
    match hook.verify(body, &headers, now) {
        Ok(v) => panic!("verified without the key: {v:?} {headers:?}"),
        Err(e) => {
            assert!(e.is_verification_failure(), "{e:?} is not a verification failure");
            assert!(!e.to_string().is_empty() && !e.code().is_empty());
        }
    }
});

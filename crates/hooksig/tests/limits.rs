//! Every bound in `hooksig::limits`, at and one past the limit, with its typed error; and the two
//! hostile loads of the security issue (a 10 MiB body, a 100,000-entry signature header) measured
//! for time and peak heap. The numbers are printed (`-- --nocapture`), never asserted on time:
//! memory is asserted, because it is deterministic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
// Test-only: the heap meter below is a counting `GlobalAlloc`, which Rust requires to be `unsafe`.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout as AllocLayout, System};
use std::cell::Cell;
use std::time::Instant;

use hooksig::limits::{
    DEFAULT_TOLERANCE, MAX_HEADER_BYTES, MAX_ID_BYTES, MAX_KEYS, MAX_KEY_BYTES, MAX_SECRET_TEXT, MAX_SIGNATURES,
    MAX_TIMESTAMP, MIN_GENERATED_BYTES, WHSEC_GENERATED_BYTES,
};
use hooksig::{
    encode_secret, generate_secret, CustomScheme, Error, Key, Layout, Scheme, Secret, SecretFormat, TimestampUnit,
    Webhook,
};

// ---- a heap meter: peak bytes allocated by the current thread while it is armed -------------------

struct Meter;

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn account(delta: isize) {
    let _ = ARMED.try_with(|armed| {
        if armed.get() {
            let live = LIVE.with(|l| {
                l.set(l.get() + delta);
                l.get()
            });
            PEAK.with(|p| p.set(p.get().max(live)));
        }
    });
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Meter {
    unsafe fn alloc(&self, layout: AllocLayout) -> *mut u8 {
        account(layout.size() as isize);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: AllocLayout) {
        account(-(layout.size() as isize));
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: AllocLayout, new_size: usize) -> *mut u8 {
        account(new_size as isize - layout.size() as isize);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Meter = Meter;

/// Runs `f` and returns its result, wall time and the peak heap it allocated on this thread.
fn measure<T>(f: impl FnOnce() -> T) -> (T, f64, usize) {
    LIVE.with(|l| l.set(0));
    PEAK.with(|p| p.set(0));
    ARMED.with(|a| a.set(true));
    let start = Instant::now();
    let out = f();
    let seconds = start.elapsed().as_secs_f64();
    ARMED.with(|a| a.set(false));
    (out, seconds, PEAK.with(Cell::get).max(0) as usize)
}

// ---- helpers ---------------------------------------------------------------------------------------

const NOW: i64 = 1_614_265_330;
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fn standard() -> Webhook {
    Webhook::from_secret(Scheme::Standard, SECRET).unwrap()
}

fn code<T: std::fmt::Debug>(r: Result<T, Error>) -> &'static str {
    r.unwrap_err().code()
}

fn signed(hook: &Webhook, body: &[u8]) -> Vec<(String, String)> {
    hook.sign(Some("msg_limits"), NOW, body).unwrap()
}

fn replace(headers: &[(String, String)], name: &str, value: String) -> Vec<(String, String)> {
    headers.iter().map(|(n, v)| (n.clone(), if n == name { value.clone() } else { v.clone() })).collect()
}

// ---- MAX_HEADER_BYTES ---------------------------------------------------------------------------------

#[test]
fn header_bytes_at_and_past_the_limit() {
    let hook = standard();
    let headers = signed(&hook, b"{}");
    let signature = headers[2].1.clone();
    // Padding with spaces (empty entries are skipped) to exactly the limit still verifies.
    let at = format!("{signature}{}", " ".repeat(MAX_HEADER_BYTES - signature.len()));
    assert_eq!(at.len(), MAX_HEADER_BYTES);
    assert!(hook.verify(b"{}", &replace(&headers, "webhook-signature", at.clone()), NOW).is_ok());
    let past = format!("{at} ");
    assert_eq!(
        hook.verify(b"{}", &replace(&headers, "webhook-signature", past), NOW).unwrap_err(),
        Error::HeaderTooLarge { name: "webhook-signature".into(), limit: MAX_HEADER_BYTES }
    );
    // The limit is on the total of a repeated list header, not on each value.
    let mut split = headers.clone();
    split[2].1 = " ".repeat(MAX_HEADER_BYTES / 2);
    split.push(("webhook-signature".into(), " ".repeat(MAX_HEADER_BYTES / 2 - signature.len())));
    split.push(("webhook-signature".into(), signature.clone()));
    assert!(hook.verify(b"{}", &split, NOW).is_ok());
    split.push(("webhook-signature".into(), " ".into()));
    assert_eq!(code(hook.verify(b"{}", &split, NOW)), "HEADER_TOO_LARGE");
    // Single-valued headers (id, timestamp): each value is bounded.
    let id = "i".repeat(MAX_HEADER_BYTES);
    let with_id = hook.sign(Some(&id[..MAX_ID_BYTES]), NOW, b"{}").unwrap();
    assert_ne!(code(hook.verify(b"{}", &replace(&with_id, "webhook-id", id.clone()), NOW)), "HEADER_TOO_LARGE");
    assert_eq!(
        hook.verify(b"{}", &replace(&with_id, "webhook-id", format!("{id}i")), NOW).unwrap_err(),
        Error::HeaderTooLarge { name: "webhook-id".into(), limit: MAX_HEADER_BYTES }
    );
}

// ---- MAX_SIGNATURES ----------------------------------------------------------------------------------

#[test]
fn signature_entries_at_and_past_the_limit() {
    let hook = standard();
    let headers = signed(&hook, b"{}");
    let entries = |n: usize| {
        // n - 1 entries of an unknown version (counted, skipped), then the valid one last.
        let mut v: Vec<String> = (1..n).map(|i| format!("v9,{i}")).collect();
        v.push(headers[2].1.clone());
        v.join(" ")
    };
    assert!(hook.verify(b"{}", &replace(&headers, "webhook-signature", entries(MAX_SIGNATURES)), NOW).is_ok());
    assert_eq!(
        hook.verify(b"{}", &replace(&headers, "webhook-signature", entries(MAX_SIGNATURES + 1)), NOW).unwrap_err(),
        Error::TooManySignatures { limit: MAX_SIGNATURES }
    );
    // Stripe's key-value layout counts the same way (the `t=` pair is not a signature).
    let stripe = Webhook::from_secret(Scheme::Stripe, SECRET).unwrap();
    let sent = stripe.sign(None, NOW, b"{}").unwrap();
    let list = |n: usize| format!("{}{}", sent[0].1, ",v0=00".repeat(n - 1));
    assert!(stripe.verify(b"{}", &[("Stripe-Signature", list(MAX_SIGNATURES))], NOW).is_ok());
    assert_eq!(code(stripe.verify(b"{}", &[("Stripe-Signature", list(MAX_SIGNATURES + 1))], NOW)), "TOO_MANY_SIGNATURES");
}

// ---- MAX_KEYS ---------------------------------------------------------------------------------------

#[test]
fn keys_at_and_past_the_limit() {
    let ring = |n: usize| {
        (0..n).map(|i| Key::new(Secret::from_bytes(format!("key number {i}").as_bytes()).unwrap())).collect::<Vec<_>>()
    };
    let full = Webhook::new(Scheme::Standard, ring(MAX_KEYS)).unwrap();
    // Every key signs; the last one verifies alone.
    let headers = full.sign(Some("msg_keys"), NOW, b"{}").unwrap();
    assert_eq!(headers[2].1.split(' ').count(), MAX_KEYS);
    let last = Webhook::new(Scheme::Standard, ring(MAX_KEYS).split_off(MAX_KEYS - 1)).unwrap();
    assert!(last.verify(b"{}", &headers, NOW).is_ok());
    assert_eq!(
        Webhook::new(Scheme::Standard, ring(MAX_KEYS + 1)).unwrap_err(),
        Error::TooManyKeys { limit: MAX_KEYS }
    );
    assert_eq!(Webhook::new(Scheme::Standard, Vec::new()).unwrap_err(), Error::EmptySecret);
}

// ---- MAX_KEY_BYTES, MAX_SECRET_TEXT, MIN_GENERATED_BYTES, WHSEC_GENERATED_BYTES -----------------------------------------

#[test]
fn key_bytes_at_and_past_the_limit() {
    let too_long = |actual| Error::SecretTooLong { max: MAX_KEY_BYTES, actual };
    assert_eq!(Secret::from_bytes(&vec![7; MAX_KEY_BYTES]).unwrap().key_bytes().len(), MAX_KEY_BYTES);
    assert_eq!(Secret::from_bytes(&vec![7; MAX_KEY_BYTES + 1]).unwrap_err(), too_long(MAX_KEY_BYTES + 1));
    let text = |n| "k".repeat(n);
    assert!(Secret::parse(&text(MAX_KEY_BYTES), SecretFormat::Text).is_ok());
    assert_eq!(Secret::parse(&text(MAX_KEY_BYTES + 1), SecretFormat::Text).unwrap_err(), too_long(MAX_KEY_BYTES + 1));
    let hex = |n| "ab".repeat(n);
    assert!(Secret::parse(&hex(MAX_KEY_BYTES), SecretFormat::Hex).is_ok());
    assert_eq!(Secret::parse(&hex(MAX_KEY_BYTES + 1), SecretFormat::Hex).unwrap_err(), too_long(MAX_KEY_BYTES + 1));
    let base64 = |n: usize| encode_secret(&vec![1; n], SecretFormat::Base64).map(|s| format!("whsec_{}", s.as_str()));
    assert!(Secret::parse(&base64(MAX_KEY_BYTES).unwrap(), SecretFormat::Whsec).is_ok());
    // Encoding refuses to make what parsing would refuse.
    assert_eq!(base64(MAX_KEY_BYTES + 1).unwrap_err(), too_long(MAX_KEY_BYTES + 1));
    let b64 = format!("whsec_{}", "AAAA".repeat(MAX_KEY_BYTES / 3 + 1));
    assert_eq!(code(Secret::parse(&b64, SecretFormat::Whsec)), "SECRET_TOO_LONG");
}

#[test]
fn secret_text_at_and_past_the_limit() {
    // Encoded formats trim surrounding whitespace, so a short key padded to the limit is accepted.
    let padded = |n: usize| format!("{}{}", "0f".repeat(16), " ".repeat(n - 32));
    assert_eq!(Secret::parse(&padded(MAX_SECRET_TEXT), SecretFormat::Hex).unwrap().key_bytes().len(), 16);
    assert_eq!(
        Secret::parse(&padded(MAX_SECRET_TEXT + 1), SecretFormat::Hex).unwrap_err(),
        Error::SecretTooLong { max: MAX_SECRET_TEXT, actual: MAX_SECRET_TEXT + 1 }
    );
    for format in [SecretFormat::Whsec, SecretFormat::Base64, SecretFormat::Text, SecretFormat::Raw] {
        assert_eq!(
            Secret::parse(&"A".repeat(MAX_SECRET_TEXT + 1), format).unwrap_err(),
            Error::SecretTooLong { max: MAX_SECRET_TEXT, actual: MAX_SECRET_TEXT + 1 },
            "{format:?}"
        );
    }
}

#[test]
fn generated_bytes_at_and_past_the_bounds() {
    let mut rng = rand_core::OsRng;
    let (whsec_min, whsec_max) = WHSEC_GENERATED_BYTES;
    for (format, min, max) in [
        (SecretFormat::Whsec, whsec_min, whsec_max),
        (SecretFormat::Base64, MIN_GENERATED_BYTES, MAX_KEY_BYTES),
        (SecretFormat::Hex, MIN_GENERATED_BYTES, MAX_KEY_BYTES),
        // A text secret is the hex text itself: every secret generated must parse back.
        (SecretFormat::Text, MIN_GENERATED_BYTES, MAX_KEY_BYTES / 2),
    ] {
        for n in [min, max] {
            let secret = generate_secret(&mut rng, n, format).unwrap();
            assert_eq!(Secret::parse(&secret, format).unwrap().key_bytes().len(), if format == SecretFormat::Text { 2 * n } else { n });
        }
        let short = Error::SecretTooShort { min, actual: min - 1 };
        assert_eq!(generate_secret(&mut rng, min - 1, format).unwrap_err(), short, "{format:?}");
        assert_eq!(encode_secret(&vec![0; min - 1], format).unwrap_err(), short, "{format:?}");
        let long = Error::SecretTooLong { max, actual: max + 1 };
        assert_eq!(generate_secret(&mut rng, max + 1, format).unwrap_err(), long, "{format:?}");
        assert_eq!(encode_secret(&vec![0; max + 1], format).unwrap_err(), long, "{format:?}");
    }
    // The Standard Webhooks specification's bounds for a whsec_ secret.
    assert_eq!(WHSEC_GENERATED_BYTES, (24, 512));
    assert_eq!(code(generate_secret(&mut rng, usize::MAX, SecretFormat::Hex)), "SECRET_TOO_LONG");
}

// ---- MAX_TIMESTAMP, DEFAULT_TOLERANCE, key expiry ------------------------------------------------

#[test]
fn timestamp_range_at_and_past_the_limit() {
    let hook = standard().tolerance(u64::MAX);
    let at = hook.sign(Some("msg_ts"), MAX_TIMESTAMP, b"{}").unwrap();
    assert_eq!(hook.verify(b"{}", &at, NOW).unwrap().timestamp, Some(MAX_TIMESTAMP));
    let invalid = |r: Result<Vec<(String, String)>, Error>| matches!(r, Err(Error::InvalidTimestamp { .. }));
    assert!(invalid(hook.sign(Some("msg_ts"), MAX_TIMESTAMP + 1, b"{}")));
    assert!(invalid(hook.sign(Some("msg_ts"), -1, b"{}")));
    assert!(hook.sign(Some("msg_ts"), 0, b"{}").is_ok());
    // A received timestamp one past the limit is refused before any key is tried.
    let past = replace(&at, "webhook-timestamp", (MAX_TIMESTAMP + 1).to_string());
    assert!(matches!(hook.verify(b"{}", &past, NOW), Err(Error::InvalidTimestamp { .. })));
    // An empty value counts as absent.
    let empty = hook.verify(b"{}", &replace(&at, "webhook-timestamp", String::new()), NOW);
    assert_eq!(code(empty), "MISSING_HEADER");
    for bad in ["-1", "+1", "01", "1.5", "1e9", "12abc", "99999999999999999999999999"] {
        let r = hook.verify(b"{}", &replace(&at, "webhook-timestamp", bad.into()), NOW);
        assert!(matches!(r, Err(Error::InvalidTimestamp { .. })), "{bad:?}: {r:?}");
    }
    // Milliseconds: the last millisecond of 9999 and one past it.
    let ms = CustomScheme {
        timestamp_header: Some("x-ts".into()),
        timestamp_unit: TimestampUnit::Milliseconds,
        ..CustomScheme::new("ms", "x-sig", "{timestamp}.{body}")
    };
    let ms = Webhook::new(Scheme::Custom(Box::new(ms)), vec![Key::new(Secret::from_bytes(b"ms key").unwrap())])
        .unwrap()
        .tolerance(u64::MAX);
    let sent = ms.sign(None, MAX_TIMESTAMP, b"{}").unwrap();
    assert_eq!(ms.verify(b"{}", &sent, i64::MIN).unwrap().timestamp, Some(MAX_TIMESTAMP));
    let last = replace(&sent, "x-ts", format!("{MAX_TIMESTAMP}999"));
    assert_eq!(code(ms.verify(b"{}", &last, 0)), "NO_MATCHING_SIGNATURE");
    let past = replace(&sent, "x-ts", format!("{}000", MAX_TIMESTAMP + 1));
    assert_eq!(code(ms.verify(b"{}", &past, 0)), "INVALID_TIMESTAMP");
}

#[test]
fn tolerance_at_and_past_the_window() {
    let hook = standard();
    let headers = signed(&hook, b"{}");
    let tol = DEFAULT_TOLERANCE as i64;
    assert!(hook.verify(b"{}", &headers, NOW + tol).is_ok());
    assert!(hook.verify(b"{}", &headers, NOW - tol).is_ok());
    assert_eq!(
        hook.verify(b"{}", &headers, NOW + tol + 1).unwrap_err(),
        Error::TimestampTooOld { timestamp: NOW, now: NOW + tol + 1, tolerance: DEFAULT_TOLERANCE }
    );
    assert_eq!(
        hook.verify(b"{}", &headers, NOW - tol - 1).unwrap_err(),
        Error::TimestampTooNew { timestamp: NOW, now: NOW - tol - 1, tolerance: DEFAULT_TOLERANCE }
    );
    // Extremes of `now` and tolerance never overflow.
    for now in [i64::MIN, -1, 0, i64::MAX] {
        for tolerance in [0, 1, u64::MAX / 2, u64::MAX] {
            let r = standard().tolerance(tolerance).verify(b"{}", &headers, now);
            let inside = (i128::from(now) - i128::from(NOW)).unsigned_abs() <= u128::from(tolerance);
            assert_eq!(r.is_ok(), inside, "now {now} tolerance {tolerance}: {r:?}");
        }
    }
    // Zero tolerance: only the exact second.
    let exact = standard().tolerance(0);
    assert!(exact.verify(b"{}", &headers, NOW).is_ok());
    assert_eq!(code(exact.verify(b"{}", &headers, NOW + 1)), "TIMESTAMP_TOO_OLD");
}

#[test]
fn key_expiry_at_and_past_the_end() {
    let key = || Key::new(Secret::parse(SECRET, SecretFormat::Whsec).unwrap());
    let headers = signed(&standard(), b"{}");
    let ring = |end| Webhook::new(Scheme::Standard, vec![key().not_after(end)]).unwrap();
    assert!(ring(NOW).verify(b"{}", &headers, NOW).is_ok());
    assert_eq!(ring(NOW - 1).verify(b"{}", &headers, NOW).unwrap_err(), Error::NoActiveKey);
    assert_eq!(ring(i64::MIN).verify(b"{}", &headers, NOW).unwrap_err(), Error::NoActiveKey);
    assert!(ring(i64::MAX).verify(b"{}", &headers, NOW).is_ok());
    // An expired key no longer signs either.
    assert_eq!(ring(NOW - 1).sign(Some("msg"), NOW, b"{}").unwrap_err(), Error::NoActiveKey);
}

// ---- bounds on custom schemes and message ids --------------------------------------------------------

#[test]
fn custom_scheme_bounds() {
    let compile = |c: CustomScheme| {
        Webhook::new(Scheme::Custom(Box::new(c)), vec![Key::new(Secret::from_bytes(b"k").unwrap())]).map(|_| ())
    };
    let base = || CustomScheme::new("x", "x-sig", "{body}");
    assert!(compile(CustomScheme { name: "n".repeat(64), ..base() }).is_ok());
    assert_eq!(code(compile(CustomScheme { name: "n".repeat(65), ..base() })), "INVALID_SCHEME");
    assert!(compile(CustomScheme { signature_header: "h".repeat(64), ..base() }).is_ok());
    assert_eq!(code(compile(CustomScheme { signature_header: "h".repeat(65), ..base() })), "INVALID_SCHEME");
    let template = |n: usize| format!("{}{{body}}", ".".repeat(n - 6));
    assert!(compile(CustomScheme { template: template(256), ..base() }).is_ok());
    assert_eq!(code(compile(CustomScheme { template: template(257), ..base() })), "INVALID_SCHEME");
    let list = |prefix: &str| CustomScheme { layout: Layout::List { separator: ' ', prefix: prefix.into() }, ..base() };
    assert_eq!(code(compile(list(""))), "INVALID_SCHEME");
    assert_eq!(code(compile(list("v 1"))), "INVALID_SCHEME");
}

#[test]
fn message_id_bounds() {
    let hook = standard();
    assert!(hook.sign(Some(&"m".repeat(MAX_ID_BYTES)), NOW, b"{}").is_ok());
    let error = hook.sign(Some(&"m".repeat(MAX_ID_BYTES + 1)), NOW, b"{}").unwrap_err();
    assert!(error.to_string().contains(&format!("1 to {MAX_ID_BYTES} bytes")), "{error}");
    for bad in ["m".repeat(MAX_ID_BYTES + 1), String::new(), " m".into(), "m\n".into(), "m\u{0}m".into()] {
        assert_eq!(code(hook.sign(Some(&bad), NOW, b"{}")), "INVALID_ARGUMENT", "{bad:?}");
    }
    assert_eq!(code(hook.sign(None, NOW, b"{}")), "INVALID_ARGUMENT");
}

// ---- hostile loads: measured, printed, bounded in memory ---------------------------------------------

const MIB: usize = 1024 * 1024;
/// Which build the printed times come from (`cargo test` is unoptimized: times are several-fold slower).
const BUILD: &str = if cfg!(debug_assertions) { "debug build" } else { "release build" };

#[test]
fn ten_mib_body() {
    let body = vec![b'x'; 10 * MIB];
    let hook = standard();
    let headers = signed(&hook, &body);
    let (ok, secs, peak) = measure(|| hook.verify(&body, &headers, NOW));
    assert!(ok.is_ok());
    println!("limits: 10 MiB body, HMAC (v1): verify {:.1} ms ({BUILD}), peak heap {} B", secs * 1e3, peak);
    // The body is hashed in place: no copy of it.
    assert!(peak < 64 * 1024, "peak heap {peak} B");
    let mut tampered = body.clone();
    tampered[5 * MIB] ^= 1;
    let (err, secs, peak) = measure(|| hook.verify(&tampered, &headers, NOW));
    assert_eq!(err.unwrap_err(), Error::NoMatchingSignature);
    println!("limits: 10 MiB body, HMAC, tampered: reject {:.1} ms, peak heap {} B", secs * 1e3, peak);

    // Ed25519 (v1a) verification needs the message in one piece: one copy of the body.
    let seed = encode_secret(&[5; 32], SecretFormat::Base64).unwrap();
    let ed = Webhook::new(
        Scheme::Standard,
        vec![Key::new(Secret::parse(&format!("whsk_{}", seed.as_str()), SecretFormat::Whsec).unwrap())],
    )
    .unwrap();
    let headers = signed(&ed, &body);
    let (ok, secs, peak) = measure(|| ed.verify(&body, &headers, NOW));
    assert!(ok.is_ok());
    println!("limits: 10 MiB body, Ed25519 (v1a): verify {:.1} ms, peak heap {} B", secs * 1e3, peak);
    assert!(peak < 10 * MIB + 64 * 1024, "peak heap {peak} B");
}

#[test]
fn hundred_thousand_entry_signature_header() {
    let hook = standard();
    let headers = signed(&hook, b"{}");
    let report = |what: &str, hostile: &[(String, String)], expected: &str| {
        let (r, secs, peak) = measure(|| hook.verify(b"{}", &hostile, NOW));
        assert_eq!(code(r), expected, "{what}");
        println!("limits: {what}: {expected} in {:.3} ms, peak heap {} B", secs * 1e3, peak);
        assert!(peak < 64 * 1024, "{what}: peak heap {peak} B");
    };
    // One header value holding 100,000 entries (the valid one last): refused on its size.
    let entries: Vec<&str> = std::iter::repeat("v1,AAAA").take(99_999).chain([headers[2].1.as_str()]).collect();
    let one = replace(&headers, "webhook-signature", entries.join(" "));
    report("100,000 entries in one webhook-signature value (800 KB)", &one, "HEADER_TOO_LARGE");
    // 100,000 repeated header lines: the total is bounded, not each line.
    let mut repeated = headers.clone();
    repeated.extend(std::iter::repeat(("webhook-signature".to_string(), "v1,AAAA".to_string())).take(100_000));
    report("100,000 repeated webhook-signature headers", &repeated, "HEADER_TOO_LARGE");
    // 100,000 one-byte entries fit no header: as many as fit (4,096 in 8 KiB) stop at the 33rd.
    let dense = replace(&headers, "webhook-signature", vec!["v"; MAX_HEADER_BYTES / 2].join(" "));
    report("4,096 entries within 8 KiB", &dense, "TOO_MANY_SIGNATURES");
    // Stripe's key-value layout with 100,000 pairs.
    let stripe = Webhook::from_secret(Scheme::Stripe, SECRET).unwrap();
    let pairs = format!("t={NOW}{}", ",v1=00".repeat(100_000));
    let (r, secs, peak) = measure(|| stripe.verify(b"{}", &[("Stripe-Signature", pairs.as_str())], NOW));
    assert_eq!(code(r), "HEADER_TOO_LARGE");
    println!("limits: Stripe-Signature with 100,000 v1 pairs: HEADER_TOO_LARGE in {:.3} ms, peak heap {peak} B", secs * 1e3);
    // 100,000 unrelated headers around a valid delivery: linear scan, still verifies.
    let mut crowd: Vec<(String, String)> = (0..100_000).map(|i| (format!("x-noise-{i}"), "v1,AAAA".into())).collect();
    crowd.extend(headers.iter().cloned());
    let (r, secs, peak) = measure(|| hook.verify(b"{}", &crowd, NOW));
    assert!(r.is_ok());
    println!("limits: valid delivery among 100,000 other headers: verified in {:.3} ms, peak heap {peak} B", secs * 1e3);
}

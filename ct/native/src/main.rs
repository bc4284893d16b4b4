//! dudect-style timing test (Reparaz, Balasch, Verbauwhede, "Dude, is my code constant time?", 2017)
//! of `Webhook::verify`, native build.
//!
//! Each test has two classes of input that must take the same time if verification is constant
//! time in what the attacker does not know. Measurements of the two classes are interleaved in a
//! random order (so drift and machine noise fall on both alike), timed with the cycle counter, and
//! compared with Welch's t-test, raw and after cropping at several percentiles (dudect's
//! post-processing against the long tail of interrupts). |t| < 4.5: no leak detected at this
//! sample size; |t| > 10: a leak. Controls check that the harness does detect a real leak.
//!
//! `CT_MEASUREMENTS` sets the measurements per class (default 1,000,000).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;

use hooksig::mac::{Algorithm, MacBackend, SoftwareMac};
use hooksig::{encode_secret, Scheme, SecretFormat, Webhook};

const NOW: i64 = 1_614_265_330;
const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
/// Percentiles at which measurements are cropped, besides "none".
const CROPS: [f64; 6] = [0.5, 0.75, 0.9, 0.95, 0.99, 0.999];

#[inline(always)]
fn ticks() -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: lfence and rdtsc have no preconditions on x86-64.
        #[allow(unsafe_code)]
        unsafe {
            core::arch::x86_64::_mm_lfence();
            let t = core::arch::x86_64::_rdtsc();
            core::arch::x86_64::_mm_lfence();
            t
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        use std::sync::OnceLock;
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed().as_nanos() as u64
    }
}

/// xorshift64*: reproducible class order, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

#[derive(Clone, Copy, Default)]
struct Moments {
    n: f64,
    mean: f64,
    m2: f64,
}

impl Moments {
    fn push(&mut self, x: f64) {
        self.n += 1.0;
        let d = x - self.mean;
        self.mean += d / self.n;
        self.m2 += d * (x - self.mean);
    }
    fn var(&self) -> f64 {
        if self.n > 1.0 {
            self.m2 / (self.n - 1.0)
        } else {
            0.0
        }
    }
}

fn welch(a: &Moments, b: &Moments) -> f64 {
    let se = (a.var() / a.n + b.var() / b.n).sqrt();
    if se == 0.0 {
        0.0
    } else {
        (a.mean - b.mean) / se
    }
}

struct Outcome {
    name: &'static str,
    control: bool,
    per_class: [u64; 2],
    means: [f64; 2],
    t_raw: f64,
    t_max: f64,
    /// The smallest mean difference this sample could have detected at |t| = 4.5 (p90-cropped data).
    resolution: f64,
}

/// Times `op` after `prepare(class)` has copied the class's input into the buffers `op` reads, so
/// both classes are measured from the same addresses (memory layout cannot differ by class).
fn timed<S>(state: &mut S, class: usize, prepare: impl Fn(&mut S, usize), op: impl Fn(&S)) -> f64 {
    prepare(state, class);
    let start = ticks();
    op(state);
    ticks().wrapping_sub(start) as f64
}

/// Measures interleaved random classes until each class has `n` measurements.
fn run(name: &'static str, control: bool, n: u64, mut measure: impl FnMut(usize) -> f64) -> Outcome {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ name.len() as u64);
    // Warm-up, then thresholds for cropping from a first batch of both classes pooled.
    let mut first: Vec<f64> = (0..20_000).map(|i| measure(i % 2)).collect();
    first.sort_by(f64::total_cmp);
    let thresholds: Vec<f64> =
        CROPS.iter().map(|p| first[((first.len() as f64 * p) as usize).min(first.len() - 1)]).collect();
    let mut raw = [Moments::default(); 2];
    let mut cropped = vec![[Moments::default(); 2]; CROPS.len()];
    let mut counts = [0u64; 2];
    while counts[0] < n || counts[1] < n {
        let bits = rng.next();
        for k in 0..64 {
            let class = ((bits >> k) & 1) as usize;
            let x = measure(class);
            counts[class] += 1;
            raw[class].push(x);
            for (c, &limit) in cropped.iter_mut().zip(&thresholds) {
                if x < limit {
                    c[class].push(x);
                }
            }
        }
    }
    let t_raw = welch(&raw[0], &raw[1]);
    let t_max = cropped
        .iter()
        .filter(|c| c[0].n > 1000.0 && c[1].n > 1000.0)
        .map(|c| welch(&c[0], &c[1]))
        .chain([t_raw])
        .fold(0.0f64, |m, t| if t.abs() > m.abs() { t } else { m });
    // p90 crop (index 2): the long tail of interrupts would otherwise dominate the variance.
    let p90 = if cropped[2][0].n > 1000.0 && cropped[2][1].n > 1000.0 { &cropped[2] } else { &raw };
    let resolution = 4.5 * (p90[0].var() / p90[0].n + p90[1].var() / p90[1].n).sqrt();
    Outcome { name, control, per_class: counts, means: [raw[0].mean, raw[1].mean], t_raw, t_max, resolution }
}

fn b64(bytes: &[u8]) -> String {
    encode_secret(bytes, SecretFormat::Base64).unwrap().to_string()
}

fn main() {
    let n: u64 = std::env::var("CT_MEASUREMENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let hook = Webhook::from_secret(Scheme::Standard, SECRET).unwrap();
    let key = hook.keys()[0].secret().key_bytes().to_vec();
    let mut rng = Rng(42);
    // The only data-dependent steps before the constant-time ones are the base64 alphabet scans
    // (`any` over the signature text for `+/` and `-_`), which depend on the public text alone.
    // So that the classes differ only in how they relate to the secret tag, every signature text
    // used below is made of letters and digits only: the scans then run the same in both classes.
    let alnum = |s: &str| s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'=');
    let flipped = |tag: &[u8; 32], at: usize| {
        let mut t = *tag;
        t[at] ^= 0x01;
        t
    };
    let (body, tag) = (0u64..)
        .map(|nonce| {
            let body = format!(r#"{{"type":"invoice.paid","data":{{"id":"in_1","amount":4200}},"nonce":{nonce:06}}}"#);
            let tag = SoftwareMac.hmac(Algorithm::Sha256, &key, &[format!("{ID}.{NOW}.").as_bytes(), body.as_bytes()]);
            (body.into_bytes(), tag)
        })
        .find(|(_, tag)| [b64(tag), b64(&flipped(tag, 0)), b64(&flipped(tag, 31)), b64(&tag[..31])].iter().all(|s| alnum(s)))
        .unwrap();
    let random: [u8; 32] = std::iter::repeat_with(|| {
        let mut r = [0u8; 32];
        r.iter_mut().for_each(|b| *b = rng.next() as u8);
        r
    })
    .find(|r| alnum(&b64(r)) && alnum(&b64(&r[..31])))
    .unwrap();
    // The true tag, computed independently, is what the library signs.
    let signed = hook.sign(Some(ID), NOW, &body).unwrap();
    assert_eq!(signed[2].1, format!("v1,{}", b64(&tag)));
    let headers = |signature: String| {
        vec![
            ("webhook-id".to_string(), ID.to_string()),
            ("webhook-timestamp".to_string(), NOW.to_string()),
            ("webhook-signature".to_string(), signature),
        ]
    };
    let flip = |at: usize| format!("v1,{}", b64(&flipped(&tag, at)));

    let verify_classes = |a: String, b: String| {
        let classes = [headers(a), headers(b)];
        for h in &classes {
            assert!(hook.verify(&body, h, NOW).is_err(), "both classes must be rejected");
        }
        classes
    };
    // One set of headers, its signature rewritten in place (same capacity: no reallocation).
    let mut current = headers(String::with_capacity(256));
    let prepare = |classes: &[Vec<(String, String)>; 2]| {
        let classes = classes.clone();
        move |h: &mut Vec<(String, String)>, c: usize| {
            h[2].1.clear();
            h[2].1.push_str(&classes[c][2].1);
        }
    };
    let verify = |h: &Vec<(String, String)>| {
        black_box(hook.verify(black_box(&body), black_box(h), NOW)).ok();
    };
    let mut outcomes = Vec::new();

    // 1. Where the first difference is: byte 0 versus byte 31 of the tag.
    let classes = verify_classes(flip(0), flip(31));
    let fill = prepare(&classes);
    outcomes.push(run("verify: first-byte vs last-byte mismatch", false, n, |c| timed(&mut current, c, &fill, verify)));
    // 2. Wrong length: a truncated true tag (31 correct bytes) versus 31 random bytes.
    let classes = verify_classes(format!("v1,{}", b64(&tag[..31])), format!("v1,{}", b64(&random[..31])));
    let fill = prepare(&classes);
    outcomes.push(run("verify: wrong length, true-prefix vs random", false, n, |c| timed(&mut current, c, &fill, verify)));
    // 3. Wrong version: the true tag under `v2,` versus a random one.
    let classes = verify_classes(format!("v2,{}", b64(&tag)), format!("v2,{}", b64(&random)));
    let fill = prepare(&classes);
    outcomes.push(run("verify: wrong version, true tag vs random", false, n, |c| timed(&mut current, c, &fill, verify)));
    // 4. The comparison primitive alone: first- versus last-byte mismatch.
    // Both operands in one cache line each, at the same alignment, so layout cannot differ by class.
    #[repr(C, align(64))]
    struct Line([u8; 32]);
    let expected = Line(tag);
    let operands = [flipped(&tag, 0), flipped(&tag, 31)];
    let mut line = Line([0; 32]);
    let fill = |l: &mut Line, c: usize| l.0 = operands[c];
    outcomes.push(run("ct_eq: first-byte vs last-byte mismatch", false, n, |c| {
        timed(&mut line, c, fill, |l| {
            black_box(hooksig::ct_eq(black_box(&expected.0), black_box(&l.0)));
        })
    }));
    // Controls, expected to differ: a naive early-exit comparison (secret-dependent, the bug this
    // harness exists to catch), and a wrong-length versus right-length signature (public: a
    // wrong-length candidate is dropped before any HMAC is computed).
    outcomes.push(run("control: early-exit compare, first vs last", true, n, |c| {
        timed(&mut line, c, fill, |l| {
            black_box(naive_eq(black_box(&expected.0), black_box(&l.0)));
        })
    }));
    let classes = verify_classes(format!("v1,{}", b64(&random[..31])), format!("v1,{}", b64(&random)));
    let fill = prepare(&classes);
    outcomes.push(run("control: wrong length vs right length", true, n, |c| timed(&mut current, c, &fill, verify)));

    println!("ct native: Welch's t, dudect-style; |t| < 4.5 no leak detected, > 10 leak ({} measurements per class minimum, cycles; resol.: smallest mean difference detectable at |t| = 4.5 after the p90 crop)", n);
    println!("{:<46} {:>10} {:>10} {:>11} {:>11} {:>8} {:>8} {:>7}  verdict", "test", "n class A", "n class B", "mean A cyc", "mean B cyc", "t raw", "max |t|", "resol.");
    let mut failed = false;
    for o in &outcomes {
        let verdict = match (o.control, o.t_max.abs()) {
            (false, t) if t < 4.5 => "no leak detected",
            (false, t) if t < 10.0 => "inconclusive (4.5 <= |t| < 10)",
            (false, _) => {
                failed = true;
                "LEAK"
            }
            (true, t) if t >= 10.0 => "detected (as expected)",
            (true, _) => "NOT detected: harness not sensitive enough here",
        };
        println!(
            "{:<46} {:>10} {:>10} {:>11.1} {:>11.1} {:>8.2} {:>8.2} {:>7.1}  {verdict}",
            o.name, o.per_class[0], o.per_class[1], o.means[0], o.means[1], o.t_raw, o.t_max.abs(), o.resolution
        );
    }
    if failed {
        std::process::exit(1);
    }
}

/// What a hand-written comparison looks like when it is *not* constant time.
#[inline(never)]
fn naive_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    for i in 0..a.len() {
        if black_box(a[i]) != black_box(b[i]) {
            return false;
        }
    }
    true
}

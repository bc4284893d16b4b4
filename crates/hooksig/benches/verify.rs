//! hooksig's `verify` against a bare HMAC-SHA256 + constant-time compare over the same signed content,
//! side by side, at 256 B, 1 KiB, 16 KiB and 1 MiB.
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hmac::{Hmac, Mac};
use hooksig::{Scheme, Webhook};
use sha2::Sha256;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const NOW: i64 = 1_614_265_330;

fn bench(c: &mut Criterion) {
    let hook = Webhook::from_secret(Scheme::Standard, SECRET).expect("valid secret");
    let key = hook.keys()[0].secret().key_bytes().to_vec();
    let mut group = c.benchmark_group("verify");
    for size in [256usize, 1024, 16 * 1024, 1024 * 1024] {
        let body = vec![b'x'; size];
        let headers = hook.sign(Some("msg_p5jXN8AQM9LWM0D4loKWxJek"), NOW, &body).expect("signs");
        let signature = {
            let b64 = headers[2].1.trim_start_matches("v1,");
            let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("any key length");
            mac.update(format!("msg_p5jXN8AQM9LWM0D4loKWxJek.{NOW}.").as_bytes());
            mac.update(&body);
            assert!(!b64.is_empty());
            mac.finalize().into_bytes()
        };
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::new("raw-hmac", size), &body, |b, body| {
            b.iter(|| {
                let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("any key length");
                mac.update(b"msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.");
                mac.update(black_box(body));
                mac.verify_slice(&signature).is_ok()
            })
        });
        group.bench_with_input(BenchmarkId::new("hooksig", size), &body, |b, body| {
            b.iter(|| hook.verify(black_box(body), black_box(&headers), NOW).is_ok())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

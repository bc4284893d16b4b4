//! The demo's sender: signs a delivery for every scheme, verifies it, shows a tampered copy rejected
//! and a key rotation, and (given a path) writes the deliveries for the Node, Worker and Python
//! receivers to verify.
//!
//! `cargo run --release -p hooksig --example demo -- target/demo/deliveries.json`

use std::time::{SystemTime, UNIX_EPOCH};

use base64ct::{Base64, Encoding as _};
use hooksig::rand_core::OsRng;
use hooksig::{generate_secret, CustomScheme, Key, Layout, Scheme, Secret, SecretFormat, Webhook};

struct Delivery {
    scheme: String,
    secret: String,
    body: Vec<u8>,
    headers: Vec<(String, String)>,
    now: i64,
    tampered: bool,
}

fn paddle() -> Scheme {
    Scheme::Custom(Box::new(CustomScheme {
        layout: Layout::KeyValue {
            pair_separator: ';',
            signature_key: "h1".into(),
            timestamp_key: Some("ts".into()),
        },
        ..CustomScheme::new("paddle", "Paddle-Signature", "{timestamp}:{body}")
    }))
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs() as i64;
    let body = br#"{"type":"invoice.paid","data":{"amount":4200,"currency":"eur","note":"caf\u00e9"}}"#.to_vec();
    let schemes = [
        ("standard", Scheme::Standard),
        ("stripe", Scheme::Stripe),
        ("github", Scheme::GitHub { legacy_sha1: false }),
        ("slack", Scheme::Slack),
        ("shopify", Scheme::Shopify),
        ("paddle (custom)", paddle()),
    ];
    let mut deliveries = Vec::new();
    println!("{:<16} {:<10} {:<28} result", "scheme", "secret", "signature header");
    for (label, scheme) in schemes {
        // Each provider's own kind of secret: `whsec_` base64 for Standard Webhooks, text otherwise.
        let secret = generate_secret(&mut OsRng, 32, scheme.default_secret_format())?;
        let hook = Webhook::from_secret(scheme.clone(), &secret)?;
        let headers = hook.sign(Some("msg_demo_0001"), now, &body)?;
        let verified = hook.verify(&body, &headers, now)?;
        let (name, value) = headers.last().cloned().unwrap_or_default();
        let shown: String = value.chars().take(24).collect();
        println!(
            "{label:<16} {:<10} {:<28} verified with key {}{}",
            hook.keys()[0].secret().hint(),
            format!("{name}: {shown}…").chars().take(28).collect::<String>(),
            verified.key_index,
            verified.timestamp.map(|t| format!(", timestamp {t}")).unwrap_or_default(),
        );
        let mut tampered = body.clone();
        tampered.extend_from_slice(b" ");
        match hook.verify(&tampered, &headers, now) {
            Err(e) => println!("{:<16} {:<10} {:<28} tampered body rejected: {}", "", "", "", e.code()),
            Ok(_) => return Err("a tampered delivery verified".into()),
        }
        let scheme_name = match &scheme {
            Scheme::Custom(custom) => serde_json::to_string(custom)?,
            other => json_string(other.name()),
        };
        for (payload, is_tampered) in [(body.clone(), false), (tampered, true)] {
            deliveries.push(Delivery {
                scheme: scheme_name.clone(),
                secret: secret.to_string(),
                body: payload,
                headers: headers.clone(),
                now,
                tampered: is_tampered,
            });
        }
    }

    // Rotation: a new key signs, the old one stays valid five more minutes.
    let old = generate_secret(&mut OsRng, 32, SecretFormat::Whsec)?;
    let new = generate_secret(&mut OsRng, 32, SecretFormat::Whsec)?;
    let sender_before = Webhook::from_secret(Scheme::Standard, &old)?;
    let in_flight = sender_before.sign(Some("msg_demo_0002"), now, &body)?;
    let receiver = Webhook::new(
        Scheme::Standard,
        vec![
            Key::new(Secret::parse(&new, SecretFormat::Whsec)?),
            Key::new(Secret::parse(&old, SecretFormat::Whsec)?).not_after(now + 300),
        ],
    )?
    .tolerance(600);
    let during = receiver.verify(&body, &in_flight, now)?;
    println!("\nrotation: delivery signed by the old key verifies during the grace window (key {})", during.key_index);
    match receiver.verify(&body, &in_flight, now + 301) {
        Err(e) => println!("rotation: after the grace window it is rejected: {}", e.code()),
        Ok(_) => return Err("an expired key verified".into()),
    }

    if let Some(path) = std::env::args().nth(1) {
        let path = std::path::Path::new(&path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let entries: Vec<String> = deliveries
            .iter()
            .map(|d| {
                let headers: Vec<String> =
                    d.headers.iter().map(|(n, v)| format!("[{},{}]", json_string(n), json_string(v))).collect();
                format!(
                    "{{\"scheme\":{},\"secret\":{},\"body_base64\":\"{}\",\"headers\":[{}],\"now\":{},\"tampered\":{}}}",
                    d.scheme,
                    json_string(&d.secret),
                    Base64::encode_string(&d.body),
                    headers.join(","),
                    d.now,
                    d.tampered
                )
            })
            .collect();
        std::fs::write(path, format!("{{\"deliveries\":[\n{}\n]}}\n", entries.join(",\n")))?;
        println!("\nwrote {} deliveries to {}", deliveries.len(), path.display());
    }
    Ok(())
}

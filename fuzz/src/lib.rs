//! Shared input builders for the hooksig fuzz targets: schemes (every preset and custom schemes built
//! from fuzz input), header names the schemes read, and the oracle for which custom schemes must
//! round-trip.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use arbitrary::{Result, Unstructured};
use hooksig::{CustomScheme, Encoding, Layout, Scheme, TimestampUnit};

/// Every header name any scheme here reads, so the fuzzer reaches past "missing header".
pub const NAMES: &[&str] = &[
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
    "svix-id",
    "svix-timestamp",
    "svix-signature",
    "stripe-signature",
    "x-hub-signature-256",
    "x-hub-signature",
    "x-slack-signature",
    "x-slack-request-timestamp",
    "x-shopify-hmac-sha256",
    "paddle-signature",
    "linear-signature",
    "x-zm-signature",
    "x-zm-request-timestamp",
    "x-sig",
    "x-id",
    "x-ts",
];

/// Three real providers without a preset, as custom schemes.
pub fn real_customs() -> [CustomScheme; 3] {
    [
        // Paddle Billing: `Paddle-Signature: ts=…;h1=<hex>` over `{ts}:{body}`.
        CustomScheme {
            layout: Layout::KeyValue {
                pair_separator: ';',
                signature_key: "h1".into(),
                timestamp_key: Some("ts".into()),
            },
            ..CustomScheme::new("paddle", "Paddle-Signature", "{timestamp}:{body}")
        },
        // Linear: `Linear-Signature: <hex>` over the body.
        CustomScheme::new("linear", "Linear-Signature", "{body}"),
        // Zoom: `x-zm-signature: v0=<hex>` over `v0:{x-zm-request-timestamp}:{body}`.
        CustomScheme {
            timestamp_header: Some("x-zm-request-timestamp".into()),
            layout: Layout::Single { prefix: "v0=".into() },
            ..CustomScheme::new("zoom", "x-zm-signature", "v0:{timestamp}:{body}")
        },
    ]
}

/// A short string over an alphabet that includes the characters that matter to the parsers
/// (separators, `=`, whitespace, hex and base64 digits, braces, non-ASCII).
pub fn small_string(u: &mut Unstructured<'_>, max: usize) -> Result<String> {
    const ALPHABET: &[char] =
        &['v', '1', 'a', 'h', 't', 's', '0', '=', ',', ';', ' ', '\t', '.', ':', '-', '_', '+', '/', '{', '}', 'é', 'Z'];
    let len = u.int_in_range(0..=max)?;
    let mut s = String::with_capacity(len);
    for _ in 0..len {
        s.push(*u.choose(ALPHABET)?);
    }
    Ok(s)
}

fn separator(u: &mut Unstructured<'_>) -> Result<char> {
    Ok(*u.choose(&[' ', ',', ';', '\t', '|', '=', 'a', '1', '+', 'é'])?)
}

/// A custom scheme from fuzz input: any layout, encoding, template and header set, valid or not.
pub fn custom(u: &mut Unstructured<'_>) -> Result<CustomScheme> {
    let layout = match u.int_in_range(0..=2)? {
        0 => Layout::Single { prefix: small_string(u, 4)? },
        1 => Layout::List { separator: separator(u)?, prefix: small_string(u, 4)? },
        _ => Layout::KeyValue {
            pair_separator: separator(u)?,
            signature_key: small_string(u, 3)?,
            timestamp_key: if u.arbitrary()? { Some(small_string(u, 3)?) } else { None },
        },
    };
    let header = |u: &mut Unstructured<'_>| -> Result<String> {
        Ok(if u.ratio(7, 8)? { (*u.choose(&["x-sig", "x-id", "x-ts", "X-Sig"])?).to_string() } else { small_string(u, 6)? })
    };
    let signature_header = header(u)?;
    let mut template = String::new();
    for _ in 0..u.int_in_range(1..=5)? {
        match u.int_in_range(0..=4)? {
            0 => template.push_str("{id}"),
            1 => template.push_str("{timestamp}"),
            2 | 3 => template.push_str("{body}"),
            _ => template.push_str(&small_string(u, 3)?),
        }
    }
    Ok(CustomScheme {
        layout,
        encoding: if u.arbitrary()? { Encoding::Hex } else { Encoding::Base64 },
        id_header: if u.arbitrary()? { Some(header(u)?) } else { None },
        timestamp_header: if u.arbitrary()? { Some(header(u)?) } else { None },
        timestamp_unit: if u.arbitrary()? { TimestampUnit::Seconds } else { TimestampUnit::Milliseconds },
        ..CustomScheme::new("fuzz", &signature_header, &template)
    })
}

/// Every preset, the three real custom schemes, or an arbitrary custom scheme.
pub fn scheme(u: &mut Unstructured<'_>) -> Result<Scheme> {
    Ok(match u.int_in_range(0..=9u8)? {
        0 => Scheme::Standard,
        1 => Scheme::Stripe,
        2 => Scheme::GitHub { legacy_sha1: false },
        3 => Scheme::GitHub { legacy_sha1: true },
        4 => Scheme::Slack,
        5 => Scheme::Shopify,
        i @ 6..=8 => {
            let [a, b, c] = real_customs();
            Scheme::Custom(Box::new([a, b, c].into_iter().nth(usize::from(i - 6)).unwrap()))
        }
        _ => Scheme::Custom(Box::new(custom(u)?)),
    })
}

/// Where a scheme puts things, for mutating signed headers in the round-trip target and tests.
#[derive(Debug, Clone)]
pub struct Shape {
    pub signature_header: String,
    pub id_header: Option<String>,
    pub timestamp_header: Option<String>,
    /// The key of the timestamp inside the signature header (Stripe's `t`).
    pub timestamp_key: Option<String>,
    pub layout: Layout,
    pub encoding: Encoding,
    pub milliseconds: bool,
    /// Whether `{timestamp}` is part of the signed content.
    pub signs_timestamp: bool,
}

impl Shape {
    pub fn of(scheme: &Scheme) -> Shape {
        let preset = |sig: &str, id: Option<&str>, ts: Option<&str>, layout: Layout, encoding| Shape {
            signature_header: sig.into(),
            id_header: id.map(Into::into),
            timestamp_header: ts.map(Into::into),
            timestamp_key: None,
            layout,
            encoding,
            milliseconds: false,
            signs_timestamp: ts.is_some(),
        };
        let single = |p: &str| Layout::Single { prefix: p.into() };
        match scheme {
            Scheme::Standard => preset(
                "webhook-signature",
                Some("webhook-id"),
                Some("webhook-timestamp"),
                Layout::List { separator: ' ', prefix: "v1,".into() },
                Encoding::Base64,
            ),
            Scheme::Stripe => Shape {
                timestamp_key: Some("t".into()),
                signs_timestamp: true,
                ..preset(
                    "Stripe-Signature",
                    None,
                    None,
                    Layout::KeyValue { pair_separator: ',', signature_key: "v1".into(), timestamp_key: Some("t".into()) },
                    Encoding::Hex,
                )
            },
            Scheme::GitHub { .. } => preset("X-Hub-Signature-256", None, None, single("sha256="), Encoding::Hex),
            Scheme::Slack => {
                preset("X-Slack-Signature", None, Some("X-Slack-Request-Timestamp"), single("v0="), Encoding::Hex)
            }
            Scheme::Shopify => preset("X-Shopify-Hmac-Sha256", None, None, single(""), Encoding::Base64),
            Scheme::Custom(c) => Shape {
                signature_header: c.signature_header.clone(),
                id_header: c.id_header.clone(),
                timestamp_header: c.timestamp_header.clone(),
                timestamp_key: match &c.layout {
                    Layout::KeyValue { timestamp_key, .. } => timestamp_key.clone(),
                    _ => None,
                },
                layout: c.layout.clone(),
                encoding: c.encoding,
                milliseconds: c.timestamp_unit == TimestampUnit::Milliseconds,
                signs_timestamp: c.template.contains("{timestamp}"),
            },
            _ => unreachable!("every scheme is listed"),
        }
    }

    pub fn has_timestamp(&self) -> bool {
        self.timestamp_header.is_some() || self.timestamp_key.is_some()
    }

    /// The byte ranges of every encoded signature in the signature header's value, with the length
    /// of the prefix of each range whose characters all carry signature bits (safe to change).
    pub fn signature_spans(&self, value: &str) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        let mut push = |start: usize, text: &str, ed25519: bool| {
            let bytes = if ed25519 { 64 } else { 32 };
            let significant = match (self.encoding, ed25519) {
                (Encoding::Hex, false) => text.len(),
                _ => bytes * 8 / 6,
            };
            let len = text.len().min(significant);
            if len > 0 {
                spans.push((start, len));
            }
        };
        match &self.layout {
            Layout::Single { prefix } => {
                if let Some(rest) = value.strip_prefix(prefix.as_str()) {
                    push(prefix.len(), rest, false);
                }
            }
            Layout::List { separator, prefix } => {
                let mut offset = 0;
                for entry in value.split(*separator) {
                    if let Some(rest) = entry.strip_prefix(prefix.as_str()) {
                        push(offset + prefix.len(), rest, false);
                    } else if let Some(rest) = entry.strip_prefix("v1a,") {
                        push(offset + 4, rest, true);
                    }
                    offset += entry.len() + separator.len_utf8();
                }
            }
            Layout::KeyValue { pair_separator, signature_key, .. } => {
                let mut offset = 0;
                let key = format!("{signature_key}=");
                for pair in value.split(*pair_separator) {
                    if let Some(rest) = pair.strip_prefix(key.as_str()) {
                        push(offset + key.len(), rest, false);
                    }
                    offset += pair.len() + pair_separator.len_utf8();
                }
            }
        }
        spans
    }
}

/// Changes one significant character of every signature in `value`, so that no entry decodes to
/// what was signed. `pick` chooses the position and the replacement.
pub fn corrupt_signatures(shape: &Shape, value: &str, pick: usize) -> String {
    let mut bytes = value.as_bytes().to_vec();
    for (start, len) in shape.signature_spans(value) {
        let at = start + pick % len;
        let old = bytes[at].to_ascii_lowercase();
        let choices: &[u8] = match shape.encoding {
            Encoding::Hex => b"0123456789abcdef",
            _ => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        };
        let mut candidate = choices[(pick / 7) % choices.len()];
        if candidate.to_ascii_lowercase() == old || candidate == bytes[at] {
            candidate = choices[((pick / 7) + 1) % choices.len()];
        }
        if candidate.to_ascii_lowercase() == old || candidate == bytes[at] {
            candidate = choices[((pick / 7) + 2) % choices.len()];
        }
        bytes[at] = candidate;
    }
    String::from_utf8(bytes).expect("ASCII replaced by ASCII")
}

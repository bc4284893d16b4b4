//! The test model of each scheme's wire shape, shared by the property tests (`tests/properties.rs`)
//! and the fuzz targets (`fuzz/src/lib.rs`, which includes this file by path: the fuzz crate is a
//! workspace of its own). Written from the providers' documentation, not from the crate's
//! internal description, so a mistake in one does not hide in the other.
#![allow(dead_code)] // each includer uses a different part

use hooksig::{CustomScheme, Encoding, Layout, Scheme, TimestampUnit};

/// Three real providers without a preset, as custom schemes: Paddle, Linear, Zoom.
pub fn real_customs() -> [CustomScheme; 3] {
    [
        // Paddle Billing: `Paddle-Signature: ts=…;h1=<hex>` over `{ts}:{body}`.
        CustomScheme {
            layout: Layout::KeyValue { pair_separator: ';', signature_key: "h1".into(), timestamp_key: Some("ts".into()) },
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

/// Every preset (GitHub with and without SHA-1), then the three real custom schemes.
pub fn presets() -> Vec<Scheme> {
    let mut all = vec![
        Scheme::Standard,
        Scheme::Svix,
        Scheme::Stripe,
        Scheme::GitHub { legacy_sha1: false },
        Scheme::GitHub { legacy_sha1: true },
        Scheme::Slack,
        Scheme::Shopify,
    ];
    all.extend(real_customs().into_iter().map(|c| Scheme::Custom(Box::new(c))));
    all
}

/// Where a scheme puts things, to change exactly one of them. Header names as the provider sends
/// them (compare them case-insensitively).
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
            Scheme::Svix => preset(
                "svix-signature",
                Some("svix-id"),
                Some("svix-timestamp"),
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

    /// The byte ranges of every encoded signature in the signature header's value, limited to the
    /// characters that carry signature bits only (the last base64 character may carry padding
    /// bits).
    pub fn signature_spans(&self, value: &str) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        let mut push = |start: usize, text: &str, bytes: usize| {
            let significant = if self.encoding == Encoding::Hex && bytes != 64 { text.len() } else { bytes * 8 / 6 };
            let len = text.len().min(significant);
            if len > 0 {
                spans.push((start, len));
            }
        };
        let entries = |separator: char| {
            let mut offset = 0;
            value
                .split(separator)
                .map(move |entry| {
                    let at = offset;
                    offset += entry.len() + separator.len_utf8();
                    (at, entry)
                })
                .collect::<Vec<_>>()
        };
        match &self.layout {
            Layout::Single { prefix } => {
                if let Some(rest) = value.strip_prefix(prefix.as_str()) {
                    push(prefix.len(), rest, 32);
                }
            }
            Layout::List { separator, prefix } => {
                for (at, entry) in entries(*separator) {
                    if let Some(rest) = entry.strip_prefix(prefix.as_str()) {
                        push(at + prefix.len(), rest, 32);
                    } else if let Some(rest) = entry.strip_prefix("v1a,") {
                        push(at + 4, rest, 64);
                    }
                }
            }
            Layout::KeyValue { pair_separator, signature_key, .. } => {
                let key = format!("{signature_key}=");
                for (at, pair) in entries(*pair_separator) {
                    if let Some(rest) = pair.strip_prefix(key.as_str()) {
                        push(at + key.len(), rest, 32);
                    }
                }
            }
        }
        spans
    }

    /// Changes one significant character of every signature in `value`, so that no entry decodes
    /// to what was signed. `pick` chooses the position and the replacement.
    pub fn corrupt_signatures(&self, value: &str, pick: usize) -> String {
        let mut bytes = value.as_bytes().to_vec();
        let alphabet: &[u8] = match self.encoding {
            Encoding::Hex => b"0123456789abcdef",
            _ => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        };
        for (start, len) in self.signature_spans(value) {
            let at = start + pick % len;
            let old = bytes[at];
            // Different ignoring case: hex decoding is case-insensitive. base64 is not, and every
            // other character of the alphabet changes its bits.
            bytes[at] = *alphabet.iter().cycle().skip(pick % alphabet.len()).find(|c| !c.eq_ignore_ascii_case(&old)).unwrap();
        }
        String::from_utf8(bytes).unwrap()
    }
}

//! Shared input builders for the hooksig fuzz targets: schemes (every preset and custom schemes built
//! from fuzz input), header names the schemes read, and the wire-shape model of each scheme.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use arbitrary::{Result, Unstructured};
use hooksig::{CustomScheme, Encoding, Layout, Scheme, TimestampUnit};

// The wire-shape model the property tests use too (one copy; this crate is a workspace of its own).
#[path = "../../crates/hooksig/tests/support/shape.rs"]
mod shape;
pub use shape::{presets, real_customs, Shape};

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
    let mut all = presets();
    let i = u.int_in_range(0..=all.len())?;
    Ok(if i < all.len() { all.swap_remove(i) } else { Scheme::Custom(Box::new(custom(u)?)) })
}

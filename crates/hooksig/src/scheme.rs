//! Wire formats. Every preset is compiled into the same [`Wire`] description a [`CustomScheme`]
//! compiles into, so there is one verify path and one sign path for all of them.

use alloc::borrow::{Cow, ToOwned};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::str::FromStr;

use crate::encoding::Encoding;
use crate::error::{Error, Result};
use crate::limits::MAX_TEMPLATE_PARTS;
use crate::mac::Algorithm;
use crate::secret::SecretFormat;
use crate::timestamp::TimestampUnit;

/// A provider's signing scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scheme {
    /// Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature` (or, when none of
    /// them is present, the same with `svix-`), `v1,` HMAC-SHA256 and `v1a,` Ed25519 entries over
    /// `{id}.{timestamp}.{body}`.
    Standard,
    /// Svix, which Standard Webhooks grew from: the same, with the `svix-` headers read first and
    /// sent, as Svix's own libraries do.
    Svix,
    /// Stripe: `Stripe-Signature: t=…,v1=…` over `{t}.{body}`; the `whsec_…` string is the key as text.
    Stripe,
    /// GitHub: `X-Hub-Signature-256: sha256=<hex>` over the body. With `legacy_sha1`, a delivery
    /// carrying only the SHA-1 `X-Hub-Signature` is accepted too: a downgrade, so off by default.
    GitHub {
        /// Accept and emit `X-Hub-Signature: sha1=…`.
        legacy_sha1: bool,
    },
    /// Slack: `X-Slack-Signature: v0=<hex>` over `v0:{X-Slack-Request-Timestamp}:{body}`.
    Slack,
    /// Shopify: `X-Shopify-Hmac-Sha256: <base64>` over the body (`Shopify-Hmac-Sha256` in Events
    /// deliveries: read when the first is absent).
    Shopify,
    /// Any other HMAC-SHA256 provider, described declaratively.
    Custom(Box<CustomScheme>),
}

impl FromStr for Scheme {
    type Err = Error;

    /// `standard`, `svix`, `stripe`, `github`, `github-sha1`, `slack` or `shopify`.
    fn from_str(name: &str) -> Result<Self> {
        Ok(match name {
            "standard" => Scheme::Standard,
            "svix" => Scheme::Svix,
            "stripe" => Scheme::Stripe,
            "github" => Scheme::GitHub { legacy_sha1: false },
            "github-sha1" => Scheme::GitHub { legacy_sha1: true },
            "slack" => Scheme::Slack,
            "shopify" => Scheme::Shopify,
            _ => return Err(Error::InvalidScheme { reason: "unknown scheme name" }),
        })
    }
}

impl Scheme {
    /// The scheme's name: the preset's (`standard`, `github-sha1`, …) or the custom scheme's.
    pub fn name(&self) -> &str {
        match self {
            Scheme::Standard => "standard",
            Scheme::Svix => "svix",
            Scheme::Stripe => "stripe",
            Scheme::GitHub { legacy_sha1: false } => "github",
            Scheme::GitHub { legacy_sha1: true } => "github-sha1",
            Scheme::Slack => "slack",
            Scheme::Shopify => "shopify",
            Scheme::Custom(custom) => &custom.name,
        }
    }

    /// How this provider hands out secrets: `whsec_` base64 for Standard Webhooks, text otherwise.
    pub fn default_secret_format(&self) -> SecretFormat {
        match self {
            Scheme::Standard | Scheme::Svix => SecretFormat::Whsec,
            Scheme::Custom(custom) => custom.secret_format,
            _ => SecretFormat::Text,
        }
    }

    pub(crate) fn supports_ed25519(&self) -> bool {
        matches!(self, Scheme::Standard | Scheme::Svix)
    }

    /// The scheme's wire description: a preset's is static data (nothing to build or to compile
    /// on a cold start), a custom scheme's is checked and built here.
    pub(crate) fn compile(&self) -> Result<WireRef> {
        Ok(WireRef::Preset(match self {
            Scheme::Standard => &STANDARD,
            Scheme::Svix => &SVIX,
            Scheme::Stripe => &STRIPE,
            Scheme::GitHub { legacy_sha1: false } => &GITHUB,
            Scheme::GitHub { legacy_sha1: true } => &GITHUB_SHA1,
            Scheme::Slack => &SLACK,
            Scheme::Shopify => &SHOPIFY,
            Scheme::Custom(custom) => return custom.compile().map(|wire| WireRef::Custom(Box::new(wire))),
        }))
    }
}

const fn literal(text: &'static [u8]) -> Part {
    Part::Literal(Cow::Borrowed(text))
}

/// A preset's header: as sent, and in lowercase.
const fn header(sent: &'static str, lower: &'static str) -> HeaderName {
    HeaderName { sent: Cow::Borrowed(sent), lower: Cow::Borrowed(lower) }
}

/// A preset variant with everything but its headers and layout in common.
const fn variant(signature_header: HeaderName, layout: WireLayout, timestamp: Option<TimestampSource>) -> Variant {
    Variant { id_header: None, timestamp, signature_header, layout, algorithm: Algorithm::Sha256, sign: true }
}

const fn single(prefix: &'static str) -> WireLayout {
    WireLayout::Single { prefix: Cow::Borrowed(prefix) }
}

/// A fallback variant: read when the primary's headers are absent, never sent.
const fn read_only(mut variant: Variant) -> Variant {
    variant.sign = false;
    variant
}

/// Standard Webhooks' headers, named `webhook-*` or (Svix's) `svix-*`.
const fn standard(svix: bool) -> Variant {
    // Sent in lowercase, as the specification writes them.
    let (id, timestamp, signature) =
        if svix { ("svix-id", "svix-timestamp", "svix-signature") } else { ("webhook-id", "webhook-timestamp", "webhook-signature") };
    Variant {
        id_header: Some(header(id, id)),
        timestamp: Some(TimestampSource::Header(header(timestamp, timestamp))),
        signature_header: header(signature, signature),
        layout: WireLayout::List { separator: ' ', prefix: Cow::Borrowed("v1,") },
        algorithm: Algorithm::Sha256,
        sign: true,
    }
}

/// Standard Webhooks with one header family first (read, and sent) and the other as the fallback.
const fn standard_wire(svix_first: bool) -> Wire {
    Wire {
        primary: standard(svix_first),
        fallback: Some(read_only(standard(!svix_first))),
        encoding: Encoding::Base64,
        template: Cow::Borrowed(STANDARD_TEMPLATE),
        unit: TimestampUnit::Seconds,
    }
}

const STANDARD_TEMPLATE: &[Part] = &[Part::Id, literal(b"."), Part::Timestamp, literal(b"."), Part::Body];

static STANDARD: Wire = standard_wire(false);

static SVIX: Wire = standard_wire(true);

static STRIPE: Wire = Wire {
    primary: variant(
        header("Stripe-Signature", "stripe-signature"),
        WireLayout::KeyValue { pair_separator: ',', signature_key: Cow::Borrowed("v1"), timestamp_key: Some(Cow::Borrowed("t")) },
        Some(TimestampSource::SignatureHeader),
    ),
    fallback: None,
    encoding: Encoding::Hex,
    template: Cow::Borrowed(&[Part::Timestamp, literal(b"."), Part::Body]),
    unit: TimestampUnit::Seconds,
};

const GITHUB_SHA256: Variant = variant(header("X-Hub-Signature-256", "x-hub-signature-256"), single("sha256="), None);

static GITHUB: Wire = Wire {
    primary: GITHUB_SHA256,
    fallback: None,
    encoding: Encoding::Hex,
    template: Cow::Borrowed(&[Part::Body]),
    unit: TimestampUnit::Seconds,
};

static GITHUB_SHA1: Wire = Wire {
    primary: GITHUB_SHA256,
    fallback: Some(Variant {
        algorithm: Algorithm::Sha1,
        id_header: None,
        timestamp: None,
        signature_header: header("X-Hub-Signature", "x-hub-signature"),
        layout: single("sha1="),
        sign: true,
    }),
    encoding: Encoding::Hex,
    template: Cow::Borrowed(&[Part::Body]),
    unit: TimestampUnit::Seconds,
};

static SLACK: Wire = Wire {
    primary: variant(
        header("X-Slack-Signature", "x-slack-signature"),
        single("v0="),
        Some(TimestampSource::Header(header("X-Slack-Request-Timestamp", "x-slack-request-timestamp"))),
    ),
    fallback: None,
    encoding: Encoding::Hex,
    template: Cow::Borrowed(&[literal(b"v0:"), Part::Timestamp, literal(b":"), Part::Body]),
    unit: TimestampUnit::Seconds,
};

static SHOPIFY: Wire = Wire {
    primary: variant(header("X-Shopify-Hmac-Sha256", "x-shopify-hmac-sha256"), single(""), None),
    // Shopify's Events deliveries name the header without `X-` (they carry both today, with one
    // value); read when the `X-` one is absent, never sent.
    fallback: Some(read_only(variant(header("Shopify-Hmac-Sha256", "shopify-hmac-sha256"), single(""), None))),
    encoding: Encoding::Base64,
    template: Cow::Borrowed(&[Part::Body]),
    unit: TimestampUnit::Seconds,
};

/// A provider without a preset, described by its headers and signed content.
///
/// ```
/// use hooksig::{CustomScheme, Layout, Encoding, Scheme};
/// // Zoom: `x-zm-signature: v0=<hex>` over `v0:{x-zm-request-timestamp}:{body}`.
/// let zoom = CustomScheme {
///     timestamp_header: Some("x-zm-request-timestamp".into()),
///     layout: Layout::Single { prefix: "v0=".into() },
///     ..CustomScheme::new("zoom", "x-zm-signature", "v0:{timestamp}:{body}")
/// };
/// let scheme = Scheme::Custom(Box::new(zoom));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CustomScheme {
    /// Reported as the scheme's name.
    pub name: String,
    /// The header carrying the signature(s), in the case the provider sends it.
    pub signature_header: String,
    /// How signatures are laid out in that header.
    #[cfg_attr(feature = "serde", serde(default))]
    pub layout: Layout,
    /// How each signature is encoded.
    #[cfg_attr(feature = "serde", serde(default))]
    pub encoding: Encoding,
    /// The signed content: `{body}` once, optionally `{id}` and `{timestamp}`, literal text around;
    /// at most 256 bytes and [`MAX_TEMPLATE_PARTS`](crate::limits::MAX_TEMPLATE_PARTS) parts.
    pub template: String,
    /// The header carrying the message id, if `{id}` is in the template.
    #[cfg_attr(feature = "serde", serde(default))]
    pub id_header: Option<String>,
    /// The header carrying the timestamp, unless the layout carries it (`timestamp_key`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub timestamp_header: Option<String>,
    /// Seconds or milliseconds.
    #[cfg_attr(feature = "serde", serde(default))]
    pub timestamp_unit: TimestampUnit,
    /// How the provider hands out the secret.
    #[cfg_attr(feature = "serde", serde(default = "text_format"))]
    pub secret_format: SecretFormat,
}

#[cfg(feature = "serde")]
fn text_format() -> SecretFormat {
    SecretFormat::Text
}

/// How signatures sit in their header.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "type", rename_all = "snake_case", deny_unknown_fields))]
pub enum Layout {
    /// One signature per header value, after a fixed prefix (possibly empty): `sha256=<hex>`.
    Single {
        /// Text before the signature.
        #[cfg_attr(feature = "serde", serde(default))]
        prefix: String,
    },
    /// Several entries split by `separator`; those starting with `prefix` are signatures of this
    /// version, the rest other versions (skipped): `v1,<b64> v1,<b64>`.
    List {
        /// Between entries.
        separator: char,
        /// Marks an entry of the supported version.
        prefix: String,
    },
    /// `key=value` pairs split by `pair_separator`: `t=…,v1=…,v1=…`.
    KeyValue {
        /// Between pairs.
        pair_separator: char,
        /// The key of each signature.
        signature_key: String,
        /// The key of the timestamp, if the header carries it.
        #[cfg_attr(feature = "serde", serde(default))]
        timestamp_key: Option<String>,
    },
}

impl Default for Layout {
    fn default() -> Self {
        Layout::Single { prefix: String::new() }
    }
}

impl CustomScheme {
    /// A scheme with a hex signature alone in `signature_header`, over `template`, keyed with the
    /// secret as text; set the other fields with struct update syntax.
    pub fn new(name: &str, signature_header: &str, template: &str) -> Self {
        CustomScheme {
            name: name.to_owned(),
            signature_header: signature_header.to_owned(),
            layout: Layout::default(),
            encoding: Encoding::Hex,
            template: template.to_owned(),
            id_header: None,
            timestamp_header: None,
            timestamp_unit: TimestampUnit::Seconds,
            secret_format: SecretFormat::Text,
        }
    }

    // Not inlined: set-up code, kept out of its callers so that a wasm engine compiling lazily
    // (V8) compiles only the parts a program reaches (see mk/npm.mk, WASM_OPT_SPEED).
    #[inline(never)]
    fn compile(&self) -> Result<Wire> {
        let invalid = |reason| Err(Error::InvalidScheme { reason });
        if self.name.is_empty() || self.name.len() > 64 {
            return invalid("name must be 1 to 64 characters");
        }
        let names = [Some(&self.signature_header), self.id_header.as_ref(), self.timestamp_header.as_ref()];
        for (i, name) in names.iter().enumerate() {
            let Some(name) = name else { continue };
            if !is_token(name) {
                return invalid("header names must be 1 to 64 HTTP token characters");
            }
            // Signing writes each header once; two roles under one name would read back as a repeat.
            if names.get(i + 1..).unwrap_or_default().iter().flatten().any(|other| name.eq_ignore_ascii_case(other)) {
                return invalid("signature, id and timestamp headers must have distinct names");
            }
        }
        self.check_layout()?;
        let template = parse_template(&self.template)?;
        let timestamp_key = match &self.layout {
            Layout::KeyValue { timestamp_key, .. } => timestamp_key.as_ref(),
            _ => None,
        };
        let timestamp = match (&self.timestamp_header, timestamp_key) {
            (Some(_), Some(_)) => return invalid("timestamp comes from a header or a key, not both"),
            (Some(header), None) => Some(TimestampSource::Header(HeaderName::new(header))),
            (None, Some(_)) => Some(TimestampSource::SignatureHeader),
            (None, None) => None,
        };
        // A timestamp that is checked but not signed lets a replay choose its own freshness.
        if timestamp.is_some() != template.iter().any(|p| matches!(p, Part::Timestamp)) {
            return invalid("{timestamp} in the template and a timestamp source go together");
        }
        if template.iter().any(|p| matches!(p, Part::Id)) != self.id_header.is_some() {
            return invalid("{id} in the template and id_header go together");
        }
        let owned = |text: &String| Cow::Owned(text.clone());
        let layout = match &self.layout {
            Layout::Single { prefix } => WireLayout::Single { prefix: owned(prefix) },
            Layout::List { separator, prefix } => WireLayout::List { separator: *separator, prefix: owned(prefix) },
            Layout::KeyValue { pair_separator, signature_key, timestamp_key } => WireLayout::KeyValue {
                pair_separator: *pair_separator,
                signature_key: owned(signature_key),
                timestamp_key: timestamp_key.as_ref().map(owned),
            },
        };
        Ok(Wire {
            fallback: None,
            primary: Variant {
                id_header: self.id_header.as_deref().map(HeaderName::new),
                timestamp,
                signature_header: HeaderName::new(&self.signature_header),
                layout,
                algorithm: Algorithm::Sha256,
                sign: true,
            },
            encoding: self.encoding,
            template: Cow::Owned(template),
            unit: self.timestamp_unit,
        })
    }

    /// Every layout must read back what signing writes: delimiters outside the signature alphabets
    /// and `=`, keys that are tokens, and no leading whitespace (header values are trimmed).
    fn check_layout(&self) -> Result<()> {
        let invalid = |reason| Err(Error::InvalidScheme { reason });
        let is_delimiter = |c: char| c == ' ' || (c.is_ascii_punctuation() && !matches!(c, '+' | '/' | '=' | '-' | '_'));
        let starts_blank = |text: &str| matches!(text.as_bytes().first(), Some(b' ' | b'\t'));
        // A prefix goes into a header value: a control character (CR, LF, NUL…) makes one that cannot
        // be sent, or that injects a header.
        let prefix = match &self.layout {
            Layout::Single { prefix } | Layout::List { prefix, .. } => prefix.as_str(),
            Layout::KeyValue { .. } => "",
        };
        if prefix.chars().any(char::is_control) {
            return invalid("prefix has control characters");
        }
        match &self.layout {
            Layout::Single { prefix } if starts_blank(prefix) => invalid("prefix starts with whitespace"),
            Layout::Single { .. } => Ok(()),
            Layout::List { separator, prefix } => {
                if !is_delimiter(*separator) {
                    return invalid("list separator must be a space or punctuation outside base64 and '='");
                }
                if prefix.is_empty() || has_char(prefix, *separator) || starts_blank(prefix) {
                    return invalid("a list layout needs a prefix without the separator or leading whitespace");
                }
                Ok(())
            }
            Layout::KeyValue { pair_separator, signature_key, timestamp_key } => {
                if !is_delimiter(*pair_separator) {
                    return invalid("pair separator must be a space or punctuation outside base64 and '='");
                }
                let keys = core::iter::once(signature_key).chain(timestamp_key);
                if !keys.clone().all(|k| is_token(k) && !has_char(k, *pair_separator)) {
                    return invalid("keys must be HTTP tokens without '=' or the pair separator");
                }
                if timestamp_key.as_ref() == Some(signature_key) {
                    return invalid("signature_key and timestamp_key must differ");
                }
                Ok(())
            }
        }
    }
}

/// `str::contains` with a `char` that is not a constant links the two-way string searcher: ~2 KB
/// of the npm build's wasm for these few set-up checks.
fn has_char(text: &str, c: char) -> bool {
    text.chars().any(|t| t == c)
}

fn is_token(name: &str) -> bool {
    (1..=64).contains(&name.len())
        // RFC 9110 tchar; a `matches!`, not a search in a list of the symbols: that links memchr.
        && name.bytes().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~')
        })
}

fn parse_template(template: &str) -> Result<Vec<Part>> {
    let invalid = |reason| Err(Error::InvalidScheme { reason });
    if template.len() > 256 {
        return invalid("template longer than 256 bytes");
    }
    let mut parts = Vec::new();
    // Bytes, not `str::find`: the braces are ASCII, so the pieces are whole characters, and the
    // npm build is spared the string searchers (~1 KB of wasm).
    let mut rest = template.as_bytes();
    loop {
        let (literal, after) = rest.split_at(rest.iter().position(|&b| b == b'{' || b == b'}').unwrap_or(rest.len()));
        if !literal.is_empty() {
            parts.push(Part::Literal(Cow::Owned(literal.to_vec())));
        }
        match after.first() {
            None => break,
            Some(b'}') => return invalid("unmatched } in template"),
            Some(_) => {}
        }
        let Some(close) = after.iter().position(|&b| b == b'}') else { return invalid("unclosed { in template") };
        let (placeholder, tail) = after.split_at(close + 1);
        parts.push(match placeholder {
            b"{id}" => Part::Id,
            b"{timestamp}" => Part::Timestamp,
            b"{body}" => Part::Body,
            _ => return invalid("template placeholders are {id}, {timestamp} and {body}"),
        });
        rest = tail;
    }
    if parts.len() > MAX_TEMPLATE_PARTS {
        return invalid("template has more than 16 parts (placeholders and the text between them)");
    }
    if parts.iter().filter(|p| matches!(p, Part::Body)).count() != 1 {
        return invalid("template must contain {body} exactly once");
    }
    // Side by side, bytes could move between the id and the body and the signature still hold. (A
    // timestamp beside either cannot: it is canonical digits that must stay within the window.)
    if parts.windows(2).any(|w| matches!(w, [Part::Id, Part::Body] | [Part::Body, Part::Id])) {
        return invalid("{id} and {body} need text between them in the template");
    }
    Ok(parts)
}

/// A header name as the provider writes it (for signing) and in lowercase (for lookups).
#[derive(Debug, Clone)]
pub(crate) struct HeaderName {
    pub(crate) sent: Cow<'static, str>,
    pub(crate) lower: Cow<'static, str>,
}

impl HeaderName {
    fn new(sent: &str) -> Self {
        HeaderName { sent: Cow::Owned(sent.to_owned()), lower: Cow::Owned(sent.to_ascii_lowercase()) }
    }
}

/// [`Layout`], with the presets' texts static.
#[derive(Debug, Clone)]
pub(crate) enum WireLayout {
    Single { prefix: Cow<'static, str> },
    List { separator: char, prefix: Cow<'static, str> },
    KeyValue { pair_separator: char, signature_key: Cow<'static, str>, timestamp_key: Option<Cow<'static, str>> },
}

#[derive(Debug, Clone)]
pub(crate) enum TimestampSource {
    Header(HeaderName),
    /// In the signature header, under the layout's `timestamp_key`.
    SignatureHeader,
}

#[derive(Debug, Clone)]
pub(crate) enum Part {
    Literal(Cow<'static, [u8]>),
    Id,
    Timestamp,
    Body,
}

/// One set of headers a scheme may arrive in (Standard Webhooks: `webhook-*` or `svix-*`).
#[derive(Debug, Clone)]
pub(crate) struct Variant {
    pub(crate) id_header: Option<HeaderName>,
    pub(crate) timestamp: Option<TimestampSource>,
    pub(crate) signature_header: HeaderName,
    pub(crate) layout: WireLayout,
    pub(crate) algorithm: Algorithm,
    /// Whether signing emits this variant's headers.
    pub(crate) sign: bool,
}

impl Variant {
    pub(crate) fn timestamp_header(&self) -> Option<&HeaderName> {
        match &self.timestamp {
            Some(TimestampSource::Header(name)) => Some(name),
            _ => None,
        }
    }

    /// The headers it reads, in order: id, timestamp (when in a header of its own), signature.
    pub(crate) fn headers(&self) -> impl Iterator<Item = &HeaderName> {
        [self.id_header.as_ref(), self.timestamp_header(), Some(&self.signature_header)].into_iter().flatten()
    }
}

/// A scheme compiled for verifying and signing.
#[derive(Debug, Clone)]
pub(crate) struct Wire {
    pub(crate) primary: Variant,
    /// Standard Webhooks' `svix-*` headers, GitHub's legacy SHA-1 header.
    pub(crate) fallback: Option<Variant>,
    pub(crate) encoding: Encoding,
    pub(crate) template: Cow<'static, [Part]>,
    pub(crate) unit: TimestampUnit,
}

impl Wire {
    pub(crate) fn variants(&self) -> impl Iterator<Item = &Variant> {
        core::slice::from_ref(&self.primary).iter().chain(self.fallback.as_slice())
    }
}

/// A `Webhook`'s wire: a preset's static one, or a custom scheme's, boxed so that a `Webhook` stays
/// small to move (a `Cow` would hold a whole `Wire` inline).
#[derive(Debug)]
pub(crate) enum WireRef {
    Preset(&'static Wire),
    Custom(Box<Wire>),
}

impl core::ops::Deref for WireRef {
    type Target = Wire;

    fn deref(&self) -> &Wire {
        match self {
            WireRef::Preset(wire) => wire,
            WireRef::Custom(wire) => wire,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_compile() {
        for name in ["standard", "svix", "stripe", "github", "github-sha1", "slack", "shopify"] {
            let scheme = Scheme::from_str(name);
            assert!(scheme.as_ref().map(|s| s.compile().is_ok()).unwrap_or(false), "{name}");
        }
        assert_eq!(Scheme::from_str("nope").err().map(|e| e.code()), Some("INVALID_SCHEME"));
    }

    /// The presets' header names are written twice, as sent and in lowercase: the same names.
    #[test]
    fn preset_lowercase_names_match() {
        for wire in [&STANDARD, &SVIX, &STRIPE, &GITHUB, &GITHUB_SHA1, &SLACK, &SHOPIFY] {
            for v in wire.variants() {
                for h in v.headers() {
                    assert_eq!(h.lower, h.sent.to_ascii_lowercase());
                }
            }
        }
    }

    #[test]
    fn templates() {
        assert!(parse_template("{timestamp}.{body}").is_ok());
        assert!(parse_template(&("{id}.".repeat(7) + "{body}.")).is_ok(), "16 parts");
        for bad in ["{body}{body}", "no body", "{bodyx}", "{body", "x}{body}", "{ID}{body}", &("{id}.".repeat(8) + "{body}")] {
            assert!(parse_template(bad).is_err(), "{bad}");
        }
        // The id and the body side by side: bytes could move from one to the other.
        for ambiguous in ["{id}{body}", "v0:{body}{id}", "{timestamp}.{id}{body}"] {
            assert!(parse_template(ambiguous).is_err(), "{ambiguous}");
        }
        // A timestamp beside either is canonical digits held to the window: allowed.
        for ok in ["{timestamp}{body}", "{body}{timestamp}", "{id}{timestamp}{body}", "{id}.{body}"] {
            assert!(parse_template(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn prefixes_without_control_characters() {
        for prefix in ["v0=\r\n", "v1\0", "a\nX-Evil: 1"] {
            let single = CustomScheme { layout: Layout::Single { prefix: prefix.into() }, ..CustomScheme::new("x", "x-sig", "{body}") };
            assert!(single.compile().is_err(), "single {prefix:?}");
            let list = CustomScheme { layout: Layout::List { separator: ' ', prefix: prefix.into() }, ..CustomScheme::new("x", "x-sig", "{body}") };
            assert!(list.compile().is_err(), "list {prefix:?}");
        }
        let fine = CustomScheme { layout: Layout::Single { prefix: "v0=".into() }, ..CustomScheme::new("x", "x-sig", "{body}") };
        assert!(fine.compile().is_ok());
    }

    #[test]
    fn custom_scheme_consistency() {
        let ok = CustomScheme::new("linear", "Linear-Signature", "{body}");
        assert!(ok.compile().is_ok());
        let no_ts = CustomScheme::new("x", "x-sig", "{timestamp}.{body}");
        assert!(no_ts.compile().is_err());
        let no_id = CustomScheme { id_header: Some("x-id".into()), ..CustomScheme::new("x", "x-sig", "{body}") };
        assert!(no_id.compile().is_err());
        let bad_header = CustomScheme::new("x", "x sig", "{body}");
        assert!(bad_header.compile().is_err());
    }
}

//! Signing schemes: the presets and custom ones. Both are laid out for verifying and signing by
//! [`crate::wire`].

use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::string::String;
use core::str::FromStr;

use crate::engine::Reason;
use crate::encoding::Encoding;
use crate::error::{Error, Result};
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
            _ => return Err(Error::InvalidScheme { reason: Reason::UnknownScheme.text() }),
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
            Scheme::Custom(custom) => custom.secret_format,
            // A preset's name is always in the table: the fallback is never taken.
            preset => crate::engine::preset_secret_format(preset.name()).unwrap_or(SecretFormat::Text),
        }
    }

    /// Whether Ed25519 `v1a` signatures ride in this scheme's headers (Standard Webhooks).
    pub(crate) fn supports_ed25519(&self) -> bool {
        !matches!(self, Scheme::Custom(_)) && crate::wire::preset_traits(self.name()).is_ok_and(|(_, ed25519)| ed25519)
    }
}

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
    /// The scheme's fields borrowed, as [`engine::Hook::custom`](crate::engine::Hook::custom) reads them.
    pub fn borrowed(&self) -> CustomSchemeRef<'_> {
        CustomSchemeRef {
            name: &self.name,
            signature_header: &self.signature_header,
            layout: match &self.layout {
                Layout::Single { prefix } => LayoutRef::Single { prefix },
                Layout::List { separator, prefix } => LayoutRef::List { separator: *separator, prefix },
                Layout::KeyValue { pair_separator, signature_key, timestamp_key } => {
                    LayoutRef::KeyValue { pair_separator: *pair_separator, signature_key, timestamp_key: timestamp_key.as_deref() }
                }
            },
            encoding: self.encoding,
            template: &self.template,
            id_header: self.id_header.as_deref(),
            timestamp_header: self.timestamp_header.as_deref(),
            timestamp_unit: self.timestamp_unit,
            secret_format: self.secret_format,
        }
    }

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
}

/// A [`CustomScheme`]'s fields borrowed: what a binding holding them as text hands the engine
/// without building `String`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // the fields of `CustomScheme`, named alike
pub struct CustomSchemeRef<'a> {
    pub name: &'a str,
    pub signature_header: &'a str,
    pub layout: LayoutRef<'a>,
    pub encoding: Encoding,
    pub template: &'a str,
    pub id_header: Option<&'a str>,
    pub timestamp_header: Option<&'a str>,
    pub timestamp_unit: TimestampUnit,
    pub secret_format: SecretFormat,
}

/// A [`Layout`] borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // the variants and fields of `Layout`, named alike
pub enum LayoutRef<'a> {
    Single { prefix: &'a str },
    List { separator: char, prefix: &'a str },
    KeyValue { pair_separator: char, signature_key: &'a str, timestamp_key: Option<&'a str> },
}

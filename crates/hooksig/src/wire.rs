//! A scheme compiled for verifying and signing: flat tables over one text buffer, every header
//! named by its position ([`Webhook::header_names`](crate::Webhook::header_names)). Presets and
//! custom schemes are laid out by the same code from the same description ([`Spec`]), so there is
//! one verify path and one sign path for all of them.
//!
//! Why flat: the npm package's browser download is held to 20 KiB, and a tree of `Cow` strings,
//! optional structs and iterators over them was most of the verify path's wasm. Positions
//! (`u8`) and spans into one `String` are plain numbers that every path shares.

use alloc::string::String;

use crate::encoding::Encoding;
use crate::engine::{Code, Fail, Reason};
use crate::limits::MAX_TEMPLATE_PARTS;
use crate::mac::Algorithm;
use crate::scheme::{CustomSchemeRef, LayoutRef};
use crate::secret::SecretFormat;
use crate::timestamp::TimestampUnit;

/// Most headers a scheme reads: Standard Webhooks' three, under two prefixes.
pub(crate) const MAX_HEADERS: usize = 6;
/// Most sets of headers a scheme may arrive in ([`Variant`]).
pub(crate) const MAX_VARIANTS: usize = 2;

/// A piece of [`Wire::text`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    end: u32,
}

/// One piece of the signed content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Literal(Span),
    Id,
    Timestamp,
    Body,
}

/// How signatures sit in the signature header ([`Layout`] without its texts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WireLayout {
    Single,
    List,
    KeyValue,
}

/// One set of headers a scheme may arrive in (Standard Webhooks: `webhook-*` or `svix-*`), by
/// their positions.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Variant {
    pub(crate) id: Option<u8>,
    /// A timestamp header of its own (else the timestamp, if any, is in the signature header).
    pub(crate) timestamp: Option<u8>,
    pub(crate) signature: u8,
    /// Marks a signature in the signature header (`v1,`, `sha256=`); empty for none.
    pub(crate) prefix: Span,
    pub(crate) algorithm: Algorithm,
    /// Whether signing emits this variant's headers (a fallback may be read-only).
    pub(crate) sign: bool,
}

/// A compiled scheme.
#[derive(Debug)]
pub(crate) struct Wire {
    text: String,
    /// The scheme's name (a preset's, or a custom scheme's own).
    name: Span,
    /// Every header as sent and in lowercase, in the order of `header_names`.
    sent: [Span; MAX_HEADERS],
    lower: [Span; MAX_HEADERS],
    header_count: u8,
    /// The primary variant first; the others are read when its headers are all absent or blank.
    variants: [Option<Variant>; MAX_VARIANTS],
    pub(crate) layout: WireLayout,
    /// Between list entries or key-value pairs (ASCII: see [`CustomScheme`]'s checks).
    pub(crate) separator: u8,
    pub(crate) signature_key: Span,
    /// The key-value layout's timestamp key, when the timestamp is in the signature header.
    pub(crate) timestamp_key: Option<Span>,
    pub(crate) encoding: Encoding,
    pub(crate) unit: TimestampUnit,
    /// How a secret given without a format is read.
    pub(crate) secret_format: SecretFormat,
    /// Whether Ed25519 `v1a` signatures ride in the signature list (Standard Webhooks).
    pub(crate) ed25519: bool,
    template: [Part; MAX_TEMPLATE_PARTS],
    part_count: u8,
}

/// A variant before it is laid out; `""` for a header it does not have.
struct VariantSpec<'a> {
    id: &'a str,
    timestamp: &'a str,
    signature: &'a str,
    prefix: &'a str,
    algorithm: Algorithm,
    sign: bool,
}

/// A scheme before it is laid out: what a preset is, and what a custom scheme checks into.
struct Spec<'a> {
    name: &'a str,
    variants: &'a [VariantSpec<'a>],
    layout: WireLayout,
    separator: u8,
    signature_key: &'a str,
    timestamp_key: &'a str,
    encoding: Encoding,
    unit: TimestampUnit,
    secret_format: SecretFormat,
    ed25519: bool,
    template: &'a str,
}

const fn sha256(id: &'static str, timestamp: &'static str, signature: &'static str, prefix: &'static str, sign: bool) -> VariantSpec<'static> {
    VariantSpec { id, timestamp, signature, prefix, algorithm: Algorithm::Sha256, sign }
}

/// A preset with one signature per header value, over `template`.
const fn single(name: &'static str, variants: &'static [VariantSpec<'static>], encoding: Encoding, template: &'static str) -> Spec<'static> {
    Spec {
        name,
        variants,
        layout: WireLayout::Single,
        separator: 0,
        signature_key: "",
        timestamp_key: "",
        encoding,
        unit: TimestampUnit::Seconds,
        secret_format: SecretFormat::Text,
        ed25519: false,
        template,
    }
}

/// Standard Webhooks with one header family first (read, and sent) and the other read when it is
/// absent. Sent in lowercase, as the specification writes them.
const fn standard(name: &'static str, variants: &'static [VariantSpec<'static>]) -> Spec<'static> {
    Spec {
        layout: WireLayout::List,
        separator: b' ',
        secret_format: SecretFormat::Whsec,
        ed25519: true,
        ..single(name, variants, Encoding::Base64, "{id}.{timestamp}.{body}")
    }
}

const WEBHOOK: VariantSpec<'static> = sha256("webhook-id", "webhook-timestamp", "webhook-signature", "v1,", true);
const SVIX: VariantSpec<'static> = sha256("svix-id", "svix-timestamp", "svix-signature", "v1,", true);
const GITHUB: VariantSpec<'static> = sha256("", "", "X-Hub-Signature-256", "sha256=", true);
const GITHUB_SHA1: VariantSpec<'static> =
    VariantSpec { id: "", timestamp: "", signature: "X-Hub-Signature", prefix: "sha1=", algorithm: Algorithm::Sha1, sign: true };

static STANDARD_SPEC: Spec<'static> = standard("standard", &[WEBHOOK, VariantSpec { sign: false, ..SVIX }]);
static SVIX_SPEC: Spec<'static> = standard("svix", &[SVIX, VariantSpec { sign: false, ..WEBHOOK }]);
static STRIPE_SPEC: Spec<'static> = Spec {
    layout: WireLayout::KeyValue,
    separator: b',',
    signature_key: "v1",
    timestamp_key: "t",
    ..single("stripe", &[sha256("", "", "Stripe-Signature", "", true)], Encoding::Hex, "{timestamp}.{body}")
};
static GITHUB_SPEC: Spec<'static> = single("github", &[GITHUB], Encoding::Hex, "{body}");
static GITHUB_SHA1_SPEC: Spec<'static> = single("github-sha1", &[GITHUB, GITHUB_SHA1], Encoding::Hex, "{body}");
static SLACK_SPEC: Spec<'static> =
    single("slack", &[sha256("", "X-Slack-Request-Timestamp", "X-Slack-Signature", "v0=", true)], Encoding::Hex, "v0:{timestamp}:{body}");
// Shopify's Events deliveries name the header without `X-` (they carry both today, with one
// value): read when the `X-` one is absent, never sent.
static SHOPIFY_SPEC: Spec<'static> = single(
    "shopify",
    &[sha256("", "", "X-Shopify-Hmac-Sha256", "", true), sha256("", "", "Shopify-Hmac-Sha256", "", false)],
    Encoding::Base64,
    "{body}",
);

static PRESETS: [&Spec<'static>; 7] = [&STANDARD_SPEC, &SVIX_SPEC, &STRIPE_SPEC, &GITHUB_SPEC, &GITHUB_SHA1_SPEC, &SLACK_SPEC, &SHOPIFY_SPEC];

/// The preset named `name`, as [`Scheme::name`] spells it. Found by its spec's own name: a loop,
/// not a `match` on seven strings (less wasm).
fn preset(name: &str) -> Result<&'static Spec<'static>, Fail> {
    for spec in PRESETS {
        if spec.name == name {
            return Ok(spec);
        }
    }
    Err(Fail::because(Code::InvalidScheme, Reason::UnknownScheme))
}

/// The preset named `name`'s default secret format and whether it carries Ed25519 signatures.
pub(crate) fn preset_traits(name: &str) -> Result<(SecretFormat, bool), Fail> {
    preset(name).map(|spec| (spec.secret_format, spec.ed25519))
}

fn invalid(reason: Reason) -> Result<(), Fail> {
    Err(Fail::because(Code::InvalidScheme, reason))
}

impl Wire {
    /// Nothing laid out: no headers and no template, so nothing verifies or signs.
    pub(crate) const fn new() -> Wire {
        Wire {
            text: String::new(),
            name: Span { start: 0, end: 0 },
            sent: [Span { start: 0, end: 0 }; MAX_HEADERS],
            lower: [Span { start: 0, end: 0 }; MAX_HEADERS],
            header_count: 0,
            variants: [None; MAX_VARIANTS],
            layout: WireLayout::Single,
            separator: 0,
            signature_key: Span { start: 0, end: 0 },
            timestamp_key: None,
            encoding: Encoding::Hex,
            unit: TimestampUnit::Seconds,
            secret_format: SecretFormat::Text,
            ed25519: false,
            template: [Part::Body; MAX_TEMPLATE_PARTS],
            part_count: 0,
        }
    }

    /// Lays out the preset named `name` in place.
    pub(crate) fn lay_out_preset(&mut self, name: &str) -> Result<(), Fail> {
        self.lay_out(preset(name)?)
    }

    /// Checks a custom scheme and lays it out in place; on an error the wire lays out nothing.
    // Not inlined: set-up code, kept out of its callers so that a wasm engine compiling lazily (V8)
    // compiles only the parts a program reaches (see mk/npm.mk, WASM_OPT_SPEED).
    #[inline(never)]
    pub(crate) fn lay_out_custom(&mut self, custom: &CustomSchemeRef<'_>) -> Result<(), Fail> {
        let checked = self.check_custom(custom);
        if checked.is_err() {
            self.clear();
        }
        checked
    }

    fn check_custom(&mut self, custom: &CustomSchemeRef<'_>) -> Result<(), Fail> {
        if custom.name.is_empty() || custom.name.len() > 64 {
            return invalid(Reason::SchemeNameLength);
        }
        let names = [Some(custom.signature_header), custom.id_header, custom.timestamp_header];
        for (i, name) in names.iter().enumerate() {
            let Some(name) = name else { continue };
            if !is_token(name) {
                return invalid(Reason::HeaderNameToken);
            }
            // Signing writes each header once; two roles under one name would read back as a repeat.
            if names.iter().skip(i + 1).flatten().any(|other| name.eq_ignore_ascii_case(other)) {
                return invalid(Reason::HeaderNamesRepeated);
            }
        }
        let (layout, separator, prefix, signature_key, timestamp_key) = check_layout(&custom.layout)?;
        let [_, id, timestamp] = names.map(Option::unwrap_or_default);
        let variants = [VariantSpec { id, timestamp, signature: custom.signature_header, prefix, algorithm: Algorithm::Sha256, sign: true }];
        self.lay_out(&Spec {
            name: custom.name,
            variants: &variants,
            layout,
            separator,
            signature_key,
            timestamp_key,
            encoding: custom.encoding,
            unit: custom.timestamp_unit,
            secret_format: custom.secret_format,
            ed25519: false,
            template: custom.template,
        })?;
        if !timestamp.is_empty() && !timestamp_key.is_empty() {
            return invalid(Reason::TwoTimestampSources);
        }
        // A timestamp that is checked but not signed lets a replay choose its own freshness.
        if self.has(Part::Timestamp) == (timestamp.is_empty() && timestamp_key.is_empty()) {
            return invalid(Reason::TimestampPlaceholder);
        }
        if self.has(Part::Id) == id.is_empty() {
            return invalid(Reason::IdPlaceholder);
        }
        Ok(())
    }

    /// Nothing laid out, as [`Wire::new`], keeping the text's allocation. Only the counts and
    /// options are reset: the tables past the counts are never read (a whole `Wire::new` written
    /// over it is ~0.3 KB more wasm).
    fn clear(&mut self) {
        self.text.clear();
        (self.name, self.signature_key, self.timestamp_key) = (Span::default(), Span::default(), None);
        (self.header_count, self.part_count, self.variants) = (0, 0, [None; MAX_VARIANTS]);
    }

    /// Lays `spec` out in place; fails only on a template, which the presets' are not.
    fn lay_out(&mut self, spec: &Spec<'_>) -> Result<(), Fail> {
        self.clear();
        (self.layout, self.separator, self.encoding, self.unit, self.secret_format, self.ed25519) =
            (spec.layout, spec.separator, spec.encoding, spec.unit, spec.secret_format, spec.ed25519);
        self.name = self.push(spec.name);
        self.signature_key = self.push(spec.signature_key);
        self.timestamp_key = (!spec.timestamp_key.is_empty()).then(|| self.push(spec.timestamp_key));
        for at in 0..MAX_VARIANTS {
            let Some(variant) = spec.variants.get(at) else { break };
            let laid = Variant {
                id: self.header(variant.id),
                timestamp: self.header(variant.timestamp),
                signature: self.header(variant.signature).unwrap_or_default(),
                prefix: self.push(variant.prefix),
                algorithm: variant.algorithm,
                sign: variant.sign,
            };
            if let Some(slot) = self.variants.get_mut(at) {
                *slot = Some(laid);
            }
        }
        self.parse_template(spec.template)
    }

    /// Adds header `name` (none for `""`) and returns its position.
    fn header(&mut self, name: &str) -> Option<u8> {
        if name.is_empty() {
            return None;
        }
        let at = usize::from(self.header_count);
        let sent = self.push(name);
        let lower = self.push(name);
        self.text.get_mut(lower.start as usize..).map(str::make_ascii_lowercase);
        *self.sent.get_mut(at)? = sent;
        *self.lower.get_mut(at)? = lower;
        self.header_count += 1;
        Some(at as u8)
    }

    fn push(&mut self, piece: &str) -> Span {
        let start = self.text.len() as u32;
        self.text.push_str(piece);
        Span { start, end: self.text.len() as u32 }
    }

    /// Parses `template` into the parts, checking that it can be signed unambiguously.
    fn parse_template(&mut self, template: &str) -> Result<(), Fail> {
        if template.len() > 256 {
            return invalid(Reason::TemplateLength);
        }
        let (mut bodies, mut count, mut previous) = (0, 0usize, None);
        // Bytes, not `str::find`: the braces are ASCII, so the pieces are whole characters, and the
        // npm build is spared the string searchers (~1 KB of wasm).
        let bytes = template.as_bytes();
        let mut at = 0;
        // `any`, not `contains`, for a byte below: `contains` links memchr.
        #[allow(clippy::manual_contains)]
        while let Some(rest) = bytes.get(at..).filter(|rest| !rest.is_empty()) {
            let (part, len) = match rest {
                [b'{', b'i', b'd', b'}', ..] => (Part::Id, 4),
                [b'{', b'b', b'o', b'd', b'y', b'}', ..] => (Part::Body, 6),
                _ if rest.starts_with(b"{timestamp}") => (Part::Timestamp, 11),
                [b'{', ..] if rest.iter().any(|&b| b == b'}') => return invalid(Reason::UnknownPlaceholder),
                [b'{', ..] => return invalid(Reason::UnclosedBrace),
                [b'}', ..] => return invalid(Reason::UnmatchedBrace),
                _ => {
                    let len = rest.iter().position(|&b| b == b'{' || b == b'}').unwrap_or(rest.len());
                    (Part::Literal(self.push(template.get(at..at + len).unwrap_or_default())), len)
                }
            };
            at += len;
            bodies += usize::from(part == Part::Body);
            // Side by side, bytes could move between the id and the body and the signature still hold.
            // (A timestamp beside either cannot: it is canonical digits that must stay within the window.)
            if matches!((previous, part), (Some(Part::Id), Part::Body) | (Some(Part::Body), Part::Id)) {
                return invalid(Reason::IdBesideBody);
            }
            previous = Some(part);
            let Some(slot) = self.template.get_mut(count) else {
                return invalid(Reason::TemplateParts);
            };
            *slot = part;
            count += 1;
        }
        if bodies != 1 {
            return invalid(Reason::BodyPlaceholder);
        }
        self.part_count = count as u8;
        Ok(())
    }

    pub(crate) fn text(&self, span: Span) -> &str {
        self.text.get(span.start as usize..span.end as usize).unwrap_or_default()
    }

    /// The scheme's name.
    pub(crate) fn name(&self) -> &str {
        self.text(self.name)
    }

    /// Every header name, lowercase, by position.
    pub(crate) fn header_names(&self) -> impl Iterator<Item = &str> {
        self.lower.iter().take(self.header_count.into()).map(|span| self.text(*span))
    }

    /// How many headers there are.
    pub(crate) fn header_count(&self) -> usize {
        self.header_count.into()
    }

    /// Header `index`'s name in lowercase (for lookups and messages) or as the provider sends it.
    pub(crate) fn header_name(&self, index: u8, sent: bool) -> &str {
        let names = if sent { &self.sent } else { &self.lower };
        names.get(usize::from(index)).filter(|_| index < self.header_count).map_or("", |span| self.text(*span))
    }

    pub(crate) fn variant(&self, index: usize) -> Option<&Variant> {
        self.variants.get(index).and_then(Option::as_ref)
    }

    /// Whether the template has `part` (a placeholder).
    // `any`, not `contains`: that is a `SliceContains` instance of its own (0.1 KB of wasm).
    #[allow(clippy::manual_contains)]
    pub(crate) fn has(&self, part: Part) -> bool {
        self.template().iter().any(|p| *p == part)
    }

    pub(crate) fn template(&self) -> &[Part] {
        self.template.get(..self.part_count.into()).unwrap_or_default()
    }
}

/// Every layout must read back what signing writes: delimiters outside the signature alphabets
/// and `=`, keys that are tokens, and no leading whitespace (header values are trimmed). Returns
/// the layout, its separator, prefix, signature key and timestamp key (`""` for none).
fn check_layout<'a>(layout: &LayoutRef<'a>) -> Result<(WireLayout, u8, &'a str, &'a str, &'a str), Fail> {
    let delimiter = |c: char, reason| match c {
        ' ' | '!'..='~' if c != '=' && !c.is_ascii_alphanumeric() && !matches!(c, '+' | '/' | '-' | '_') => Ok(c as u8),
        _ => Err(Fail::because(Code::InvalidScheme, reason)),
    };
    let starts_blank = |text: &str| matches!(text.as_bytes().first(), Some(b' ' | b'\t'));
    match *layout {
        LayoutRef::Single { prefix } | LayoutRef::List { prefix, .. } => {
            // A prefix goes into a header value: a control character (CR, LF, NUL…) makes one that
            // cannot be sent, or that injects a header.
            if crate::text::has_control(prefix) {
                invalid(Reason::PrefixControl)?;
            }
            if let LayoutRef::List { separator, .. } = layout {
                let separator = delimiter(*separator, Reason::ListSeparator)?;
                if prefix.is_empty() || prefix.bytes().any(|c| c == separator) || starts_blank(prefix) {
                    invalid(Reason::ListPrefix)?;
                }
                return Ok((WireLayout::List, separator, prefix, "", ""));
            }
            if starts_blank(prefix) {
                invalid(Reason::PrefixWhitespace)?;
            }
            Ok((WireLayout::Single, 0, prefix, "", ""))
        }
        LayoutRef::KeyValue { pair_separator, signature_key, timestamp_key } => {
            let separator = delimiter(pair_separator, Reason::PairSeparator)?;
            // `any`, not `contains`: that links memchr (~0.3 KB) for two short keys.
            let key = |k: &str| is_token(k) && !k.bytes().any(|c| c == separator);
            if !key(signature_key) || !timestamp_key.map_or(true, key) {
                invalid(Reason::KeyToken)?;
            }
            let timestamp_key = timestamp_key.unwrap_or_default();
            if timestamp_key == signature_key {
                invalid(Reason::SameKeys)?;
            }
            Ok((WireLayout::KeyValue, separator, "", signature_key, timestamp_key))
        }
    }
}

fn is_token(name: &str) -> bool {
    // RFC 9110 tchar; a `matches!`, not a search in a list of the symbols: that links memchr.
    // A loop, not `bytes().all`: that is an iterator fold of its own (70 B of wasm).
    for c in name.bytes() {
        if !c.is_ascii_alphanumeric() && !matches!(c, b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~') {
            return false;
        }
    }
    (1..=64).contains(&name.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheme::{CustomScheme, Layout, Scheme};
    use alloc::vec::Vec;
    use core::str::FromStr;

    impl Wire {
        /// `scheme` laid out: a preset from its static description, a custom scheme once checked.
        fn compile(scheme: &Scheme) -> Result<Wire, Fail> {
            let mut wire = Wire::new();
            match scheme {
                Scheme::Custom(custom) => wire.lay_out_custom(&custom.borrowed())?,
                preset => wire.lay_out_preset(preset.name())?,
            }
            Ok(wire)
        }
    }

    fn template(text: &str) -> Result<Vec<Part>, Fail> {
        let mut wire = Wire::new();
        wire.lay_out(&GITHUB_SPEC)?;
        wire.parse_template(text).map(|()| wire.template().to_vec())
    }

    #[test]
    fn presets_compile() {
        for name in ["standard", "svix", "stripe", "github", "github-sha1", "slack", "shopify"] {
            let scheme = Scheme::from_str(name);
            assert!(scheme.as_ref().map(|s| Wire::compile(s).is_ok()).unwrap_or(false), "{name}");
        }
        assert_eq!(Scheme::from_str("nope").err().map(|e| e.code()), Some("INVALID_SCHEME"));
        assert_eq!(Wire::new().lay_out_preset("nope"), Err(Fail::because(Code::InvalidScheme, Reason::UnknownScheme)));
    }

    #[test]
    fn preset_names_in_both_cases() {
        let Ok(wire) = Wire::compile(&Scheme::GitHub { legacy_sha1: true }) else { panic!("preset") };
        assert_eq!(wire.header_names().collect::<Vec<_>>(), ["x-hub-signature-256", "x-hub-signature"]);
        assert_eq!((wire.header_name(1, true), wire.header_name(1, false)), ("X-Hub-Signature", "x-hub-signature"));
        assert_eq!(wire.header_name(2, true), "");
    }

    #[test]
    fn templates() {
        assert_eq!(template("v0:{timestamp}:{body}").map(|p| p.len()), Ok(4));
        assert!(template(&("{id}.".repeat(7) + "{body}.")).is_ok(), "16 parts");
        for bad in ["{body}{body}", "no body", "{bodyx}", "{body", "x}{body}", "{ID}{body}", "", &("{id}.".repeat(8) + "{body}")] {
            assert!(template(bad).is_err(), "{bad}");
        }
        // The id and the body side by side: bytes could move from one to the other.
        for ambiguous in ["{id}{body}", "v0:{body}{id}", "{timestamp}.{id}{body}"] {
            assert!(template(ambiguous).is_err(), "{ambiguous}");
        }
        // A timestamp beside either is canonical digits held to the window: allowed.
        for ok in ["{timestamp}{body}", "{body}{timestamp}", "{id}{timestamp}{body}", "{id}.{body}", "é{body}ü"] {
            assert!(template(ok).is_ok(), "{ok}");
        }
    }

    fn custom_wire(custom: &CustomScheme) -> Result<Wire, Fail> {
        Wire::compile(&Scheme::Custom(alloc::boxed::Box::new(custom.clone())))
    }

    fn custom(layout: Layout) -> Result<Wire, Fail> {
        custom_wire(&CustomScheme { layout, ..CustomScheme::new("x", "x-sig", "{body}") })
    }

    #[test]
    fn prefixes_without_control_characters() {
        for prefix in ["v0=\r\n", "v1\0", "a\nX-Evil: 1"] {
            assert!(custom(Layout::Single { prefix: prefix.into() }).is_err(), "single {prefix:?}");
            assert!(custom(Layout::List { separator: ' ', prefix: prefix.into() }).is_err(), "list {prefix:?}");
        }
        assert!(custom(Layout::Single { prefix: "v0=".into() }).is_ok());
    }

    #[test]
    fn separators_and_keys() {
        for separator in [' ', ',', ';', '|', '.'] {
            assert!(custom(Layout::List { separator, prefix: "v1=".into() }).is_ok(), "{separator:?}");
        }
        for separator in ['=', '+', '/', '-', '_', 'a', '0', '\t', 'é', '\u{3000}'] {
            assert!(custom(Layout::List { separator, prefix: "v1".into() }).is_err(), "{separator:?}");
        }
        let kv = |sig: &str, ts: Option<&str>| Layout::KeyValue { pair_separator: ',', signature_key: sig.into(), timestamp_key: ts.map(Into::into) };
        assert!(custom(kv("v1", None)).is_ok());
        for bad in [kv("v1", Some("v1")), kv("v=1", None), kv("", None), kv("v1", Some("t,")), kv("v1", Some(""))] {
            assert!(custom(bad).is_err());
        }
    }

    #[test]
    fn custom_scheme_consistency() {
        assert!(custom_wire(&CustomScheme::new("linear", "Linear-Signature", "{body}")).is_ok());
        assert!(custom_wire(&CustomScheme::new("x", "x-sig", "{timestamp}.{body}")).is_err());
        let no_id = CustomScheme { id_header: Some("x-id".into()), ..CustomScheme::new("x", "x-sig", "{body}") };
        assert!(custom_wire(&no_id).is_err());
        assert!(custom_wire(&CustomScheme::new("x", "x sig", "{body}")).is_err());
        let same = CustomScheme { id_header: Some("X-Sig".into()), ..CustomScheme::new("x", "x-sig", "{id}.{body}") };
        assert!(custom_wire(&same).is_err());
        let both = CustomScheme {
            timestamp_header: Some("x-ts".into()),
            layout: Layout::KeyValue { pair_separator: ',', signature_key: "v1".into(), timestamp_key: Some("t".into()) },
            ..CustomScheme::new("x", "x-sig", "{timestamp}.{body}")
        };
        assert!(custom_wire(&both).is_err());
    }

    #[test]
    fn a_failed_custom_scheme_lays_out_nothing() {
        let mut wire = Wire::compile(&Scheme::Standard).unwrap_or_else(|_| Wire::new());
        let bad = CustomScheme::new("x", "x-sig", "{timestamp}.{body}");
        assert!(wire.lay_out_custom(&bad.borrowed()).is_err());
        assert_eq!((wire.header_names().count(), wire.template().len(), wire.name()), (0, 0, ""));
        assert!(wire.lay_out_custom(&CustomScheme::new("x", "x-sig", "{body}").borrowed()).is_ok());
        assert_eq!((wire.header_names().count(), wire.template().len(), wire.name()), (1, 1, "x"));
    }
}

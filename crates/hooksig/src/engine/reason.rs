//! Why a failure happened, as one byte: every reason's text is in one table here, so a [`Fail`]
//! carries an index, not a `&str`.
//!
//! Why: a `Fail` of 8 bytes passes in one wasm register, where 16 go through memory at every
//! `?` (0.43 KB less gzip download, npm/README.md "Browser download"); and the texts are stored
//! back to back with 2-byte ends rather than as 8-byte `&str`s.
//!
//! [`Fail`]: super::Fail

/// Declares [`Reason`] and its texts: one list, so a reason and its wording cannot drift apart.
/// The second part is feature `ed25519`'s reasons, last, so that a build without the feature
/// carries neither their variants nor their texts.
macro_rules! reasons {
    (
        { $($(#[$doc:meta])* $name:ident = $text:literal,)* }
        ed25519 { $($(#[$ed_doc:meta])* $ed_name:ident = $ed_text:literal,)* }
    ) => {
        /// Why a failure happened, for the codes that say ([`Reason::text`]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u8)]
        pub enum Reason {
            /// No reason (the codes that carry none).
            None,
            $($(#[$doc])* $name,)*
            $(#[cfg(feature = "ed25519")] $(#[$ed_doc])* $ed_name,)*
        }

        /// Every text, back to back, in the order of [`Reason`].
        #[cfg(feature = "ed25519")]
        const TEXTS: &str = concat!($($text,)* $($ed_text,)*);
        #[cfg(not(feature = "ed25519"))]
        const TEXTS: &str = concat!($($text,)*);
        /// Where each reason's text ends in [`TEXTS`] (`Reason::None`'s at 0).
        #[cfg(feature = "ed25519")]
        const ENDS: [u16; 1 + [$($text,)* $($ed_text,)*].len()] = ends(&["", $($text,)* $($ed_text,)*]);
        #[cfg(not(feature = "ed25519"))]
        const ENDS: [u16; 1 + [$($text,)*].len()] = ends(&["", $($text,)*]);
    };
}

reasons! {
    {
        // Header values.
        /// A header repeated with different values.
        RepeatedHeader = "repeated with different values",
        /// Bytes that must be text (a message id, a secret) are not UTF-8.
        NotUtf8 = "not UTF-8",
        /// A signature header with two timestamp entries.
        RepeatedTimestamp = "repeated timestamp",
        /// A signature header without its timestamp entry.
        NoTimestampEntry = "no timestamp entry",

        // Timestamps.
        /// An empty timestamp.
        EmptyTimestamp = "empty",
        /// A timestamp with a leading zero (not the canonical form signing writes).
        LeadingZero = "leading zero",
        /// A timestamp with other characters than digits.
        NotDecimal = "not an unsigned decimal integer",
        /// A timestamp after 9999-12-31.
        AfterYear9999 = "after year 9999",
        /// A timestamp to sign outside the years 1970 to 9999.
        OutsideYears = "outside 1970..=9999",

        // Secrets.
        /// A text secret with whitespace around it.
        TextSecretWhitespace = "text secret has surrounding whitespace",
        /// An Ed25519 key in a build without the `ed25519` feature.
        Ed25519Unsupported = "Ed25519 (whsk_/whpk_) keys are not supported by this build; it verifies v1 (HMAC) signatures",
        /// A `whsec_` secret whose rest is not base64.
        NotBase64AfterWhsec = "not valid base64 after whsec_",
        /// A base64 secret that is not base64.
        NotBase64 = "not valid base64",
        /// A hex secret that is not hex.
        NotHex = "not valid hex",
        /// `whsec_whsec_…`, or `WHSEC_…`.
        WhsecPrefix = "whsec_ prefix repeated or not in lowercase",
        /// A base64 secret with both `+/` and `-_`.
        MixedBase64 = "mixes the standard and URL-safe base64 alphabets",

        // Arguments.
        /// A secret format name that is not one.
        UnknownSecretFormat = "unknown secret format",
        /// Signing without a message id for a scheme that signs one.
        NeedsMessageId = "this scheme signs a message id",
        /// A message id to sign of 0 or more than 256 bytes.
        MessageIdLength = "message id must be 1 to 256 bytes",
        /// A message id to sign that could not be sent as a header value, or not read back alike.
        MessageIdCharacters = "message id has control characters or surrounding spaces",
        /// The text form of a secret given as raw bytes.
        RawSecretText = "raw secrets have no text form",
        /// A call across a binding's foreign-function boundary that does not follow the binding's own
        /// conventions (a bug in the binding, never in its caller's input).
        MalformedCall = "malformed call across the binding boundary",

        // Schemes.
        /// A preset name that is not one.
        UnknownScheme = "unknown scheme name",
        /// A custom scheme name of 0 or more than 64 characters.
        SchemeNameLength = "name must be 1 to 64 characters",
        /// A header name that is not an HTTP token of 1 to 64 characters.
        HeaderNameToken = "header names must be 1 to 64 HTTP token characters",
        /// Two of the signature, id and timestamp headers under one name.
        HeaderNamesRepeated = "signature, id and timestamp headers must have distinct names",
        /// A timestamp both in a header and under a key.
        TwoTimestampSources = "timestamp comes from a header or a key, not both",
        /// `{timestamp}` without a timestamp source, or a timestamp source without `{timestamp}`.
        TimestampPlaceholder = "{timestamp} in the template and a timestamp source go together",
        /// `{id}` without an id header, or an id header without `{id}`.
        IdPlaceholder = "{id} in the template and id_header go together",
        /// A template over 256 bytes.
        TemplateLength = "template longer than 256 bytes",
        /// A `{` without its `}`.
        UnclosedBrace = "unclosed { in template",
        /// A placeholder that is not one.
        UnknownPlaceholder = "template placeholders are {id}, {timestamp} and {body}",
        /// A `}` without its `{`.
        UnmatchedBrace = "unmatched } in template",
        /// `{id}{body}` or `{body}{id}`: bytes could move between them.
        IdBesideBody = "{id} and {body} need text between them in the template",
        /// A template of more than 16 parts.
        TemplateParts = "template has more than 16 parts (placeholders and the text between them)",
        /// A template without `{body}`, or with it twice.
        BodyPlaceholder = "template must contain {body} exactly once",
        /// A separator that is not one character.
        SeparatorLength = "separators must be one character",
        /// A list separator that could be read as part of a signature.
        ListSeparator = "list separator must be a space or punctuation outside base64 and '='",
        /// A pair separator that could be read as part of a signature.
        PairSeparator = "pair separator must be a space or punctuation outside base64 and '='",
        /// A prefix with control characters (it goes into a header value).
        PrefixControl = "prefix has control characters",
        /// A list prefix that is empty, holds the separator or starts with whitespace.
        ListPrefix = "a list layout needs a prefix without the separator or leading whitespace",
        /// A prefix starting with whitespace (header values are trimmed).
        PrefixWhitespace = "prefix starts with whitespace",
        /// A signature or timestamp key that is not a token, or holds `=` or the separator.
        KeyToken = "keys must be HTTP tokens without '=' or the pair separator",
        /// The same signature and timestamp key.
        SameKeys = "signature_key and timestamp_key must differ",
    }
    ed25519 {
        /// A `whsk_` key that is not base64.
        SigningKeyNotBase64 = "whsk_ key is not valid base64",
        /// A `whpk_` key that is not base64.
        PublicKeyNotBase64 = "whpk_ key is not valid base64",
        /// A `whpk_` key of another length than 32 bytes.
        PublicKeyLength = "whpk_ key must be 32 bytes",
        /// A `whpk_` key that is not a point on the curve.
        NotEd25519PublicKey = "whpk_ key is not an Ed25519 public key",
        /// A `whsk_` key of another length than 32 or 64 bytes.
        SigningKeyLength = "whsk_ key must be 32 or 64 bytes",
        /// A 64-byte `whsk_` key whose second half is not its seed's public key.
        SigningKeyMismatch = "whsk_ key's public half does not match its seed",
    }
}

/// Each text's end in their concatenation (for a table of texts stored back to back).
// Evaluated only at compile time (for consts): an index out of bounds, or texts past 64 KiB,
// would fail the build, never a call.
#[allow(clippy::indexing_slicing)]
pub(crate) const fn ends<const N: usize>(texts: &[&str; N]) -> [u16; N] {
    let mut ends = [0u16; N];
    let (mut at, mut end) = (0, 0);
    while at < N {
        end += texts[at].len();
        ends[at] = end as u16;
        at += 1;
    }
    assert!(end <= u16::MAX as usize, "texts fit 2-byte offsets");
    ends
}

impl Reason {
    /// What the reason says, as messages and [`Error`](crate::Error)'s fields give it.
    pub fn text(self) -> &'static str {
        text_at(self as usize)
    }
}

/// Reason number `index`'s text; `""` for none past the last.
pub(crate) fn text_at(index: usize) -> &'static str {
    piece(TEXTS, &ENDS, index)
}

/// Text `index` of `texts` stored back to back, ending at `ends` ([`ends`]); `""` past the last.
pub(crate) fn piece(texts: &'static str, ends: &[u16], index: usize) -> &'static str {
    let end = ends.get(index).map_or(0, |e| usize::from(*e));
    let start = index.checked_sub(1).and_then(|i| ends.get(i)).map_or(0, |e| usize::from(*e));
    texts.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    #[test]
    fn every_reason_has_its_own_text() {
        let texts: Vec<&str> = (0..ENDS.len()).map(text_at).collect();
        assert_eq!(texts.first(), Some(&""));
        assert!(texts.iter().skip(1).all(|t| !t.is_empty()));
        let mut distinct = texts.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), texts.len());
        #[cfg(feature = "ed25519")]
        assert_eq!(Reason::SigningKeyMismatch as usize, ENDS.len() - 1, "the last reason is the table's last");
        #[cfg(not(feature = "ed25519"))]
        assert_eq!(Reason::SameKeys as usize, ENDS.len() - 1, "the last reason is the table's last");
        assert_eq!((Reason::NotUtf8.text(), Reason::SameKeys.text()), ("not UTF-8", "signature_key and timestamp_key must differ"));
        assert_eq!(text_at(ENDS.len()), "");
    }
}

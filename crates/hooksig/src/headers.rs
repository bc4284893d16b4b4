//! How verification reads headers: each binding implements [`Headers`] over its own map.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use crate::engine::{Fail, Reason};
use crate::limits::MAX_HEADER_BYTES;

/// Read access to request headers.
///
/// `get_all` receives a lowercase name and must match it case-insensitively, yielding every value
/// of a repeated header in the order received. Values are raw bytes: nothing is decoded on the way.
pub trait Headers {
    /// Every value of the header `name` (ASCII lowercase).
    fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a;
}

impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for [(K, V)] {
    fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.iter()
            .filter(move |(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>, const N: usize> Headers for [(K, V); N] {
    fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.as_slice().get_all(name)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for Vec<(K, V)> {
    fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.as_slice().get_all(name)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for BTreeMap<K, V> {
    fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.iter().filter(move |(k, _)| k.as_ref().eq_ignore_ascii_case(name)).map(|(_, v)| v.as_ref())
    }
}

#[cfg(feature = "std")]
impl<K: AsRef<str>, V: AsRef<[u8]>, S> Headers for std::collections::HashMap<K, V, S> {
    fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.iter().filter(move |(k, _)| k.as_ref().eq_ignore_ascii_case(name)).map(|(_, v)| v.as_ref())
    }
}

#[cfg(feature = "http")]
impl Headers for http::HeaderMap {
    fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        // `HeaderMap` stores names in lowercase and looks them up case-insensitively.
        self.get_all(name).into_iter().map(http::HeaderValue::as_bytes)
    }
}

impl<H: Headers + ?Sized> Headers for &H {
    fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        (**self).get_all(name)
    }
}

/// Strips the optional whitespace (SP, HTAB) around a field value (RFC 9110 §5.5), as verification
/// does before reading a value: a binding that screens values before handing them over (for size,
/// say) decides "blank" and "the same value" exactly as the core will.
pub fn trim_ows(mut value: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = value {
        value = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = value {
        value = rest;
    }
    value
}

/// A header value with the position of its name in
/// [`Webhook::header_names`](crate::Webhook::header_names): a slice of them, in the order received,
/// is [`IndexedHeaders`].
pub type HeaderEntry<'a> = (u8, &'a [u8]);

/// Read access to request headers by position: how verification reads them. [`Headers`] are
/// looked up by name into this; a binding that already holds values by position
/// ([`HeaderEntry`]) hands them over as they are ([`Webhook::read_indexed`](crate::Webhook::read_indexed)).
pub trait IndexedHeaders {
    /// Every value of the header at `index` in [`Webhook::header_names`](crate::Webhook::header_names),
    /// in the order received, untrimmed.
    fn values(&self, index: u8) -> impl Iterator<Item = &[u8]>;
}

impl IndexedHeaders for [HeaderEntry<'_>] {
    fn values(&self, index: u8) -> impl Iterator<Item = &[u8]> {
        self.iter().filter_map(move |(i, value)| (*i == index).then_some(*value))
    }
}

/// [`Headers`] read by position: each position looked up by its name.
pub(crate) struct ByName<'a, H: ?Sized> {
    pub(crate) headers: &'a H,
    pub(crate) names: &'a crate::engine::Hook,
}

impl<H: Headers + ?Sized> IndexedHeaders for ByName<'_, H> {
    fn values(&self, index: u8) -> impl Iterator<Item = &[u8]> {
        self.headers.get_all(self.names.header_name(index))
    }
}

/// Whether header `index` has a non-empty value: a blanked header is as absent as a removed one.
pub(crate) fn present<I: IndexedHeaders + ?Sized>(headers: &I, index: u8) -> bool {
    headers.values(index).any(|v| !trim_ows(v).is_empty())
}

/// The one value of a single-valued header that must be present and non-empty (the official
/// libraries treat an empty value as absent too). A repeat with the same value is tolerated
/// (proxies duplicate headers); a repeat with a different value is ambiguous and rejected.
pub(crate) fn required<I: IndexedHeaders + ?Sized>(headers: &I, index: u8) -> Result<&[u8], Fail> {
    let mut found: Option<&[u8]> = None;
    for value in headers.values(index) {
        if value.len() > MAX_HEADER_BYTES {
            return Err(Fail::too_large(index));
        }
        let value = trim_ows(value);
        match found {
            Some(previous) if previous != value => {
                return Err(Fail::malformed(index, Reason::RepeatedHeader))
            }
            _ => found = Some(value),
        }
    }
    found.filter(|v| !v.is_empty()).ok_or(Fail::missing(index))
}

/// Checks that header `index`'s values fit [`MAX_HEADER_BYTES`] together and include a non-empty
/// one (else a missing header), before they are read.
pub(crate) fn check_all<I: IndexedHeaders + ?Sized>(headers: &I, index: u8) -> Result<(), Fail> {
    let total = headers.values(index).fold(0usize, |total, v| total.saturating_add(v.len()));
    if total > MAX_HEADER_BYTES {
        return Err(Fail::too_large(index));
    }
    if !present(headers, index) {
        return Err(Fail::missing(index));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Code;

    #[test]
    fn positions_and_repeats() {
        let h: &[HeaderEntry<'_>] = &[(0, b"a"), (2, b"v1,x"), (2, b" v1,y "), (1, b" ")];
        assert_eq!(required(h, 0), Ok(&b"a"[..]));
        assert_eq!(h.values(2).map(trim_ows).collect::<Vec<_>>(), [&b"v1,x"[..], b"v1,y"]);
        assert_eq!(check_all(h, 2), Ok(()));
        assert_eq!(check_all(h, 1), Err(Fail::missing(1)));
        assert_eq!(required(h, 1), Err(Fail::missing(1)));
        assert_eq!(required(h, 3), Err(Fail::missing(3)));
        assert!(!present(h, 1) && present(h, 2));
        assert_eq!(required(&[(0, &b"a"[..]), (0, b"a ")][..], 0), Ok(&b"a"[..]));
        assert!(matches!(required(&[(0, &b"a"[..]), (0, b"b")][..], 0), Err(Fail { code: Code::MalformedHeader, header: 0, .. })));
        let big = [b'v'; MAX_HEADER_BYTES / 2 + 1];
        assert!(matches!(check_all(&[(0, &big[..]), (0, &big[..])][..], 0), Err(Fail { code: Code::HeaderTooLarge, .. })));
        assert!(matches!(required(&[(0, &[b'v'; MAX_HEADER_BYTES + 1][..])][..], 0), Err(Fail { code: Code::HeaderTooLarge, .. })));
    }

    #[cfg(feature = "http")]
    #[test]
    fn http_header_map() {
        let mut map = http::HeaderMap::new();
        map.append("Webhook-Signature", http::HeaderValue::from_static("v1,a"));
        map.append("webhook-signature", http::HeaderValue::from_static("v1,b"));
        map.insert("webhook-id", http::HeaderValue::from_bytes(b"\xffid").unwrap());
        assert_eq!(Headers::get_all(&map, "webhook-signature").collect::<Vec<_>>(), [&b"v1,a"[..], b"v1,b"]);
        assert_eq!(Headers::get_all(&map, "webhook-id").collect::<Vec<_>>(), [&b"\xffid"[..]]);
    }

    #[test]
    fn case_insensitive_names() {
        let h = [("Webhook-Id", "a"), ("WEBHOOK-ID", "b"), ("x", "c")];
        assert_eq!(h.get_all("webhook-id").collect::<Vec<_>>(), [&b"a"[..], b"b"]);
    }

    #[test]
    fn trims_only_ows() {
        assert_eq!(trim_ows(b" \t a b \t"), b"a b");
        assert_eq!(trim_ows(b"   "), b"");
        assert_eq!(trim_ows(b""), b"");
    }
}

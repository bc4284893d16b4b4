//! How verification reads headers: each binding implements [`Headers`] over its own map.

use alloc::collections::BTreeMap;
use alloc::string::ToString;
use alloc::vec::Vec;

use crate::error::{Error, Result};
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
pub fn trim_ows(value: &[u8]) -> &[u8] {
    let is_ows = |c: &u8| *c == b' ' || *c == b'\t';
    let start = value.iter().position(|c| !is_ows(c)).unwrap_or(value.len());
    let end = value.iter().rposition(|c| !is_ows(c)).map_or(start, |i| i + 1);
    value.get(start..end).unwrap_or_default()
}

fn too_large(name: &str) -> Error {
    Error::HeaderTooLarge { name: name.to_string(), limit: MAX_HEADER_BYTES }
}

/// The one value of a single-valued header. A repeat with the same value is tolerated
/// (proxies duplicate headers); a repeat with a different value is ambiguous and rejected.
pub(crate) fn single<'a, H: Headers + ?Sized>(headers: &'a H, name: &'a str) -> Result<Option<&'a [u8]>> {
    let mut found: Option<&[u8]> = None;
    for value in headers.get_all(name) {
        if value.len() > MAX_HEADER_BYTES {
            return Err(too_large(name));
        }
        let value = trim_ows(value);
        match found {
            Some(previous) if previous != value => {
                return Err(Error::MalformedHeader {
                    name: name.to_string(),
                    reason: "repeated with different values",
                })
            }
            _ => found = Some(value),
        }
    }
    Ok(found)
}

/// A single-valued header that must be present and non-empty (the official libraries treat an
/// empty value as absent too).
pub(crate) fn required<'a, H: Headers + ?Sized>(headers: &'a H, name: &'a str) -> Result<&'a [u8]> {
    single(headers, name)?.filter(|v| !v.is_empty()).ok_or_else(|| Error::MissingHeader { name: name.to_string() })
}

/// Every value of `name`, trimmed: checked first to fit [`MAX_HEADER_BYTES`] together and to
/// include a non-empty one (else [`Error::MissingHeader`]). Two passes over `headers` instead of a
/// collected `Vec`: verification allocates as little as it can.
pub(crate) fn all<'a, H: Headers + ?Sized>(headers: &'a H, name: &'a str) -> Result<impl Iterator<Item = &'a [u8]> + 'a> {
    let mut total = 0usize;
    let mut present = false;
    for value in headers.get_all(name) {
        total = total.saturating_add(value.len());
        if total > MAX_HEADER_BYTES {
            return Err(too_large(name));
        }
        present |= !trim_ows(value).is_empty();
    }
    if !present {
        return Err(Error::MissingHeader { name: name.to_string() });
    }
    Ok(headers.get_all(name).map(trim_ows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_insensitive_and_repeated() {
        let h = [("Webhook-Id", "a"), ("webhook-signature", "v1,x"), ("WEBHOOK-SIGNATURE", " v1,y ")];
        assert_eq!(required(&h[..], "webhook-id"), Ok(&b"a"[..]));
        let values: Vec<&[u8]> = all(&h[..], "webhook-signature").into_iter().flatten().collect();
        assert_eq!(values, [&b"v1,x"[..], b"v1,y"]);
        assert!(matches!(all(&h[..], "webhook-timestamp").map(|_| ()), Err(Error::MissingHeader { .. })));
        assert!(matches!(all(&[("webhook-signature", " ")][..], "webhook-signature").map(|_| ()), Err(Error::MissingHeader { .. })));
        assert!(matches!(required(&h[..], "webhook-timestamp"), Err(Error::MissingHeader { .. })));
        let empty = [("webhook-id", " ")];
        assert!(matches!(required(&empty[..], "webhook-id"), Err(Error::MissingHeader { .. })));
    }

    #[test]
    fn repeated_single_header() {
        let same = [("webhook-id", "a"), ("webhook-id", "a")];
        assert_eq!(required(&same[..], "webhook-id"), Ok(&b"a"[..]));
        let different = [("webhook-id", "a"), ("webhook-id", "b")];
        assert!(matches!(required(&different[..], "webhook-id"), Err(Error::MalformedHeader { .. })));
    }

    #[cfg(feature = "http")]
    #[test]
    fn http_header_map() {
        let mut map = http::HeaderMap::new();
        map.append("Webhook-Signature", http::HeaderValue::from_static("v1,a"));
        map.append("webhook-signature", http::HeaderValue::from_static("v1,b"));
        map.insert("webhook-id", http::HeaderValue::from_bytes(b"\xffid").unwrap());
        assert_eq!(all(&map, "webhook-signature").unwrap().collect::<Vec<_>>(), [&b"v1,a"[..], b"v1,b"]);
        assert_eq!(required(&map, "webhook-id").unwrap(), b"\xffid");
    }

    #[test]
    fn trims_only_ows() {
        assert_eq!(trim_ows(b" \t a b \t"), b"a b");
        assert_eq!(trim_ows(b"   "), b"");
        assert_eq!(trim_ows(b""), b"");
    }
}

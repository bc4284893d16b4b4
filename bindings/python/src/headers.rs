//! Fetching just the headers a scheme reads from whatever the caller passed.
//!
//! Verification only ever needs [`Webhook::header_names`](hooksig::Webhook::header_names) (three to
//! six names), so instead of converting a whole request's headers we look those names up:
//!
//! * an exact `dict`: `PyDict_GetItem` with the lowercase name (no Python call at all); names still
//!   missing are then found by one case-insensitive scan, which also understands Django's
//!   `request.META` keys (`HTTP_WEBHOOK_ID`). The scan only runs when one of the *primary* variant's
//!   headers is missing (so a lowercase `webhook-*` dict never pays for the absent `svix-*` names).
//! * any other object with `.get` (Starlette, Werkzeug and Django headers, `CaseInsensitiveDict`,
//!   `http.client.HTTPMessage`, dict subclasses, …): `.get(name)` with the lowercase name, which every
//!   HTTP headers class answers case-insensitively; then the same scan over `.items()` when needed,
//!   for case-sensitive mappings.
//! * a `list`/`tuple` of `(name, value)` pairs (ASGI's raw headers, the test vectors): every pair is
//!   read, so repeated headers contribute every value, exactly as in the core.
//!
//! A plain mapping holds one value per key: two keys differing only in case are distinct dict entries,
//! and the exact lowercase one wins. Values may be `str`, `bytes`, or a list/tuple of those (a repeated
//! header). Values are copied, but never more than `MAX_HEADER_BYTES + 1` bytes of one: a value over
//! the limit is passed on as a stand-in of that size, blank or not as the value was ([`oversized`]).

use hooksig::limits::MAX_HEADER_BYTES;
use hooksig::trim_ows;
use pyo3::exceptions::{PyAttributeError, PyTypeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyInt, PyList, PyString, PyTuple};

/// The values found, by index into the webhook's lowercase header names.
#[derive(Debug, Default)]
pub(crate) struct Fetched<'n> {
    names: &'n [String],
    entries: Vec<(usize, Vec<u8>)>,
}

/// The values kept so far, and per name what the core's readers would already decide from them.
///
/// The core reads a header either as single-valued (every value, trimmed, must be the same, and
/// none over [`MAX_HEADER_BYTES`]) or as a list (the values together within [`MAX_HEADER_BYTES`]),
/// or only asks whether any value is not blank. Once a name's values add up to more than the
/// limit, the list reading is decided (too large), and a value equal to the first changes nothing
/// for the others either, so it is not kept; once the single reading is decided too (a value over
/// the limit, or one that differs), no later value is kept, except to say that one is not blank.
/// So a header repeated thousands of times costs what the limit allows, not a copy of each.
struct Collected {
    entries: Vec<(usize, Vec<u8>)>,
    names: Vec<NameState>,
}

#[derive(Default, Clone)]
struct NameState {
    total: usize,
    /// The first value, trimmed.
    first: Option<Vec<u8>>,
    single_decided: bool,
    /// Entry index of a blank stand-in for an oversized value, while no kept value is non-blank.
    blank_stand_in: Option<usize>,
    any_non_blank: bool,
}

impl Collected {
    fn new(names: usize) -> Self {
        Collected { entries: Vec::with_capacity(names), names: vec![NameState::default(); names] }
    }

    /// Whether a value kept for `index` is not blank.
    fn non_blank(&self, index: usize) -> bool {
        self.names.get(index).is_some_and(|state| state.any_non_blank)
    }

    fn push(&mut self, index: usize, bytes: Vec<u8>) {
        let Some(state) = self.names.get_mut(index) else { return };
        let trimmed = trim_ows(&bytes);
        let non_blank = !trimmed.is_empty();
        if state.single_decided && state.total > MAX_HEADER_BYTES {
            // Decided for every reader; only "is one not blank" can still change.
            if non_blank && !state.any_non_blank {
                if let Some(entry) = state.blank_stand_in.take().and_then(|at| self.entries.get_mut(at)) {
                    entry.1 = oversized(false);
                }
                state.any_non_blank = true;
            }
            return;
        }
        if state.total > MAX_HEADER_BYTES && state.first.as_deref() == Some(trimmed) {
            return;
        }
        match &state.first {
            None => state.first = Some(trimmed.to_vec()),
            Some(first) if first.as_slice() != trimmed => state.single_decided = true,
            Some(_) => {}
        }
        if bytes.len() > MAX_HEADER_BYTES {
            state.single_decided = true;
            if !non_blank && !state.any_non_blank {
                state.blank_stand_in = Some(self.entries.len());
            }
        }
        state.any_non_blank |= non_blank;
        if non_blank {
            state.blank_stand_in = None;
        }
        state.total = state.total.saturating_add(bytes.len());
        self.entries.push((index, bytes));
    }
}

impl hooksig::Headers for Fetched<'_> {
    fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.entries
            .iter()
            .filter(move |(index, _)| self.names.get(*index).is_some_and(|n| n == name))
            .map(|(_, value)| value.as_slice())
    }
}

/// What stands in for a value over the limit: the core refuses it as too large wherever it reads
/// it, and elsewhere only asks whether it is blank (only optional whitespace), so limit + 1 bytes,
/// blank or not as the value was, lead to the same decision, and a hostile 50 MB header is never
/// copied (or, as `str`, encoded).
fn oversized(blank: bool) -> Vec<u8> {
    vec![if blank { b' ' } else { b'x' }; MAX_HEADER_BYTES + 1]
}

/// The value's bytes, or their stand-in when over the limit.
fn bounded(bytes: &[u8]) -> Vec<u8> {
    if bytes.len() > MAX_HEADER_BYTES {
        oversized(trim_ows(bytes).is_empty())
    } else {
        bytes.to_vec()
    }
}

/// A value's bytes, or its stand-in when over the limit.
fn value_bytes(value: &Bound<'_, PyAny>, name: &str, out: &mut Collected, index: usize) -> PyResult<()> {
    if let Ok(text) = value.cast::<PyString>() {
        // More code points than the limit has bytes: over the limit in UTF-8 too.
        if text.len()? > MAX_HEADER_BYTES {
            let rest = text.call_method1(intern!(value.py(), "lstrip"), (" \t",))?;
            out.push(index, oversized(rest.len()? == 0));
            return Ok(());
        }
        let Some(text) = crate::utf8(text) else {
            // Lone surrogates cannot have come off the wire: malformed, never signed.
            return Err(crate::errors::raise(
                value.py(),
                &hooksig::Error::MalformedHeader { name: name.to_owned(), reason: "not valid Unicode" },
            ));
        };
        out.push(index, bounded(text.as_bytes()));
    } else if let Ok(bytes) = value.cast::<PyBytes>() {
        out.push(index, bounded(bytes.as_bytes()));
    } else if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        // A number, as tests and ported code pass a timestamp (and the npm package accepts): its
        // decimal text, as the header would carry it.
        let number: i128 = value
            .extract()
            .map_err(|_| PyTypeError::new_err(format!("header {name}: an int beyond 128 bits is not a header value")))?;
        out.push(index, number.to_string().into_bytes());
    } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        // A repeated header; bounded in count too (more entries than the limit allows bytes cannot pass).
        for (i, item) in value.try_iter()?.enumerate() {
            if i > MAX_HEADER_BYTES {
                break;
            }
            let item = item?;
            if item.is_instance_of::<PyList>() || item.is_instance_of::<PyTuple>() {
                return Err(PyTypeError::new_err(format!("header {name}: nested sequences are not header values")));
            }
            value_bytes(&item, name, out, index)?;
        }
    } else {
        return Err(PyTypeError::new_err(format!(
            "header {name} must be str, bytes or int (or a list of them), not {}",
            crate::type_name(value)
        )));
    }
    Ok(())
}

/// Which name (if any) a key from a scan denotes: case-insensitively, or Django's `HTTP_NAME_WITH_UNDERSCORES`.
fn match_key(key: &str, names: &[String]) -> Option<usize> {
    if let Some(index) = names.iter().position(|n| n.eq_ignore_ascii_case(key)) {
        return Some(index);
    }
    let rest = key.strip_prefix("HTTP_")?;
    names.iter().position(|n| {
        n.len() == rest.len()
            && n.bytes().zip(rest.bytes()).all(|(a, b)| if a == b'-' { b == b'_' } else { a.eq_ignore_ascii_case(&b) })
    })
}

fn key_str(key: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if let Ok(text) = key.cast::<PyString>() {
        return Ok(crate::utf8(text).map(|s| s.into_owned()));
    }
    if let Ok(bytes) = key.cast::<PyBytes>() {
        return Ok(std::str::from_utf8(bytes.as_bytes()).ok().map(str::to_owned));
    }
    Err(PyTypeError::new_err(format!("header names must be str or bytes, not {}", crate::type_name(key))))
}

/// One pass over `(key, value)` pairs, keeping values of the names in `wanted`.
fn scan<'py>(
    pairs: impl Iterator<Item = PyResult<Bound<'py, PyAny>>>,
    names: &[String],
    wanted: &[bool],
    out: &mut Collected,
) -> PyResult<()> {
    for pair in pairs {
        let pair = pair?;
        let pair = pair.cast::<PyTuple>().ok().filter(|t| t.len() == 2).cloned().or_else(|| {
            pair.cast::<PyList>().ok().filter(|l| l.len() == 2).map(|l| l.to_tuple())
        });
        let Some(pair) = pair else {
            return Err(PyTypeError::new_err("header pairs must be (name, value) 2-tuples"));
        };
        let key = pair.get_item(0)?;
        let Some(key) = key_str(&key)? else { continue };
        if let Some(index) = match_key(&key, names).filter(|i| wanted.get(*i).copied().unwrap_or(false)) {
            value_bytes(&pair.get_item(1)?, &names[index], out, index)?;
        }
    }
    Ok(())
}

/// `object.name`, `None` if it has no such attribute; any other error is raised.
fn attribute<'py>(object: &Bound<'py, PyAny>, name: &Bound<'py, PyString>) -> PyResult<Option<Bound<'py, PyAny>>> {
    match object.getattr(name) {
        Ok(value) => Ok(Some(value)),
        Err(e) if e.is_instance_of::<PyAttributeError>(object.py()) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Looks up `names` (lowercase) in `headers`; `py_names` are the same names as interned `str`s and
/// `primary` how many leading names belong to the scheme's primary variant.
pub(crate) fn fetch<'n>(
    headers: &Bound<'_, PyAny>,
    names: &'n [String],
    py_names: &[Py<PyString>],
    primary: usize,
) -> PyResult<Fetched<'n>> {
    let py = headers.py();
    let mut entries = Collected::new(names.len());
    let all = vec![true; names.len()];

    if headers.is_instance_of::<PyList>() || headers.is_instance_of::<PyTuple>() {
        scan(headers.try_iter()?, names, &all, &mut entries)?;
        return Ok(Fetched { names, entries: entries.entries });
    }

    let exact_dict = headers.cast_exact::<PyDict>().ok();
    let getter = if exact_dict.is_some() || headers.is_instance_of::<PyString>() || headers.is_instance_of::<PyBytes>() {
        None
    } else {
        // Only a missing attribute means "no .get": anything else it raises (KeyboardInterrupt,
        // MemoryError, a property's own error) reaches the caller.
        attribute(headers, intern!(py, "get"))?
    };
    if exact_dict.is_none() && getter.is_none() {
        return Err(PyTypeError::new_err(format!(
            "headers must be a mapping or a list of (name, value) pairs, not {}",
            crate::type_name(headers)
        )));
    }

    let mut found = vec![false; names.len()];
    for (index, py_name) in py_names.iter().enumerate() {
        let py_name = py_name.bind(py);
        let value = match (&exact_dict, &getter) {
            (Some(dict), _) => dict.get_item(py_name)?,
            (None, Some(get)) => Some(get.call1((py_name,))?).filter(|v| !v.is_none()),
            (None, None) => None,
        };
        if let Some(value) = value {
            value_bytes(&value, &names[index], &mut entries, index)?;
            found[index] = true;
        }
    }

    // The core reads a fallback variant (`svix-*`, Shopify's Events header) when the primary's
    // headers are absent or blank: a blank one found here still needs the scan for the others.
    if (0..primary).all(|index| entries.non_blank(index)) {
        return Ok(Fetched { names, entries: entries.entries });
    }
    let wanted: Vec<bool> = found.iter().map(|f| !f).collect();
    match exact_dict {
        Some(dict) => {
            for (key, value) in dict.iter() {
                let Some(key) = key_str(&key)? else { continue };
                if let Some(index) = match_key(&key, names).filter(|i| wanted[*i]) {
                    value_bytes(&value, &names[index], &mut entries, index)?;
                }
            }
        }
        None => {
            // Case-sensitive mappings: one pass over `.items()`, when there is one.
            if let Some(items) = attribute(headers, intern!(py, "items"))? {
                scan(items.call0()?.try_iter()?, names, &wanted, &mut entries)?;
            }
        }
    }
    Ok(Fetched { names, entries: entries.entries })
}

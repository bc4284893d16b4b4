//! `hooksig._hooksig`: the private native module behind the `hooksig` Python package.
//!
//! Thin on purpose: every decision about authenticity (header syntax, the replay window, key choice,
//! constant-time comparison) is the core crate's. This layer converts Python objects to bytes without
//! copying bodies, fetches only the headers the scheme reads, releases the GIL while hashing large
//! bodies, and turns core errors into the package's exception classes. The public API (argument
//! normalisation, `datetime`s, JSON parsing, drop-in compatibility) is `python/hooksig/__init__.py`.
//!
//! Nothing here can panic on any input: there is no indexing, `unwrap` or arithmetic on
//! caller-controlled values outside checked conversions (the hypothesis suite drives every entry point).

use std::borrow::Cow;
use std::str::FromStr;

use hooksig::{CustomScheme, Key, Scheme, Secret, SecretFormat, SignatureKind};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyFloat, PyInt, PyString, PyTuple, PyType};

mod body;
mod errors;
mod headers;

use body::Body;

/// Bodies at least this long are hashed with the GIL released. Uncontended, releasing and re-taking
/// the GIL is cheap (`make bench-python` measures the step at 4095/4096 B: within noise, < 0.1 µs),
/// but under contention re-taking it can wait for another thread's switch interval, so small bodies
/// (hashed in ~3 µs at 4 KiB with SHA-NI) keep it. CPython's own `hashlib` draws the line at 2 KiB.
const DETACH_THRESHOLD: usize = 4096;

/// `str` → UTF-8, or `None` for strings with lone surrogates (which no HTTP request can carry).
pub(crate) fn utf8<'a>(text: &'a Bound<'_, PyString>) -> Option<Cow<'a, str>> {
    text.to_cow().ok()
}

/// The type name for `TypeError` messages (never the value: it may be a secret).
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().qualname().map(|n| n.to_string()).unwrap_or_else(|_| "object".to_owned())
}

/// `now`: `None` (the system clock), an `int`, a `float` (floored) or an aware `datetime`.
fn unix_now(now: Option<&Bound<'_, PyAny>>) -> PyResult<i64> {
    let Some(now) = now.filter(|n| !n.is_none()) else {
        let elapsed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        return Ok(elapsed.map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)));
    };
    unix_seconds(now, "now")
}

/// Unix seconds from an `int`, a finite `float` or an aware `datetime`; `bool` is refused (a flag
/// passed by mistake), and so is a naive `datetime` (it would silently shift by the local offset).
pub(crate) fn unix_seconds(value: &Bound<'_, PyAny>, what: &str) -> PyResult<i64> {
    let py = value.py();
    if value.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!("{what} must be an int, a float or an aware datetime, not bool")));
    }
    if value.is_instance_of::<PyInt>() {
        return value.extract::<i64>().map_err(|_| errors::argument(py, "time out of range"));
    }
    if let Ok(float) = value.cast::<PyFloat>() {
        let seconds = float.value().floor();
        // i64::MAX as f64 rounds up to 2^63, so the upper bound is exclusive.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63, exactly representable
        if seconds.is_finite() && (-LIMIT..LIMIT).contains(&seconds) {
            #[allow(clippy::cast_possible_truncation)] // range checked just above
            return Ok(seconds as i64);
        }
        return Err(errors::argument(py, "time is not a finite number in range"));
    }
    if value.hasattr("utcoffset")? && value.hasattr("timestamp")? {
        if value.call_method0("utcoffset")?.is_none() {
            return Err(errors::argument(py, "naive datetime: pass an aware one (tzinfo=timezone.utc)"));
        }
        let seconds: f64 = value.call_method0("timestamp")?.extract()?;
        return unix_seconds(&PyFloat::new(py, seconds), what);
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be an int, a float or an aware datetime, not {}",
        type_name(value)
    )))
}

fn kind_name(kind: SignatureKind) -> &'static str {
    match kind {
        SignatureKind::HmacSha256 => "hmac-sha256",
        SignatureKind::HmacSha1 => "hmac-sha1",
        SignatureKind::Ed25519 => "ed25519",
        _ => "unknown",
    }
}

/// A scheme by preset name, or a custom scheme as JSON (snake_case fields, tests/vectors/README.md).
fn scheme_from(py: Python<'_>, name: &str, custom: Option<&str>) -> PyResult<Scheme> {
    match custom {
        None => Scheme::from_str(name).map_err(|e| errors::raise(py, &e)),
        Some(json) => serde_json::from_str::<CustomScheme>(json)
            .map(|c| Scheme::Custom(Box::new(c)))
            .map_err(|_| errors::raise(py, &hooksig::Error::InvalidScheme {
                reason: "custom scheme fields are missing, unknown or of the wrong type (see CustomScheme)",
            })),
    }
}

fn secret_format(py: Python<'_>, format: &str) -> PyResult<Option<SecretFormat>> {
    match format {
        "auto" => Ok(None),
        other => SecretFormat::from_str(other).map(Some).map_err(|e| errors::raise(py, &e)),
    }
}

/// A `str` in `format` (or the scheme's default); `bytes` are the key itself (`raw`, as in the
/// `standardwebhooks` package), or UTF-8 text when another format is named explicitly.
fn parse_secret(scheme: &Scheme, secret: &Bound<'_, PyAny>, format: Option<SecretFormat>) -> PyResult<Secret> {
    let py = secret.py();
    let invalid = |reason| errors::raise(py, &hooksig::Error::InvalidSecret { reason });
    let parsed = if let Ok(text) = secret.cast::<PyString>() {
        let text = utf8(text).ok_or_else(|| invalid("not valid Unicode"))?;
        hooksig::Webhook::parse_secret(scheme, &text, format)
    } else if let Ok(bytes) = secret.cast::<PyBytes>() {
        match format {
            None | Some(SecretFormat::Raw) => Secret::from_bytes(bytes.as_bytes()),
            Some(format) => {
                let text = std::str::from_utf8(bytes.as_bytes()).map_err(|_| invalid("bytes secret is not UTF-8 text"))?;
                Secret::parse(text, format)
            }
        }
    } else {
        return Err(PyTypeError::new_err(format!("a secret must be str or bytes, not {}", type_name(secret))));
    };
    parsed.map_err(|e| errors::raise(py, &e))
}

/// An authentic, fresh delivery.
#[pyclass(frozen, module = "hooksig", name = "Verification", eq)]
#[derive(Debug, PartialEq)]
struct Verification {
    /// The scheme's name (`standard`, `stripe`, a custom scheme's `name`).
    #[pyo3(get)]
    scheme: String,
    /// Index of the matching key in the keyring, in the order given.
    #[pyo3(get)]
    key_index: usize,
    /// The matching key's hint (`...` and its last four characters).
    #[pyo3(get)]
    key_hint: String,
    /// The message id, where the scheme has one.
    #[pyo3(get)]
    id: Option<String>,
    /// The signed timestamp in unix seconds, where the scheme has one.
    #[pyo3(get)]
    timestamp: Option<i64>,
    /// `hmac-sha256`, `hmac-sha1` or `ed25519`.
    #[pyo3(get)]
    kind: &'static str,
}

#[pymethods]
impl Verification {
    /// A record with these fields: what pickling and copying rebuild it from.
    #[new]
    #[pyo3(signature = (scheme, key_index, key_hint, id, timestamp, kind))]
    fn new(
        scheme: String,
        key_index: usize,
        key_hint: String,
        id: Option<String>,
        timestamp: Option<i64>,
        kind: &str,
    ) -> PyResult<Self> {
        let kind = ["hmac-sha256", "hmac-sha1", "ed25519"]
            .into_iter()
            .find(|k| *k == kind)
            .ok_or_else(|| PyValueError::new_err("kind must be hmac-sha256, hmac-sha1 or ed25519"))?;
        Ok(Verification { scheme, key_index, key_hint, id, timestamp, kind })
    }

    /// Pickling and `copy` (a result handed to another process: Celery, multiprocessing).
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> (Bound<'py, PyType>, (String, usize, String, Option<String>, Option<i64>, &'static str)) {
        let v = slf.get();
        (slf.get_type(), (v.scheme.clone(), v.key_index, v.key_hint.clone(), v.id.clone(), v.timestamp, v.kind))
    }

    fn __repr__(&self) -> String {
        format!(
            "Verification(scheme={:?}, key_index={}, key_hint={:?}, id={}, timestamp={}, kind={:?})",
            self.scheme,
            self.key_index,
            self.key_hint,
            self.id.as_ref().map_or_else(|| "None".to_owned(), |id| format!("{id:?}")),
            self.timestamp.map_or_else(|| "None".to_owned(), |t| t.to_string()),
            self.kind
        )
    }
}

/// The core `Webhook` with the header names it reads, ready for Python lookups.
#[pyclass(frozen, module = "hooksig._hooksig", name = "NativeWebhook")]
#[derive(Debug)]
struct NativeWebhook {
    inner: hooksig::Webhook,
    names: Vec<String>,
    py_names: Vec<Py<PyString>>,
    /// How many leading `names` belong to the primary variant (Standard: `webhook-*`).
    primary: usize,
    hints: Vec<String>,
    tolerance: u64,
    needs_id: bool,
}

#[pymethods]
impl NativeWebhook {
    /// `keys`: `(secret, not_after)` pairs, already normalised by the Python layer.
    #[new]
    #[pyo3(signature = (scheme, custom, keys, format, tolerance))]
    fn new(
        py: Python<'_>,
        scheme: &str,
        custom: Option<&str>,
        keys: Vec<(Bound<'_, PyAny>, Option<i64>)>,
        format: &str,
        tolerance: u64,
    ) -> PyResult<Self> {
        let scheme = scheme_from(py, scheme, custom)?;
        let format = secret_format(py, format)?;
        if keys.len() > hooksig::limits::MAX_KEYS {
            return Err(errors::raise(py, &hooksig::Error::TooManyKeys { limit: hooksig::limits::MAX_KEYS }));
        }
        let mut ring = Vec::with_capacity(keys.len());
        for (secret, not_after) in &keys {
            let key = Key::new(parse_secret(&scheme, secret, format)?);
            ring.push(match not_after {
                Some(end) => key.not_after(*end),
                None => key,
            });
        }
        let inner = hooksig::Webhook::new(scheme, ring).map_err(|e| errors::raise(py, &e))?.tolerance(tolerance);
        let needs_id = inner.signs_id();
        let names: Vec<String> = inner.header_names().map(str::to_owned).collect();
        let py_names = names.iter().map(|n| PyString::intern(py, n).unbind()).collect();
        let primary = inner.primary_header_count();
        let hints = inner.keys().iter().map(|k| k.secret().hint().to_owned()).collect();
        Ok(NativeWebhook { inner, names, py_names, primary, hints, tolerance, needs_id })
    }

    /// Verifies; returns a `Verification` or raises a `WebhookError`.
    #[pyo3(signature = (payload, headers, now=None))]
    fn verify(
        &self,
        py: Python<'_>,
        payload: &Bound<'_, PyAny>,
        headers: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Verification> {
        let body = Body::from_object(payload, "payload")?;
        let fetched = headers::fetch(headers, &self.names, &self.py_names, self.primary)?;
        let now = unix_now(now)?;
        let bytes = body.as_slice();
        let inner = &self.inner;
        let result = if bytes.len() >= DETACH_THRESHOLD {
            py.detach(|| inner.verify(bytes, &fetched, now))
        } else {
            inner.verify(bytes, &fetched, now)
        };
        let verified = result.map_err(|e| errors::raise(py, &e))?;
        Ok(Verification {
            scheme: self.inner.scheme().name().to_owned(),
            key_index: verified.key_index,
            key_hint: self.hints.get(verified.key_index).cloned().unwrap_or_default(),
            id: verified.id,
            timestamp: verified.timestamp,
            kind: kind_name(verified.kind),
        })
    }

    /// Every header a sender attaches, as `(name, value)` pairs in order.
    #[pyo3(signature = (id, timestamp, data))]
    fn sign(
        &self,
        py: Python<'_>,
        id: Option<&Bound<'_, PyAny>>,
        timestamp: i64,
        data: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<(String, String)>> {
        let body = Body::from_object(data, "data")?;
        let id = match id.filter(|i| !i.is_none()) {
            None => None,
            Some(id) => {
                let text = id
                    .cast::<PyString>()
                    .map_err(|_| PyTypeError::new_err(format!("msg_id must be str, not {}", type_name(id))))?;
                Some(utf8(text).ok_or_else(|| errors::argument(py, "message id is not valid Unicode"))?)
            }
        };
        let bytes = body.as_slice();
        let inner = &self.inner;
        let id = id.as_deref();
        let result = if bytes.len() >= DETACH_THRESHOLD {
            py.detach(|| inner.sign(id, timestamp, bytes))
        } else {
            inner.sign(id, timestamp, bytes)
        };
        result.map_err(|e| errors::raise_signing(py, &e))
    }

    /// The primary signature header's name as the provider sends it.
    #[getter]
    fn signature_header(&self) -> String {
        self.names.get(self.primary.saturating_sub(1)).cloned().unwrap_or_default()
    }

    /// Whether signing needs a message id (`{id}` in the signed content).
    #[getter]
    fn needs_id(&self) -> bool {
        self.needs_id
    }

    #[getter]
    fn scheme(&self) -> &str {
        self.inner.scheme().name()
    }

    #[getter]
    fn hints(&self) -> Vec<String> {
        self.hints.clone()
    }

    #[getter]
    fn expiries(&self) -> Vec<Option<i64>> {
        self.inner.keys().iter().map(Key::expiry).collect()
    }

    #[getter]
    fn tolerance(&self) -> u64 {
        self.tolerance
    }

    #[getter]
    fn header_names(&self) -> Vec<String> {
        self.names.clone()
    }

    fn __repr__(&self) -> String {
        format!("NativeWebhook(scheme={:?}, keys={:?})", self.inner.scheme().name(), self.hints)
    }
}

/// A random secret of `nbytes` in the scheme's format (or `format`), from the OS's CSPRNG.
#[pyfunction]
#[pyo3(signature = (nbytes, scheme, custom, format))]
fn generate_secret(py: Python<'_>, nbytes: u64, scheme: &str, custom: Option<&str>, format: &str) -> PyResult<String> {
    let scheme = scheme_from(py, scheme, custom)?;
    let format = secret_format(py, format)?.unwrap_or_else(|| scheme.default_secret_format());
    let nbytes = usize::try_from(nbytes).unwrap_or(usize::MAX);
    hooksig::generate_secret(&mut rand_core::OsRng, nbytes, format)
        .map(|s| s.as_str().to_owned())
        .map_err(|e| errors::raise(py, &e))
}

/// A Standard Webhooks v1a key pair: (`whsk_` secret key, `whpk_` public key).
#[pyfunction]
fn generate_ed25519_keypair() -> (String, String) {
    let (secret, public) = hooksig::generate_ed25519_keypair(&mut rand_core::OsRng);
    (secret.as_str().to_owned(), public)
}

/// `msg_` and 24 random base62 characters (~143 bits), like the ids Standard Webhooks senders use.
#[pyfunction]
fn new_message_id() -> String {
    use rand_core::RngCore;
    const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut id = String::from("msg_");
    let mut rng = rand_core::OsRng;
    while id.len() < 28 {
        // Rejection sampling keeps every character uniform: 248 = 4 * 62.
        let byte = (rng.next_u32() & 0xff) as u8;
        if byte < 248 {
            id.push(char::from(ALPHABET[usize::from(byte % 62)]));
        }
    }
    id
}

/// Unix seconds from an `int`, a `float` or an aware `datetime` (`not_after`, sign timestamps).
#[pyfunction]
fn _unix_seconds(value: &Bound<'_, PyAny>, what: &str) -> PyResult<i64> {
    unix_seconds(value, what)
}

/// Test helper: the key bytes and hint a secret yields (`tests/vectors/secrets.json`).
#[pyfunction]
fn _parse_secret<'py>(
    py: Python<'py>,
    secret: &Bound<'py, PyAny>,
    format: &str,
    scheme: &str,
) -> PyResult<(Bound<'py, PyBytes>, String)> {
    let scheme = scheme_from(py, scheme, None)?;
    let parsed = parse_secret(&scheme, secret, secret_format(py, format)?)?;
    Ok((PyBytes::new(py, parsed.key_bytes()), parsed.hint().to_owned()))
}

/// Test helper: HMAC-SHA-256 through the core's MAC engine (RFC 4231, Wycheproof).
#[pyfunction]
fn _hmac_sha256<'py>(py: Python<'py>, key: &[u8], data: &[u8]) -> Bound<'py, PyBytes> {
    use hooksig::mac::{Algorithm, MacBackend, SoftwareMac};
    PyBytes::new(py, &SoftwareMac.hmac(Algorithm::Sha256, key, &[data]))
}

#[pymodule(gil_used = false)]
fn _hooksig(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeWebhook>()?;
    m.add_class::<Verification>()?;
    m.add_function(wrap_pyfunction!(generate_secret, m)?)?;
    m.add_function(wrap_pyfunction!(generate_ed25519_keypair, m)?)?;
    m.add_function(wrap_pyfunction!(new_message_id, m)?)?;
    m.add_function(wrap_pyfunction!(_parse_secret, m)?)?;
    m.add_function(wrap_pyfunction!(_unix_seconds, m)?)?;
    m.add_function(wrap_pyfunction!(_hmac_sha256, m)?)?;
    m.add("DETACH_THRESHOLD", DETACH_THRESHOLD)?;
    m.add("MAX_HEADER_BYTES", hooksig::limits::MAX_HEADER_BYTES)?;
    m.add("MAX_KEYS", hooksig::limits::MAX_KEYS)?;
    // The core's codes, and the ones that mean "not authentic or not fresh": hooksig/_errors.py maps
    // its classes and HTTP statuses from these rather than from a list of its own.
    m.add("_CODES", hooksig::engine::CODES)?;
    let verification: Vec<&str> = hooksig::engine::Code::ALL.into_iter().filter(|c| c.is_verification_failure()).map(|c| c.as_str()).collect();
    m.add("_VERIFICATION_CODES", PyTuple::new(m.py(), verification)?)?;
    Ok(())
}

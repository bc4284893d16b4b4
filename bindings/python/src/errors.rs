//! Core errors become the package's exception classes (defined in Python, `hooksig/_errors.py`, so
//! they are ordinary, picklable `ValueError` subclasses): one class per code, structured fields as
//! attributes. The message is the core's `Display`, which never contains secret material.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;

static FACTORY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn factory(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    FACTORY
        .get_or_try_init(py, || Ok::<_, PyErr>(py.import("hooksig._errors")?.getattr("_from_native")?.unbind()))
        .map(|f| f.bind(py))
}

fn build(py: Python<'_>, error: &hooksig::Error, signing: bool) -> PyResult<PyErr> {
    use hooksig::Error as E;
    let fields = PyDict::new(py);
    match error {
        E::MissingHeader { name } | E::MalformedHeader { name, .. } => fields.set_item("header", name)?,
        E::HeaderTooLarge { name, limit } => {
            fields.set_item("header", name)?;
            fields.set_item("limit", limit)?;
        }
        E::TooManySignatures { limit } | E::TooManyKeys { limit } => fields.set_item("limit", limit)?,
        E::TimestampTooOld { timestamp, now, tolerance } | E::TimestampTooNew { timestamp, now, tolerance } => {
            fields.set_item("timestamp", timestamp)?;
            fields.set_item("now", now)?;
            fields.set_item("tolerance", tolerance)?;
        }
        E::SecretTooShort { min, .. } => fields.set_item("limit", min)?,
        E::SecretTooLong { max, .. } => fields.set_item("limit", max)?,
        _ => {}
    }
    let exception = factory(py)?.call1((error.code(), error.to_string(), fields, signing))?;
    Ok(PyErr::from_value(exception))
}

/// The Python exception for a core error (`WebhookVerificationError` for verification failures,
/// the secret/scheme/argument classes otherwise).
pub(crate) fn raise(py: Python<'_>, error: &hooksig::Error) -> PyErr {
    build(py, error, false).unwrap_or_else(|e| e)
}

/// The exception for a core error while signing: never `WebhookVerificationError` (no key valid
/// at the timestamp, or a timestamp out of range, is the sender's configuration or argument).
pub(crate) fn raise_signing(py: Python<'_>, error: &hooksig::Error) -> PyErr {
    build(py, error, true).unwrap_or_else(|e| e)
}

/// `INVALID_ARGUMENT` with a binding-side reason.
pub(crate) fn argument(py: Python<'_>, reason: &'static str) -> PyErr {
    raise(py, &hooksig::Error::InvalidArgument { reason })
}

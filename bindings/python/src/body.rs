//! Reading a delivery's body without copying it.
//!
//! `bytes` is borrowed directly (immutable, kept alive by the caller's reference). `bytearray` and
//! `memoryview` go through the buffer protocol: while a buffer is exported, a `bytearray` cannot be
//! resized, so the slice stays valid even with the GIL released for hashing. `str` is encoded as
//! UTF-8 (the only copy, and unavoidable: the signature is over bytes).

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyMemoryView, PyString};

/// A body held for the duration of one call.
pub(crate) enum Body<'py> {
    Bytes(Bound<'py, PyBytes>),
    Text(Vec<u8>),
    #[cfg(unix)]
    Buffer(buffer::Exported),
    #[cfg(not(unix))]
    Copied(Vec<u8>),
}

impl<'py> Body<'py> {
    /// `what` names the argument in the `TypeError` ("payload", "data").
    pub(crate) fn from_object(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Self> {
        if let Ok(bytes) = obj.cast::<PyBytes>() {
            return Ok(Body::Bytes(bytes.clone()));
        }
        if let Ok(text) = obj.cast::<PyString>() {
            // Under abi3-py39 pyo3 encodes through a temporary `bytes`: one copy either way.
            return match crate::utf8(text) {
                Some(s) => Ok(Body::Text(s.into_owned().into_bytes())),
                None => Err(crate::errors::argument(obj.py(), "body is a str that is not valid Unicode (lone surrogates)")),
            };
        }
        if obj.is_instance_of::<PyByteArray>() || obj.is_instance_of::<PyMemoryView>() {
            #[cfg(unix)]
            return buffer::Exported::new(obj).map(Body::Buffer);
            #[cfg(not(unix))]
            return Ok(Body::Copied(obj.call_method0("__bytes__").or_else(|_| obj.py().get_type::<PyBytes>().call1((obj,)))?.extract()?));
        }
        Err(PyTypeError::new_err(format!(
            "{what} must be bytes, bytearray, memoryview or str, not {}",
            crate::type_name(obj)
        )))
    }

    pub(crate) fn as_slice(&self) -> &[u8] {
        match self {
            Body::Bytes(bytes) => bytes.as_bytes(),
            Body::Text(text) => text,
            #[cfg(unix)]
            Body::Buffer(buffer) => buffer.as_slice(),
            #[cfg(not(unix))]
            Body::Copied(bytes) => bytes,
        }
    }
}

#[cfg(unix)]
#[allow(unsafe_code)]
mod buffer {
    //! The buffer protocol under `abi3-py39`. pyo3 exposes `PyObject_GetBuffer` only for the 3.11
    //! stable ABI, where `Py_buffer` and these two functions were *added* to the stable ABI after
    //! having been public, unchanged API since Python 3.3. On Unix an extension module's symbols are
    //! resolved against the running interpreter, which exports both in every CPython 3.x, so
    //! declaring them here is sound for 3.9 and 3.10 as well. (Windows' `python3.dll` does not export
    //! them before 3.11: there the body is copied instead.)

    use std::ffi::{c_char, c_int, c_void};
    use std::ptr;

    use pyo3::ffi::{PyObject, Py_ssize_t};
    use pyo3::prelude::*;

    /// `Py_buffer` exactly as CPython has laid it out since 3.3 (and as the 3.11 stable ABI fixes it).
    #[repr(C)]
    struct PyBuffer {
        buf: *mut c_void,
        obj: *mut PyObject,
        len: Py_ssize_t,
        itemsize: Py_ssize_t,
        readonly: c_int,
        ndim: c_int,
        format: *mut c_char,
        shape: *mut Py_ssize_t,
        strides: *mut Py_ssize_t,
        suboffsets: *mut Py_ssize_t,
        internal: *mut c_void,
    }

    extern "C" {
        fn PyObject_GetBuffer(obj: *mut PyObject, view: *mut PyBuffer, flags: c_int) -> c_int;
        fn PyBuffer_Release(view: *mut PyBuffer);
    }

    /// `PyBUF_SIMPLE`: a C-contiguous run of bytes, or an error (non-contiguous memoryviews).
    const PYBUF_SIMPLE: c_int = 0;

    /// An exported buffer, released on drop.
    pub(crate) struct Exported {
        view: Box<PyBuffer>,
    }

    // SAFETY: the exporter is pinned (it cannot resize or free its memory while exported) and we
    // only ever read it. `Drop` needs the GIL, which `Python::attach` takes (it is a no-op when
    // already held, as it always is here: `Exported` never outlives the call that created it).
    unsafe impl Send for Exported {}
    unsafe impl Sync for Exported {}

    impl Exported {
        pub(crate) fn new(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
            let mut view = Box::new(PyBuffer {
                buf: ptr::null_mut(),
                obj: ptr::null_mut(),
                len: 0,
                itemsize: 0,
                readonly: 0,
                ndim: 0,
                format: ptr::null_mut(),
                shape: ptr::null_mut(),
                strides: ptr::null_mut(),
                suboffsets: ptr::null_mut(),
                internal: ptr::null_mut(),
            });
            // SAFETY: `obj` is a live object (we hold the GIL and a reference); `view` is a valid,
            // writable `Py_buffer`. On failure CPython sets an exception and leaves `view` unowned.
            let status = unsafe { PyObject_GetBuffer(obj.as_ptr(), &mut *view, PYBUF_SIMPLE) };
            if status != 0 {
                return Err(PyErr::take(obj.py()).unwrap_or_else(|| {
                    pyo3::exceptions::PyTypeError::new_err("body does not export a contiguous buffer")
                }));
            }
            Ok(Exported { view })
        }

        pub(crate) fn as_slice(&self) -> &[u8] {
            let len = usize::try_from(self.view.len).unwrap_or(0);
            if self.view.buf.is_null() || len == 0 {
                return &[];
            }
            // SAFETY: PyBUF_SIMPLE guarantees `len` contiguous readable bytes at `buf`, valid until
            // `PyBuffer_Release`, which only `Drop` calls.
            unsafe { std::slice::from_raw_parts(self.view.buf.cast::<u8>(), len) }
        }
    }

    impl Drop for Exported {
        fn drop(&mut self) {
            Python::attach(|_| {
                // SAFETY: the view was filled by a successful `PyObject_GetBuffer` and is released once.
                unsafe { PyBuffer_Release(&mut *self.view) }
            });
        }
    }
}

//! The engine under [`Webhook`](crate::Webhook) and the bindings: a scheme's table and a keyring
//! built in place ([`Hook`], [`Keyring`]), header values read by position, and failures as a
//! small `Copy` value ([`Fail`]). A binding that names headers and formats messages itself (the npm
//! package's wasm) drives it directly; `Webhook` is its face for Rust and Python.
//!
//! Why this shape: the npm package's browser download is held to 20 KiB, and in wasm every `?` on
//! a 32-byte `Error` copies it, and every `Result` of a built value is moved up through each layer
//! (npm/README.md, "Browser download"). Here a failure is 8 bytes, names its header by position
//! and carries its numbers as plain integers; the public [`Error`] is made from it, with the
//! context only the caller holds, where it is returned ([`Fail::into_error`]), and its message is
//! written without `core::fmt` ([`Fail::write_message`]).

mod hook;
mod keys;
pub(crate) mod message;
pub(crate) mod reason;

pub use crate::scheme::{CustomSchemeRef, LayoutRef};
pub(crate) use hook::{Candidates, Read};
pub use hook::{Hook, Verified};
pub use keys::{write_secret, Keyring};
pub use reason::Reason;
pub use crate::secret::check_generated_len;
pub use crate::text::utf8;

/// How the preset named `name` reads a secret given without a format (`whsec_` for Standard
/// Webhooks, text for the others), without laying the preset out.
pub fn preset_secret_format(name: &str) -> Result<crate::SecretFormat, Fail> {
    crate::wire::preset_traits(name).map(|(format, _)| format)
}

use crate::error::Error;

/// The stable error codes, in the order of [`Code`]: a binding's status numbers index this.
pub const CODES: [&str; 16] = [
    "MISSING_HEADER",
    "MALFORMED_HEADER",
    "HEADER_TOO_LARGE",
    "TOO_MANY_SIGNATURES",
    "NO_MATCHING_SIGNATURE",
    "INVALID_TIMESTAMP",
    "TIMESTAMP_TOO_OLD",
    "TIMESTAMP_TOO_NEW",
    "NO_ACTIVE_KEY",
    "EMPTY_SECRET",
    "INVALID_SECRET",
    "SECRET_TOO_SHORT",
    "SECRET_TOO_LONG",
    "TOO_MANY_KEYS",
    "INVALID_SCHEME",
    "INVALID_ARGUMENT",
];

/// Which [`Error`] variant a [`Fail`] is; `code as usize` indexes [`CODES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
#[allow(missing_docs)] // one per `Error` variant, named alike
pub enum Code {
    MissingHeader,
    MalformedHeader,
    HeaderTooLarge,
    TooManySignatures,
    NoMatchingSignature,
    InvalidTimestamp,
    TimestampTooOld,
    TimestampTooNew,
    NoActiveKey,
    EmptySecret,
    InvalidSecret,
    SecretTooShort,
    SecretTooLong,
    TooManyKeys,
    InvalidScheme,
    InvalidArgument,
}

impl Code {
    /// Every code, in the order of [`CODES`].
    pub const ALL: [Code; 16] = [
        Code::MissingHeader,
        Code::MalformedHeader,
        Code::HeaderTooLarge,
        Code::TooManySignatures,
        Code::NoMatchingSignature,
        Code::InvalidTimestamp,
        Code::TimestampTooOld,
        Code::TimestampTooNew,
        Code::NoActiveKey,
        Code::EmptySecret,
        Code::InvalidSecret,
        Code::SecretTooShort,
        Code::SecretTooLong,
        Code::TooManyKeys,
        Code::InvalidScheme,
        Code::InvalidArgument,
    ];

    /// The stable code string ([`Error::code`]).
    #[allow(clippy::indexing_slicing)] // `Code` has exactly `CODES.len()` variants, numbered from 0
    pub const fn as_str(self) -> &'static str {
        CODES[self as usize]
    }

    /// Whether this code means "the delivery is not authentic or not fresh"
    /// ([`Error::is_verification_failure`]): the first nine, through [`Code::NoActiveKey`].
    pub const fn is_verification_failure(self) -> bool {
        self as u8 <= Code::NoActiveKey as u8
    }
}

/// A failure: `Copy`, two words (8 bytes in wasm32), nothing to drop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fail {
    /// What failed.
    pub code: Code,
    /// The header, by position in the scheme's header names, for the header codes.
    pub header: u8,
    /// The codes that say why: their [`Reason`]; the counted codes: the bound the message names
    /// (a limit, a minimum or a maximum). No code has both, and one field keeps a `Fail` at 8
    /// bytes in wasm32, which it passes in a register (see engine/reason.rs).
    detail: u16,
    /// The count a message names: a secret's length, the bytes asked for.
    value: usize,
}

impl Fail {
    /// A failure with only a code.
    pub const fn new(code: Code) -> Fail {
        Fail { code, header: 0, detail: 0, value: 0 }
    }

    /// `code` for `reason`.
    pub const fn because(code: Code, reason: Reason) -> Fail {
        Fail { detail: reason as u16, ..Fail::new(code) }
    }

    /// Header `header` is absent or blank.
    pub const fn missing(header: u8) -> Fail {
        Fail { header, ..Fail::new(Code::MissingHeader) }
    }

    /// Header `header` is not in the scheme's syntax, for `reason`.
    pub const fn malformed(header: u8, reason: Reason) -> Fail {
        Fail { header, ..Fail::because(Code::MalformedHeader, reason) }
    }

    /// Header `header` is over [`MAX_HEADER_BYTES`](crate::limits::MAX_HEADER_BYTES).
    pub const fn too_large(header: u8) -> Fail {
        Fail { header, ..Fail::counted(Code::HeaderTooLarge, crate::limits::MAX_HEADER_BYTES, 0) }
    }

    /// `code` naming `value` against `limit`.
    pub const fn counted(code: Code, limit: usize, value: usize) -> Fail {
        // Limits are the crate's constants (at most 4096): saturated, never reached.
        let limit = if limit > u16::MAX as usize { u16::MAX } else { limit as u16 };
        Fail { detail: limit, value, ..Fail::new(code) }
    }

    /// Whether `code` says why (and `detail` is its reason).
    const fn has_reason(code: Code) -> bool {
        matches!(code, Code::MalformedHeader | Code::InvalidTimestamp | Code::InvalidSecret | Code::InvalidScheme | Code::InvalidArgument)
    }

    /// Why, for the codes that say (`""` for the others).
    pub fn reason(&self) -> &'static str {
        if Fail::has_reason(self.code) { reason::text_at(self.detail.into()) } else { "" }
    }

    /// The bound a message names, for the counted codes (0 for the others).
    pub fn limit(&self) -> usize {
        if Fail::has_reason(self.code) { 0 } else { self.detail.into() }
    }

    /// The count a message names (0 for the codes that name none).
    pub fn value(&self) -> usize {
        self.value
    }

    /// The public error, its header named by `name`. `timing`: the timestamp, `now` and tolerance
    /// a replay-window failure names (the caller holds them; the failure does not carry them).
    pub fn into_error<N>(self, name: impl FnOnce(u8) -> N, timing: (i64, i64, u64)) -> Error<N> {
        let (limit, value, reason) = (self.limit(), self.value(), self.reason());
        let (timestamp, now, tolerance) = timing;
        match self.code {
            Code::MissingHeader => Error::MissingHeader { name: name(self.header) },
            Code::MalformedHeader => Error::MalformedHeader { name: name(self.header), reason },
            Code::HeaderTooLarge => Error::HeaderTooLarge { name: name(self.header), limit },
            Code::TooManySignatures => Error::TooManySignatures { limit },
            Code::NoMatchingSignature => Error::NoMatchingSignature,
            Code::InvalidTimestamp => Error::InvalidTimestamp { reason },
            Code::TimestampTooOld => Error::TimestampTooOld { timestamp, now, tolerance },
            Code::TimestampTooNew => Error::TimestampTooNew { timestamp, now, tolerance },
            Code::NoActiveKey => Error::NoActiveKey,
            Code::EmptySecret => Error::EmptySecret,
            Code::InvalidSecret => Error::InvalidSecret { reason },
            Code::SecretTooShort => Error::SecretTooShort { min: limit, actual: value },
            Code::SecretTooLong => Error::SecretTooLong { max: limit, actual: value },
            Code::TooManyKeys => Error::TooManyKeys { limit },
            Code::InvalidScheme => Error::InvalidScheme { reason },
            Code::InvalidArgument => Error::InvalidArgument { reason },
        }
    }
}

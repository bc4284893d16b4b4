use alloc::string::String;
use core::fmt;

use crate::engine::message::{self, Parts};
use crate::engine::Code;

/// Everything that can go wrong, with a stable [`code`](Error::code) per variant.
///
/// Messages name headers, limits and timestamps, never secret material: an
/// `Error` is safe to log and to send back to the caller of a webhook endpoint.
///
/// `Name` is how a header is named: its text (the default, what the name-based API returns), or,
/// in [`Webhook::read_indexed`](crate::Webhook::read_indexed) and the other `_indexed` and
/// [`sign_each`](crate::Webhook::sign_each) methods, its position in
/// [`Webhook::header_names`](crate::Webhook::header_names) (`Error<u8>`): a binding that names
/// headers itself builds no string it would only copy again.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[allow(missing_docs)] // variant fields are named for what they hold
pub enum Error<Name = String> {
    /// A header the scheme needs is absent.
    MissingHeader { name: Name },
    /// A header is present but not in the scheme's syntax.
    MalformedHeader { name: Name, reason: &'static str },
    /// A header value is larger than [`limits::MAX_HEADER_BYTES`](crate::limits::MAX_HEADER_BYTES), or a
    /// signature header's values together are (a single-valued header may repeat one value).
    HeaderTooLarge { name: Name, limit: usize },
    /// A signature header carries more than [`limits::MAX_SIGNATURES`](crate::limits::MAX_SIGNATURES) entries.
    TooManySignatures { limit: usize },
    /// No signature of a supported version matches a key valid at `now`.
    NoMatchingSignature,
    /// A timestamp is not a canonical unsigned decimal integer in range.
    InvalidTimestamp { reason: &'static str },
    /// The timestamp is older than `now - tolerance`.
    TimestampTooOld { timestamp: i64, now: i64, tolerance: u64 },
    /// The timestamp is newer than `now + tolerance`.
    TimestampTooNew { timestamp: i64, now: i64, tolerance: u64 },
    /// Every key expired before `now` (verifying), or no key can sign (signing).
    NoActiveKey,
    /// The secret is empty, only whitespace, or decodes to no bytes.
    EmptySecret,
    /// The secret is not valid in its format.
    InvalidSecret { reason: &'static str },
    /// Fewer random bytes were asked for than the format allows ([`limits::MIN_GENERATED_BYTES`](crate::limits::MIN_GENERATED_BYTES);
    /// [`limits::WHSEC_GENERATED_BYTES`](crate::limits::WHSEC_GENERATED_BYTES) for `whsec_`).
    SecretTooShort { min: usize, actual: usize },
    /// The secret is longer than the limits allow.
    SecretTooLong { max: usize, actual: usize },
    /// More keys than [`limits::MAX_KEYS`](crate::limits::MAX_KEYS).
    TooManyKeys { limit: usize },
    /// An unknown scheme name or an invalid custom scheme.
    InvalidScheme { reason: &'static str },
    /// Any other argument out of range.
    InvalidArgument { reason: &'static str },
}

impl<Name> Error<Name> {
    /// The stable, SCREAMING_SNAKE_CASE code every binding exposes unchanged.
    pub const fn code(&self) -> &'static str {
        self.kind().as_str()
    }

    /// True for the errors that mean "this delivery is not authentic or not fresh", as opposed to a
    /// misconfigured secret, scheme or argument. Bindings raise their verification error type for these.
    pub const fn is_verification_failure(&self) -> bool {
        self.kind().is_verification_failure()
    }

    /// Which variant this is, as the engine numbers them ([`Code`]: its string is the code).
    pub(crate) const fn kind(&self) -> Code {
        match self {
            Error::MissingHeader { .. } => Code::MissingHeader,
            Error::MalformedHeader { .. } => Code::MalformedHeader,
            Error::HeaderTooLarge { .. } => Code::HeaderTooLarge,
            Error::TooManySignatures { .. } => Code::TooManySignatures,
            Error::NoMatchingSignature => Code::NoMatchingSignature,
            Error::InvalidTimestamp { .. } => Code::InvalidTimestamp,
            Error::TimestampTooOld { .. } => Code::TimestampTooOld,
            Error::TimestampTooNew { .. } => Code::TimestampTooNew,
            Error::NoActiveKey => Code::NoActiveKey,
            Error::EmptySecret => Code::EmptySecret,
            Error::InvalidSecret { .. } => Code::InvalidSecret,
            Error::SecretTooShort { .. } => Code::SecretTooShort,
            Error::SecretTooLong { .. } => Code::SecretTooLong,
            Error::TooManyKeys { .. } => Code::TooManyKeys,
            Error::InvalidScheme { .. } => Code::InvalidScheme,
            Error::InvalidArgument { .. } => Code::InvalidArgument,
        }
    }

    /// The same error with its header (if it names one) named by `name`.
    pub fn map_name<To>(self, name: impl FnOnce(Name) -> To) -> Error<To> {
        match self {
            Error::MissingHeader { name: n } => Error::MissingHeader { name: name(n) },
            Error::MalformedHeader { name: n, reason } => Error::MalformedHeader { name: name(n), reason },
            Error::HeaderTooLarge { name: n, limit } => Error::HeaderTooLarge { name: name(n), limit },
            Error::TooManySignatures { limit } => Error::TooManySignatures { limit },
            Error::NoMatchingSignature => Error::NoMatchingSignature,
            Error::InvalidTimestamp { reason } => Error::InvalidTimestamp { reason },
            Error::TimestampTooOld { timestamp, now, tolerance } => Error::TimestampTooOld { timestamp, now, tolerance },
            Error::TimestampTooNew { timestamp, now, tolerance } => Error::TimestampTooNew { timestamp, now, tolerance },
            Error::NoActiveKey => Error::NoActiveKey,
            Error::EmptySecret => Error::EmptySecret,
            Error::InvalidSecret { reason } => Error::InvalidSecret { reason },
            Error::SecretTooShort { min, actual } => Error::SecretTooShort { min, actual },
            Error::SecretTooLong { max, actual } => Error::SecretTooLong { max, actual },
            Error::TooManyKeys { limit } => Error::TooManyKeys { limit },
            Error::InvalidScheme { reason } => Error::InvalidScheme { reason },
            Error::InvalidArgument { reason } => Error::InvalidArgument { reason },
        }
    }
}

impl fmt::Display for Error {
    /// The engine's wording ([`Fail::write_message`](crate::engine::Fail::write_message) writes the
    /// same), with this error's header name and numbers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let none = Parts { code: self.kind(), header: "", reason: "", limit: 0, value: 0, timing: (0, 0, 0) };
        let parts = match self {
            Error::MissingHeader { name } => Parts { header: name, ..none },
            Error::MalformedHeader { name, reason } => Parts { header: name, reason, ..none },
            Error::HeaderTooLarge { name, limit } => Parts { header: name, limit: *limit as u64, ..none },
            Error::TooManySignatures { limit } | Error::TooManyKeys { limit } => Parts { limit: *limit as u64, ..none },
            Error::InvalidTimestamp { reason }
            | Error::InvalidSecret { reason }
            | Error::InvalidScheme { reason }
            | Error::InvalidArgument { reason } => Parts { reason, ..none },
            Error::TimestampTooOld { timestamp, now, tolerance } | Error::TimestampTooNew { timestamp, now, tolerance } => {
                Parts { timing: (*timestamp, *now, *tolerance), ..none }
            }
            Error::SecretTooShort { min: limit, actual } | Error::SecretTooLong { max: limit, actual } => {
                Parts { limit: *limit as u64, value: *actual as u64, ..none }
            }
            Error::NoMatchingSignature | Error::NoActiveKey | Error::EmptySecret => none,
        };
        let mut written = Ok(());
        // Every piece is a whole `str` (a text, a name, a reason) or ASCII digits.
        message::write(&parts, &mut |text: &[u8]| {
            written = written.and_then(|()| f.write_str(crate::text::utf8(text).unwrap_or_default()));
        });
        written
    }
}

impl core::error::Error for Error {}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;

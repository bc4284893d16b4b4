//! Bounds on everything an attacker controls, each enforced with a typed error.

/// Most parts in a custom scheme's template: placeholders and the literal text between them
/// ([`Error::InvalidScheme`](crate::Error::InvalidScheme)). Verifying hands the parts to the HMAC
/// as they are, from a fixed table, without copying them together.
pub const MAX_TEMPLATE_PARTS: usize = 16;
/// Largest size of one header value, and of a signature header's values together, in bytes
/// ([`Error::HeaderTooLarge`](crate::Error::HeaderTooLarge)). A single-valued header (id, timestamp)
/// may repeat one value (proxies duplicate headers): each repeat is held to the limit on its own.
pub const MAX_HEADER_BYTES: usize = 8 * 1024;
/// Longest message id a sender may sign with, in bytes
/// ([`Error::InvalidArgument`](crate::Error::InvalidArgument)).
pub const MAX_ID_BYTES: usize = 256;
/// Most entries in one signature header ([`Error::TooManySignatures`](crate::Error::TooManySignatures)).
pub const MAX_SIGNATURES: usize = 32;
/// Most keys in one keyring ([`Error::TooManyKeys`](crate::Error::TooManyKeys)).
pub const MAX_KEYS: usize = 16;
/// Longest key, in bytes, after decoding ([`Error::SecretTooLong`](crate::Error::SecretTooLong)).
pub const MAX_KEY_BYTES: usize = 1024;
/// Longest secret text before decoding, in bytes.
pub const MAX_SECRET_TEXT: usize = 4096;
/// Fewest random bytes [`generate_secret`](crate::generate_secret) will make (more for `whsec_`:
/// [`WHSEC_GENERATED_BYTES`]).
pub const MIN_GENERATED_BYTES: usize = 16;
/// Fewest and most random bytes in a generated `whsec_` secret: the Standard Webhooks
/// specification's "at least 24 bytes (192 bits, 512 maximum)".
pub const WHSEC_GENERATED_BYTES: (usize, usize) = (24, 512);
/// 9999-12-31T23:59:59Z: the last second a timestamp may name.
pub const MAX_TIMESTAMP: i64 = 253_402_300_799;
/// The replay window when none is given: five minutes either way.
pub const DEFAULT_TOLERANCE: u64 = 300;

//! Every failure's message, written without `core::fmt`: the formatting machinery is ~8 KB of wasm
//! that nothing else in a small build needs. [`Error`](crate::Error)'s `Display` writes through the
//! same texts ([`write`]), so there is one wording of each message.

use alloc::vec::Vec;

use super::{Code, Fail};

/// What a message names: the header, the reason, a limit and a count, the replay window's numbers
/// (each code uses the ones it says).
pub(crate) struct Parts<'a> {
    pub(crate) code: Code,
    pub(crate) header: &'a str,
    pub(crate) reason: &'a str,
    pub(crate) limit: u64,
    pub(crate) value: u64,
    /// (timestamp, now, tolerance).
    pub(crate) timing: (i64, i64, u64),
}

impl Fail {
    /// Appends the message the public `Error` displays: `header` names [`Fail::header`], `timing`
    /// is (timestamp, now, tolerance) as for [`Fail::into_error`].
    pub fn write_message(&self, header: &str, timing: (i64, i64, u64), out: &mut Vec<u8>) {
        let parts = Parts { code: self.code, header, reason: self.reason(), limit: self.limit() as u64, value: self.value() as u64, timing };
        write(&parts, &mut |text: &[u8]| out.extend_from_slice(text));
    }
}

/// Writes the message for `parts`, piece by piece (UTF-8), into `put`. Generic, not `dyn`: each
/// caller's instance appends directly (the wasm build has one caller).
pub(crate) fn write(parts: &Parts<'_>, put: &mut impl FnMut(&[u8])) {
    let Parts { code, header, reason, limit, value, timing: (timestamp, now, tolerance) } = *parts;
    let mut texts = |texts: &[&str]| texts.iter().for_each(|text| put(text.as_bytes()));
    match code {
        Code::MissingHeader => texts(&["missing header ", header]),
        Code::MalformedHeader => texts(&["malformed header ", header, ": ", reason]),
        Code::HeaderTooLarge => numbered(put, &[("header ", None), (header, None), (" is larger than ", Some(limit)), (" bytes", None)]),
        Code::TooManySignatures => numbered(put, &[("signature header has more than ", Some(limit)), (" entries", None)]),
        Code::NoMatchingSignature => texts(&["no matching signature"]),
        Code::InvalidTimestamp => texts(&["invalid timestamp: ", reason]),
        Code::TimestampTooOld | Code::TimestampTooNew => {
            put(b"timestamp ");
            signed(put, timestamp);
            numbered(put, &[(" is more than ", Some(tolerance))]);
            put(if code == Code::TimestampTooOld { b" s older than now (" } else { b" s newer than now (" });
            signed(put, now);
            put(b")");
        }
        Code::NoActiveKey => texts(&["no key in the keyring is valid at this time"]),
        Code::EmptySecret => texts(&["secret is empty"]),
        Code::InvalidSecret => texts(&["invalid secret: ", reason]),
        Code::SecretTooShort => numbered(put, &[("secret of ", Some(value)), (" bytes is shorter than the minimum of ", Some(limit))]),
        Code::SecretTooLong => numbered(put, &[("secret of ", Some(value)), (" bytes is longer than the maximum of ", Some(limit))]),
        Code::TooManyKeys => numbered(put, &[("more than ", Some(limit)), (" keys", None)]),
        Code::InvalidScheme => texts(&["invalid scheme: ", reason]),
        Code::InvalidArgument => texts(&["invalid argument: ", reason]),
    }
}

/// Each text, then its number (if any) in decimal.
fn numbered(put: &mut impl FnMut(&[u8]), parts: &[(&str, Option<u64>)]) {
    for (text, number) in parts {
        put(text.as_bytes());
        if let Some(n) = number {
            decimal(put, *n);
        }
    }
}

fn signed(put: &mut impl FnMut(&[u8]), n: i64) {
    if n < 0 {
        put(b"-");
    }
    decimal(put, n.unsigned_abs());
}

/// `n` in decimal. u64 arithmetic: i128 division would link ~1 KB of compiler-builtins.
fn decimal(put: &mut impl FnMut(&[u8]), mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    while at > 0 {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 {
            break;
        }
    }
    put(digits.get(at..).unwrap_or_default());
}

//! A failure's message without `core::fmt`: the formatting machinery is ~8 KB of wasm that nothing
//! else in a small build needs. The text is exactly [`Error`](crate::Error)'s `Display` (tested).

use alloc::vec::Vec;

use super::{Code, Fail};

impl Fail {
    /// Appends the message the public `Error` displays: `header` names [`Fail::header`], `timing`
    /// is (timestamp, now, tolerance) as for [`Fail::into_error`].
    pub fn write_message(&self, header: &str, timing: (i64, i64, u64), out: &mut Vec<u8>) {
        let (timestamp, now, tolerance) = timing;
        let mut put = |parts: &[&str]| parts.iter().for_each(|p| out.extend_from_slice(p.as_bytes()));
        let limit = u64::from(self.limit);
        let value = self.value as u64;
        match self.code {
            Code::MissingHeader => put(&["missing header ", header]),
            Code::MalformedHeader => put(&["malformed header ", header, ": ", self.reason]),
            Code::HeaderTooLarge => numbered(out, &[("header ", None), (header, None), (" is larger than ", Some(limit)), (" bytes", None)]),
            Code::TooManySignatures => numbered(out, &[("signature header has more than ", Some(limit)), (" entries", None)]),
            Code::NoMatchingSignature => put(&["no matching signature"]),
            Code::InvalidTimestamp => put(&["invalid timestamp: ", self.reason]),
            Code::TimestampTooOld | Code::TimestampTooNew => {
                put(&["timestamp "]);
                signed(out, timestamp);
                numbered(out, &[(" is more than ", Some(tolerance))]);
                out.extend_from_slice(if self.code == Code::TimestampTooOld { b" s older than now (" } else { b" s newer than now (" });
                signed(out, now);
                out.push(b')');
            }
            Code::NoActiveKey => put(&["no key in the keyring is valid at this time"]),
            Code::EmptySecret => put(&["secret is empty"]),
            Code::InvalidSecret => put(&["invalid secret: ", self.reason]),
            Code::SecretTooShort => numbered(out, &[("secret of ", Some(value)), (" bytes is shorter than the minimum of ", Some(limit))]),
            Code::SecretTooLong => numbered(out, &[("secret of ", Some(value)), (" bytes is longer than the maximum of ", Some(limit))]),
            Code::TooManyKeys => numbered(out, &[("more than ", Some(limit)), (" keys", None)]),
            Code::InvalidScheme => put(&["invalid scheme: ", self.reason]),
            Code::InvalidArgument => put(&["invalid argument: ", self.reason]),
        }
    }
}

/// Each text, then its number (if any) in decimal.
fn numbered(out: &mut Vec<u8>, parts: &[(&str, Option<u64>)]) {
    for (text, number) in parts {
        out.extend_from_slice(text.as_bytes());
        if let Some(n) = number {
            decimal(out, *n);
        }
    }
}

fn signed(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    decimal(out, n.unsigned_abs());
}

/// `n` in decimal. u64 arithmetic: i128 division would link ~1 KB of compiler-builtins.
fn decimal(out: &mut Vec<u8>, mut n: u64) {
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
    out.extend_from_slice(digits.get(at..).unwrap_or_default());
}

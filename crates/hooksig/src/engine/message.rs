//! Every failure's message, written without `core::fmt`: the formatting machinery is ~8 KB of wasm
//! that nothing else in a small build needs. [`Error`](crate::Error)'s `Display` writes through the
//! same texts ([`write`]), so there is one wording of each message.

use alloc::vec::Vec;

use super::{reason, Code, Fail};
use crate::timestamp::Decimal;

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

// Where a value goes in a message: a byte below any text's.
const HEADER: u8 = 1;
const REASON: u8 = 2;
const LIMIT: u8 = 3;
const VALUE: u8 = 4;
const TIMESTAMP: u8 = 5;
const NOW: u8 = 6;
const TOLERANCE: u8 = 7;

/// Declares the messages' table: their texts back to back ([`TEXTS`]) and where each ends.
macro_rules! messages {
    ($($text:literal,)*) => {
        const TEXTS: &str = concat!($($text,)*);
        const ENDS: [u16; Code::ALL.len()] = reason::ends(&[$($text,)*]);
    };
}

// Every code's message, in the order of `Code`, with a placeholder byte where each value goes. A
// table read by one loop, not a `match` that builds each message from pieces: less wasm in the
// npm package's browser download.
messages! {
    "missing header \u{1}",
    "malformed header \u{1}: \u{2}",
    "header \u{1} is larger than \u{3} bytes",
    "signature header has more than \u{3} entries",
    "no matching signature",
    "invalid timestamp: \u{2}",
    "timestamp \u{5} is more than \u{7} s older than now (\u{6})",
    "timestamp \u{5} is more than \u{7} s newer than now (\u{6})",
    "no key in the keyring is valid at this time",
    "secret is empty",
    "invalid secret: \u{2}",
    "secret of \u{4} bytes is shorter than the minimum of \u{3}",
    "secret of \u{4} bytes is longer than the maximum of \u{3}",
    "more than \u{3} keys",
    "invalid scheme: \u{2}",
    "invalid argument: \u{2}",
}

/// Writes the message for `parts`, piece by piece (UTF-8), into `put`. Generic, not `dyn`: each
/// caller's instance appends directly (the wasm build has one caller).
pub(crate) fn write(parts: &Parts<'_>, put: &mut impl FnMut(&[u8])) {
    let Parts { code, header, reason, limit, value, timing: (timestamp, now, tolerance) } = *parts;
    let template = reason::piece(TEXTS, &ENDS, code as usize).as_bytes();
    let mut start = 0;
    for (at, &byte) in template.iter().enumerate() {
        if byte > TOLERANCE {
            continue;
        }
        put(template.get(start..at).unwrap_or_default());
        start = at + 1;
        match byte {
            HEADER => put(header.as_bytes()),
            REASON => put(reason.as_bytes()),
            LIMIT => decimal(put, limit),
            VALUE => decimal(put, value),
            TIMESTAMP => signed(put, timestamp),
            NOW => signed(put, now),
            _ => decimal(put, tolerance),
        }
    }
    put(template.get(start..).unwrap_or_default());
}

fn signed(put: &mut impl FnMut(&[u8]), n: i64) {
    if n < 0 {
        put(b"-");
    }
    decimal(put, n.unsigned_abs());
}

/// `n` in decimal.
fn decimal(put: &mut impl FnMut(&[u8]), n: u64) {
    put(Decimal::of(n).as_bytes());
}

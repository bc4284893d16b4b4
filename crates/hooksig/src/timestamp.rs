use crate::engine::{Code, Fail, Reason};
use crate::limits::MAX_TIMESTAMP;

/// The unit a scheme writes its timestamps in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TimestampUnit {
    /// Unix seconds.
    #[default]
    Seconds,
    /// Unix milliseconds.
    Milliseconds,
}

impl TimestampUnit {
    const fn per_second(self) -> i64 {
        match self {
            TimestampUnit::Seconds => 1,
            TimestampUnit::Milliseconds => 1000,
        }
    }
}

/// Parses a canonical unsigned decimal (no sign, fraction, suffix or leading zero) and returns
/// whole unix seconds. Strict because the text is signed as received: `0123` and `123` must not
/// both verify, and `123abc` must not pass as `123` the way `parseInt` would let it.
pub(crate) fn parse(text: &[u8], unit: TimestampUnit) -> Result<i64, Fail> {
    let invalid = |reason| Err(Fail::because(Code::InvalidTimestamp, reason));
    match text {
        [] => return invalid(Reason::EmptyTimestamp),
        [b'0', _, ..] => return invalid(Reason::LeadingZero),
        _ => {}
    }
    let max = MAX_TIMESTAMP.saturating_mul(unit.per_second()).saturating_add(unit.per_second() - 1);
    let mut value: i64 = 0;
    for &c in text {
        if !c.is_ascii_digit() {
            return invalid(Reason::NotDecimal);
        }
        // `value <= max` (< 2^48) before each step, so this cannot overflow: no `checked_mul`,
        // which in wasm is a call to a 128-bit multiply.
        value = value * 10 + i64::from(c - b'0');
        if value > max {
            return invalid(Reason::AfterYear9999);
        }
    }
    Ok(value / unit.per_second())
}

/// Two-sided replay window: `now - tolerance <= timestamp <= now + tolerance`, for every `i64`
/// and `u64`. (The failure names no numbers: the caller holds all three.)
pub(crate) fn check(timestamp: i64, now: i64, tolerance: u64) -> Result<(), Fail> {
    // The distance between two i64s always fits a u64, and two's-complement subtraction modulo
    // 2^64 gives it exactly: no overflow, and no i128 (a call to a 128-bit multiply in wasm).
    let distance = |later: i64, earlier: i64| (later as u64).wrapping_sub(earlier as u64);
    if now >= timestamp && distance(now, timestamp) > tolerance {
        Err(Fail::new(Code::TimestampTooOld))
    } else if timestamp > now && distance(timestamp, now) > tolerance {
        Err(Fail::new(Code::TimestampTooNew))
    } else {
        Ok(())
    }
}

/// A timestamp (checked by [`check_signable`]) as the decimal text a scheme sends, without pulling
/// `core::fmt` into the signing path (it is most of a small wasm build), and without allocating.
/// Outside that range it is clamped into it, so that the product needs no overflow check (a
/// saturating one is a 128-bit multiply in wasm).
pub(crate) fn decimal(timestamp: i64, unit: TimestampUnit) -> Decimal {
    Decimal::of((timestamp.clamp(0, MAX_TIMESTAMP) as u64).wrapping_mul(unit.per_second() as u64))
}

/// Up to 20 decimal digits (`u64::MAX` has 20).
pub(crate) struct Decimal {
    digits: [u8; 20],
    start: usize,
}

impl Decimal {
    /// `value` in decimal. u64 arithmetic: i128 division would link ~1 KB of compiler-builtins.
    pub(crate) fn of(mut value: u64) -> Decimal {
        let mut decimal = Decimal { digits: [0; 20], start: 20 };
        for slot in decimal.digits.iter_mut().rev() {
            *slot = b'0' + (value % 10) as u8;
            value /= 10;
            decimal.start -= 1;
            if value == 0 {
                break;
            }
        }
        decimal
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.digits.get(self.start..).unwrap_or_default()
    }
}

/// Checks a timestamp a caller wants to sign with.
pub(crate) fn check_signable(timestamp: i64) -> Result<(), Fail> {
    if (0..=MAX_TIMESTAMP).contains(&timestamp) {
        Ok(())
    } else {
        Err(Fail::because(Code::InvalidTimestamp, Reason::OutsideYears))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_integers() {
        assert_eq!(parse(b"1614265330", TimestampUnit::Seconds), Ok(1_614_265_330));
        assert_eq!(parse(b"0", TimestampUnit::Seconds), Ok(0));
        assert_eq!(parse(b"1614265330123", TimestampUnit::Milliseconds), Ok(1_614_265_330));
        for bad in [
            &b""[..], b"01", b"-1", b"+1", b"1.5", b"1e9", b"12abc", b" 1", b"1 ",
            b"99999999999999999999999", b"253402300800",
        ] {
            assert!(parse(bad, TimestampUnit::Seconds).is_err(), "{bad:?}");
        }
        assert_eq!(parse(b"253402300799", TimestampUnit::Seconds), Ok(MAX_TIMESTAMP));
        assert_eq!(parse(b"253402300799999", TimestampUnit::Milliseconds), Ok(MAX_TIMESTAMP));
        assert!(parse(b"253402300800000", TimestampUnit::Milliseconds).is_err());
    }

    #[test]
    fn decimal_text() {
        assert_eq!(decimal(0, TimestampUnit::Seconds).as_bytes(), b"0");
        assert_eq!(decimal(1_614_265_330, TimestampUnit::Seconds).as_bytes(), b"1614265330");
        assert_eq!(decimal(MAX_TIMESTAMP, TimestampUnit::Milliseconds).as_bytes(), b"253402300799000");
        assert_eq!(decimal(i64::MAX, TimestampUnit::Milliseconds).as_bytes(), b"253402300799000");
        assert_eq!(decimal(-1, TimestampUnit::Seconds).as_bytes(), b"0");
        assert_eq!(parse(decimal(MAX_TIMESTAMP, TimestampUnit::Seconds).as_bytes(), TimestampUnit::Seconds), Ok(MAX_TIMESTAMP));
    }

    #[test]
    fn window_is_two_sided_and_inclusive() {
        assert!(check(1000, 1300, 300).is_ok());
        assert!(check(1600, 1300, 300).is_ok());
        assert!(matches!(check(999, 1300, 300), Err(Fail { code: Code::TimestampTooOld, .. })));
        assert!(matches!(check(1601, 1300, 300), Err(Fail { code: Code::TimestampTooNew, .. })));
        assert!(check(0, i64::MAX, u64::MAX).is_ok());
        assert!(matches!(check(MAX_TIMESTAMP, i64::MIN, 0), Err(Fail { code: Code::TimestampTooNew, .. })));
        // At the extremes, against the exact answer in i128.
        let samples = [i64::MIN, i64::MIN + 1, -1, 0, 1, MAX_TIMESTAMP, i64::MAX - 1, i64::MAX];
        let tolerances = [0, 1, 300, i64::MAX as u64, i64::MAX as u64 + 1, u64::MAX - 1, u64::MAX];
        for (timestamp, now, tolerance) in samples.iter().flat_map(|t| samples.iter().map(move |n| (*t, *n))).flat_map(|(t, n)| tolerances.map(|w| (t, n, w))) {
            let age = i128::from(now) - i128::from(timestamp);
            let expected = if age > i128::from(tolerance) {
                Some(Code::TimestampTooOld)
            } else if -age > i128::from(tolerance) {
                Some(Code::TimestampTooNew)
            } else {
                None
            };
            assert_eq!(check(timestamp, now, tolerance).err().map(|f| f.code), expected, "{timestamp} {now} {tolerance}");
        }
    }
}

//! The few Unicode text operations the crate needs, on bytes: `str::trim`, `char::is_control` and
//! (feature `small`) `str::from_utf8` give the same answers, and in wasm each pulls in tables and
//! a character decoder, or a word-at-a-time ASCII path: 1.4 KB of code, 0.8 KB of the npm
//! package's gzip download, for secrets, ids and scheme fields of a few dozen bytes. The tests
//! compare each with `core` over every character.

/// Whether `seq` is exactly one White_Space character (what `char::is_whitespace` accepts):
/// U+0009..U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F,
/// U+205F and U+3000, UTF-8 encoded. The bytes are read as one number after a leading 1, so that
/// `[0, 0x20]` is not `[0x20]`.
fn is_space(seq: Option<&[u8]>) -> bool {
    let number = seq.map_or(0, |seq| seq.iter().fold(1u32, |n, b| n << 8 | u32::from(*b)));
    matches!(
        number,
        0x109..=0x10D
            | 0x120
            | 0x1_C285
            | 0x1_C2A0
            | 0x1E1_9A80
            | 0x1E2_8080..=0x1E2_808A
            | 0x1E2_80A8
            | 0x1E2_80A9
            | 0x1E2_80AF
            | 0x1E2_819F
            | 0x1E3_8080
    )
}

/// `text` without leading and trailing White_Space, as `str::trim`. In valid UTF-8 a prefix or
/// suffix that is one whole encoded character starts and ends on character boundaries, so every
/// cut is one.
pub(crate) fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    let (mut start, mut end) = (0, bytes.len());
    // `n`: the length of the character tried next (White_Space is one to three bytes).
    let mut n = 1;
    while n <= 3 && start + n <= end {
        if is_space(bytes.get(start..start + n)) {
            (start, n) = (start + n, 1);
        } else {
            n += 1;
        }
    }
    n = 1;
    while n <= 3 && start + n <= end {
        if is_space(bytes.get(end - n..end)) {
            (end, n) = (end - n, 1);
        } else {
            n += 1;
        }
    }
    text.get(start..end).unwrap_or_default()
}

/// Whether `text` has a control character (general category Cc, as `char::is_control`):
/// U+0000..U+001F and U+007F..U+009F; the last 32 are encoded `C2 80`..`C2 9F`.
pub(crate) fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(byte) = bytes.get(at) {
        at += 1;
        if *byte < 0x20 || *byte == 0x7F || (*byte == 0xC2 && bytes.get(at).is_some_and(|next| *next <= 0x9F)) {
            return true;
        }
    }
    false
}

/// `bytes` as text if they are UTF-8, as `core::str::from_utf8(bytes).ok()`.
#[cfg(not(feature = "small"))]
pub fn utf8(bytes: &[u8]) -> Option<&str> {
    core::str::from_utf8(bytes).ok()
}

/// `bytes` as text if they are UTF-8, as `core::str::from_utf8(bytes).ok()`: checked by
/// [`is_utf8`], in a fifth of the code.
#[cfg(feature = "small")]
pub fn utf8(bytes: &[u8]) -> Option<&str> {
    debug_assert_eq!(is_utf8(bytes), core::str::from_utf8(bytes).is_ok());
    if !is_utf8(bytes) {
        return None;
    }
    // SAFETY: `is_utf8` accepts exactly the well-formed UTF-8 byte sequences (the Unicode
    // Standard's table 3-7), which is `from_utf8_unchecked`'s contract; the tests check it against
    // `core::str::from_utf8` for every sequence of up to three bytes and every four-byte one's
    // boundaries, and debug builds check every call.
    #[allow(unsafe_code)]
    Some(unsafe { core::str::from_utf8_unchecked(bytes) })
}

/// Whether `bytes` are well-formed UTF-8: each lead byte followed by as many continuation bytes
/// as it announces, encoding a code point that needs that many (no overlong forms) and is a
/// `char` (no surrogates, nothing past U+10FFFF).
#[cfg(any(feature = "small", test))]
fn is_utf8(bytes: &[u8]) -> bool {
    let mut at = 0;
    while let Some(lead) = bytes.get(at) {
        at += 1;
        // How many continuation bytes the lead byte announces (its leading ones, less one), and
        // the smallest code point that needs them.
        let (more, min) = match lead.leading_ones() {
            0 => continue,
            2 => (1, 0x80),
            3 => (2, 0x800),
            4 => (3, 0x1_0000),
            _ => return false,
        };
        let mut code = u32::from(*lead) & (0x3F >> more);
        for _ in 0..more {
            match bytes.get(at) {
                Some(b) if b & 0xC0 == 0x80 => code = code << 6 | u32::from(b & 0x3F),
                _ => return false,
            }
            at += 1;
        }
        if code < min || char::from_u32(code).is_none() {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use alloc::string::String;
    use alloc::vec::Vec;
    use proptest::prelude::*;

    fn every_char() -> impl Iterator<Item = char> {
        (0..=u32::from(char::MAX)).filter_map(char::from_u32)
    }

    #[test]
    fn trim_is_str_trim_for_every_character() {
        for c in every_char() {
            for text in [String::from(c), alloc::format!("{c}{c}x{c}"), alloc::format!("x{c}\u{3000} {c}"), alloc::format!(" {c}\u{85}")] {
                assert_eq!(trim(&text), text.trim(), "{:?}", c as u32);
            }
        }
    }

    #[test]
    fn has_control_is_char_is_control_for_every_character() {
        for c in every_char() {
            for text in [String::from(c), alloc::format!("ab{c}"), alloc::format!("{c}\u{a0}")] {
                assert_eq!(has_control(&text), text.chars().any(char::is_control), "{:?}", c as u32);
            }
        }
        assert!(!has_control("\u{a0}\u{c2}\u{100}"));
    }

    #[test]
    fn is_utf8_is_from_utf8_for_every_sequence_up_to_three_bytes() {
        for n in 0..=0xFF_FFFFu32 {
            let [_, a, b, c] = n.to_be_bytes();
            for bytes in [&[c][..], &[b, c], &[a, b, c]] {
                assert_eq!(is_utf8(bytes), core::str::from_utf8(bytes).is_ok(), "{bytes:x?}");
            }
        }
    }

    #[test]
    fn is_utf8_is_from_utf8_at_four_byte_boundaries() {
        // Every first and second byte; the last two at the edges of each byte class.
        let edges = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF];
        for a in 0..=0xFF {
            for b in 0..=0xFF {
                for c in edges {
                    for d in edges {
                        let bytes = [a, b, c, d];
                        assert_eq!(is_utf8(&bytes), core::str::from_utf8(&bytes).is_ok(), "{bytes:x?}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_character_is_utf8_alone_and_cut_short() {
        for c in every_char() {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert!(is_utf8(bytes));
            for cut in 1..bytes.len() {
                assert!(!is_utf8(&bytes[..cut]) && !is_utf8(&bytes[cut..]));
            }
        }
    }

    proptest! {
        #[test]
        fn utf8_agrees_with_core(bytes in proptest::collection::vec(any::<u8>(), 0..24)) {
            prop_assert_eq!(utf8(&bytes), core::str::from_utf8(&bytes).ok());
        }

        #[test]
        fn valid_text_is_utf8(text in "\\PC{0,16}") {
            prop_assert_eq!(utf8(text.as_bytes()), Some(text.as_str()));
        }

        #[test]
        fn trim_agrees_with_core(parts in proptest::collection::vec(prop_oneof![
            Just("\u{a0}"), Just("\u{2028}"), Just(" "), Just("\t"), Just("\u{3000}"), Just("\u{85}"), Just("\u{200b}"), Just("é"), Just("x"), Just("\u{205f}")
        ], 0..8)) {
            let text: String = parts.concat();
            prop_assert_eq!(trim(&text), text.trim());
            let chars: Vec<char> = text.chars().collect();
            prop_assert_eq!(has_control(&text), chars.iter().any(|c| c.is_control()));
        }
    }
}

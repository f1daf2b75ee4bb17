//! Character classes shared by the stages: what sits on the CJK grid.

/// Characters set on the CJK grid, one em each: Han, kana, Hangul,
/// full-width punctuation and forms. Curly quotes, the dash and the ellipsis
/// count as wide here; [`is_wide_in`] refines quotes by context.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF
        | 0x3200..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF | 0xF900..=0xFAFF | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFF)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '⸺' | '⸻')
}

/// `is_wide` with context: an apostrophe between two Latin letters
/// (don’t, O’Neil) belongs to the Latin word.
pub fn is_wide_in(prev: Option<char>, c: char, next: Option<char>) -> bool {
    if c == '’' || c == '‘' {
        let latin = |x: Option<char>| x.is_some_and(|x| x.is_alphanumeric() && !is_wide(x));
        if latin(prev) && latin(next) {
            return false;
        }
    }
    is_wide(c)
}

/// Ideographs and kana: the characters that take emphasis dots and count as
/// "a character" for lone-character rules.
pub fn is_ideographic(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x20000..=0x3FFFF | 0x3005 | 0x3007)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_and_narrow() {
        assert!(is_wide('中') && is_wide('，') && is_wide('“') && is_wide('　'));
        assert!(!is_wide('a') && !is_wide('1') && !is_wide(','));
        assert!(!is_wide_in(Some('n'), '’', Some('t')));
        assert!(is_wide_in(Some('说'), '’', Some('。')));
        assert!(is_ideographic('字') && !is_ideographic('，'));
    }
}

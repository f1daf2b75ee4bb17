//! Punctuation classes and 避头尾 (line-start and line-end prohibitions),
//! CLREQ §2 and §3, as data.

use super::style::Prohibition;

/// How a full-width punctuation mark sits in its em box, which decides where
/// its blank half is and whether it may start or end a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PunctClass {
    /// Opening brackets and quotes （「『《〈【〔〖｛［“‘: glyph on the right half.
    Opening,
    /// Closing brackets and quotes ）」』》〉】〕〗｝］”’: glyph on the left half.
    Closing,
    /// Stops and commas 。．，、: glyph on the left half (mainland style).
    Stop,
    /// Colon, semicolon, ! and ? ：；！？: glyph on the left half (GB).
    Pause,
    /// The interpunct · and katakana middle dot ・: centred.
    Middle,
    /// — and …: two of them make the inseparable —— and …….
    Inseparable,
}

/// The class of a character, or `None` for characters that are not
/// CJK punctuation.
pub fn punct_class(c: char) -> Option<PunctClass> {
    use PunctClass::*;
    Some(match c {
        '（' | '「' | '『' | '《' | '〈' | '【' | '〔' | '〖' | '｛' | '［' | '“' | '‘' | '〘' => {
            Opening
        }
        '）' | '」' | '』' | '》' | '〉' | '】' | '〕' | '〗' | '｝' | '］' | '”' | '’' | '〙' => {
            Closing
        }
        '。' | '．' | '，' | '、' => Stop,
        '：' | '；' | '！' | '？' => Pause,
        '·' | '・' => Middle,
        '—' | '…' | '⸺' | '⸻' => Inseparable,
        _ => return None,
    })
}

/// Characters that may not begin a line at the basic level (CLREQ §2):
/// stops, pauses, closing brackets and quotes, the interpunct, and the
/// connector marks.
fn basic_not_at_start(c: char) -> bool {
    matches!(
        punct_class(c),
        Some(PunctClass::Closing | PunctClass::Stop | PunctClass::Pause | PunctClass::Middle)
    ) || matches!(
        c,
        '～' | '〜' | '々' | '〻' | '゛' | '゜' | 'ー' | '%' | '‰' | '℃'
    ) || matches!(c, ',' | '.' | ';' | ':' | '?' | '!' | ')' | ']' | '}')
}

/// Characters that may not end a line at the basic level: opening brackets
/// and quotes.
fn basic_not_at_end(c: char) -> bool {
    punct_class(c) == Some(PunctClass::Opening) || matches!(c, '(' | '[' | '{')
}

/// May `c` begin a line under this level?
pub fn may_start_line(c: char, level: Prohibition) -> bool {
    match level {
        Prohibition::None => true,
        Prohibition::Basic => !basic_not_at_start(c),
        // GB/T 15834: the solidus and the hyphen-like connectors stay with
        // what precedes them.
        Prohibition::Gb => !basic_not_at_start(c) && !matches!(c, '／' | '/' | '－' | '～'),
        Prohibition::Strict => {
            !basic_not_at_start(c)
                && !matches!(c, '／' | '/' | '－' | '～')
                && punct_class(c) != Some(PunctClass::Inseparable)
        }
    }
}

/// May `c` end a line under this level?
pub fn may_end_line(c: char, level: Prohibition) -> bool {
    match level {
        Prohibition::None => true,
        _ => !basic_not_at_end(c),
    }
}

/// —— and …… never split across lines, at any level.
pub fn inseparable(a: char, b: char) -> bool {
    a == b && punct_class(a) == Some(PunctClass::Inseparable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Prohibition::*;

    #[test]
    fn closing_marks_do_not_start_a_line() {
        for c in "，。、；：！？）」』》〉】〕”’·".chars() {
            assert!(!may_start_line(c, Basic), "{c}");
            assert!(may_start_line(c, None), "{c}");
        }
        assert!(may_start_line('中', Strict));
    }

    #[test]
    fn opening_marks_do_not_end_a_line() {
        for c in "（「『《〈【〔“‘".chars() {
            assert!(!may_end_line(c, Basic), "{c}");
            assert!(may_end_line(c, None), "{c}");
        }
        assert!(may_end_line('。', Strict));
    }

    #[test]
    fn dashes_and_ellipses_at_line_start_only_under_strict() {
        assert!(may_start_line('—', Basic) && may_start_line('…', Gb));
        assert!(!may_start_line('—', Strict) && !may_start_line('…', Strict));
        assert!(inseparable('—', '—') && inseparable('…', '…') && !inseparable('—', '…'));
    }

    #[test]
    fn gb_level_keeps_the_solidus() {
        assert!(may_start_line('／', Basic));
        assert!(!may_start_line('／', Gb));
    }
}

//! Punctuation the OCR misread, put back before the other repairs:
//! `.` or `o` after a Han character for 。, ``` `` ''``` for quotation marks,
//! `[ ]` for “ ” (or 「 」), 一一 for the dash ——; and jump lines whose
//! brackets or first and last characters the OCR misread.

use super::names::is_han;

/// The quotation marks a paragraph uses: “ ” or, in Traditional text,
/// 「 」.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    pub corner: bool,
}

impl Style {
    pub fn of(text: &str) -> Style {
        Style {
            corner: text.contains(['「', '」']) || super::lang::is_traditional(text),
        }
    }

    pub fn double(self) -> (char, char) {
        if self.corner {
            ('「', '」')
        } else {
            ('“', '”')
        }
    }

    pub fn single(self) -> (char, char) {
        if self.corner {
            ('『', '』')
        } else {
            ('‘', '’')
        }
    }
}

/// `.` or `o` right after a Han character (or a closing mark after one,
/// 盼着的”.), where no Latin word or number goes on: a full stop.
pub(super) fn stops(chars: &mut [char], changes: &mut Vec<String>) {
    let mut n = 0;
    for i in 1..chars.len() {
        let after = chars.get(i + 1).copied();
        let word_goes_on = after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.');
        // Tesseract may put a space before it.
        let before = chars[..i]
            .iter()
            .rev()
            .find(|c| **c != ' ' && !super::shape::QUOTES_CLOSING.contains(**c))
            .copied();
        if matches!(chars[i], '.' | 'o') && before.is_some_and(is_han) && !word_goes_on {
            chars[i] = '。';
            n += 1;
        }
    }
    if n > 0 {
        changes.push(format!(". or o after a Han character → 。 ({n}×)"));
    }
}

/// ``` `` ``` and `''` (and doubled ‘‘ ’’) as Tesseract reads “ and ”.
pub(super) fn tex_quotes(chars: &mut Vec<char>, style: Style, changes: &mut Vec<String>) {
    let (open, close) = style.double();
    let mut out = Vec::with_capacity(chars.len());
    let mut n = 0;
    let mut i = 0;
    while i < chars.len() {
        let pair = (chars[i], chars.get(i + 1).copied());
        let to = match pair {
            ('`', Some('`')) | ('‘', Some('‘')) => Some(open),
            ('\'', Some('\'')) | ('’', Some('’')) => Some(close),
            _ => None,
        };
        match to {
            Some(q) => {
                out.push(q);
                n += 1;
                i += 2;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    if n > 0 {
        changes.push(format!("`` and '' → {open}{close} ({n}×)"));
    }
    *chars = out;
}

/// `[ … ]` around Chinese text: quotation marks the OCR read as brackets.
pub(super) fn bracket_quotes(chars: &mut [char], style: Style, changes: &mut Vec<String>) {
    let (open, close) = style.double();
    let mut n = 0;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '['
            && let Some(len) = chars[i + 1..].iter().position(|&c| c == ']' || c == '[')
            && chars[i + 1 + len] == ']'
            && chars[i + 1..i + 1 + len].iter().any(|&c| is_han(c))
        {
            chars[i] = open;
            chars[i + 1 + len] = close;
            n += 1;
            i += len + 2;
            continue;
        }
        i += 1;
    }
    if n > 0 {
        changes.push(format!("[ ] → {open}{close} ({n}×)"));
    }
}

/// In a heading, a lone quotation mark between two Han characters is the
/// OCR's reading of the full-width space between two phrases
/// (第七百八十九回”雨夜的来信).
pub(super) fn gap_quote(chars: &mut [char], changes: &mut Vec<String>) {
    let marks: Vec<usize> = (0..chars.len())
        .filter(|&i| matches!(chars[i], '“' | '”' | '"'))
        .collect();
    if let [i] = marks[..] {
        let prev = chars[..i].iter().rev().find(|c| **c != ' ').copied();
        let next = chars[i + 1..].iter().find(|c| **c != ' ').copied();
        if prev.is_some_and(is_han) && next.is_some_and(is_han) {
            changes.push(format!(
                "{} between two phrases → a full-width space",
                chars[i]
            ));
            chars[i] = '　';
        }
    }
}

/// Verbs 一一 ("one by one") goes with: 一一对应, 一一介绍.
const ONE_BY_ONE: &str = "对對介解回作答核登记記检檢排落说說讲講点點道握告询詢查比清展过過拜走签簽验驗处處化修更拍品送问問看列举舉数數指核记錄录";

/// What comes before 一一 when it means "one by one": 都一一, 他们一一.
const BEFORE: &str = "都们們并並逐将將已要来來去会會能可均各皆又也再了着著地被给給";

/// 一一 standing for the dash ——: at a clause edge, or between Han
/// characters that do not read "one by one".
pub(super) fn dashes(chars: &mut [char], changes: &mut Vec<String>) {
    let mut n = 0;
    let mut i = 0;
    while i + 1 < chars.len() {
        let pair = (chars[i], chars[i + 1]);
        // A dash half read as 一 (一— or —一), not a dash before 一 (——一座).
        let lone = chars.get(i + 2) != Some(&'—') && (i == 0 || chars[i - 1] != '—');
        let dashy = pair == ('一', '一') || lone && matches!(pair, ('一', '—') | ('—', '一'));
        let run3 = chars.get(i + 2) == Some(&'一') || (i > 0 && chars[i - 1] == '一');
        if !dashy || run3 {
            i += 1;
            continue;
        }
        let prev = i.checked_sub(1).map(|k| chars[k]);
        let next = chars.get(i + 2).copied();
        let after_clause = prev.is_none_or(|c| !is_han(c));
        let before_clause = next.is_none_or(|c| !is_han(c));
        let verb = pair == ('一', '一') && next.is_some_and(|c| ONE_BY_ONE.contains(c));
        let adverb = pair == ('一', '一') && prev.is_some_and(|c| BEFORE.contains(c));
        let dash = if before_clause {
            true
        } else if after_clause {
            prev.is_none() || !verb
        } else {
            !verb && !adverb
        };
        if dash {
            chars[i] = '—';
            chars[i + 1] = '—';
            n += 1;
        }
        i += 2;
    }
    if n > 0 {
        changes.push(format!("一一 → —— ({n}×)"));
    }
}

/// `（未转第2士）`: a jump line in its brackets with its first and last
/// characters misread (下 and 版): one character, 转第 or 接第, a number,
/// one character. Nothing else a page prints in brackets has that shape.
pub(super) fn jump_in_brackets(inner: &str) -> Option<bool> {
    let s: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
    let mut cs = s.chars();
    cs.next()?;
    let rest = cs.as_str();
    let (tail, opens) = [("转第", false), ("轉第", false), ("接第", true)]
        .iter()
        .find_map(|(k, o)| rest.strip_prefix(k).map(|r| (r, *o)))?;
    let digits = tail.chars().take_while(|c| c.is_ascii_digit()).count();
    (digits > 0 && tail[digits..].chars().count() == 1).then_some(!opens)
}

/// `CE上接第 12 版)`: a jump line whose brackets the OCR misread (as
/// letters or half-width marks): 上接第/下转第, a number and 版, with at
/// most two characters that are not Han on either side.
pub(super) fn jump_line(t: &str) -> Option<bool> {
    let s: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let (at, opens) = ["上接第", "下转第", "下轉第"]
        .iter()
        .find_map(|k| s.find(k).map(|i| (i, *k == "上接第")))?;
    let after = &s[at + "上接第".len()..];
    let digits = after.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest = after.get(digits..)?.strip_prefix('版')?;
    let loose = |p: &str| p.chars().count() <= 2 && !p.chars().any(is_han);
    (digits > 0 && loose(&s[..at]) && loose(rest)).then_some(!opens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, f: impl Fn(&mut Vec<char>)) -> String {
        let mut cs: Vec<char> = s.chars().collect();
        f(&mut cs);
        cs.into_iter().collect()
    }

    #[test]
    fn misread_stops() {
        let f = |cs: &mut Vec<char>| stops(cs, &mut Vec::new());
        assert_eq!(run("旧字帖o", f), "旧字帖。");
        assert_eq!(run("图书馆o去年", f), "图书馆。去年");
        assert_eq!(run("自由职业者.", f), "自由职业者。");
        assert_eq!(run("GPS.好 2.19元 叫oil", f), "GPS.好 2.19元 叫oil");
    }

    #[test]
    fn misread_quotes() {
        let s = Style::default();
        let f = |cs: &mut Vec<char>| tex_quotes(cs, s, &mut Vec::new());
        assert_eq!(run("``白天''", f), "“白天”");
        let f = |cs: &mut Vec<char>| bracket_quotes(cs, s, &mut Vec::new());
        assert_eq!(run("说:[要一间房。]见[1]", f), "说:“要一间房。”见[1]");
        let t = Style { corner: true };
        let f = |cs: &mut Vec<char>| bracket_quotes(cs, t, &mut Vec::new());
        assert_eq!(run("[那就是香港了。]", f), "「那就是香港了。」");
    }

    #[test]
    fn misread_dashes() {
        let f = |cs: &mut Vec<char>| dashes(cs, &mut Vec::new());
        assert_eq!(run("这里安静一一安静得", f), "这里安静——安静得");
        assert_eq!(run("一一记者随车走访", f), "——记者随车走访");
        assert_eq!(run("他们一一握手", f), "他们一一握手");
        assert_eq!(run("问题一一解答", f), "问题一一解答");
        assert_eq!(run("“好一一”", f), "“好——”");
        assert_eq!(run("——一座百年石桥", f), "——一座百年石桥");
        assert_eq!(run("好—一走", f), "好——走");
    }
}

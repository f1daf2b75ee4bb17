//! Repairs inside one paragraph: spaces the printed column left between CJK
//! characters, half-width punctuation in Chinese, straight quotes, dot
//! ellipses, dashes, formula fragments and stray heading marks, and the
//! OCR's misreadings (misread.rs). Every change is described so the report
//! can list it.

use super::misread;
pub use super::misread::Style;
use super::names::is_han;
use crate::script::is_wide;

/// CJK text: ideographs, kana, full-width punctuation.
fn cjk(c: char) -> bool {
    is_wide(c) && !matches!(c, '“' | '”' | '‘' | '’')
}

fn latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// The result of repairing one paragraph: the text and what was changed.
pub struct Repaired {
    pub text: String,
    pub changes: Vec<String>,
    /// Problems left for an editor (unbalanced quotes), not guessed at.
    pub warnings: Vec<String>,
}

pub fn repair(input: &str) -> Repaired {
    repair_with(input, true, Style::default())
}

pub fn repair_with_style(input: &str, style: Style) -> Repaired {
    repair_with(input, true, style)
}

/// For headlines and heads, where one space between two CJK groups is set
/// on purpose (第七章 渡口): runs of spaces shrink to one but stay (and a
/// full-width space stays as it is), unless the OCR put a space between
/// every two characters; spaces next to Latin letters or digits go as in
/// the body.
pub fn repair_heading(input: &str) -> Repaired {
    repair_heading_with(input, Style::default())
}

pub fn repair_heading_with(input: &str, style: Style) -> Repaired {
    let collapsed = input
        .split([' ', '\t'])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    repair_with(&collapsed, false, style)
}

fn repair_with(input: &str, join_spaces: bool, style: Style) -> Repaired {
    let mut changes = Vec::new();
    let mut warnings = Vec::new();
    let mut chars: Vec<char> = input.chars().collect();
    formulas(&mut chars, &mut changes);
    heading_marks(&mut chars, &mut changes);
    misread::tex_quotes(&mut chars, style, &mut changes);
    misread::bracket_quotes(&mut chars, style, &mut changes);
    // Punctuation first: once a comma is full width, the space after it is
    // a space next to CJK and goes too.
    if !join_spaces {
        label_dot(&mut chars, &mut changes);
    }
    ellipses(&mut chars, &mut changes);
    misread::stops(&mut chars, &mut changes);
    misread::dashes(&mut chars, &mut changes);
    dashes(&mut chars, &mut changes);
    punctuation(&mut chars, &mut changes);
    if join_spaces {
        spaces(&mut chars, &mut changes);
    } else {
        misread::gap_quote(&mut chars, &mut changes);
        heading_spaces(&mut chars, &mut changes);
    }
    quotes(&mut chars, style, &mut changes, &mut warnings);
    Repaired {
        text: chars.into_iter().collect(),
        changes,
        warnings,
    }
}

/// `$…$` spans and TeX commands (`\omega`) are what is left of formulas the
/// OCR could not read; the text around them is kept.
fn formulas(chars: &mut Vec<char>, changes: &mut Vec<String>) {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '$'
            && let Some(len) = chars[i + 1..].iter().position(|&d| d == '$')
            && len <= 40
        {
            let span: String = chars[i..i + len + 2].iter().collect();
            changes.push(format!("removed formula fragment {span}"));
            i += len + 2;
            continue;
        }
        if c == '\\' && chars.get(i + 1).is_some_and(|d| d.is_ascii_alphabetic()) {
            let len = chars[i + 1..]
                .iter()
                .take_while(|d| d.is_ascii_alphabetic())
                .count();
            let span: String = chars[i..i + 1 + len].iter().collect();
            changes.push(format!("removed formula fragment {span}"));
            i += 1 + len;
            continue;
        }
        out.push(c);
        i += 1;
    }
    *chars = out;
}

/// A column label's centred dot read as an ellipsis (`城事…旧楼`): one
/// mark, not the pair an ellipsis is set as, between two short Han words
/// in a heading.
fn label_dot(chars: &mut Vec<char>, changes: &mut Vec<String>) {
    let t: String = chars.iter().collect();
    let Some((a, b)) = t.split_once('…') else {
        return;
    };
    let word = |w: &str| (2..=4).contains(&w.chars().count()) && w.chars().all(is_han);
    if word(a) && word(b) {
        *chars = format!("{a}·{b}").chars().collect();
        changes.push(format!(
            "{t}: a column label's dot read as an ellipsis: → ·"
        ));
    }
}

/// `#` marks inside a paragraph are heading marks the OCR put in the wrong
/// place; a number sign in running Chinese text is written ＃.
fn heading_marks(chars: &mut Vec<char>, changes: &mut Vec<String>) {
    let before = chars.len();
    let mut out = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        if c == '#' && !next.is_some_and(|n| n.is_ascii_digit()) {
            continue;
        }
        out.push(c);
    }
    if out.len() != before {
        changes.push(format!(
            "removed {} stray heading mark(s) #",
            before - out.len()
        ));
    }
    *chars = out;
}

/// Spaces next to CJK go: between two CJK characters they are where a
/// printed line broke, and between CJK and Latin the typesetter adds its own
/// quarter em. Spaces between Latin words stay, collapsed to one.
fn spaces(chars: &mut Vec<char>, changes: &mut Vec<String>) {
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut removed = 0;
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let prev = out.last().copied();
            let next = chars.get(i).copied();
            let keep = match (prev, next) {
                (Some(p), Some(n)) => !cjk(p) && !cjk(n),
                _ => false,
            };
            if keep {
                out.push(' ');
                removed += i - start - 1;
            } else {
                removed += i - start;
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    if removed > 0 {
        changes.push(format!("removed {removed} space(s) between CJK characters"));
    }
    *chars = out;
}

/// In a heading, a space between two CJK characters is a phrase gap and
/// stays, unless the OCR spaced out the whole line; other spaces next to
/// CJK go, as in the body.
fn heading_spaces(chars: &mut Vec<char>, changes: &mut Vec<String>) {
    let gap = |k: usize| chars[k] == ' ';
    let spaced = (1..chars.len().saturating_sub(1))
        .filter(|&k| gap(k) && cjk(chars[k - 1]) && cjk(chars[k + 1]))
        .count();
    let tight = chars.windows(2).filter(|w| cjk(w[0]) && cjk(w[1])).count();
    let spaced_out = spaced >= 2 && spaced >= tight;
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut removed = 0;
    for (k, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = out.last().copied();
            let next = chars.get(k + 1).copied();
            let keep = match (prev, next) {
                (Some(p), Some(n)) if cjk(p) && cjk(n) => !spaced_out && p != '　' && n != '　',
                (Some(p), Some(n)) => !cjk(p) && !cjk(n),
                _ => false,
            };
            if !keep {
                removed += 1;
                continue;
            }
        }
        out.push(c);
    }
    if removed > 0 {
        changes.push(format!("removed {removed} space(s) next to CJK characters"));
    }
    *chars = out;
}

/// The nearest characters before `start` and from `end` on that are not
/// spaces: a printed line break may sit between a mark and its text.
fn neighbours(chars: &[char], start: usize, end: usize) -> (Option<char>, Option<char>) {
    let prev = chars[..start]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .copied();
    let next = chars[end..].iter().find(|c| !c.is_whitespace()).copied();
    (prev, next)
}

fn near_cjk(chars: &[char], start: usize, end: usize) -> bool {
    let (prev, next) = neighbours(chars, start, end);
    prev.is_some_and(cjk) || next.is_some_and(cjk)
}

/// Three or more dots (ASCII or full-width), 。。。, a single …, or ··· next to
/// Chinese text become the two-em ellipsis ……
fn ellipses(chars: &mut Vec<char>, changes: &mut Vec<String>) {
    let run = |rest: &[char]| match rest[0] {
        c @ ('.' | '．' | '。' | '·' | '…') => rest.iter().take_while(|&&d| d == c).count(),
        _ => 0,
    };
    // …… is already right, a lone … is one em short; other marks count
    // only in threes or more.
    let replace = |chars: &[char], i: usize, len: usize| {
        let c = chars[i];
        (c == '…' || len >= 3) && near_cjk(chars, i, i + len) && !(c == '…' && len == 2)
    };
    two_em_runs(chars, changes, '…', run, replace);
}

/// Two or more hyphens, a lone dash or three dashes next to Chinese text
/// become the two-em dash ——
fn dashes(chars: &mut Vec<char>, changes: &mut Vec<String>) {
    let dash = |c: &char| matches!(c, '-' | '—' | '―' | '─');
    let run = |rest: &[char]| rest.iter().take_while(|c| dash(c)).count();
    let replace = |chars: &[char], i: usize, len: usize| {
        let dash_like = chars[i] != '-' || len >= 2;
        dash_like && chars[i..i + len] != ['—', '—'] && near_cjk(chars, i, i + len)
    };
    two_em_runs(chars, changes, '—', run, replace);
}

/// Replaces runs of marks by the two-em mark `to` `to`: `run` gives the
/// length of the run starting a slice (0 for none), `replace` whether the
/// run at `i` of length `len` is replaced (and then reported).
fn two_em_runs(
    chars: &mut Vec<char>,
    changes: &mut Vec<String>,
    to: char,
    run: impl Fn(&[char]) -> usize,
    replace: impl Fn(&[char], usize, usize) -> bool,
) {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let len = run(&chars[i..]);
        if len == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        if replace(chars, i, len) {
            let span: String = chars[i..i + len].iter().collect();
            changes.push(format!("{span} → {to}{to}"));
            out.extend([to, to]);
        } else {
            out.extend(&chars[i..i + len]);
        }
        i += len;
    }
    *chars = out;
}

/// Half-width , : ; ? ! ( ) next to CJK text become full width; a decimal
/// point, a time (9:30) and a thousands comma (1,000) stay.
fn punctuation(chars: &mut [char], changes: &mut Vec<String>) {
    let mut counts: Vec<(char, char, usize)> = Vec::new();
    let mut note = |from: char, to: char| match counts.iter_mut().find(|e| e.0 == from) {
        Some(e) => e.2 += 1,
        None => counts.push((from, to, 1)),
    };
    for i in 0..chars.len() {
        let c = chars[i];
        let wide = match c {
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '?' => '？',
            '!' => '！',
            '(' => '（',
            ')' => '）',
            _ => continue,
        };
        let (prev, next) = neighbours(chars, i, i + 1);
        let digits =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        if matches!(c, ',' | ':') && digits {
            continue;
        }
        if prev.is_some_and(cjk) || next.is_some_and(cjk) {
            chars[i] = wide;
            note(c, wide);
        }
    }
    // A bracket pair converted on one side only: the other follows.
    let mut open: Vec<usize> = Vec::new();
    for i in 0..chars.len() {
        match chars[i] {
            '(' | '（' => open.push(i),
            ')' | '）' => {
                if let Some(o) = open.pop() {
                    if chars[o] == '（' && chars[i] == ')' {
                        chars[i] = '）';
                        note(')', '）');
                    } else if chars[o] == '(' && chars[i] == '）' {
                        chars[o] = '（';
                        note('(', '（');
                    }
                }
            }
            _ => {}
        }
    }
    for (from, to, n) in counts {
        changes.push(format!("{from} → {to} ({n}×)"));
    }
}

/// Straight quotes become curly ones, alternately opening and closing, when
/// they pair up; a lone one whose curly partner fixes its side takes it
/// (`partner`); any other odd count is reported and left as it is, since
/// guessing which one is missing could put words inside the wrong
/// quotation.
fn quotes(chars: &mut [char], style: Style, changes: &mut Vec<String>, warnings: &mut Vec<String>) {
    let ((o2, c2), (o1, c1)) = (style.double(), style.single());
    for (straight, open, close) in [('"', o2, c2), ('\'', o1, c1)] {
        // Apostrophes inside Latin words are not quotes.
        let spots: Vec<usize> = (0..chars.len())
            .filter(|&i| chars[i] == straight)
            .filter(|&i| {
                let p = i.checked_sub(1).map(|k| chars[k]);
                let n = chars.get(i + 1).copied();
                !(p.is_some_and(latin) && n.is_some_and(latin))
            })
            .collect();
        if spots.is_empty() {
            continue;
        }
        if let [i] = spots[..]
            && let Some(c) = partner(chars, i, (open, close))
        {
            chars[i] = c;
            changes.push(format!(
                "1 straight {straight} → {c} (the partner of a curly quote)"
            ));
            continue;
        }
        if spots.len() % 2 == 1 {
            warnings.push(format!(
                "unbalanced quotes: {} straight {straight} — left as they are; add the missing one",
                spots.len()
            ));
            continue;
        }
        for (k, &i) in spots.iter().enumerate() {
            chars[i] = if k % 2 == 0 { open } else { close };
        }
        changes.push(format!(
            "{} straight {straight} → {open}{close}",
            spots.len()
        ));
    }
    // Curly quotes must nest: “…‘…’…”.
    match nest(chars) {
        Err((c, open)) => {
            // In the reader's words: the mark left open, not Rust's
            // Some('「').
            let open = open.map_or("no open quote".into(), |o| o.to_string());
            warnings.push(format!("quotes do not nest: {c} closes {open}"));
        }
        Ok(stack) if !stack.is_empty() => {
            let open: String = stack.iter().collect();
            warnings.push(format!("unbalanced quotes: {open} never closed"));
        }
        Ok(_) => {}
    }
}

/// The curly quotes of `chars` nested: the marks left open, or the first
/// closing mark that closes none of them (and the mark open there).
fn nest(chars: &[char]) -> Result<Vec<char>, (char, Option<char>)> {
    let mut stack: Vec<char> = Vec::new();
    for &c in chars {
        match c {
            '“' | '‘' | '「' | '『' => stack.push(c),
            '”' | '’' | '」' | '』' => {
                let want = match c {
                    '”' => '“',
                    '’' => '‘',
                    '」' => '「',
                    _ => '『',
                };
                if stack.last() == Some(&want) {
                    stack.pop();
                } else if c == '’' && stack.last() != Some(&'‘') {
                    // An apostrophe, not a closing quote.
                } else {
                    return Err((c, stack.last().copied()));
                }
            }
            _ => {}
        }
    }
    Ok(stack)
}

/// A lone straight quote at `i` where the curly quotes round it leave one
/// mark without its partner (说:"他把… / …我唯。”: a ” closing nothing):
/// the opening or closing curly quote that balances the paragraph, where
/// only one of the two does. Not a guess: the curly mark fixes where the
/// quotation opens or closes.
fn partner(chars: &[char], i: usize, (open, close): (char, char)) -> Option<char> {
    let fits = |c: char| {
        let mut t = chars.to_vec();
        t[i] = c;
        nest(&t).is_ok_and(|s| s.is_empty())
    };
    match (fits(open), fits(close)) {
        (true, false) => Some(open),
        (false, true) => Some(close),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        repair(s).text
    }

    #[test]
    fn a_labels_dot_read_as_an_ellipsis() {
        let h = |s: &str| repair_heading_with(s, Style::default()).text;
        assert_eq!(h("城事…旧楼"), "城事·旧楼");
        // A whole ellipsis, one that trails a phrase, or one in running
        // text stays.
        assert_eq!(h("等待……"), "等待……");
        assert_eq!(h("他说……明天再来"), "他说……明天再来");
        assert_eq!(fix("城事…旧楼"), "城事……旧楼");
    }

    #[test]
    fn spaces_between_cjk_go_latin_spaces_stay() {
        assert_eq!(fix("夜班 车上的 人"), "夜班车上的人");
        assert_eq!(
            fix("他用 GPS 定位 the night bus"),
            "他用GPS定位the night bus"
        );
    }

    #[test]
    fn half_width_punctuation_next_to_cjk() {
        assert_eq!(fix("他说:好,我们走!真的?"), "他说：好，我们走！真的？");
        assert_eq!(
            fix("票价2.19元,9:30发车,共1,000人"),
            "票价2.19元，9:30发车，共1,000人"
        );
        assert_eq!(fix("路线(夜班)开通"), "路线（夜班）开通");
        assert_eq!(fix("使用(GPS)定位"), "使用（GPS）定位");
    }

    #[test]
    fn ellipses_and_dashes() {
        assert_eq!(fix("没有行人了......"), "没有行人了……");
        assert_eq!(fix("没有行人了。。。"), "没有行人了……");
        assert_eq!(fix("敲门声--不轻不重"), "敲门声——不轻不重");
        assert_eq!(fix("敲门声———不轻不重"), "敲门声——不轻不重");
        assert_eq!(fix("a -- b"), "a -- b");
    }

    #[test]
    fn quotes_pair_or_are_reported() {
        assert_eq!(fix("他说\"等我回来\"就走了"), "他说“等我回来”就走了");
        let r = repair("他说\"等我回来就走了");
        assert_eq!(r.text, "他说\"等我回来就走了");
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(fix("don't stop"), "don't stop");
        let r = repair("「甲“乙」丙”");
        assert_eq!(r.warnings, ["quotes do not nest: 」 closes “"]);
        let r = repair("甲」");
        assert_eq!(r.warnings, ["quotes do not nest: 」 closes no open quote"]);
    }

    #[test]
    fn formula_fragments_removed() {
        let r = repair("角速度$\\omega$是常数");
        assert_eq!(r.text, "角速度是常数");
        assert!(r.changes[0].contains("$\\omega$"));
    }
}

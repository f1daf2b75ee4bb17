//! The input lines as an OCR tool wrote them, with its Markdown taken off
//! the text and kept as hints: a `#` level says the type was large (not
//! that an article starts), `>` a box, `- ` a bullet, `**…**` bold type.
//! Each line also gets its width in ems, the unit a column is measured in.

use super::{Note, NoteKind};

/// One input line.
pub(super) struct Line {
    /// 1-based input line.
    pub no: usize,
    /// Trimmed, without the OCR tool's Markdown.
    pub text: String,
    /// `#` level: large type, a headline or a section head, or a masthead.
    pub level: Option<u8>,
    /// `>`: a box (编者按, a quotation set apart).
    pub quote: bool,
    /// `- `: an item the OCR took for a list.
    pub bullet: bool,
    /// `**…**`: the whole line in bold type.
    pub bold: bool,
    /// Began with an indent (full-width or two spaces, or a tab).
    pub indented: bool,
    /// Width in ems: Han and full-width marks 1, digits and Latin letters ½,
    /// spaces 0 (Tesseract puts one between characters).
    pub width: f32,
    /// Specks of the scan read right before this line and taken out.
    pub specks: usize,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// This line was read right after `prev`, nothing between them but
    /// specks of the scan taken out (dirt read as `'` or `.` between two
    /// column lines leaves them one after the other as printed).
    pub(super) fn follows(&self, prev: &Line) -> bool {
        self.no == prev.no + 1 + self.specks
    }
}

/// The width of `s` in ems: a Latin letter or digit is a little over half
/// an em, and the space typeset between it and Han text a quarter (the
/// OCR may have read it as a space or not); other spaces are the OCR's.
pub(super) fn width(s: &str) -> f32 {
    // A space between two Han characters is a mark the OCR lost (巷子很窄，
    // read as 卷子很窜 ): an em, unless the OCR spaced out the whole line.
    let all: Vec<char> = s.chars().collect();
    let han_gap = |k: usize| {
        all[k] == ' '
            && k > 0
            && all.get(k + 1).is_some_and(|&c| super::names::is_han(c))
            && super::names::is_han(all[k - 1])
    };
    let gaps = (0..all.len()).filter(|&k| han_gap(k)).count();
    let tight = all
        .windows(2)
        .filter(|w| super::names::is_han(w[0]) && super::names::is_han(w[1]))
        .count();
    let lost = if gaps <= 2 && gaps < tight {
        gaps as f32
    } else {
        0.0
    };
    let cs: Vec<char> = s.chars().filter(|&c| c != ' ' && c != '\t').collect();
    let digit = |k: Option<&char>| k.is_some_and(|c| c.is_ascii_digit());
    let latin = |c: char| c.is_ascii_alphanumeric();
    let han = |c: char| super::names::is_han(c);
    cs.iter()
        .enumerate()
        .map(|(i, &c)| {
            let gap = i > 0 && (latin(c) && han(cs[i - 1]) || han(c) && latin(cs[i - 1]));
            let w = match c {
                c if latin(c) => 0.55,
                '.' | ',' | ':' if digit(cs.get(i + 1)) && i > 0 && digit(cs.get(i - 1)) => 0.3,
                '%' => 0.8,
                _ => 1.0,
            };
            w + if gap { 0.25 } else { 0.0 }
        })
        .sum::<f32>()
        + lost
}

/// Full-width marks.
pub(super) const MARKS: &str = "，。、；：！？“”‘’「」『』（）《》,;:!?()";

/// Ems the compositor may take out of a line's marks: two marks side by
/// side (！」, 。”, ：「) are set in an em and a half, and an opening mark
/// that starts the line in half an em. A paragraph's first line of
/// dialogue is as wide as a full line by its characters. A straight
/// quote is a curly one the OCR misread (说:"今 printed 说：“今), squeezed
/// as that was.
pub(super) fn squeezed(t: &str) -> f32 {
    let cs: Vec<char> = t.chars().filter(|&c| c != ' ').collect();
    let mark = |c: &char| MARKS.contains(*c) || *c == '"';
    let pairs = cs.windows(2).filter(|w| mark(&w[0]) && mark(&w[1])).count();
    let opens = cs.first().is_some_and(|c| "“‘「『（《".contains(*c));
    0.5 * (pairs + usize::from(opens)) as f32
}

/// Every input line with its hints; a note for each Markdown mark taken off
/// (`#` marks are reported where the line's role is decided).
pub(super) fn read(input: &str, notes: &mut Vec<Note>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut specks = 0;
    let untangled = super::across::untangle(input, notes);
    for (no, raw) in super::foot::reorder(untangled, notes) {
        // A box of one stray mark is a speck of the scan (dirt, a rule's
        // end), not text: print never sets these alone on a line.
        if speck(raw.trim()) {
            notes.push(Note {
                line: no,
                kind: NoteKind::Removed,
                message: format!("a speck read as a mark: {}", raw.trim()),
            });
            specks += 1;
            continue;
        }
        let mut pieces = side_by_side(&raw);
        if pieces.len() > 1 {
            notes.push(Note {
                line: no,
                kind: NoteKind::Changed,
                message: format!(
                    "{} text boxes side by side on one line (a wide gap between them): read one after the other",
                    pieces.len()
                ),
            });
        }
        if let Some(last) = pieces.pop() {
            pieces.extend(glued_jump_line(last, no, notes));
        }
        for p in pieces {
            out.push(Line {
                specks: std::mem::take(&mut specks),
                ..line(no, p, notes)
            });
        }
    }
    out
}

/// One mark alone that is neither a word nor a mark print sets on a line
/// of its own (…… or —— may end a line of dialogue; these cannot).
fn speck(t: &str) -> bool {
    let mut cs = t.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if ".,'`·|｜".contains(c))
}

/// Pieces of a line that a wide gap (four spaces or more, or a tab)
/// separates: Tesseract reads boxes standing side by side (a kicker and a
/// serial's head) as one line. A running head keeps its gaps.
fn side_by_side(raw: &str) -> Vec<&str> {
    if super::furniture::date_line(raw.trim()) == Some(super::furniture::Sure::Strong) {
        return vec![raw];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut run = 0;
    let mut run_start = 0;
    for (i, c) in raw.char_indices() {
        if c == ' ' || c == '\t' {
            if run == 0 {
                run_start = i;
            }
            run += if c == '\t' { 4 } else { 1 };
        } else {
            if run >= 4 && !raw[start..run_start].trim().is_empty() {
                pieces.push(&raw[start..run_start]);
                start = i;
            }
            run = 0;
        }
    }
    pieces.push(&raw[start..]);
    pieces
}

/// A line ending in an opening jump line, `老码头重新开放　（上接第1版）`:
/// a continuation head set with its （上接第N版） on its baseline, which a
/// line-per-box tool reads as one box. The two are read one after the
/// other, as where the page sets the jump line under the head.
fn glued_jump_line<'a>(raw: &'a str, no: usize, notes: &mut Vec<Note>) -> Vec<&'a str> {
    let split = raw.char_indices().rev().find_map(|(i, c)| {
        let (head, jump) = raw.split_at(i);
        let opens = (c == '（' || c == '(')
            && super::furniture::jump_line(jump.trim()) == Some(false)
            && head.trim().chars().count() >= 2;
        opens.then_some((head, jump))
    });
    match split {
        Some((head, jump)) => {
            notes.push(Note {
                line: no,
                kind: NoteKind::Changed,
                message: format!(
                    "a head and its jump line {} read as one line: read one after the other",
                    jump.trim()
                ),
            });
            vec![head, jump]
        }
        None => vec![raw],
    }
}

fn line(no: usize, raw: &str, notes: &mut Vec<Note>) -> Line {
    let indented = raw.starts_with(['　', '\t']) || raw.starts_with("  ");
    // A full-width space at the end was printed (after a dateline): it
    // counts in the width.
    let tail = raw.trim_end_matches([' ', '\t', '\r']);
    let trailing = (tail.chars().rev().take_while(|&c| c == '　').count()) as f32;
    let mut t = raw.trim();
    let mut level = None;
    let mut quote = false;
    let mut bullet = false;
    let mut bold = false;
    let mut marks = Vec::new();
    if let Some(rest) = t.strip_prefix('>') {
        quote = true;
        t = rest.trim_start_matches(['>', ' ']).trim();
        marks.push(">");
    }
    if t.starts_with('#') {
        let n = t.chars().take_while(|&c| c == '#').count();
        let rest = t[n..].trim();
        if !rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit()) {
            level = Some(n.min(6) as u8);
            t = rest;
        }
    }
    if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* "))
        && !rest.trim().is_empty()
        && !rest.trim_end().ends_with(['-', '—'])
    {
        bullet = true;
        t = rest.trim();
        marks.push("- ");
    }
    if let Some(rest) = t.strip_prefix("**").and_then(|r| r.strip_suffix("**"))
        && !rest.trim().is_empty()
        && !rest.contains("**")
    {
        bold = true;
        t = rest.trim();
        marks.push("**");
    }
    if !marks.is_empty() {
        notes.push(Note {
            line: no,
            kind: NoteKind::Changed,
            message: format!("OCR Markdown {} taken off: {}", marks.join(" "), raw.trim()),
        });
    }
    Line {
        no,
        text: t.to_string(),
        level,
        quote,
        bullet,
        bold,
        indented,
        width: width(t) + trailing,
        specks: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_hints() {
        let mut notes = Vec::new();
        let ls = read(
            "# 标题\n> 编者按：好\n- 早高峰\n- 7 -\n**小标题**\n　　正文\n",
            &mut notes,
        );
        assert_eq!((ls[0].text.as_str(), ls[0].level), ("标题", Some(1)));
        assert!(ls[1].quote && ls[1].text == "编者按：好");
        assert!(ls[2].bullet && ls[2].text == "早高峰");
        assert!(!ls[3].bullet && ls[3].text == "- 7 -");
        assert!(ls[4].bold && ls[4].text == "小标题");
        assert!(ls[5].indented);
        assert_eq!(notes.len(), 3);
        let ls = read(
            "城市夜行记        连载 789 《长河灯影》 沈南星 著\n",
            &mut notes,
        );
        assert_eq!(ls.len(), 2);
        assert_eq!(ls[1].text, "连载 789 《长河灯影》 沈南星 著");
    }

    #[test]
    fn widths_in_ems() {
        assert!((width("凌晨一点，37路") - 7.35).abs() < 0.01);
        assert!((width("全长28.6公里") - 6.45).abs() < 0.01);
        assert_eq!(width("一 位 头 发"), 4.0);
        assert_eq!(width("卷子很窜 两边的墙上疏"), 11.0);
        assert_eq!(width("车上装了 GPS 定位"), width("车上装了GPS定位"));
    }
}

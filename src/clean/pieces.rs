//! A headline block's pieces read inside its article's text. Tesseract
//! reads a page's boxes in its own order: the second line of a deck
//! (一条夜班公交线路的十二年， … 和它载过的普通人), an installment's
//! name beside its number (第七百八十九回 … 雨夜的来信) or a serial's
//! work in its box (《长河灯影》) may come out as a block of its own
//! between two lines of a sentence of the article under them. article.rs
//! keeps such a line as a paragraph with a warning; where the article's
//! headline block is left open for it — its last line broken on a pause
//! mark, a headline that is a bare chapter number, a serial with no work —
//! the first such line of the article that fits goes back into the front
//! matter, with a note.

use super::article::{Held, Part};
use super::inline::{Style, repair_heading_with};
use super::names::is_han;
use super::shape::{ends_sentence, enumerator, kicker_shape};
use super::{Article, Note, NoteKind};

/// Pause marks a headline block's line never ends on unless the line is
/// broken there.
const PAUSES: &str = "，,：:；;、";

/// The headline block's last line ends on a pause mark: the deck (or the
/// headline, when there is none) goes on elsewhere. `last` is that line's
/// text as read; it must be the field's own end, not a line given back to
/// the body. Gives the mark, full-width.
pub(super) fn open_end(art: &Article, last: Option<&str>) -> Option<char> {
    let last = last?.trim_end();
    let field = art.deck.as_deref().unwrap_or(&art.title);
    let (f, l) = (han(field), han(last));
    let mark = last.chars().last().filter(|c| PAUSES.contains(*c))?;
    let full = match mark {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        m => m,
    };
    (!l.is_empty() && f.ends_with(&l)).then_some(full)
}

fn han(t: &str) -> String {
    t.chars().filter(|&c| is_han(c)).collect()
}

/// A chapter's number alone: 第七百八十九回, 第12章.
fn bare_chapter(t: &str) -> bool {
    let Some(rest) = t.trim().strip_prefix('第') else {
        return false;
    };
    let mut cs: Vec<char> = rest.chars().collect();
    let Some(unit) = cs.pop() else { return false };
    let numeral = |c: &char| "〇零一二三四五六七八九十百千两".contains(*c) || c.is_ascii_digit();
    "回章节節".contains(unit) && !cs.is_empty() && cs.iter().all(numeral)
}

/// A work's title in its book-title marks (《长河灯影》; the OCR may read
/// the closing mark as a bracket).
pub(super) fn work_of(t: &str) -> Option<&str> {
    let w = t
        .trim()
        .strip_prefix('《')?
        .strip_suffix(['》', ')', '）'])?;
    (!w.is_empty() && !w.contains(['《', '》']) && w.chars().count() <= 16).then_some(w)
}

/// A line that can be a headline block's piece: a short phrase of Han
/// characters with no sentence end, no enumerator, no kicker's shape (that
/// goes to the next headline, kicker.rs).
fn piece(t: &str) -> bool {
    let n = t.chars().filter(|c| !c.is_whitespace()).count();
    let h = t.chars().filter(|&c| is_han(c)).count();
    (2..=24).contains(&n)
        && h * 4 >= n * 3
        && !ends_sentence(t)
        && !enumerator(t)
        && kicker_shape(t).is_none()
}

/// Gives the open headline block the pieces among `held`, the lines this
/// article kept from inside a sentence: each taken out of `parts`, its
/// marks repaired as a headline's are.
pub(super) fn take(
    art: &mut Article,
    parts: &mut Vec<Part>,
    (held, style): (&[Held], Style),
    mut open: Option<char>,
    notes: &mut Vec<Note>,
) {
    for h in held {
        let t = h.text.trim();
        let fixed = super::front::unspace_marks(&repair_heading_with(t, style).text);
        let what = if let Some(w) = work_of(t)
            && let Some(s) = art.serial.as_mut().filter(|s| s.work.is_empty())
        {
            s.work = w.to_string();
            "the serial's work"
        } else if !piece(t) || t.contains(['《', '》']) {
            continue;
        } else if art.serial.is_some() && bare_chapter(&art.title) && !t.contains(['，', ',']) {
            art.title = format!("{}\u{3000}{fixed}", art.title.trim());
            "the installment's name beside its number"
        } else if let Some(mark) = open.take() {
            let rest = fixed.trim_end_matches(|c: char| PAUSES.contains(c));
            let field = art.deck.as_mut().unwrap_or(&mut art.title);
            *field = format!("{field}{mark}{rest}");
            "the rest of a headline block's line broken on a pause mark"
        } else {
            continue;
        };
        parts.retain(|p| !matches!(p, Part::Kept(no, _) if *no == h.line));
        notes.push(Note {
            line: h.line,
            kind: NoteKind::Moved,
            message: format!("{what} (read inside the text): to the front matter: {t}"),
        });
    }
}

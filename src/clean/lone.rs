//! The body's only head: a section head, or the caption of a figure set
//! in the article's column. Where the article's text runs round a figure
//! near it and no other line is that figure's caption, it is the caption;
//! so it is where its words name a figure (灯的徽记).

use super::article::{ACROSS_FLUSH, Held, INSIDE_SENTENCE, Part};
use super::gather::Page;
use super::lines::Role;
use super::shape::{ends_sentence, enumerator, full, indent_shape, leaves_open};
use super::{Note, NoteKind};

/// A figure's caption or a section head: the body's only head, set
/// between paragraphs near the article's top, plain words (no enumerator,
/// no mark of any kind, not in large type, not a name). Section heads
/// divide an article into parts, so an article mostly has none or
/// several; one alone near the top may be the caption of a figure set
/// after the lead with text run round it (灯的徽记 under an essay's
/// picture). Little in the line tells the two apart (a caption with a
/// credit, ▲ or 图为 is furniture by its pattern), and a real article may
/// have one head there, so the line stays a head and the report asks an
/// editor: within the article's first dozen column lines, with at least
/// half as many lines again below it. A closing part's head (记者手记,
/// most of the text above it) is not asked about. Where the article's
/// text is narrowed beside a figure near the line (`beside_figure`) and
/// the article has no caption already, or where the line's words end in
/// a word for a figure (`captions::names_figure`: 灯的徽记, 线路示意图), the
/// line is that figure's caption.
pub(super) fn lone_head(page: &Page, out: &mut Vec<Part>, notes: &mut Vec<Note>) {
    let lines = page.lines;
    /// The most column lines above a figure set after the lead.
    const TOP: usize = 12;
    let heads: Vec<usize> = (0..out.len())
        .filter(|&k| matches!(out[k], Part::Head(_)))
        .collect();
    let [k] = heads[..] else { return };
    let Part::Head(i) = out[k] else { return };
    let l = &lines[i];
    // Words and numbers only: letters beside Han (念和AV) are more likely
    // a picture's specks read as text than a caption.
    let plain = l
        .text
        .chars()
        .all(|c| super::names::is_han(c) || c.is_ascii_digit() || c.is_whitespace());
    let para = |p: Option<&Part>| matches!(p, Some(Part::Lines(_) | Part::Kept(..)));
    // Under a lead that ends its sentence, not under stray marks.
    let lead = k > 0
        && match &out[k - 1] {
            Part::Lines(r) => r
                .iter()
                .rev()
                .flatten()
                .next()
                .is_some_and(|&j| ends_sentence(&lines[j].text)),
            Part::Kept(_, t) => ends_sentence(t),
            Part::Head(_) => false,
        };
    let between = lead && para(out.get(k + 1));
    let count = |ps: &[Part]| -> usize {
        ps.iter()
            .map(|p| match p {
                Part::Lines(r) => r.iter().flatten().count(),
                Part::Kept(..) => 1,
                Part::Head(_) => 0,
            })
            .sum()
    };
    let (above, below) = (count(&out[..k]), count(&out[k + 1..]));
    let top = (above <= TOP || one_paragraph(page, &out[..k])) && below * 2 >= above;
    if !plain
        || !between
        || !top
        || l.level.is_some()
        || enumerator(&l.text)
        || super::names::is_name(&l.text)
    {
        return;
    }
    // A head naming a figure (灯的徽记) is the caption too: a section head
    // names a part of the text, not a picture.
    let named = super::captions::names_figure(&l.text);
    if named || beside_figure(page, out, Spot::Part(k), LONE_RUN) {
        let why = if named { LONE_NAMED } else { LONE_CAPTION };
        notes.push(Note {
            line: l.no,
            kind: NoteKind::Removed,
            message: format!("{why}: {}", l.text),
        });
        out.remove(k);
        return;
    }
    notes.push(Note {
        line: l.no,
        kind: NoteKind::Warning,
        message: format!(
            "the body's only head, after the lead (a section head, or a figure's caption?): kept as a head: {}",
            l.text
        ),
    });
}

/// The article's text above the head is one paragraph, however long
/// (a lead of two hundred characters fills fifteen lines of a narrow
/// column): one run of lines, no blank line among them, each line
/// between its first and its last full. A head right under the lead
/// stands where a figure set after the lead puts its caption.
fn one_paragraph(page: &Page, above: &[Part]) -> bool {
    let [Part::Lines(r)] = above else {
        return false;
    };
    let Some(js) = r.iter().copied().collect::<Option<Vec<usize>>>() else {
        return false;
    };
    let whole = |j: usize| page.measure[j].is_some_and(|m| full(page.lines[j].width, m));
    js.len() > 2 && js[1..js.len() - 1].iter().all(|&j| whole(j))
}

/// A line held from inside a sentence (article.rs: a short line between
/// two lines of one sentence, kept as a paragraph after the one it
/// interrupted) that is plain words, no mark of any kind, where the
/// article's text runs round a figure near it and no caption of that
/// figure is found: the figure's caption. Print never breaks a sentence
/// with a line of its own; the narrowed column says a figure stands
/// there, so the line is the furniture the figure brings, not a column
/// line. Without the narrowing it stays, with its warning.
pub(super) fn held_captions(
    page: &Page,
    out: &mut Vec<Part>,
    held: &[Held],
    notes: &mut Vec<Note>,
) {
    let mut k = 0;
    while k < out.len() {
        let Part::Kept(no, text) = &out[k] else {
            k += 1;
            continue;
        };
        let (no, text) = (*no, text.clone());
        let plain = text.chars().count() >= 2
            && text
                .chars()
                .all(|c| super::names::is_han(c) || c.is_ascii_digit());
        let was_held = held.iter().any(|h| h.line == no && h.text == text);
        let named = super::captions::names_figure(&text);
        // A line naming a figure (灯的徽记) is its caption wherever it was
        // held, blank lines round it (Tesseract's block) or not.
        let run_round = || {
            between_full(page, no)
                && (over_foot(page, no) || beside_figure(page, out, Spot::Part(k), HELD_RUN))
        };
        if !was_held || !plain || !named && !run_round() {
            k += 1;
            continue;
        }
        notes.retain(|n| {
            let held_note = [INSIDE_SENTENCE, ACROSS_FLUSH]
                .iter()
                .any(|w| n.message.starts_with(w));
            !(n.line == no && held_note)
        });
        notes.push(Note {
            line: no,
            kind: NoteKind::Removed,
            message: format!("{}: {text}", if named { HELD_NAMED } else { HELD_CAPTION }),
        });
        out.remove(k);
    }
}

/// The lines read just before and just after input line `no` are full
/// column lines. A paragraph's first line (two ems short) of the column
/// beside, read across into this one, stands inside a sentence too, after
/// another first line or before a paragraph's last: a caption interrupts
/// the column's run of full lines.
fn between_full(page: &Page, no: usize) -> bool {
    let lines = page.lines;
    let Some(i) = lines.iter().position(|l| l.no == no) else {
        return false;
    };
    let whole = |j: usize, read_in_turn: bool| {
        read_in_turn && page.measure[j].is_some_and(|m| full(lines[j].width, m))
    };
    let after = lines.get(i + 1).is_some_and(|n| n.follows(&lines[i]));
    i > 0
        && (whole(i - 1, lines[i].follows(&lines[i - 1])) || under_first(page, i))
        && whole(i + 1, after)
}

/// The line read right under input line `no` (held from inside a
/// sentence between two full lines) is its column's last: the jump line
/// (下转第2版) is read right after it. A figure set at the column's foot
/// puts its caption there, which a scan may read a line early, level with
/// the last line beside it (`captions::over_jump` takes the caption read
/// right over the jump line); a box the OCR cut from a line is no caption,
/// but the sentence across it already says no line of the text ends there.
fn over_foot(page: &Page, no: usize) -> bool {
    let lines = page.lines;
    let Some(i) = lines.iter().position(|l| l.no == no) else {
        return false;
    };
    let jump = |j: usize| {
        matches!(
            page.roles[j],
            Role::Furniture {
                what: "jump line",
                closes: true
            }
        )
    };
    i + 2 < lines.len() && jump(i + 2) && lines[i + 2].follows(&lines[i + 1])
}

/// The line read just before line `i` (held from inside a sentence) is a
/// paragraph's first line, two ems short and opening under a sentence
/// end, and the held line is three ems narrower than a first line or
/// more. Such a held line is no first line of the column beside read
/// across (which `between_full` guards against), and a last line ends on
/// a mark: the first line's sentence goes on under the held line, which
/// interrupts it as a caption set at a paragraph's top does.
fn under_first(page: &Page, i: usize) -> bool {
    let lines = page.lines;
    if i < 2 || !lines[i].follows(&lines[i - 1]) || !lines[i - 1].follows(&lines[i - 2]) {
        return false;
    }
    let Some(m) = page.measure[i - 1] else {
        return false;
    };
    ends_sentence(&lines[i - 2].text)
        && indent_shape(&lines[i - 1], m)
        && !ends_sentence(&lines[i - 1].text)
        && lines[i].width <= m - 5.0
}

const HELD_CAPTION: &str =
    "figure caption (a line of words inside a sentence, its text run round a figure near it)";

const HELD_NAMED: &str = "figure caption (a line of words inside a sentence, naming a figure)";

const LONE_NAMED: &str = "figure caption (the body's only head, naming a figure)";

const LONE_CAPTION: &str =
    "figure caption (the body's only head, its text run round a figure near it)";

/// The most column lines between a figure's caption and the text run
/// round it: the column beside the figure is read after the caption's
/// own, a column's length on at most (a broadsheet's column holds forty
/// lines or more of a thirteen-character measure).
const WRAP_REACH: usize = 40;

/// The fewest narrowed lines in a row that show a figure beside a line
/// held from inside a sentence: such a line may be a box the OCR cut
/// off, so the figure must be plain.
const HELD_RUN: usize = 3;

/// The fewest for the body's only head near the article's top: its place
/// (between paragraphs after the lead, the only head) is a caption's
/// already, and a round figure's edge may narrow only two lines of the
/// column beside it (从者可矣出林晓岚一点以政 over 字句话打人所有 / 时候，签回事；陈抑).
const LONE_RUN: usize = 2;

/// Where a caption's candidate stands among the article's parts: a head
/// (`out[k]`) or a line inside a run of column lines.
#[derive(Clone, Copy)]
enum Spot {
    Part(usize),
    Line(usize),
}

/// The article's column lines in order (the candidate line left out),
/// and the candidate's place among them.
fn column_seq(out: &[Part], spot: Spot) -> (Vec<usize>, usize) {
    let mut seq: Vec<usize> = Vec::new();
    let mut at = 0;
    for (p, part) in out.iter().enumerate() {
        if matches!(spot, Spot::Part(k) if k == p) {
            at = seq.len();
        }
        let Part::Lines(r) = part else { continue };
        for &j in r.iter().flatten() {
            if matches!(spot, Spot::Line(i) if i == j) {
                at = seq.len();
            } else {
                seq.push(j);
            }
        }
    }
    (seq, at)
}

/// The article's text runs round a figure near the candidate at `spot`:
/// `min_run` column lines or more in a row, each three ems short or more,
/// most of them stopping mid-sentence (a paragraph's last line ends on a
/// mark; dialogue's short lines all do), not next to the candidate (a short
/// line among short ones is one of them), within `WRAP_REACH` lines of
/// it; and no line of the article is a caption already (a figure with its
/// caption found explains the narrowed text).
fn beside_figure(page: &Page, out: &[Part], spot: Spot, min_run: usize) -> bool {
    let lines = page.lines;
    let (seq, at) = column_seq(out, spot);
    let (Some(&first), Some(&last)) = (seq.iter().min(), seq.iter().max()) else {
        return false;
    };
    let captioned = has_caption(page, &seq, first..=last);
    let narrow = |j: usize| page.measure[j].is_some_and(|m| lines[j].width <= m - 2.5);
    let mut s = 0;
    while s < seq.len() {
        if !narrow(seq[s]) {
            s += 1;
            continue;
        }
        let e = (s..seq.len())
            .find(|&e| !narrow(seq[e]))
            .unwrap_or(seq.len());
        let run = &seq[s + last_line_off(page, &seq[s..e])..e];
        let open = run
            .iter()
            .filter(|&&j| !ends_sentence(&lines[j].text))
            .count();
        // Lines between the run and the candidate.
        let gap = if e <= at {
            at - e
        } else {
            s.saturating_sub(at)
        };
        if run.len() >= min_run && open * 3 >= run.len() * 2 && (1..=WRAP_REACH).contains(&gap) {
            return !captioned;
        }
        s = e;
    }
    false
}

/// How many lines at the head of a run of narrowed lines (`run`, in the
/// article's column order, the line before it no narrowed one) are no
/// part of the narrowing: a first line that ends its sentence is the last
/// line of the paragraph set full above it (于酒亦耻。” under a column
/// line), short because the paragraph ends there, not because a figure
/// stands beside it. Counted in, it tips the run's share of lines
/// stopping mid-sentence under two thirds.
fn last_line_off(page: &Page, run: &[usize]) -> usize {
    usize::from(
        run.len() > 1
            && run
                .first()
                .is_some_and(|&j| ends_sentence(&page.lines[j].text)),
    )
}

/// A caption or figure label among the article's own lines: read right
/// after or right before a line of the article (furniture and blank lines
/// between skipped). An article whose column jumps to another page spans
/// other articles' text in the reading order, and their figures'
/// captions explain none of its narrowed lines.
fn has_caption(page: &Page, seq: &[usize], span: std::ops::RangeInclusive<usize>) -> bool {
    let text = |j: &usize| matches!(page.roles[*j], Role::Text) && !page.lines[*j].is_blank();
    let own = |j: Option<usize>| j.is_some_and(|j| seq.contains(&j));
    span.clone().any(|j| {
        let caption = matches!(page.roles[j], Role::Furniture { what, .. } if what.contains("caption") || what.contains("figure"));
        let before = (*span.start()..j).rev().find(text);
        let after = (j + 1..=*span.end()).find(text);
        caption && (own(before) || own(after))
    })
}

/// A line of words standing alone between paragraphs that ends on a word
/// needing what follows (能好友道学先饭菜之: 之, 的, 和…), read right after
/// a sentence end and right over a paragraph's first line, two ems short
/// of a first line or more: no paragraph ends on such a word and no head
/// does, so the line is no text of the column. Where the article's text
/// runs round a figure near it and no caption of that figure is found,
/// it is the figure's caption; without the narrowing it stays, with its
/// warning.
pub(super) fn open_captions(page: &Page, out: &mut [Part], notes: &mut Vec<Note>) {
    let mut found = Vec::new();
    for part in out.iter() {
        let Part::Lines(r) = part else { continue };
        for w in r.windows(3) {
            if let [Some(b), Some(i), Some(a)] = *w
                && alone_open(page, b, i, a)
            {
                found.push(i);
            }
        }
    }
    for i in found {
        if !beside_figure(page, out, Spot::Line(i), HELD_RUN) {
            continue;
        }
        for part in out.iter_mut() {
            if let Part::Lines(r) = part {
                r.retain(|&x| x != Some(i));
            }
        }
        let l = &page.lines[i];
        notes.push(Note {
            line: l.no,
            kind: NoteKind::Removed,
            message: format!("{OPEN_CAPTION}: {}", l.text),
        });
    }
}

/// Line `i`, read between `b` and `a`, has `open_captions`' shape.
fn alone_open(page: &Page, b: usize, i: usize, a: usize) -> bool {
    let lines = page.lines;
    let (over, l, under) = (&lines[b], &lines[i], &lines[a]);
    let (Some(m), Some(ma)) = (page.measure[i], page.measure[a]) else {
        return false;
    };
    let plain = l.text.chars().count() >= 4
        && l.text
            .chars()
            .all(|c| super::names::is_han(c) || c.is_ascii_digit());
    plain
        && l.level.is_none()
        && leaves_open(&l.text)
        && l.width <= m - 4.0
        && l.follows(over)
        && under.follows(l)
        && ends_sentence(&over.text)
        && indent_shape(under, ma)
        // A first line of the full column: in the sliver beside a figure a
        // short line is one of the narrowed lines.
        && under.width > m - 2.5
        && !ends_sentence(&under.text)
}

const OPEN_CAPTION: &str = "figure caption (a line of words standing alone, ending on an open word, its text run round a figure near it)";

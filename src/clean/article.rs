//! One article from its segment: front matter from the headline block,
//! section heads and paragraphs from the body, each paragraph repaired;
//! source lines, bylines and numbers met in the body put where they go.

use super::front::{self, warn};
use super::gather::{Item, Page, Segment};
use super::heads::{across_flush_end, head_in_two, inside_sentence, is_head};
use super::inline::{self, Style};
use super::paras::{self, Marks};
use super::people::dateline;
use super::prep::Line;
use super::shape::{ends_sentence, enumerator, fragment, heading_text};
use super::{Article, Block, Note, NoteKind};

/// The warning on a line of its own that interrupts a sentence.
pub(super) const INSIDE_SENTENCE: &str = "a line of its own inside a sentence (a figure's caption or label, or a stray mark?): kept as a paragraph after the one it interrupted";

/// The warning on a line of its own that a paragraph runs on across.
pub(super) const ACROSS_FLUSH: &str = "a line of its own inside a paragraph, after a sentence ending flush (a figure's caption or label?): kept as a paragraph after the one it interrupted";

/// A line kept as a paragraph of its own because it stood inside a
/// sentence: kicker.rs looks among these for a kicker read out of place.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Held {
    /// 1-based input line.
    pub(super) line: usize,
    pub(super) text: String,
}

/// What the body holds, in order, before paragraphs are made.
pub(super) enum Part {
    Head(usize),
    /// Printed lines (`None`: a blank line).
    Lines(Vec<Option<usize>>),
    /// Text kept from a source or byline line met inside the body: its
    /// input line number and text.
    Kept(usize, String),
}

/// The article of `seg`; `found` is an installment number read into a line
/// of its text (installment.rs); `jumps`, the page's continuation heads
/// (`resume::heads_over_jumps`). The lines kept from inside a sentence are
/// added to `held`.
pub(super) fn build(
    (page, jumps): (&Page, &[(usize, Vec<char>)]),
    seg: Segment,
    marks: Marks,
    found: Option<u32>,
    held: &mut Vec<Held>,
    notes: &mut Vec<Note>,
) -> Article {
    let lines = page.lines;
    let mut art = Article::default();
    let style = Style::of(&text_of(page, &seg));
    let body_levels: Vec<u8> = seg
        .body
        .iter()
        .filter_map(Item::text)
        .filter_map(|i| lines[i].level)
        .collect();
    let back = front::fill(
        &mut art,
        &seg.header,
        lines,
        &body_levels,
        style,
        jumps,
        notes,
    );
    // The headline block's last line, unless it went back to the body.
    let last = seg.header.iter().rev().find_map(Item::text);
    let last = last
        .filter(|i| !back.contains(i))
        .map(|i| lines[i].text.as_str());
    let open = super::pieces::open_end(&art, last);
    let mut body: Vec<Item> = back
        .into_iter()
        .map(|i| {
            if fragment(&lines[i].text) {
                Item::Alone(i)
            } else {
                Item::Text(i)
            }
        })
        .collect();
    body.extend(seg.body);
    let held_from = held.len();
    let mut parts = parts(page, &mut art, &body, held, notes);
    let pieces = (&held[held_from..], style);
    super::pieces::take(&mut art, &mut parts, pieces, open, notes);
    super::lone::held_captions(page, &mut parts, &held[held_from..], notes);
    super::lone::open_captions(page, &mut parts, notes);
    if let Some(s) = &mut art.serial
        && s.installment == 0
    {
        s.installment = found.unwrap_or_else(|| {
            warn(
                notes,
                "serial without an installment number: set to 1, correct it",
            );
            1
        });
    }
    blocks(page, &mut art, parts, marks, style, notes);
    name_head_is_byline(&mut art, notes);
    first_head_piece(&mut art, notes);
    super::lead::take(&mut art, notes);
    if art.title.is_empty()
        && let Some(s) = &art.serial
    {
        art.title = format!("第{}期", s.installment);
        warn(
            notes,
            &format!("installment without a title: titled {}", art.title),
        );
    }
    art
}

/// A section head set in two lines whose first, numbered one (一、书房开到
/// 楼下) the OCR read over the byline (front::first_head_read_over): it
/// opens the body, and the first head after it is unnumbered though a
/// later one goes on with the count (二、白天是书房). The two are one head.
fn first_head_piece(art: &mut Article, notes: &mut Vec<Note>) {
    let Some(Block::Head(first) | Block::Para(first)) = art.blocks.first() else {
        return;
    };
    if !front::first_count(first) || !heading_text(first) || first.chars().count() > 16 {
        return;
    }
    let heads: Vec<usize> = (1..art.blocks.len())
        .filter(|&k| matches!(art.blocks[k], Block::Head(_)))
        .collect();
    let head = |k: usize| match &art.blocks[k] {
        Block::Head(h) => h.as_str(),
        Block::Para(_) => "",
    };
    let Some(&next) = heads.first() else { return };
    let counted = heads[1..]
        .iter()
        .any(|&k| front::count_of(head(k), '二', '2'));
    if enumerator(head(next)) || !counted {
        return;
    }
    let (Block::Head(first) | Block::Para(first)) = art.blocks.remove(0);
    let Block::Head(h) = &mut art.blocks[next - 1] else {
        unreachable!("a head's index");
    };
    *h = format!("{first}\u{3000}{h}");
    notes.push(Note {
        line: 1,
        kind: NoteKind::Moved,
        message: format!(
            "section head (its first line read over the byline): joined to its second: {h}"
        ),
    });
}

/// A name alone opening the body of an article with no byline (周明遠,
/// read after stray characters that ended the headline block, or after
/// such characters kept in the body) is the byline, not a section head.
fn name_head_is_byline(art: &mut Article, notes: &mut Vec<Note>) {
    // After stray marks the OCR made of a picture or rule (念, )/三Mi,
    // 念和AV )/三Mi), kept as paragraphs: short, or mostly not Han.
    let noise = |p: &str| {
        let han = p.chars().filter(|&c| super::names::is_han(c)).count();
        p.chars().count() <= 6 || han * 2 < p.chars().filter(|c| !c.is_whitespace()).count()
    };
    let stray = |b: &Block| matches!(b, Block::Para(p) if noise(p) && !ends_sentence(p));
    let Some(k) = art.blocks.iter().position(|b| !stray(b)) else {
        return;
    };
    let Some(Block::Head(h)) = art.blocks.get(k) else {
        return;
    };
    if art.byline.is_some() || art.serial.is_some() || !super::names::is_name(h) {
        return;
    }
    let name = h.clone();
    art.blocks.remove(k);
    notes.push(Note {
        line: 1,
        kind: NoteKind::Moved,
        message: format!("byline (a name alone opening the body): {name}"),
    });
    art.byline = Some(name);
}

/// All the segment's text, to tell its script and quotation style.
fn text_of(page: &Page, seg: &Segment) -> String {
    seg.header
        .iter()
        .chain(&seg.body)
        .filter_map(|it| match it {
            Item::Text(i) => Some(page.lines[*i].text.as_str()),
            _ => None,
        })
        .collect()
}

/// The body sorted so far: parts, and the run of printed lines being
/// gathered.
#[derive(Default)]
struct Sorted {
    out: Vec<Part>,
    run: Vec<Option<usize>>,
    /// Lines set aside from inside a sentence, to follow its paragraph.
    held: Vec<usize>,
}

impl Sorted {
    fn flush(&mut self) {
        if self.run.iter().any(Option::is_some) {
            self.out.push(Part::Lines(std::mem::take(&mut self.run)));
        }
        self.run.clear();
    }

    /// A line kept as a paragraph of its own.
    fn alone(&mut self, line: &Line) {
        self.flush();
        self.out.push(Part::Kept(line.no, line.text.clone()));
    }

    /// The lines set aside, each a paragraph of its own after the one
    /// they interrupted.
    fn release(&mut self, lines: &[Line]) {
        if self.held.is_empty() {
            return;
        }
        self.flush();
        for i in std::mem::take(&mut self.held) {
            self.out
                .push(Part::Kept(lines[i].no, lines[i].text.clone()));
        }
    }

    /// Line `i` set aside from inside a paragraph, to follow it, with
    /// the warning `why`.
    fn hold(
        &mut self,
        lines: &[Line],
        i: usize,
        why: &str,
        held: &mut Vec<Held>,
        notes: &mut Vec<Note>,
    ) {
        let (line, text) = (lines[i].no, lines[i].text.clone());
        notes.push(Note {
            line,
            kind: NoteKind::Warning,
            message: format!("{why}: {text}"),
        });
        held.push(Held { line, text });
        self.held.push(i);
    }

    /// A line whose role has no place in the body where it stands: kept
    /// as a paragraph, with a warning.
    fn keep(&mut self, notes: &mut Vec<Note>, line: &Line, why: &str) {
        self.alone(line);
        notes.push(Note {
            line: line.no,
            kind: NoteKind::Warning,
            message: format!("{why}: kept as a paragraph: {}", line.text),
        });
    }
}

/// Sorts the body into heads, runs of printed lines and kept lines.
fn parts(
    page: &Page,
    art: &mut Article,
    body: &[Item],
    held: &mut Vec<Held>,
    notes: &mut Vec<Note>,
) -> Vec<Part> {
    let lines = page.lines;
    let texts: Vec<usize> = body.iter().filter_map(Item::text).collect();
    let mut s = Sorted::default();
    let mut prev_end = true;
    // The second line of a head broken after its comma.
    let mut head_rest = None;
    for (k, item) in body.iter().enumerate() {
        match item {
            Item::Text(i) => {
                let at = texts.iter().position(|t| t == i);
                let next = at.and_then(|p| texts.get(p + 1)).copied();
                let prev = at.and_then(|p| p.checked_sub(1)).map(|p| texts[p]);
                let blank_after = matches!(body.get(k + 1), Some(Item::Blank));
                let after_next = at.and_then(|p| texts.get(p + 2)).copied();
                if head_rest == Some(*i) {
                    s.out.push(Part::Head(*i));
                    head_rest = None;
                    prev_end = true;
                } else if prev_end
                    && let Some(n) = next
                    && head_in_two(page, *i, n, after_next, &s.run)
                {
                    s.release(lines);
                    s.flush();
                    s.out.push(Part::Head(*i));
                    head_rest = Some(n);
                } else if !prev_end && inside_sentence(page, *i, prev, next, &s.run, blank_after) {
                    s.hold(lines, *i, INSIDE_SENTENCE, held, notes);
                } else if prev_end && across_flush_end(page, *i, (prev, next), &s.run, blank_after)
                {
                    s.hold(lines, *i, ACROSS_FLUSH, held, notes);
                    // The paragraph goes on under the line: the blank
                    // after it releases nothing.
                    prev_end = false;
                } else if is_head(page, *i, (next, after_next), prev_end, &s.run) {
                    s.release(lines);
                    s.flush();
                    s.out.push(Part::Head(*i));
                    prev_end = true;
                } else {
                    s.run.push(Some(*i));
                    prev_end = ends_sentence(&lines[*i].text);
                }
            }
            Item::Blank => {
                if prev_end {
                    s.release(lines);
                }
                s.run.push(None);
            }
            Item::Source(i, src) => {
                let l = &lines[*i];
                let after = body[k + 1..].iter().any(|b| matches!(b, Item::Text(_)));
                // A box of its own beside a column line (read on the same
                // line after a wide gap) is set apart from the text even
                // where the text goes on: the foot of its article.
                let beside = *i > 0 && lines[*i - 1].no == l.no;
                if after && !beside || art.source.is_some() {
                    s.keep(notes, l, "a source line inside the text");
                } else {
                    art.source = Some(src.clone());
                    moved(notes, l.no, "source line", &l.text);
                }
            }
            Item::Byline(i, b) => {
                let l = &lines[*i];
                let edge =
                    s.run.is_empty() && s.out.is_empty() || texts.last().is_none_or(|t| t < i);
                if art.byline.is_none() && edge {
                    art.byline = Some(b.clone());
                    moved(notes, l.no, "byline", &l.text);
                } else {
                    s.keep(notes, l, "a byline inside the text");
                }
            }
            Item::Number(i, n) | Item::Installment(i, n) => number(art, notes, &lines[*i], *n),
            Item::Alone(i) => s.alone(&lines[*i]),
            Item::Author(i, a) if serial_lacks(art, |s| s.author.is_empty()) => {
                if let Some(sr) = art.serial.as_mut() {
                    sr.author = a.clone();
                }
                moved(notes, lines[*i].no, "author credit", &lines[*i].text);
                take_work(page, art, &mut s, notes);
            }
            Item::Author(i, _) | Item::Serial(i, _) => {
                s.keep(notes, &lines[*i], "a serial's credit inside the text");
            }
        }
    }
    s.release(lines);
    s.flush();
    super::lone::lone_head(page, &mut s.out, notes);
    s.out
}

/// The article is a serial whose front matter lacks what `missing` asks.
fn serial_lacks(art: &Article, missing: impl Fn(&super::Serial) -> bool) -> bool {
    art.serial.as_ref().is_some_and(missing)
}

/// A serial box's credits read inside its text (line-per-box OCR reads the
/// box's first column before its head): the 《work》 line just before the
/// author credit is the work's title, if the front matter has none.
fn take_work(page: &Page, art: &mut Article, s: &mut Sorted, notes: &mut Vec<Note>) {
    let Some(sr) = art.serial.as_mut().filter(|s| s.work.is_empty()) else {
        return;
    };
    // The line before: still in the run, or already taken for a head.
    let last = match s.run.iter().rposition(Option::is_some) {
        Some(k) => s.run[k].map(|i| (i, Some(k))),
        None if s.run.is_empty() || s.run.iter().all(Option::is_none) => match s.out.last() {
            Some(Part::Head(i)) => Some((*i, None)),
            _ => None,
        },
        None => None,
    };
    let Some((i, k)) = last else { return };
    let Some(w) = super::pieces::work_of(&page.lines[i].text) else {
        return;
    };
    sr.work = w.to_string();
    moved(notes, page.lines[i].no, "the work's title", w);
    match k {
        Some(k) => s.run.truncate(k),
        None => {
            s.out.pop();
        }
    }
}

fn moved(notes: &mut Vec<Note>, line: usize, what: &str, text: &str) {
    notes.push(Note {
        line,
        kind: NoteKind::Moved,
        message: format!("{what}: {text}"),
    });
}

/// A number alone in the body: the installment number of a serial that
/// has none yet, else a page number.
fn number(art: &mut Article, notes: &mut Vec<Note>, l: &Line, n: u32) {
    if let Some(s) = art.serial.as_mut().filter(|s| s.installment == 0) {
        s.installment = n;
        moved(notes, l.no, &format!("installment number {n}"), &l.text);
    } else {
        notes.push(Note {
            line: l.no,
            kind: NoteKind::Removed,
            message: format!("page number: {}", l.text),
        });
    }
}

/// Heads and paragraphs, repaired, into the article.
fn blocks(
    page: &Page,
    art: &mut Article,
    parts: Vec<Part>,
    marks: Marks,
    style: Style,
    notes: &mut Vec<Note>,
) {
    let lines = page.lines;
    let mut pending: Option<(usize, String)> = None;
    let push_head = |art: &mut Article, pending: &mut Option<(usize, String)>| {
        if let Some((_, h)) = pending.take() {
            art.blocks.push(Block::Head(h));
        }
    };
    for part in parts {
        match part {
            Part::Head(i) => {
                let l = &lines[i];
                notes.push(Note {
                    line: l.no,
                    kind: NoteKind::Changed,
                    message: format!("section head: {}", l.text),
                });
                let text = inline::repair_heading_with(&l.text, style).text;
                // An enumerated head (二、…) starts its own head: lines
                // before it are something else set large (a deck's piece
                // or a pull quote read out of place).
                if enumerator(&text)
                    && let Some((k, h)) = pending.take()
                {
                    notes.push(Note {
                        line: lines[k].no,
                        kind: NoteKind::Warning,
                        message: format!("large type before a numbered head, kept as a head of its own: {h}: check it"),
                    });
                    art.blocks.push(Block::Head(h));
                }
                // Two head lines in a row: one head broken at its space.
                pending = Some(match pending.take() {
                    Some((_, h)) if text.chars().count() <= 2 || h.ends_with('，') => {
                        (i, format!("{h}{text}"))
                    }
                    Some((_, h)) => (i, format!("{h}　{text}")),
                    None => (i, text),
                });
            }
            Part::Lines(run) => {
                push_head(art, &mut pending);
                for p in paras::build(lines, page.measure, &run, marks, notes) {
                    if p.last > p.first {
                        notes.push(Note {
                            line: p.first,
                            kind: NoteKind::Changed,
                            message: format!(
                                "lines {}–{} joined into one paragraph",
                                p.first, p.last
                            ),
                        });
                    }
                    paragraph(art, p.first, &p.text, style, notes);
                }
            }
            Part::Kept(no, text) => {
                push_head(art, &mut pending);
                paragraph(art, no, &text, style, notes);
            }
        }
    }
    push_head(art, &mut pending);
}

fn paragraph(art: &mut Article, first: usize, text: &str, style: Style, notes: &mut Vec<Note>) {
    let r = inline::repair_with_style(text, style);
    for c in r.changes {
        notes.push(Note {
            line: first,
            kind: NoteKind::Changed,
            message: c,
        });
    }
    for w in r.warnings {
        notes.push(Note {
            line: first,
            kind: NoteKind::Warning,
            message: w,
        });
    }
    let mut t = r.text;
    if let Some(k) = dateline(&t)
        && t[k..].starts_with(|c: char| super::names::is_han(c))
    {
        t.insert(k, '　');
        notes.push(Note {
            line: first,
            kind: NoteKind::Changed,
            message: "a full-width space after the dateline".into(),
        });
    }
    if !t.is_empty() {
        art.blocks.push(Block::Para(t));
    }
}

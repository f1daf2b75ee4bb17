//! Articles: the lines, in reading order, cut where one article ends and
//! the next begins, each split into its headline block and its body.
//!
//! A new article starts only where the previous one closed (a source line,
//! a credit, an end mark or jump line, a serial's installment number) or
//! where a headline block follows with a byline, a deck or a serial's
//! clues. A `#` line is large type, not an article boundary: a section head
//! the OCR marked `#` stays in its article.

use super::lines::{Role, heading_like};
use super::names::is_han;
use super::people::{SerialHead, dateline};
use super::prep::Line;
use super::shape::{chapter_title, ends_sentence, full, heading_text, indent_shape};
use super::{Note, NoteKind};

/// One line of an article, with what the roles said about it.
#[derive(Debug, Clone)]
pub(super) enum Item {
    Text(usize),
    Blank,
    Byline(usize, String),
    Source(usize, String),
    Author(usize, String),
    Installment(usize, u32),
    Number(usize, u32),
    Serial(usize, SerialHead),
    /// A line kept as a paragraph of its own: an end mark (which closes
    /// the article), or stray characters handed back by the headline block.
    Alone(usize),
}

/// An article's lines: the headline block, then the body.
#[derive(Debug, Default)]
pub(super) struct Segment {
    pub header: Vec<Item>,
    pub body: Vec<Item>,
}

/// The classified lines in reading order.
pub(super) struct Page<'a> {
    pub lines: &'a [Line],
    pub roles: &'a [Role],
    pub measure: &'a [Option<f32>],
    pub order: Vec<usize>,
}

/// Header lines an article may have before its body.
const MAX_HEADER: usize = 6;

impl Page<'_> {
    fn item(&self, i: usize) -> Option<Item> {
        Some(match &self.roles[i] {
            Role::Text => Item::Text(i),
            Role::Blank => Item::Blank,
            Role::Byline(b) => Item::Byline(i, b.clone()),
            Role::Source(s) => Item::Source(i, s.clone()),
            Role::Author(a) => Item::Author(i, a.clone()),
            Role::Installment(n) => Item::Installment(i, *n),
            Role::Number(n) => Item::Number(i, *n),
            Role::Serial(h) => Item::Serial(i, h.clone()),
            Role::End => Item::Alone(i),
            Role::Furniture { .. } => return None,
        })
    }

    /// The next text line after position `p` of the reading order.
    fn next_text(&self, p: usize) -> Option<usize> {
        self.order[p + 1..]
            .iter()
            .copied()
            .find(|&i| !matches!(self.roles[i], Role::Blank | Role::Furniture { .. }))
            .filter(|&i| self.roles[i] == Role::Text)
    }

    /// A line with a heading's text that is a block of its own: blank lines
    /// (or the text's start) before and after it, as Tesseract sets a
    /// headline apart.
    fn own_block(&self, p: usize) -> bool {
        let i = self.order[p];
        let l = &self.lines[i];
        let blank = |j: Option<usize>| j.is_none_or(|j| self.roles[j] == Role::Blank);
        let before = (p > 0).then(|| self.order[p - 1]);
        let after = self.order.get(p + 1).copied();
        heading_text(&l.text)
            && !l.quote
            && !l.bullet
            && blank(before)
            && after.is_some()
            && blank(after)
    }

    /// A line with a heading's text, as wide as the column, standing alone
    /// over a byline or a paragraph's first line: a headline one column
    /// wide.
    fn stands_alone(&self, p: usize) -> bool {
        let l = &self.lines[self.order[p]];
        let next = (p + 1..self.order.len()).find(|&q| {
            !matches!(
                self.roles[self.order[q]],
                Role::Blank | Role::Furniture { .. }
            )
        });
        heading_text(&l.text)
            && !l.quote
            && !l.bullet
            && next.is_some_and(|q| match self.roles[self.order[q]] {
                Role::Text => self.first_body_line(q),
                Role::Byline(_) | Role::Author(_) | Role::Serial(_) | Role::Installment(_) => true,
                _ => false,
            })
    }

    /// A heading-like line that is really a paragraph's first line: as
    /// wide as one (its indent dropped) and run on by a full line, or a
    /// dateline (新华社北京3月14日电).
    fn first_body_line(&self, p: usize) -> bool {
        let i = self.order[p];
        let l = &self.lines[i];
        if dateline(&l.text).is_some() {
            return true;
        }
        let Some(m) = self.measure[i] else {
            return false;
        };
        l.level.is_none()
            && indent_shape(l, m)
            && self.next_text(p).is_some_and(|n| {
                let nl = &self.lines[n];
                full(nl.width, m) && nl.width < m + 2.0 && !ends_sentence(&nl.text)
            })
    }

    /// Whether the line at position `p` can stand in a headline block.
    fn header_line(&self, p: usize) -> bool {
        let i = self.order[p];
        match self.roles[i] {
            Role::Text => {
                let l = &self.lines[i];
                let alone = self.stands_alone(p) || self.own_block(p);
                (heading_like(l, self.measure[i]) || alone || fragment(&l.text))
                    && !self.first_body_line(p)
            }
            Role::Byline(_)
            | Role::Author(_)
            | Role::Serial(_)
            | Role::Installment(_)
            | Role::Number(_) => true,
            _ => false,
        }
    }

    /// The headline block starting at position `p`: the positions of its
    /// lines (blank lines and furniture skipped).
    fn block(&self, p: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for q in p..self.order.len() {
            let i = self.order[q];
            match self.roles[i] {
                Role::Blank | Role::Furniture { .. } => continue,
                _ if out.len() < MAX_HEADER && self.header_line(q) => out.push(q),
                _ => break,
            }
        }
        out
    }

    /// A headline block says a new article starts: it has a byline, a
    /// deck (a dash line, or smaller type under larger) or serial clues.
    fn announces_article(&self, block: &[usize]) -> bool {
        let texts: Vec<&Line> = block
            .iter()
            .map(|&q| self.order[q])
            .filter(|&i| self.roles[i] == Role::Text)
            .map(|i| &self.lines[i])
            .collect();
        let clue = block.iter().any(|&q| {
            matches!(
                self.roles[self.order[q]],
                Role::Byline(_) | Role::Author(_) | Role::Serial(_) | Role::Installment(_)
            )
        });
        let dash = texts
            .iter()
            .skip(1)
            .any(|l| l.text.starts_with(['—', '─']) || l.text.starts_with("一一"));
        let smaller = texts.windows(2).any(|w| match (w[0].level, w[1].level) {
            (Some(a), Some(b)) => b > a,
            _ => false,
        });
        let named = texts.len() >= 2
            && texts
                .last()
                .is_some_and(|l| super::names::is_name(&l.text) && block.len() == texts.len());
        clue || dash || smaller || named
    }
}

/// Cuts the page into articles; furniture lines become report notes.
pub(super) fn segments(page: &Page, notes: &mut Vec<Note>) -> Vec<Segment> {
    let mut segs = Vec::new();
    let mut cur = Segment::default();
    let mut in_body = false;
    // The article before has closed (source, credit, end mark, number).
    let mut closed = false;
    // The last body text ended a sentence: a headline may follow.
    let mut at_end = true;
    for p in 0..page.order.len() {
        let i = page.order[p];
        let line = &page.lines[i];
        if let Role::Furniture { what, closes } = page.roles[i] {
            notes.push(Note {
                line: line.no,
                kind: NoteKind::Removed,
                message: format!("{what}: {}", line.text),
            });
            closed |= closes && in_body;
            continue;
        }
        if in_body && (at_end || closed) && page.header_line(p) {
            let block = page.block(p);
            let texts = block
                .iter()
                .any(|&q| page.roles[page.order[q]] == Role::Text);
            if (closed && texts) || page.announces_article(&block) {
                segs.push(std::mem::take(&mut cur));
                in_body = false;
                closed = false;
            }
        }
        let Some(item) = page.item(i) else { continue };
        if !in_body {
            if matches!(item, Item::Blank) {
                // Kept: a blank line parts two headline lines.
                if !cur.header.is_empty() {
                    cur.header.push(item);
                }
                continue;
            }
            let filled = cur
                .header
                .iter()
                .filter(|h| !matches!(h, Item::Blank))
                .count();
            if page.header_line(p) && filled < MAX_HEADER && !after_byline(&cur, &item) {
                cur.header.push(item);
                continue;
            }
            in_body = true;
        }
        match &item {
            Item::Text(_) => {
                closed = false;
                at_end = ends_sentence(&line.text);
            }
            Item::Source(..) | Item::Alone(_) => closed = true,
            Item::Installment(..) => closed = true,
            Item::Number(..) => closed |= has_serial_clue(&cur),
            _ => {}
        }
        cur.body.push(item);
    }
    if !cur.header.is_empty() || !cur.body.is_empty() {
        segs.push(cur);
    }
    segs
}

/// One or two characters that are not a word (`一`, `/女`): what the OCR
/// made of large type it could not read.
pub(super) fn fragment(t: &str) -> bool {
    let cs: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
    !cs.is_empty() && cs.len() <= 2 && !(cs.len() == 2 && cs.iter().all(|&c| is_han(c)))
}

/// A serial's head (连载 789 《长河灯影》 沈南星 著) that the OCR read beside
/// another article's headline is moved to the article that looks like the
/// installment (its title 第…回, no reporter's byline), with a warning.
pub(super) fn place_serial_heads(segs: &mut [Segment], lines: &[Line], notes: &mut Vec<Note>) {
    let clue = |it: &Item| {
        matches!(
            it,
            Item::Serial(..) | Item::Author(..) | Item::Installment(..)
        )
    };
    let reporter = |seg: &Segment| {
        seg.header.iter().any(|it| {
            matches!(it, Item::Byline(_, b) if ["记者", "記者", "通讯员", "通訊員"].iter().any(|r| b.contains(r)))
        })
    };
    let chapter = |seg: &Segment| {
        seg.header
            .iter()
            .any(|it| matches!(it, Item::Text(i) if chapter_title(&lines[*i].text)))
    };
    for k in 0..segs.len() {
        if !reporter(&segs[k]) || !segs[k].header.iter().any(clue) {
            continue;
        }
        let target = (0..segs.len())
            .filter(|&j| j != k && chapter(&segs[j]) && !segs[j].header.iter().any(clue))
            .min_by_key(|&j| j.abs_diff(k));
        let Some(j) = target else { continue };
        let (moved, kept): (Vec<Item>, Vec<Item>) = std::mem::take(&mut segs[k].header)
            .into_iter()
            .partition(|it| clue(it));
        segs[k].header = kept;
        for it in moved.into_iter().rev() {
            if let Item::Serial(i, _) | Item::Author(i, _) | Item::Installment(i, _) = &it {
                notes.push(Note {
                    line: lines[*i].no,
                    kind: NoteKind::Warning,
                    message: format!(
                        "a serial's head beside another article's headline: given to the installment titled at line {}: check it",
                        first_text(&segs[j], lines).unwrap_or(0)
                    ),
                });
            }
            segs[j].header.insert(0, it);
        }
    }
}

fn first_text(seg: &Segment, lines: &[Line]) -> Option<usize> {
    seg.header.iter().find_map(|it| match it {
        Item::Text(i) => Some(lines[*i].no),
        _ => None,
    })
}

/// After a byline the headline block is over: a text line is body.
fn after_byline(seg: &Segment, item: &Item) -> bool {
    matches!(item, Item::Text(_)) && seg.header.iter().any(|h| matches!(h, Item::Byline(..)))
}

pub(super) fn has_serial_clue(seg: &Segment) -> bool {
    seg.header.iter().chain(&seg.body).any(|h| {
        matches!(
            h,
            Item::Author(..) | Item::Serial(..) | Item::Installment(..)
        )
    })
}

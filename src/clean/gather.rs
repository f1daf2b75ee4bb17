//! Articles: the lines, in reading order, cut where one article ends and
//! the next begins, each split into its headline block and its body.
//!
//! A new article starts only where the previous one closed (a source line,
//! a credit, an end mark or jump line, a serial's installment number) or
//! where a headline block follows with a byline, a deck or a serial's
//! clues. A `#` line is large type, not an article boundary: a section head
//! the OCR marked `#` stays in its article.

use super::boxes::{has_serial_clue, lacks_author};
use super::lines::{Role, heading_like};
pub(super) use super::page::{Item, Page, Segment};
use super::page::{MAX_HEADER, after_byline};
use super::people::dateline;
use super::shape::{ends_sentence, enumerator, first_line, full, heading_text};
use super::{Note, NoteKind};
use super::{repeats, resume};

/// Text lines past which an article is no box read into another's column.
const LONG_ITEM: usize = 40;

/// The state of the cut while the lines are read in order.
struct Cutter {
    segs: Vec<Segment>,
    /// The segment being filled.
    cur: usize,
    in_body: bool,
    /// The article has closed (source, credit, end mark, number).
    closed: bool,
    /// The last body text ended a sentence: a headline may follow.
    at_end: bool,
    /// Articles whose text stopped in the middle of a sentence when
    /// another article's head came between (a serial box read into a
    /// feature's column): their text may resume later.
    open: Vec<usize>,
    /// The article ended with an end mark (（未完待续）, （完）): nothing
    /// after it is its text.
    ended: bool,
    /// Articles a jump line (下转第13版) sent on: text after another's end
    /// mark may be their continuation.
    jumped: Vec<usize>,
    /// Articles whose text went on after a continuation line under their
    /// headline: whole articles of the page, as a bylined one is.
    continued: Vec<usize>,
    /// Articles whose text came back to them after another article's
    /// interrupted it: their columns stand among others' on the page, so
    /// a byline no longer makes them whole.
    rejoined: Vec<usize>,
    /// Each jump line read in an article's text: the article and the
    /// length its body had then.
    jumps: Vec<(usize, usize)>,
    /// Where text read by a guess began (after a page number, a jump
    /// line or an article's end; or where text went back to an article
    /// it interrupted): a segment and the length its body had then.
    mark: Option<(usize, usize)>,
}

impl Cutter {
    fn start_article(&mut self) {
        if !self.at_end && !self.closed {
            self.open.push(self.cur);
        }
        self.segs.push(Segment::default());
        self.cur = self.segs.len() - 1;
        self.in_body = false;
        self.closed = false;
        self.at_end = true;
        self.ended = false;
        self.mark = None;
    }

    /// Text after an article's end mark, source line or credit, where
    /// another article stopped in the middle of a sentence: that article's
    /// text, read after the box that interrupted it (a closed article has
    /// no more text; a headline would have started a new one).
    fn after_end_mark(&self, page: &Page, p: usize) -> Option<usize> {
        let i = page.order[p];
        let back = if self.ended {
            self.open.last().or(self.jumped.last())
        } else {
            self.open.last()
        };
        ((self.ended || self.closed) && self.in_body && page.roles[i] == Role::Text)
            .then_some(back.copied())
            .flatten()
            .filter(|&j| j != self.cur)
    }

    /// Goes back to article `j`; the current one, if it stopped in the
    /// middle of a sentence, may resume later in its turn.
    fn switch_to(&mut self, j: usize) {
        self.open.retain(|&k| k != j);
        self.jumped.retain(|&k| k != j);
        if !self.at_end && !self.ended && !self.open.contains(&self.cur) {
            self.open.push(self.cur);
        }
        self.cur = j;
        self.ended = false;
        self.mark = Some((j, self.segs[j].body.len()));
    }

    /// Goes on with article `j`'s text after a continuation line under its
    /// headline: in the middle of the sentence its jump line stopped.
    fn resume(&mut self, j: usize) {
        if j != self.cur {
            self.switch_to(j);
        }
        self.jumped.retain(|&k| k != j);
        if !self.continued.contains(&j) {
            self.continued.push(j);
        }
        self.in_body = true;
        self.closed = false;
        self.at_end = false;
        self.mark = None;
    }

    /// A continuation head read inside a column (at position `p`) names
    /// article `j`: the text from there on is its rest, and so is the
    /// text read since the last cut, where the current article's text came
    /// to it by a guess (after another's end mark, or a full line after a
    /// sentence end), not under its own continuation line. In an article
    /// whose rest went on under its own continuation line, the text read
    /// since the last column break after that ([`resume::column_break`])
    /// goes too: the head's article may have begun there (prose boxes'
    /// gq07: a3's rest read after a2's paragraph end and a3's caption).
    fn named_in_column(&mut self, page: &Page, p: usize, j: usize, notes: &mut Vec<Note>) {
        let s = self.cur;
        let from = match self.mark {
            _ if s == j => None,
            Some((m, from)) if m == s && !self.continued.contains(&s) => Some(from),
            _ if self.continued.contains(&s) => {
                let since = self.segs[s].resumed.last().copied().unwrap_or(0);
                let cut = self.mark.filter(|m| m.0 == s).map_or(0, |m| m.1);
                resume::column_break(page, &self.segs[s].body, (since, cut))
            }
            _ => None,
        };
        if let Some(from) = from {
            let to = self.segs[s].body.len();
            let why = "go with the article whose headline is repeated under them, read inside its column: check them";
            resume::hand_over(page, &mut self.segs, (s, from..to, j), why, notes);
        }
        self.resume(j);
        self.segs[j].resumed.push(p);
    }

    /// Article `j` goes on under its continuation line, but no jump line
    /// was read in its text: its jump line was read in another article's,
    /// jumped by it alone, where the OCR went on from that article's
    /// column into `j`'s last one (prose boxes' gq08: a1's column, from
    /// 可行善人恭之想, read under a7's line left open). That column, from
    /// where a first line stands under a full line left open
    /// ([`resume::column_switch`]) to the jump line, is `j`'s, and the
    /// article it was read into did not jump.
    fn column_of(&mut self, page: &Page, j: usize, notes: &mut Vec<Note>) {
        let found = self.jumps.iter().rev().find_map(|&(k, at)| {
            // Text taken from the article since (a continuation head read
            // in its column) may have left its body shorter.
            let at = at.min(self.segs[k].body.len());
            let jumped = k != j && !self.continued.contains(&k);
            jumped
                .then(|| resume::column_switch(page, &self.segs[k].body[..at]))
                .flatten()
                .map(|from| (k, from, at))
        });
        let Some((k, from, at)) = found else { return };
        let why = "go with the article whose continuation line they run on to, their jump line read in another article's column: check them";
        resume::hand_over(page, &mut self.segs, (k, from..at, j), why, notes);
        self.jumped.retain(|&x| x != k);
        self.jumps.retain(|&(x, _)| x != k);
        if let Some(m) = self.mark.as_mut().filter(|m| m.0 == k && m.1 >= at) {
            m.1 -= at - from;
        }
    }

    /// A headline block at position `p` starts an article: after a closed
    /// article or a sentence end when it announces one, and even in the
    /// middle of a sentence when it holds a byline or a serial's clues.
    fn starts_article(&self, page: &Page, p: usize) -> bool {
        if !self.in_body || !page.header_line(p) {
            return false;
        }
        let block = page.block(p);
        let role = |q: &usize| &page.roles[page.order[*q]];
        let texts = block.iter().any(|q| *role(q) == Role::Text);
        let clue = block.iter().any(|q| {
            matches!(
                role(q),
                Role::Byline(_) | Role::Author(_) | Role::Serial(_) | Role::Installment(_)
            )
        });
        let after_end = self.at_end || self.closed;
        let news = texts
            && block
                .last()
                .and_then(|&q| page.next_text(q))
                .is_some_and(|i| news_opening(&page.lines[i].text));
        if self.late_block(page, &block, news) {
            return false;
        }
        // A serial's credits (《北窗》 / 顾青禾 著) read in the middle of an
        // installment that has none: its own box's head, read after the
        // box's first column; they stay in it (article.rs takes them).
        let credits = block
            .iter()
            .all(|q| matches!(role(q), Role::Text | Role::Blank | Role::Author(_)));
        // After a sentence end too, where the block names the author: a
        // serial prints its credits once, and an installment that has
        // none read yet (its number and title over its text) owns them.
        let author = block.iter().any(|q| matches!(role(q), Role::Author(_)));
        if (!after_end || author) && credits && lacks_author(&self.segs[self.cur]) {
            return false;
        }
        // A news item's first line (本报讯, 新华社北京3月14日电) under the
        // block (`news`): a box of its own set into another article's
        // column.
        after_end && (self.closed && texts || page.announces_article(&block))
            || clue && texts
            || news
    }

    /// The block is the rest of the current article's headline block, read
    /// late in the middle of its text ([`super::boxes::late_byline`]).
    fn late_block(&self, page: &Page, block: &[usize], news: bool) -> bool {
        let role = |q: &usize| &page.roles[page.order[*q]];
        let serial = block.iter().any(|q| {
            matches!(
                role(q),
                Role::Author(_) | Role::Serial(_) | Role::Installment(_)
            )
        });
        let byline = block.iter().any(|q| matches!(role(q), Role::Byline(_)));
        let mid_sentence =
            self.in_body && !self.closed && (!self.at_end || runs_through(page, block));
        mid_sentence && super::boxes::late_byline(&self.segs[self.cur], byline, serial, news)
    }

    /// A headline block with a byline under an article that has a
    /// headline but no text yet (a line or two of large type the OCR read
    /// in pieces, no sentence among them) is the rest of that article's
    /// headline block, not a new article: the lines go back to the block.
    fn reopen_header(&mut self, page: &Page) -> bool {
        let seg = &self.segs[self.cur];
        let texts: Vec<usize> = seg
            .body
            .iter()
            .filter_map(|it| match it {
                Item::Text(i) => Some(*i),
                Item::Blank => None,
                _ => Some(usize::MAX),
            })
            .collect();
        let headline = seg.header.iter().any(|h| matches!(h, Item::Text(_)));
        let bylined = seg
            .header
            .iter()
            .any(|h| matches!(h, Item::Byline(..) | Item::Serial(..)));
        let pieces = !texts.is_empty()
            && texts.len() <= 2
            && texts.iter().all(|&i| {
                i != usize::MAX && {
                    let l = &page.lines[i];
                    let short = page.measure[i].is_none_or(|m| !full(l.width, m));
                    short && !ends_sentence(&l.text) && !l.indented
                }
            });
        if !headline || bylined || !pieces || self.closed {
            return false;
        }
        let seg = &mut self.segs[self.cur];
        let body = std::mem::take(&mut seg.body);
        seg.header.extend(body);
        self.in_body = false;
        true
    }

    /// The lines at the end of the body after its last sentence that are
    /// the next headline block's first lines (a kicker, a headline the OCR
    /// read in pieces): at most two, each short and ending no sentence,
    /// after a line that ends one. Taken off the body. After a jump line
    /// (下转第2版) they may be as wide as a column line: the article above
    /// goes on on another page, so no line of its text stands there (a
    /// kicker set across two columns, 水和实在车上七十七天外曰不暇).
    fn header_tail(&mut self, page: &Page) -> Vec<Item> {
        let body = &self.segs[self.cur].body;
        let mut k = body.len();
        let mut texts = 0;
        let mut wide = false;
        let mut jumped = false;
        while k > 0 {
            match &body[k - 1] {
                Item::Blank => k -= 1,
                Item::Text(i) => {
                    let l = &page.lines[*i];
                    // Heading-shaped once a misread pause mark at its end
                    // is off (城市书房越开越多;).
                    let t = l.text.trim_end_matches(|c: char| "；;，,：:、".contains(c));
                    // Nor over a jump line: the text before it goes on on
                    // another page.
                    if ends_sentence(&l.text) || page.closed_after(*i) {
                        jumped = page.closed_after(*i);
                        break;
                    }
                    if texts == 2 || !heading_text(t) || l.indented || l.quote || l.bullet {
                        return Vec::new();
                    }
                    wide |= page.measure[*i].is_some_and(|m| full(l.width, m));
                    texts += 1;
                    k -= 1;
                }
                _ => return Vec::new(),
            }
        }
        if texts == 0 || k == 0 || wide && !jumped {
            return Vec::new();
        }
        // The article's text now ends where it closed: it waits for no
        // rest of a sentence.
        self.at_end = true;
        let tail = self.segs[self.cur].body.split_off(k);
        tail.into_iter()
            .skip_while(|it| matches!(it, Item::Blank))
            .collect()
    }

    /// A full column line after a sentence end does not start a paragraph:
    /// it continues an article a block interrupted.
    fn resumes(&self, page: &Page, p: usize) -> Option<usize> {
        let i = page.order[p];
        let l = &page.lines[i];
        let m = page.measure[i]?;
        let next = page.next_text(p).map(|n| &page.lines[n]);
        let column = full(l.width, m) && l.width < m + 2.0;
        let fresh = enumerator(&l.text) || l.text.starts_with(['“', '「', '（', '(', '《']);
        // An article that began with a byline under its headline, or a
        // serial's installment under its head (连载789　《长河灯影》), is a
        // whole article of the page, not a box read into another's column:
        // a full line after a sentence end goes on with its own text.
        // Not once its own text came back to it after another article's
        // interrupted it (prose boxes' gq08: a4's rest, read after a
        // jump line, then a7's column going on from 请讨论笃志): its columns
        // and others' are read in turn, and a full line under its
        // paragraph's last is no line of its own (its next paragraph
        // would open two ems short). So is an article longer than a box
        // read into a column holds (prose scan gq07's a1: a headline over
        // 本报讯, no byline, a hundred lines of its own).
        let seg = &self.segs[self.cur];
        let texts = seg.body.iter().filter(|it| matches!(it, Item::Text(_)));
        let whole = texts.count() > LONG_ITEM
            || (seg.header.iter()).any(|h| matches!(h, Item::Byline(..) | Item::Serial(..)));
        let reported =
            whole && !self.rejoined.contains(&self.cur) || self.continued.contains(&self.cur);
        let candidate = self.in_body && self.at_end && page.roles[i] == Role::Text && !reported;
        // Where the OCR parts its blocks with blank lines, text read after
        // an interruption is a block of its own: a line run on from the
        // one above is that paragraph's next sentence.
        let apart = || {
            p == 0
                || matches!(
                    page.roles[page.order[p - 1]],
                    Role::Blank | Role::Furniture { .. }
                )
                || !page.roles.contains(&Role::Blank)
        };
        (candidate
            && column
            && !fresh
            && !first_line(l, next, m)
            && !heading_like(l, Some(m))
            && apart()
            && !flush_above(page, p, m))
        .then(|| self.open.last().copied())
        .flatten()
        .filter(|&j| j != self.cur)
    }

    /// A furniture line at position `p`: reported, and what it tells of
    /// the cut (a jump line, a continuation line, a head naming its
    /// article).
    fn furniture(
        &mut self,
        page: &Page,
        p: usize,
        (what, closes): (&str, bool),
        notes: &mut Vec<Note>,
    ) {
        let i = page.order[p];
        notes.push(Note {
            line: page.lines[i].no,
            kind: NoteKind::Removed,
            message: format!("{what}: {}", page.lines[i].text),
        });
        if masthead_over(self, page, p) {
            for item in self.segs[0].header.drain(..) {
                if let Item::Text(j) = item {
                    notes.push(Note {
                        line: page.lines[j].no,
                        kind: NoteKind::Removed,
                        message: format!(
                            "the page's masthead or running head (over its date line, a headline block with a byline under it): {}",
                            page.lines[j].text
                        ),
                    });
                }
            }
        }
        if ["page number", "jump line", "running head"].contains(&what) && self.in_body {
            self.mark = Some((self.cur, self.segs[self.cur].body.len()));
        }
        self.closed |= closes && self.in_body;
        if closes && self.in_body && what == "jump line" && !self.jumped.contains(&self.cur) {
            self.jumped.push(self.cur);
            self.jumps.push((self.cur, self.segs[self.cur].body.len()));
        }
        if what == repeats::IN_COLUMN
            && let Some(j) = resume::named(page, i, &self.segs)
        {
            self.named_in_column(page, p, j, notes);
        }
        // A continuation line (上接第12版) is where a jumped text
        // resumes: it answers the latest jump, whose article no longer
        // waits for text after another's end mark (in a stretch read
        // across, the jump line may be a neighbour column's).
        if !closes && what == "jump line" {
            match resume::continued(page, p, &mut self.segs, (self.cur, self.in_body), notes) {
                Some(j) => {
                    if !self.jumps.iter().any(|&(k, _)| k == j) {
                        self.column_of(page, j, notes);
                    }
                    self.resume(j);
                    self.segs[j].resumed.push(p);
                }
                None => {
                    self.jumped.pop();
                }
            }
        }
    }
}

/// Cuts the page into articles; furniture lines become report notes.
pub(super) fn segments(page: &Page, notes: &mut Vec<Note>) -> Vec<Segment> {
    let mut c = Cutter {
        segs: vec![Segment::default()],
        cur: 0,
        in_body: false,
        closed: false,
        at_end: true,
        open: Vec::new(),
        ended: false,
        jumped: Vec::new(),
        continued: Vec::new(),
        rejoined: Vec::new(),
        jumps: Vec::new(),
        mark: None,
    };
    for p in 0..page.order.len() {
        let i = page.order[p];
        let line = &page.lines[i];
        if let Role::Furniture { what, closes } = page.roles[i] {
            c.furniture(page, p, (what, closes), notes);
            continue;
        }
        if c.starts_article(page, p) && !c.reopen_header(page) {
            let tail = c.header_tail(page);
            c.start_article();
            c.segs[c.cur].header = tail;
        }
        if let Some(j) = c.after_end_mark(page, p) {
            notes.push(Note {
                line: line.no,
                kind: NoteKind::Warning,
                message: "text after an article's end (an end mark, its source line or a credit): the text of an article it interrupted, joined to it again; check it".into(),
            });
            c.switch_to(j);
            c.rejoined.push(j);
        } else if let Some(j) = c.resumes(page, p) {
            notes.push(Note {
                line: line.no,
                kind: NoteKind::Warning,
                message: "a full line after a sentence end: the text of an article another one interrupted, joined to it again; check it".into(),
            });
            c.switch_to(j);
            c.rejoined.push(j);
        }
        let Some(item) = page.item(i) else { continue };
        let late = matches!(item, Item::Byline(..)) && c.late_block(page, &page.block(p), false);
        let seg = &mut c.segs[c.cur];
        if late {
            notes.push(Note {
                line: line.no,
                kind: NoteKind::Warning,
                message: "a byline read in the middle of a sentence of an article that has none: the rest of its headline block, read after its first column; the lines over it are kept in the text: check them".into(),
            });
            seg.header.push(item);
            continue;
        }
        if !c.in_body {
            if matches!(item, Item::Blank) {
                // Kept: a blank line parts two headline lines.
                if !seg.header.is_empty() {
                    seg.header.push(item);
                }
                continue;
            }
            let filled = seg
                .header
                .iter()
                .filter(|h| !matches!(h, Item::Blank))
                .count();
            if page.header_line(p) && filled < MAX_HEADER && !after_byline(seg, &item) {
                seg.header.push(item);
                continue;
            }
            c.in_body = true;
        }
        match &item {
            Item::Text(_) => {
                c.closed = false;
                c.at_end = ends_sentence(&line.text);
            }
            Item::Alone(_) => {
                c.closed = true;
                c.ended = true;
            }
            Item::Source(..) | Item::Installment(..) => c.closed = true,
            Item::Number(..) => c.closed |= has_serial_clue(seg),
            _ => {}
        }
        // Text after an article's end or a page number is read there by
        // a guess: a continuation head read later in its column may name
        // its article.
        if !matches!(item, Item::Text(_) | Item::Blank | Item::Byline(..)) {
            c.mark = Some((c.cur, seg.body.len() + 1));
        }
        seg.body.push(item);
    }
    c.segs
        .into_iter()
        .filter(|s| !s.header.is_empty() || !s.body.is_empty())
        .collect()
}

/// The line read right before position `p` (no blank line or furniture
/// between) is a text line as wide as the column ending its sentence: a
/// sentence that ends at the column's edge, and the paragraph goes on
/// under it. A full line there is that paragraph's next line, not the
/// text of an article a box interrupted (which a paragraph's short last
/// line, or a blank line, would leave room for).
fn flush_above(page: &Page, p: usize, m: f32) -> bool {
    let Some(i) = p.checked_sub(1).map(|q| page.order[q]) else {
        return false;
    };
    let l = &page.lines[i];
    page.roles[i] == Role::Text && ends_sentence(&l.text) && full(l.width, m) && l.width < m + 2.0
}

/// The text's first lines are the page's masthead (its name, often
/// drawn art the OCR reads as stray letters), not a headline block: they
/// stand over the page's running head (furniture at `p`, before any
/// body), and a headline block with a byline follows it.
fn masthead_over(c: &Cutter, page: &Page, p: usize) -> bool {
    let header = &c.segs[0].header;
    let top = c.segs.len() == 1 && !c.in_body && !header.is_empty();
    let texts = header
        .iter()
        .all(|h| matches!(h, Item::Text(_) | Item::Blank));
    let next = (p + 1..page.order.len()).find(|&q| {
        !matches!(
            page.roles[page.order[q]],
            Role::Blank | Role::Furniture { .. }
        )
    });
    top && texts
        && next.is_some_and(|q| {
            let block = page.block(q);
            let role = |q: &usize| &page.roles[page.order[*q]];
            block.iter().any(|q| *role(q) == Role::Text)
                && block.iter().any(|q| matches!(role(q), Role::Byline(_)))
        })
}

/// The text under a block opens with a full column line that is no
/// paragraph's first line (in line-per-box text its dropped indent leaves
/// one two ems short), nor a dateline, an enumerator or an opening mark:
/// the text under a headline block opens a paragraph, so a sentence runs
/// on through this block from the lines above it, whatever they end on
/// (一…之有两: / 本报记者林英 / 君称岂少摊看云士，…).
fn runs_through(page: &Page, block: &[usize]) -> bool {
    let Some(i) = block.last().and_then(|&q| page.next_text(q)) else {
        return false;
    };
    let l = &page.lines[i];
    let fresh = enumerator(&l.text) || l.text.starts_with(['“', '「', '（', '(', '《']);
    page.measure[i].is_some_and(|m| full(l.width, m) && l.width < m + 2.0)
        && !fresh
        && !l.indented
        && !news_opening(&l.text)
}

/// Opens a news item: a dateline (新华社北京3月14日电, 本报讯).
fn news_opening(t: &str) -> bool {
    dateline(t.trim_start()).is_some()
}

//! The page's lines in reading order, and what a line is among its
//! neighbours: the start of its own block, a headline line, the first line
//! of a body, a deck over a byline. [`super::gather`] cuts the page into
//! articles with these answers.

use super::lines::{Role, heading_like};
use super::people::{SerialHead, dateline};
use super::prep::Line;
use super::shape::{
    chapter_title, ends_sentence, fragment, full, heading_text, indent_shape, leaves_open, narrow,
    runs_on,
};

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

impl Item {
    /// The line of a text item.
    pub(super) fn text(&self) -> Option<usize> {
        match self {
            Item::Text(i) => Some(*i),
            _ => None,
        }
    }
}

/// An article's lines: the headline block, then the body.
#[derive(Debug, Default)]
pub(super) struct Segment {
    pub header: Vec<Item>,
    pub body: Vec<Item>,
    /// Reading positions of the continuation lines (上接第1版) under this
    /// article's headline where its text went on: a gap there is no
    /// column of another article.
    pub resumed: Vec<usize>,
}

/// The classified lines in reading order.
pub(super) struct Page<'a> {
    pub lines: &'a [Line],
    pub roles: &'a [Role],
    pub measure: &'a [Option<f32>],
    pub order: Vec<usize>,
    /// The stretches of two columns read across, taken apart.
    pub woven: Vec<super::columns::Woven>,
}

/// Header lines an article may have before its body.
pub(super) const MAX_HEADER: usize = 6;

impl Page<'_> {
    pub(super) fn item(&self, i: usize) -> Option<Item> {
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

    /// A closing line (a jump line, a credit) comes after line `i` in the
    /// reading order before any other text.
    pub(super) fn closed_after(&self, i: usize) -> bool {
        let Some(p) = self.order.iter().position(|&x| x == i) else {
            return false;
        };
        self.order[p + 1..]
            .iter()
            .take_while(|&&j| matches!(self.roles[j], Role::Blank | Role::Furniture { .. }))
            .any(|&j| matches!(self.roles[j], Role::Furniture { closes: true, .. }))
    }

    /// The next text line after position `p` of the reading order.
    pub(super) fn next_text(&self, p: usize) -> Option<usize> {
        self.order[p + 1..]
            .iter()
            .copied()
            .find(|&i| !matches!(self.roles[i], Role::Blank | Role::Furniture { .. }))
            .filter(|&i| self.roles[i] == Role::Text)
    }

    /// A line with a heading's text that is a block of its own: blank lines
    /// (or the text's start) before and after it, as Tesseract sets a
    /// headline apart.
    pub(super) fn own_block(&self, p: usize) -> bool {
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
    pub(super) fn stands_alone(&self, p: usize) -> bool {
        let l = &self.lines[self.order[p]];
        let next = (p + 1..self.order.len()).find(|&q| {
            !matches!(
                self.roles[self.order[q]],
                Role::Blank | Role::Furniture { .. }
            )
        });
        // Not after a sentence left open.
        !self.after_open(p)
            && heading_text(&l.text)
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
    pub(super) fn first_body_line(&self, p: usize) -> bool {
        let i = self.order[p];
        let l = &self.lines[i];
        if dateline(&l.text).is_some() {
            return true;
        }
        let Some(m) = self.measure[i] else {
            return false;
        };
        let column = |n: usize| {
            let nl = &self.lines[n];
            full(nl.width, m) && nl.width < m + 2.0
        };
        // A full line ending a sentence may be a short paragraph's last;
        // with a full line under it too the paragraph runs on past it
        // (真不上下的老：冉子弟木 / 兴邦，…这条。 / 袁翔不待说："所子人长期间，):
        // no text under a headline opens so, with no first line.
        let runs_on = |n: usize| {
            !ends_sentence(&self.lines[n].text) || {
                let at = self.order.iter().position(|&x| x == n);
                at.and_then(|q| self.next_text(q)).is_some_and(column)
            }
        };
        l.level.is_none()
            && indent_shape(l, m)
            && self.next_text(p).is_some_and(|n| column(n) && runs_on(n))
    }

    /// A deck: a block of its own between a headline line and a byline.
    /// A newspaper prints the byline under the headline block, never
    /// inside a paragraph, so what stands there is the deck whatever its
    /// punctuation (decks are sentences with commas and colons, which the
    /// OCR misreads as `;` or cuts off after a comma).
    pub(super) fn deck_over_byline(&self, p: usize) -> bool {
        let i = self.order[p];
        let l = &self.lines[i];
        let skip = |j: &usize| !matches!(self.roles[*j], Role::Blank | Role::Furniture { .. });
        let blank_at = |q: Option<usize>| {
            q.and_then(|q| self.order.get(q))
                .is_some_and(|&j| self.roles[j] == Role::Blank)
        };
        let next = self.order[p + 1..].iter().find(|j| skip(j));
        let prev = (0..p).rev().find(|&q| skip(&self.order[q]));
        let over_headline = || {
            prev.is_some_and(|q| {
                let j = self.order[q];
                self.roles[j] == Role::Text
                    && (heading_like(&self.lines[j], self.measure[j]) || self.own_block(q))
                    && !self.first_body_line(q)
            })
        };
        let bylined = next.is_some_and(|&j| matches!(self.roles[j], Role::Byline(_)));
        bylined
            && !l.quote
            && !l.bullet
            && !l.indented
            && !ends_sentence(&l.text)
            && l.text.chars().count() <= 40
            && blank_at(p.checked_sub(1))
            && blank_at(Some(p + 1))
            && over_headline()
    }

    /// A line of a headline block read with no blank lines and no marks
    /// of size (line-per-box OCR): it and the few lines around it are
    /// headline-shaped (no sentence end, no paragraph's first line), a
    /// byline follows them, and a sentence end, a closing line (a jump
    /// line: the text above goes on on another page) or the text's start
    /// stands before them. A newspaper prints the byline
    /// under the headline block, never inside a paragraph; and a news
    /// item's dateline (本报讯) opens the text under one, so short lines
    /// over it are that block too.
    pub(super) fn over_byline(&self, p: usize) -> bool {
        self.framed(p, false) || self.framed(p, true)
    }

    /// [`Self::over_byline`]; `loose`: under a jump line (下转第2版) and
    /// over a byline or a news item's dateline, lines shaped like a
    /// paragraph's first line count too. The article above goes on on
    /// another page, and no paragraph stops short of a sentence end right
    /// over a byline, nor runs on into a line that opens with 本报讯: a
    /// kicker or headline as long as a first line is what stands there
    /// (老街的路灯全部换新了).
    fn framed(&self, p: usize, loose: bool) -> bool {
        let skip = |q: usize| {
            matches!(
                self.roles[self.order[q]],
                Role::Blank | Role::Furniture { .. }
            )
        };
        let shaped = |q: usize| self.block_shaped(q, loose);
        // Shorter than a column line, or two ems wider (a deck in larger
        // type): over a news item's first line only such lines are a
        // headline block (a full line there is the last line of a
        // paragraph the item's box cut into).
        let short = |q: usize| {
            let (i, l) = (self.order[q], &self.lines[self.order[q]]);
            self.measure[i].is_none_or(|m| narrow(l, m) || l.width >= m + 2.0)
        };
        if !shaped(p) {
            return false;
        }
        let mut n = 1;
        let mut all_short = short(p);
        let mut q = p;
        let framed = loop {
            q += 1;
            if q >= self.order.len() || n > 4 {
                break None;
            }
            if skip(q) {
                continue;
            }
            // Or a news item's first line (本报讯, 新华社北京3月14日电):
            // it opens the text under its headline block.
            let i = self.order[q];
            if matches!(self.roles[i], Role::Byline(_)) {
                break Some(false);
            }
            if self.roles[i] == Role::Text && dateline(&self.lines[i].text).is_some() {
                break Some(true);
            }
            if !shaped(q) {
                break None;
            }
            all_short &= short(q);
            n += 1;
        };
        let Some(news) = framed else {
            return false;
        };
        let mut q = p;
        while q > 0 {
            q -= 1;
            // A jump line (下转第2版) closes the text above as a sentence
            // end does: the article goes on on another page. No paragraph
            // of it is left between, so a line as wide as the column
            // there is a headline's, even over a news item's first line.
            if matches!(
                self.roles[self.order[q]],
                Role::Furniture { closes: true, .. }
            ) {
                return true;
            }
            if skip(q) {
                continue;
            }
            if !shaped(q) || n > 4 {
                let i = self.order[q];
                let end = self.roles[i] != Role::Text || ends_sentence(&self.lines[i].text);
                let cut = news && n == 1 && self.column_left_open(i);
                return !loose && (end || cut) && (!news || all_short);
            }
            all_short &= short(q);
            n += 1;
        }
        !loose && (!news || all_short)
    }

    /// Line `i` is a full column line leaving its sentence open: its
    /// paragraph goes on in the next column. A short line under it that
    /// ends no sentence, over a news item's first line (本报讯), is no
    /// line of that paragraph (none stops short of its sentence's end,
    /// nor runs on into a dateline): it is the item's one-line headline
    /// (无臣者之不可不可谓好行乎 under 臭？君尽美酒店客，何所知其).
    fn column_left_open(&self, i: usize) -> bool {
        let l = &self.lines[i];
        self.roles[i] == Role::Text
            && !ends_sentence(&l.text)
            && self.measure[i].is_some_and(|m| full(l.width, m))
    }

    /// The line at position `q` has a headline block line's shape: text
    /// ending no sentence and holding none, no quote, bullet or indent,
    /// and no paragraph's first line (`loose`: under a jump line, only no
    /// dateline).
    fn block_shaped(&self, q: usize, loose: bool) -> bool {
        let i = self.order[q];
        let l = &self.lines[i];
        // Where the OCR marks large type (`#`), it marks a headline
        // block's lines: an unmarked line as wide as the column there is
        // text (正在我待教摄召忽然后有:焉 over `# 倪前韶官时笑`).
        let body_sized = || {
            l.level.is_none()
                && self.measure[i].is_some_and(|m| full(l.width, m))
                && self.lines.iter().any(|x| x.level.is_some())
        };
        self.roles[i] == Role::Text
            && !l.quote
            && !l.bullet
            && !l.indented
            && !ends_sentence(&l.text)
            && !l.text.contains(['。', '；', ';', '！', '？'])
            && (2..=40).contains(&l.text.chars().count())
            && (loose && dateline(&l.text).is_none() || !self.first_body_line(q))
            && !body_sized()
    }

    /// The text line before position `p` leaves its sentence open. A
    /// jump line or a credit between closes it: the sentence goes on
    /// elsewhere (下转第2版), and what follows is not its rest.
    pub(super) fn after_open(&self, p: usize) -> bool {
        (0..p)
            .rev()
            .map(|q| self.order[q])
            .find(|&i| {
                !matches!(
                    self.roles[i],
                    Role::Blank | Role::Furniture { closes: false, .. }
                )
            })
            .is_some_and(|i| self.roles[i] == Role::Text && !ends_sentence(&self.lines[i].text))
    }

    /// A line marked as large type (`#`) right under another: two lines of
    /// a headline block, never a paragraph's last line after its open
    /// sentence, whatever word the line stops on.
    fn under_large(&self, p: usize) -> bool {
        let prev = (0..p)
            .rev()
            .map(|q| self.order[q])
            .find(|&i| !matches!(self.roles[i], Role::Blank | Role::Furniture { .. }));
        self.lines[self.order[p]].level.is_some()
            && prev.is_some_and(|i| self.roles[i] == Role::Text && self.lines[i].level.is_some())
    }

    /// Whether the line at position `p` can stand in a headline block.
    pub(super) fn header_line(&self, p: usize) -> bool {
        let i = self.order[p];
        match self.roles[i] {
            Role::Text if self.titles_serial(p) => true,
            Role::Text => {
                let l = &self.lines[i];
                let alone = self.stands_alone(p) || self.own_block(p);
                // Between a sentence end and a byline or a news item's
                // first line: a headline block whatever word it stops on.
                let framed = self.over_byline(p);
                (heading_like(l, self.measure[i])
                    || alone
                    || fragment(&l.text)
                    || self.deck_over_byline(p)
                    || framed)
                    && (framed || !self.first_body_line(p))
                    // A line that stops on a word needing what follows
                    // (工作的) right after a sentence left open is that
                    // paragraph's last line, not a headline.
                    && (framed || !(leaves_open(&l.text) && self.after_open(p) && !self.under_large(p)))
                    // Nor is a clause stopping on such a word (响，施工单位在
                    // 靠近住宅区的): a column line read beside another box.
                    && (framed || !(leaves_open(&l.text) && l.text.contains(['，', ',']) && l.level.is_none()))
                    // A line ending a sentence (…… ！ ？) right after a
                    // sentence left open is that paragraph's last line,
                    // unless marked as large type.
                    && (l.level.is_some() || !(ends_sentence(&l.text) && self.after_open(p)))
                    && !self.carried_on(p)
            }
            Role::Byline(_)
            | Role::Author(_)
            | Role::Serial(_)
            | Role::Installment(_)
            | Role::Number(_) => true,
            _ => false,
        }
    }

    /// The line read right after position `p` (blank lines skipped, no
    /// furniture between) carries on its sentence: it opens with a word
    /// or two and a stop (不得谓 / 可。由), which no paragraph opens with,
    /// so the line at `p` is that sentence's start, no headline (text run
    /// round a figure after a serial's end mark). Not across a jump or
    /// continuation line: a continuation head's text goes on mid-sentence
    /// (续题 / （上接第1版） / 钱？记者…).
    fn carried_on(&self, p: usize) -> bool {
        self.order[p + 1..]
            .iter()
            .find(|&&j| self.roles[j] != Role::Blank)
            .is_some_and(|&j| self.roles[j] == Role::Text && runs_on(&self.lines[j].text))
    }

    /// An installment's title (第七百八十九回　雨夜的来信) right over a
    /// serial's head line (连载789 《长河灯影》 沈南星著: two of its clues
    /// or more): the serial box's headline block, wherever the OCR read it,
    /// even under a column line left open or as wide as the column. No
    /// column line opens with a chapter's number, and the credits print
    /// under the box's title only.
    fn titles_serial(&self, p: usize) -> bool {
        let i = self.order[p];
        let next = self.order[p + 1..]
            .iter()
            .find(|&&j| !matches!(self.roles[j], Role::Blank | Role::Furniture { .. }));
        chapter_title(&self.lines[i].text)
            && !ends_sentence(&self.lines[i].text)
            && next.is_some_and(|&j| matches!(self.roles[j], Role::Serial(_)))
    }

    /// The headline block starting at position `p`: the positions of its
    /// lines (blank lines and furniture skipped).
    pub(super) fn block(&self, p: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for q in p..self.order.len() {
            let i = self.order[q];
            match self.roles[i] {
                // A jump line (下转第2版) closes the text before it: no
                // headline block runs across one.
                Role::Furniture { closes: true, .. } if !out.is_empty() => break,
                Role::Blank | Role::Furniture { .. } => continue,
                _ if out.len() < MAX_HEADER && self.header_line(q) => out.push(q),
                _ => break,
            }
        }
        out
    }

    /// A headline block says a new article starts: it has a byline, a
    /// deck (a dash line, or smaller type under larger) or serial clues.
    pub(super) fn announces_article(&self, block: &[usize]) -> bool {
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

/// After a byline the headline block is over: a text line is body. So it
/// is after a serial's credit line (连载789　《长河灯影》　沈南星著) under
/// the installment's title (a text line above it): the box prints its
/// credits under its title, or over it, and the text after both.
pub(super) fn after_byline(seg: &Segment, item: &Item) -> bool {
    let titled = |h: &Item| matches!(h, Item::Text(_));
    let credits_under_title = seg
        .header
        .iter()
        .position(|h| matches!(h, Item::Serial(..)))
        .is_some_and(|k| seg.header[..k].iter().any(titled));
    matches!(item, Item::Text(_))
        && (seg.header.iter().any(|h| matches!(h, Item::Byline(..))) || credits_under_title)
}

//! Jump lines (转版) of a module continued on later pages: （下转第N版）
//! at the foot of its last column where the text breaks off, and on each
//! later page a continuation head (续题, the headline's first phrase) with
//! （上接第M版） under it, across the module. Their slots are kept before
//! the text is laid out ([`Reserve`]), so nothing moves under them.

use super::Frame;
use super::columns::{Composer, Reserve};
use super::furniture::Furniture;
use super::heads::break_heading;
use super::items::FrameItem;
use super::lines::break_lines;
use super::place::render_line;
use super::transform::{EM_ASCENT, LineAt};
use crate::linebreak::Line;
use crate::model::{Align, Grid, Labels};
use crate::resolve::Doc;
use crate::shape::ShapedPara;
use crate::units::Pt;

/// What a module needs to say where it continues: the page number (版次)
/// of its first page and a shaper for the jump lines.
pub struct Jumps<'s> {
    pub number: u32,
    /// The page number where its continuation starts.
    pub next: u32,
    /// The slots (top, rows) the continuation takes at the top of each
    /// later page, under what is there already (an edition's next page,
    /// shared with that page's own articles); `None`: whole pages.
    pub band: Option<(u32, u32)>,
    pub shape: &'s mut dyn FnMut(Furniture, &str) -> ShapedPara,
}

/// A module's jump lines as the build's modules are kept by them (see
/// `page::module_key`): its page's number, its continuation's and the
/// band that takes it there.
pub type JumpPages = (u32, u32, Option<(u32, u32)>);

impl<'s> Jumps<'s> {
    /// Jump lines at `pages`, shaped by `shape`.
    pub fn at(pages: JumpPages, shape: &'s mut dyn FnMut(Furniture, &str) -> ShapedPara) -> Self {
        let (number, next, band) = pages;
        Jumps {
            number,
            next,
            band,
            shape,
        }
    }

    pub fn pages(&self) -> JumpPages {
        (self.number, self.next, self.band)
    }
}

impl Jumps<'_> {
    /// The frame of the continuation's later pages: every column, in the
    /// band or the whole page, the box kept.
    pub fn rest_frame(&self, frame: Frame, page: &Grid) -> Frame {
        let whole = frame.whole_page(page);
        match self.band {
            Some((top, rows)) => Frame {
                top,
                rows: Some(rows),
                ..whole
            },
            None => whole,
        }
    }
}

/// The slots a continued module keeps: a jump line at the foot; a
/// continuation head at the top of a later page and the jump line beside
/// it (a horizontal module at least [`BESIDE`] wide, `grid` its later
/// pages'), or the jump line under it and a blank slot.
pub fn reserve_for(doc: &Doc, grid: &Grid) -> Reserve {
    let jump = doc.jump_style.lines.max(1);
    let under = match beside(grid) {
        true => 0,
        false => jump + 1,
    };
    Reserve {
        foot: jump,
        head: doc.continued_style.lines.max(1) * head_lines(doc, grid) + under,
        span: head_span(doc, grid),
    }
}

/// The columns from a module's start that a continuation head and the
/// jump line beside it take (see [`beside`]): the head at its size, an em,
/// and （上接第M版）, each judged by its characters' ems (marks counted
/// whole: never short). The columns after them start at the top, their
/// text run up beside the head (题文穿插), as under a page module's short
/// headline: across the module the white beside a short head stood over
/// a column a line short above it, a hole (the generated sets: 2).
/// Every column where the jump line is not beside the head.
fn head_span(doc: &Doc, grid: &Grid) -> u32 {
    if !beside(grid) {
        return grid.columns;
    }
    let ems = |t: &str, size: Pt| size * t.chars().count() as f64;
    let jump = ems("（上接第00版）", doc.jump_style.size) + grid.body_size;
    let room = |k: u32| super::title::extent(grid, k) - jump;
    let whole = ems(&doc.title, doc.continued_style.size);
    let head = match whole <= room(grid.columns) {
        true => whole,
        false => ems(continued_head(&doc.title), doc.continued_style.size),
    };
    (1..=grid.columns)
        .find(|&k| head <= room(k))
        .unwrap_or(grid.columns)
}

/// The most lines a continuation head takes under a jump line.
const MOST_HEAD_LINES: u32 = 3;

/// The lines the continuation head takes: one, or, under a jump line,
/// as many as its text needs where it is wider than the measure, up to
/// [`MOST_HEAD_LINES`] (a vertical band holds some five characters at a
/// deck's size; a headline without a phrase mark is its own first phrase,
/// and cut to one line it was cut blindly; cut to two, a compositor's
/// review found 腛了的了 | 了一起肶 of 腛了的了了一起肶已得了的 on
/// gqv2-set20's page 2, broken off in a word). Judged by the characters'
/// ems, so the slots kept and the lines set agree before anything is
/// shaped.
fn head_lines(doc: &Doc, grid: &Grid) -> u32 {
    if beside(grid) {
        return 1;
    }
    let measure = if grid.vertical {
        grid.column_width
    } else {
        grid.measure()
    };
    let ems = |t: &str| doc.continued_style.size.0 * t.chars().count() as f64;
    let wide = |t: &str| ems(t) > measure.0 + 0.01;
    let phrase = continued_head(&doc.title);
    if !wide(&doc.title) || !wide(phrase) {
        return 1;
    }
    // Whole characters to a line: a band 5.5 characters deep holds five
    // (an eleven-character head takes three lines, not two: gqv2-set23).
    let per_line = ((measure.0 + 0.01) / doc.continued_style.size.0)
        .floor()
        .max(1.0);
    let lines = (phrase.chars().count() as f64 / per_line).ceil() as u32;
    lines.clamp(2, MOST_HEAD_LINES)
}

/// The narrowest horizontal module, in body ems, whose continuation head
/// has the jump line beside it: room for a first phrase of a dozen
/// characters at a deck's size and （上接第M版）.
const BESIDE: f64 = 36.0;

/// Whether a module on `grid` sets the jump line beside its continuation
/// head, its head over the text with no blank slot between: across a
/// wide module the white beside a short head, over a jump line and a
/// blank slot, would be a hole five ems deep.
fn beside(grid: &Grid) -> bool {
    !grid.vertical && grid.measure().0 >= BESIDE * grid.body_size.0
}

/// The continuation head when the headline takes more than a line: its
/// first phrase (up to a space, full-width or not, or a mark that ends a
/// phrase, which a head does not end with), the whole headline when it
/// has one.
pub fn continued_head(title: &str) -> &str {
    title
        .split(['\u{3000}', ' ', '，', '、', '：', '；', '？', '！'])
        .find(|p| !p.is_empty())
        .unwrap_or(title)
}

impl Composer<'_> {
    /// Sets the jump lines of a module laid out on several pages, in the
    /// slots `reserve` kept: this composer's first page is the module's
    /// page `first`; `more`: the module goes on after its last page.
    pub fn add_jumps(&mut self, doc: &Doc, jumps: &mut Jumps, (first, more): (usize, bool)) {
        let pages = self.pages.len();
        let g = self.grid;
        let labels = Labels::of(doc.lang.family);
        for i in 0..pages {
            // The first part is on the module's own page; the rest on the
            // continuation's pages.
            let number = if first + i == 0 {
                jumps.number
            } else {
                jumps.next + (first + i - 1) as u32
            };
            let previous = if first + i == 1 {
                jumps.number
            } else {
                number - 1
            };
            let to = if first + i == 0 {
                jumps.next
            } else {
                number + 1
            };
            if i + 1 < pages || more {
                let p = (jumps.shape)(Furniture::JumpLine, &labels.jump_to_page(to));
                let lines = break_lines(&p, g.column_width, false, &doc.rules);
                let slot = self.bottom - self.reserve.foot;
                let inline = g.column_start(g.columns - 1);
                self.line_on(i, &p, lines.first(), (slot, inline, Pt::ZERO));
            }
            if first + i > 0 {
                self.continuation_head(doc, jumps, (i, previous));
            }
        }
    }

    /// The continuation head and （上接第M版） at the top of the module's
    /// page `page`, across a horizontal module, in the first band (tier)
    /// of a vertical one: the jump line at the end of the head's line in
    /// a wide horizontal module (see [`beside`]), else under the head.
    fn continuation_head(&mut self, doc: &Doc, jumps: &mut Jumps, (page, previous): (usize, u32)) {
        let g = &self.grid;
        let labels = Labels::of(doc.lang.family);
        let from = (jumps.shape)(Furniture::JumpLine, &labels.jump_from_page(previous));
        let by = beside(g);
        // Beside, the head and its jump line take the columns of their
        // span, kept with the slots (the text beside them starts at the
        // top): this composer's reserve is its grid's (`reserve_for`).
        let measure = match (g.vertical, by) {
            (true, _) => g.column_width,
            (false, true) => super::title::extent(g, self.reserve.span),
            (false, false) => g.measure(),
        };
        let from_lines = break_lines(&from, measure, false, &doc.rules);
        let room = match (by, from_lines.first()) {
            (true, Some(l)) => measure - l.width - g.body_size,
            _ => measure,
        };
        // The whole headline where it takes one line, as a reader looking
        // for the article knows it; else its first phrase.
        let whole = (jumps.shape)(Furniture::ContinuedHead, &doc.title);
        let lines = break_heading(&whole, room, &doc.rules);
        let (head, lines) = match lines.len() {
            1 => (whole, lines),
            _ => {
                let head = (jumps.shape)(Furniture::ContinuedHead, continued_head(&doc.title));
                let lines = break_heading(&head, room, &doc.rules);
                (head, lines)
            }
        };
        // Down a vertical band the head and the jump line stand centred:
        // set from the band's top, a head of a few characters and the
        // jump line left its foot white beside the text, a hole of four
        // ems and more.
        let (mut head, mut from) = (head, from);
        if g.vertical {
            head.style.align = Align::Center;
            from.style.align = Align::Center;
        }
        let per = head.style.lines.max(1);
        // As many lines as `head_lines` kept slots for.
        let kept = head_lines(doc, g) as usize;
        let lines: Vec<Line> = lines.into_iter().take(kept).collect();
        // Over the text with no blank slot between (a horizontal module),
        // the head rises: centred in its slots it stood twice as far under
        // the rule above it (half a slot over the module) as over the text
        // (half its leading under the slot). An eighth of the body size
        // leaves it a little nearer its own text than the rule, which ties
        // it to the text it heads. The jump line beside it in its last slot
        // rises onto the head's baseline.
        let (lift, jump_lift) = match by {
            false => (Pt::ZERO, Pt::ZERO),
            true => {
                let lift = g.body_size * 0.125;
                let baseline = |band: Pt, size: Pt| (band - size) / 2.0 + size * EM_ASCENT;
                let head_line = baseline(g.pitch * per as f64, head.style.size) - lift;
                let jump_line = g.pitch * (per - 1) as f64 + baseline(g.pitch, from.style.size);
                (lift, jump_line - head_line)
            }
        };
        let top = self.top;
        for (k, line) in lines.iter().enumerate() {
            self.line_on(
                page,
                &head,
                Some(line),
                (top + per * k as u32, Pt::ZERO, lift),
            );
        }
        let under = top + per * lines.len().max(1) as u32;
        // Beside the head: in its last slot (on the head's baseline); else
        // under it.
        let slot = match by {
            true => top + per - 1,
            false => under,
        };
        self.line_on(page, &from, from_lines.first(), (slot, Pt::ZERO, jump_lift));
    }

    /// Sets one line on page `page` at (slot, inline), lifted by `lift`.
    fn line_on(&mut self, page: usize, p: &ShapedPara, line: Option<&Line>, at: (u32, Pt, Pt)) {
        let Some(line) = line else { return };
        let at = LineAt {
            slot: at.0,
            per: p.style.lines.max(1),
            inline: at.1,
            size: p.style.size,
            lift: at.2,
        };
        let content = render_line(p, line, self.transform.mode());
        self.pages[page].push(FrameItem::Line { at, content });
    }
}

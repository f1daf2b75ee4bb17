//! The flow of lines into line slots, columns and pages: the cursor, the
//! keep rules (heads with their text, no orphans or widows), columns
//! balanced on the last page, lines beside figures. Everything here is in
//! frame coordinates (columns and slots across and down, offsets along the
//! line); [`Composer::finish`] maps the pages once.

use std::borrow::Cow;

use super::Page;
use super::items::{FrameItem, LineSource, SetLine};
use super::lines::rebreak;
use super::place::render_line;
use super::rebroken::{How, Key};
use super::slots::SlotShapes;
use super::transform::{LineAt, Transform};
use super::wrap::SlotKind;
use crate::linebreak::Line;
use crate::model::{Align, Grid, LineRules, Role};
use crate::resolve::Layout;
use crate::shape::{ShapedDoc, ShapedPara};
use crate::units::Pt;

/// A column's used slots on a page, from `top` to `end` (exclusive):
/// where its column rule goes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Used {
    pub page: usize,
    pub column: u32,
    pub top: u32,
    pub end: u32,
}

/// Slots a continued module keeps for its jump lines (see `Composer`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reserve {
    pub foot: u32,
    pub head: u32,
    /// The columns the continuation head's slots are taken in, from the
    /// first (see `head_in_first_band`); the others start at the top.
    pub span: u32,
}

/// A line slot a figure changes, on a page and in a column.
#[derive(Debug, Clone, Copy)]
pub(super) struct SlotShape {
    pub page: usize,
    pub column: u32,
    pub slot: u32,
    pub kind: SlotKind,
}

/// Where a page began: enough to lay the page out again.
#[derive(Debug, Clone, Copy)]
pub(super) struct Checkpoint {
    pub block: usize,
    pub line: u32,
    pub column_top: u32,
    pub items: usize,
    pub used: usize,
    pub shapes: usize,
    pub log: usize,
    /// The figure waiting for this page's head ([`super::defer`]).
    pub pending: Option<usize>,
}

/// The flow, with every paragraph already broken into lines.
pub(super) struct FlowInput<'a> {
    pub shaped: &'a ShapedDoc,
    pub broken: &'a [Option<Vec<Line>>],
    pub rules: LineRules,
}

pub(super) struct Composer<'a> {
    pub grid: Grid,
    /// The frame's mapping to the page; its mode sets the lines' glyphs.
    pub transform: Transform,
    pub layout: &'a Layout,
    /// Each page's items, in frame coordinates.
    pub pages: Vec<Vec<FrameItem>>,
    pub column: u32,
    pub slot: u32,
    /// First slot of the columns on the current page (below the header on
    /// page 1).
    pub column_top: u32,
    pub used: Vec<Used>,
    /// The frame's first and last (exclusive) line slots.
    pub top: u32,
    pub bottom: u32,
    /// Lines a column may hold on the current page (less than the frame's
    /// when the last page's columns are balanced).
    pub depth: u32,
    /// Columns from this one on hold a line less than `depth` (balancing:
    /// the last columns are the shorter ones).
    pub short_from: u32,
    /// While balancing: the least depth of each column, below the figures
    /// set at their place before the text (the text may end higher
    /// elsewhere, never above a figure's foot in its columns).
    pub floors: Vec<u32>,
    /// While balancing: a paragraph may leave its last line alone at the
    /// next column's head (a widow) or its first at a column's foot (an
    /// orphan) when nothing else squares the foot.
    pub widows: bool,
    /// While balancing: extra slots of white around some heads (block,
    /// slots) inside a column; the white a compositor gives a head to end
    /// a module's columns flush (see `head_white`).
    pub head_space: Vec<(usize, u32)>,
    /// A module of a made-up page: its last page ends flush where heads
    /// can give it the white (see `balance`); a book's pages end within a
    /// line.
    pub flush: bool,
    /// Balancing a vertical article's last page, from this page on (its
    /// second), may leave its last bands empty rather than set a lone
    /// first or last line of a paragraph in a band (CLREQ §3.4.4). A
    /// one-page article fills its bands (it would stand in one band and
    /// leave the others white), and so does a module of a made-up page
    /// and its continuation (an empty band there is a hole in the page).
    pub free_last_bands: Option<usize>,
    /// An end mark closing the flow may be set on the line above (see
    /// `run_in_mark`): a box on a grid of its own, whose lines spread to fill
    /// it, so that the line saved is not left white at its foot.
    pub run_in: bool,
    /// While balancing tries a depth: stop once the text runs past this
    /// page (the try has failed), and set lines without their glyphs (the
    /// one kept is laid out again).
    pub probe: Option<usize>,
    /// A continued module keeps room for its jump lines: `foot` slots at
    /// the foot of the last column of every page, `head` at the top of
    /// every page after the first (the continuation head).
    pub reserve: Reserve,
    /// The block and line being placed, recorded at each page start.
    pub(super) cur: (usize, u32),
    /// Slots figures take or narrow.
    pub shapes: SlotShapes,
    pub(super) checkpoints: Vec<Checkpoint>,
    /// Figures set at their place before the text, drawn when the flow
    /// reaches them: the text layer keeps the article's reading order.
    pub(super) fixed: Vec<FixedItems>,
    /// Every line set, in the order set (`--dump-lines`).
    pub log: Vec<SetLine>,
    /// Paragraphs broken again during the layout ([`super::rebroken`]).
    pub(super) rebroken: super::rebroken::Rebroken,
    /// Figures whose caption ran past the frame's foot ([`super::figure`]).
    pub cut_captions: Vec<crate::source::Loc>,
    /// Figures deferred to the next page's head ([`super::defer`]).
    pub(super) deferred: super::defer::Deferred,
    /// The columns whose depth the layout asked for (one past the last):
    /// a balancing try is a function of their depths alone.
    pub(super) asked: std::cell::Cell<u32>,
    /// The first page's slot under its title block (and a lead set
    /// across under it): the white at its headlines' ends is above it.
    pub under_title: u32,
}

/// A placed figure's drawn items (image and caption lines), held until
/// the flow reaches its block.
#[derive(Debug, Clone)]
pub(super) struct FixedItems {
    pub block: usize,
    pub page: usize,
    /// Its image's first slot, counted from the columns' top.
    pub row: u32,
    pub items: Vec<FrameItem>,
}

impl<'a> Composer<'a> {
    /// A composer at the top of the frame's first page.
    pub fn new(grid: Grid, layout: &'a Layout, top: u32, bottom: u32) -> Composer<'a> {
        let mut c = Composer {
            grid,
            transform: Transform::of(&grid),
            layout,
            pages: Vec::new(),
            column: 0,
            slot: top,
            column_top: top,
            used: Vec::new(),
            top,
            bottom,
            depth: bottom,
            short_from: u32::MAX,
            floors: Vec::new(),
            widows: false,
            head_space: Vec::new(),
            flush: false,
            free_last_bands: None,
            run_in: false,
            probe: None,
            reserve: Reserve::default(),
            cur: (0, 0),
            shapes: SlotShapes::default(),
            checkpoints: Vec::new(),
            fixed: Vec::new(),
            log: Vec::new(),
            rebroken: Default::default(),
            cut_captions: Vec::new(),
            deferred: Default::default(),
            asked: Default::default(),
            under_title: top,
        };
        c.new_page();
        c
    }

    /// The pages on the page: every item mapped by the frame's transform.
    pub fn finish(self) -> Vec<Page> {
        let size = (self.layout.page.width.0, self.layout.page.height.0);
        let t = self.transform;
        (self.pages.into_iter().enumerate())
            .map(|(i, items)| t.finish(items, i as u32 + 1, size))
            .collect()
    }

    /// The first page as [`Self::finish`] would give it, the composer
    /// kept (to count its holes before choosing a layout).
    pub fn first_page_copy(&self) -> Page {
        let size = (self.layout.page.width.0, self.layout.page.height.0);
        let items = self.pages.first().cloned().unwrap_or_default();
        self.transform.finish(items, 1, size)
    }

    /// The current page's items.
    pub fn items(&mut self) -> &mut Vec<FrameItem> {
        // new_page runs before anything is placed.
        self.pages.last_mut().expect("a page exists")
    }

    /// Sets a line on the current page.
    pub fn line(&mut self, p: &ShapedPara, line: &Line, at: LineAt) {
        // A balancing try is thrown away or set again, and nothing reads
        // a page's lines while it is laid out (the log says what went
        // where): no item needed.
        if self.probe.is_some() {
            return;
        }
        let content = render_line(p, line, self.transform.mode());
        self.items().push(FrameItem::Line { at, content });
    }

    /// Sets a line and records it for `--dump-lines`: from `source`, in
    /// `column` (`None`: across the module).
    pub fn set_line(
        &mut self,
        (p, source): (&ShapedPara, LineSource),
        line: &Line,
        at: LineAt,
        column: Option<u32>,
    ) {
        self.log.push(SetLine {
            page: self.pages.len() - 1,
            column,
            slot: at.slot,
            source,
            items: (line.items.start as u32, line.items.end as u32),
            measure: line.measure,
            width: line.width,
            ratio: line.ratio,
        });
        self.line(p, line, at);
    }

    pub(super) fn new_page(&mut self) {
        let head = if self.pages.is_empty() {
            0
        } else {
            self.reserve.head
        };
        self.pages.push(Vec::new());
        self.column = 0;
        self.column_top = self.top + head;
        self.slot = self.top;
        self.depth = self.bottom;
        self.short_from = u32::MAX;
        self.floors.clear();
        self.head_in_first_band(self.top, head);
        self.checkpoints.push(self.checkpoint());
        // A figure deferred from the page before heads this one.
        self.place_waiting();
    }

    /// On a vertical module the continuation head and its jump line stand
    /// in the first band only (see `add_jumps`), on a wide horizontal one
    /// in the columns of their span (`reserve.span`): their `head` slots
    /// from `top` are taken there, and the other bands (columns) start at
    /// the top instead of leaving those slots white across the module.
    pub(super) fn head_in_first_band(&mut self, top: u32, head: u32) {
        let span = match self.grid.vertical {
            true => 1,
            false => self.reserve.span,
        };
        if head == 0 || span == 0 || span >= self.grid.columns {
            return;
        }
        let page = self.pages.len() - 1;
        self.column_top = top;
        for (column, slot) in
            (0..span).flat_map(|c| (top..(top + head).min(self.bottom)).map(move |s| (c, s)))
        {
            self.shapes.push(SlotShape {
                page,
                column,
                slot,
                kind: SlotKind::Blocked,
            });
        }
    }

    pub(super) fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            block: self.cur.0,
            line: self.cur.1,
            column_top: self.column_top,
            items: self.pages.last().map_or(0, |p| p.len()),
            used: self.used.len(),
            shapes: self.shapes.len(),
            log: self.log.len(),
            pending: self.deferred.pending,
        }
    }

    /// Keeps only the first page: the block and item the second began
    /// with, where the rest of the flow goes on, and the figure deferred
    /// to its head.
    pub fn cut_after_first_page(&mut self) -> super::defer::Cut {
        let cp = self.checkpoints[1];
        self.pages.truncate(1);
        self.checkpoints.truncate(1);
        self.used.retain(|u| u.page == 0);
        self.shapes.retain(|s| s.page == 0);
        self.log.retain(|l| l.page == 0);
        self.fixed.retain(|f| f.page == 0);
        super::defer::Cut {
            block: cp.block,
            line: cp.line,
            figure: cp.pending,
        }
    }

    /// The columns start at `slot` on the first page (below the header),
    /// and the flow from there.
    pub fn start_flow(&mut self, slot: u32) {
        self.column_top = slot;
        self.slot = slot;
        self.checkpoints[0] = self.checkpoint();
    }

    /// The lowest slot used in the first page's columns (at least the
    /// columns' top), a figure's foot included: a figure set at its place
    /// may reach below the text.
    pub fn first_page_bottom(&self) -> u32 {
        let figures = (self.shapes.iter())
            .filter(|s| s.page == 0)
            .map(|s| s.slot)
            .max();
        (self.used.iter())
            .filter(|u| u.page == 0)
            .map(|u| u.end)
            .chain(figures)
            .max()
            .unwrap_or(self.column_top)
            .max(self.column_top)
    }

    /// Lines `column` may hold on this page.
    pub fn depth_of(&self, column: u32) -> u32 {
        self.asked.set(self.asked.get().max(column + 1));
        self.depth_at(column, (self.depth, self.short_from))
    }

    /// [`Self::depth_of`] at `depth`, the columns from `short` on a line
    /// shorter.
    pub(super) fn depth_at(&self, column: u32, (depth, short): (u32, u32)) -> u32 {
        let depth = if column >= short { depth - 1 } else { depth };
        let floor = self.floors.get(column as usize).copied().unwrap_or(0);
        let depth = depth.max(floor).min(self.bottom);
        if column + 1 == self.grid.columns {
            depth.saturating_sub(self.reserve.foot)
        } else {
            depth
        }
    }

    pub(super) fn column_empty(&self) -> bool {
        self.slot == self.column_top
    }

    pub fn shape(&self, column: u32, slot: u32) -> Option<SlotKind> {
        let page = self.pages.len() - 1;
        self.shapes.kind(page, column, slot)
    }

    /// Where the current column's run of whole slots ends: the depth, or the
    /// first slot a figure takes or narrows.
    fn limit(&self) -> u32 {
        let page = self.pages.len() - 1;
        let depth = self.depth_of(self.column);
        (self.shapes.next_from(page, self.column, self.slot)).map_or(depth, |s| s.min(depth))
    }

    fn slots_left(&self) -> u32 {
        self.limit().saturating_sub(self.slot)
    }

    /// Moves the cursor past slots a figure takes whole.
    pub fn skip_blocked(&mut self) {
        self.slot = self.unblocked(self.column, self.slot);
    }

    /// The first slot of `column` from `slot` on that a figure or a
    /// headline block does not take whole (or the column's depth).
    pub fn unblocked(&self, column: u32, mut slot: u32) -> u32 {
        while slot < self.depth_of(column) && self.shape(column, slot) == Some(SlotKind::Blocked) {
            slot += 1;
        }
        slot
    }

    /// On when the run of whole slots is full: onto the slots beside the
    /// figure that ends it (the paragraph loop sets lines there) or below
    /// it, or to the next column.
    fn advance(&mut self) {
        let limit = self.limit();
        let depth = self.depth_of(self.column);
        if limit >= depth {
            self.next_column();
            return;
        }
        self.slot = limit;
        self.skip_blocked();
        if self.slot >= depth {
            self.next_column();
        }
    }

    pub fn next_column(&mut self) {
        self.column += 1;
        if self.column == self.grid.columns {
            self.new_page();
        } else {
            self.slot = self.column_top;
            self.skip_blocked();
        }
    }

    /// Records that `column` is used down to `end` on the current page.
    pub fn use_column(&mut self, column: u32, end: u32) {
        let page = self.pages.len() - 1;
        match (self.used.iter_mut()).find(|u| u.page == page && u.column == column) {
            Some(u) => u.end = u.end.max(end),
            None => self.used.push(Used {
                page,
                column,
                top: self.column_top,
                end,
            }),
        }
    }

    /// Places a paragraph from item `from` on, keeping `keep_next` slots
    /// free after it in the same column (a head stays with its text),
    /// avoiding a lone first line at a column's foot (orphan) and a lone
    /// last line at the next column's head (widow). Beside a figure the
    /// rest of the paragraph is broken again, each line to the measure its
    /// slot leaves.
    pub(super) fn place_para(
        &mut self,
        p: &ShapedPara,
        pre: &[Line],
        from: usize,
        keep_next: u32,
        rules: &LineRules,
    ) {
        let set = ParaSetting::of(p, &self.grid, rules);
        let mut lines: Cow<[Line]> = match pre.iter().position(|l| l.items.start == from) {
            Some(k) => Cow::Borrowed(&pre[k..]),
            None => {
                let key = Key::new(p, How::Rest, rules, from).at(set.full, set.justify);
                let f = || rebreak(p, from, &|_| set.full, set.justify, rules);
                Cow::Owned(self.rebroken.full_lines(key, f))
            }
        };
        self.keep_rules(p, lines.len() as u32, from, keep_next);
        let mut i = 0usize;
        while i < lines.len() {
            self.cur.1 = lines[i].items.start as u32;
            self.skip_blocked();
            if self.slot >= self.depth_of(self.column) {
                self.next_column();
                continue;
            }
            if self.shape(self.column, self.slot).is_some() {
                i = self.set_beside_figure(p, &set, lines.to_mut(), i);
                continue;
            }
            if self.slots_left() < set.per {
                self.advance();
                continue;
            }
            i = self.set_whole_slots(p, &set, &lines, i);
        }
        let below = self.head_white(p, from).1;
        self.slot = (self.slot + p.style.space_after + below).min(self.depth_of(self.column));
    }

    /// The white balancing adds to a head (see `head_space`), above it
    /// and below: one line above; two, one above and one below (two above
    /// would read as a hole over the head).
    fn head_white(&self, p: &ShapedPara, from: usize) -> (u32, u32) {
        let head = matches!(p.style.role, Role::Heading | Role::MinorHeading);
        let white = match head && from == 0 {
            true => (self.head_space.iter())
                .find(|h| h.0 == self.cur.0)
                .map_or(0, |h| h.1),
            false => 0,
        };
        (white.div_ceil(2), white / 2)
    }

    /// The space before a paragraph and the moves to the next run of slots
    /// that keep a head with its text and avoid an orphan. Beside a figure
    /// the lines are planned one by one: these rules are for whole columns.
    fn keep_rules(&mut self, p: &ShapedPara, n: u32, from: usize, keep_next: u32) {
        let per = p.style.lines.max(1);
        let head = matches!(p.style.role, Role::Heading | Role::MinorHeading);
        let (extra, below) = self.head_white(p, from);
        let keep_next = keep_next + below;
        if head {
            self.clear_of_figures(n * per + extra + keep_next);
        }
        let beside = matches!(
            self.shape(self.column, self.slot),
            Some(SlotKind::Narrow { .. })
        );
        // At a column's head the white would stand beside a centred head's
        // short lines: none is added there.
        if self.column_empty() || beside {
            return;
        }
        if self.slots_left() < p.style.space_before + extra + per {
            self.advance();
        } else {
            self.slot += p.style.space_before + extra;
        }
        let whole = n * per + keep_next;
        if !self.column_empty() && keep_next > 0 && self.slots_left() < whole {
            self.advance();
        }
        // Orphan: a paragraph of two or more lines does not leave its first
        // line alone at the foot of a column.
        if !self.column_empty()
            && !self.widows
            && from == 0
            && n >= 2
            && self.slots_left() < 2 * per
        {
            self.advance();
        }
    }

    /// Sets lines from `i` in the current run of whole slots, leaving two
    /// lines for the next column rather than a widow; the next line to set.
    fn set_whole_slots(
        &mut self,
        p: &ShapedPara,
        set: &ParaSetting,
        lines: &[Line],
        mut i: usize,
    ) -> usize {
        let fit = (self.slots_left() / set.per) as usize;
        let remaining = lines.len() - i;
        // Only the column's foot makes a widow; a figure below the run
        // has text beside or under it in the same column.
        let at_foot = self.limit() >= self.depth_of(self.column);
        let take = if at_foot && !self.widows && remaining > fit && remaining - fit == 1 && fit >= 3
        {
            fit - 1
        } else {
            fit.min(remaining)
        };
        for _ in 0..take {
            self.render(p, &lines[i], set.per, set.inset);
            i += 1;
        }
        if i < lines.len() {
            self.cur.1 = lines[i].items.start as u32;
            if take < fit || at_foot {
                self.next_column();
            } else {
                self.advance();
            }
        }
        i
    }

    /// Sets one line at the cursor, `inline` into the column.
    pub(super) fn render(&mut self, p: &ShapedPara, line: &Line, per: u32, inline: Pt) {
        let at = LineAt {
            slot: self.slot,
            per,
            inline: self.grid.column_start(self.column) + inline,
            size: p.style.size,
            lift: Pt::ZERO,
        };
        let source = (p, LineSource::Flow(self.cur.0));
        self.set_line(source, line, at, Some(self.column));
        self.slot += per;
        self.use_column(self.column, self.slot);
    }
}

/// How a paragraph's lines are set in this frame's columns.
pub(super) struct ParaSetting<'r> {
    /// Slots per line.
    pub per: u32,
    /// Inset from both column edges.
    pub inset: Pt,
    /// The measure of a line in a whole slot.
    pub full: Pt,
    pub justify: bool,
    pub rules: &'r LineRules,
}

impl<'r> ParaSetting<'r> {
    pub(super) fn of(p: &ShapedPara, grid: &Grid, rules: &'r LineRules) -> ParaSetting<'r> {
        let inset = p.style.size * p.style.inset as f64;
        ParaSetting {
            per: p.style.lines.max(1),
            inset,
            full: grid.column_width - inset * 2.0,
            justify: p.style.align == Align::Justify,
            rules,
        }
    }
}

//! The flow of lines into line slots, columns and pages: the cursor, the
//! keep rules (heads with their text, no orphans or widows), columns
//! balanced on the last page, lines beside figures. Everything here is in
//! frame coordinates (columns and slots across and down, offsets along the
//! line); [`Composer::finish`] maps the pages once.

use super::Page;
use super::items::FrameItem;
use super::lines::rebreak;
use super::place::render_line;
use super::transform::{LineAt, Transform};
use super::wrap::{MIN_WRAP_CHARS, SlotKind};
use crate::linebreak::Line;
use crate::model::{Align, Grid, LineRules, Role};
use crate::resolve::Layout;
use crate::shape::{ShapedBlock, ShapedDoc, ShapedPara};
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

/// A line slot a figure changes, on a page and in a column.
#[derive(Debug, Clone, Copy)]
pub(super) struct SlotShape {
    pub page: usize,
    pub column: u32,
    pub slot: u32,
    pub kind: SlotKind,
}

/// Where one line goes around figures.
#[derive(Debug, Clone, Copy)]
struct PlannedSlot {
    column: u32,
    slot: u32,
    offset: Pt,
    measure: Pt,
}

/// Where a page began: enough to lay the page out again.
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    block: usize,
    line: u32,
    column_top: u32,
    items: usize,
    used: usize,
    shapes: usize,
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
    /// The block and line being placed, recorded at each page start.
    cur: (usize, u32),
    /// Slots figures take or narrow.
    pub shapes: Vec<SlotShape>,
    checkpoints: Vec<Checkpoint>,
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
            cur: (0, 0),
            shapes: Vec::new(),
            checkpoints: Vec::new(),
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

    /// The current page's items.
    pub fn items(&mut self) -> &mut Vec<FrameItem> {
        // new_page runs before anything is placed.
        self.pages.last_mut().expect("a page exists")
    }

    /// Sets a line on the current page.
    pub fn line(&mut self, p: &ShapedPara, line: &Line, at: LineAt) {
        let content = render_line(p, line, self.transform.mode());
        self.items().push(FrameItem::Line { at, content });
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.column = 0;
        self.column_top = self.top;
        self.slot = self.top;
        self.depth = self.bottom;
        self.checkpoints.push(self.checkpoint());
    }

    fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            block: self.cur.0,
            line: self.cur.1,
            column_top: self.column_top,
            items: self.pages.last().map_or(0, |p| p.len()),
            used: self.used.len(),
            shapes: self.shapes.len(),
        }
    }

    /// The columns start at `slot` on the first page (below the header),
    /// and the flow from there.
    pub fn start_flow(&mut self, slot: u32) {
        self.column_top = slot;
        self.slot = slot;
        self.checkpoints[0] = self.checkpoint();
    }

    /// Places the flow from the current block and line on.
    pub fn run(&mut self, flow: &FlowInput) {
        let start = self.cur;
        for i in start.0..flow.shaped.flow.len() {
            let from = if i == start.0 { start.1 as usize } else { 0 };
            self.cur = (i, from as u32);
            match &flow.shaped.flow[i] {
                ShapedBlock::Para(p) => {
                    // Every flow paragraph was broken in compose().
                    let lines = flow.broken[i].as_ref().expect("paragraph lines");
                    let keep_next = keep_with_next(flow, i, p);
                    self.place_para(p, lines, from, keep_next, &flow.rules);
                }
                ShapedBlock::Figure { figure, caption } => {
                    self.place_figure(figure, caption.as_ref(), &flow.rules);
                }
            }
        }
    }

    /// Balances the columns of the last page (a newspaper module ends with
    /// columns of equal depth): lays the page out again with the least depth
    /// that still holds its text on that page.
    pub fn balance_last_page(&mut self, flow: &FlowInput) {
        let last = self.pages.len() - 1;
        let cp = self.checkpoints[last];
        let used: u32 = (self.used.iter())
            .filter(|u| u.page == last)
            .map(|u| u.end - u.top)
            .sum();
        if used == 0 {
            return;
        }
        // Only the last page is laid out again: keep it, not the book.
        let saved_page = self.pages[last].clone();
        let saved_used = self.used.clone();
        let lower = cp.column_top + used.div_ceil(self.grid.columns);
        if lower >= self.bottom {
            return;
        }
        for depth in lower..self.bottom {
            self.restore(last, cp, &saved_page, &saved_used);
            self.depth = depth;
            self.run(flow);
            if self.pages.len() == last + 1 {
                return;
            }
        }
        // No shallower depth holds the text: keep the first layout.
        self.pages.truncate(last);
        self.pages.push(saved_page);
        self.used = saved_used;
        self.checkpoints.truncate(last + 1);
    }

    fn restore(&mut self, page: usize, cp: Checkpoint, saved: &[FrameItem], used: &[Used]) {
        self.pages.truncate(page);
        self.pages.push(saved[..cp.items].to_vec());
        self.used.clear();
        self.used.extend_from_slice(&used[..cp.used]);
        self.shapes.truncate(cp.shapes);
        self.checkpoints.truncate(page + 1);
        self.column = 0;
        self.column_top = cp.column_top;
        self.slot = cp.column_top;
        self.cur = (cp.block, cp.line);
    }

    /// The lowest slot used in the first page's columns (at least the
    /// columns' top).
    pub fn first_page_bottom(&self) -> u32 {
        (self.used.iter())
            .filter(|u| u.page == 0)
            .map(|u| u.end)
            .max()
            .unwrap_or(self.column_top)
            .max(self.column_top)
    }

    fn column_empty(&self) -> bool {
        self.slot == self.column_top
    }

    pub fn shape(&self, column: u32, slot: u32) -> Option<SlotKind> {
        let page = self.pages.len() - 1;
        (self.shapes.iter().rev())
            .find(|s| s.page == page && s.column == column && s.slot == slot)
            .map(|s| s.kind)
    }

    /// Where the current column's run of whole slots ends: the depth, or the
    /// first slot a figure takes or narrows.
    fn limit(&self) -> u32 {
        let page = self.pages.len() - 1;
        (self.shapes.iter())
            .filter(|s| s.page == page && s.column == self.column && s.slot >= self.slot)
            .map(|s| s.slot)
            .fold(self.depth, u32::min)
    }

    fn slots_left(&self) -> u32 {
        self.limit().saturating_sub(self.slot)
    }

    /// Moves the cursor past slots a figure takes whole.
    pub fn skip_blocked(&mut self) {
        while self.slot < self.depth
            && self.shape(self.column, self.slot) == Some(SlotKind::Blocked)
        {
            self.slot += 1;
        }
    }

    /// On when the run of whole slots is full: onto the slots beside the
    /// figure that ends it (the paragraph loop sets lines there) or below
    /// it, or to the next column.
    fn advance(&mut self) {
        let limit = self.limit();
        if limit >= self.depth {
            self.next_column();
            return;
        }
        self.slot = limit;
        self.skip_blocked();
        if self.slot >= self.depth {
            self.next_column();
        }
    }

    /// Slots for the next lines, from the cursor to the end of the page's
    /// columns, around the figures: each whole, narrowed or skipped.
    fn plan(&self, per: u32, full: Pt) -> Vec<PlannedSlot> {
        let mut out = Vec::new();
        let (mut column, mut slot) = (self.column, self.slot);
        let min = self.grid.body_size * MIN_WRAP_CHARS;
        while column < self.grid.columns {
            if slot + per > self.depth {
                column += 1;
                slot = self.column_top;
                continue;
            }
            match self.shape(column, slot) {
                Some(SlotKind::Narrow { offset, measure }) if per == 1 && measure.0 >= min.0 => {
                    out.push(PlannedSlot {
                        column,
                        slot,
                        offset,
                        measure: measure.min(full),
                    });
                    slot += 1;
                }
                // Blocked, or too narrow (or a line of several slots).
                Some(_) => slot += 1,
                None => {
                    out.push(PlannedSlot {
                        column,
                        slot,
                        offset: Pt::ZERO,
                        measure: full,
                    });
                    slot += per;
                }
            }
        }
        out
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
    fn place_para(
        &mut self,
        p: &ShapedPara,
        pre: &[Line],
        from: usize,
        keep_next: u32,
        rules: &LineRules,
    ) {
        let set = ParaSetting::of(p, &self.grid, rules);
        let mut lines: Vec<Line> = match pre.iter().position(|l| l.items.start == from) {
            Some(k) => pre[k..].to_vec(),
            None => rebreak(p, from, &|_| set.full, set.justify, rules),
        };
        self.keep_rules(p, lines.len() as u32, from, keep_next);
        let mut i = 0usize;
        while i < lines.len() {
            self.cur.1 = lines[i].items.start as u32;
            self.skip_blocked();
            if self.slot >= self.depth {
                self.next_column();
                continue;
            }
            if self.shape(self.column, self.slot).is_some() {
                i = self.set_beside_figure(p, &set, &mut lines, i);
                continue;
            }
            if self.slots_left() < set.per {
                self.advance();
                continue;
            }
            i = self.set_whole_slots(p, &set, &lines, i);
        }
        self.slot = (self.slot + p.style.space_after).min(self.depth);
    }

    /// The space before a paragraph and the moves to the next run of slots
    /// that keep a head with its text and avoid an orphan. Beside a figure
    /// the lines are planned one by one: these rules are for whole columns.
    fn keep_rules(&mut self, p: &ShapedPara, n: u32, from: usize, keep_next: u32) {
        let per = p.style.lines.max(1);
        let beside = matches!(
            self.shape(self.column, self.slot),
            Some(SlotKind::Narrow { .. })
        );
        if self.column_empty() || beside {
            return;
        }
        if self.slots_left() < p.style.space_before + per {
            self.advance();
        } else {
            self.slot += p.style.space_before;
        }
        let whole = n * per + keep_next;
        if !self.column_empty() && keep_next > 0 && self.slots_left() < whole {
            self.advance();
        }
        // Orphan: a paragraph of two or more lines does not leave its first
        // line alone at the foot of a column.
        if !self.column_empty() && from == 0 && n >= 2 && self.slots_left() < 2 * per {
            self.advance();
        }
    }

    /// Sets lines from `i` in the slots planned around the figures, each
    /// broken again to its slot's measure; the next line to set.
    fn set_beside_figure(
        &mut self,
        p: &ShapedPara,
        set: &ParaSetting,
        lines: &mut Vec<Line>,
        mut i: usize,
    ) -> usize {
        let mut plan = self.plan(set.per, set.full);
        let start = lines[i].items.start;
        // A paragraph's first line keeps its indent: it needs three
        // characters beyond it, or its slot is skipped.
        if start == 0 {
            let indent = p.style.size * p.style.indent as f64;
            let min = self.grid.body_size * MIN_WRAP_CHARS + indent;
            while (plan.first()).is_some_and(|s| s.measure < set.full && s.measure.0 < min.0) {
                plan.remove(0);
            }
        }
        let measure = |k: usize| plan.get(k).map_or(set.full, |s| s.measure);
        let rest = rebreak(p, start, &measure, set.justify, set.rules);
        lines.truncate(i);
        lines.extend(rest);
        for s in &plan {
            if i == lines.len() {
                break;
            }
            self.cur.1 = lines[i].items.start as u32;
            self.column = s.column;
            self.slot = s.slot;
            self.render(p, &lines[i], set.per, set.inset + s.offset);
            i += 1;
        }
        if i < lines.len() {
            self.next_column();
        }
        i
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
        let take = if remaining > fit && remaining - fit == 1 && fit >= 3 {
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
            if take < fit || self.limit() >= self.depth {
                self.next_column();
            } else {
                self.advance();
            }
        }
        i
    }

    /// Sets one line at the cursor, `inline` into the column.
    fn render(&mut self, p: &ShapedPara, line: &Line, per: u32, inline: Pt) {
        let at = LineAt {
            slot: self.slot,
            per,
            inline: self.grid.column_start(self.column) + inline,
            size: p.style.size,
        };
        self.line(p, line, at);
        self.slot += per;
        self.use_column(self.column, self.slot);
    }
}

/// How a paragraph's lines are set in this frame's columns.
struct ParaSetting<'r> {
    /// Slots per line.
    per: u32,
    /// Inset from both column edges.
    inset: Pt,
    /// The measure of a line in a whole slot.
    full: Pt,
    justify: bool,
    rules: &'r LineRules,
}

impl<'r> ParaSetting<'r> {
    fn of(p: &ShapedPara, grid: &Grid, rules: &'r LineRules) -> ParaSetting<'r> {
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

/// Slots a heading keeps free after it for the next paragraph: up to two
/// of its lines and the space before them.
fn keep_with_next(flow: &FlowInput, i: usize, p: &ShapedPara) -> u32 {
    match flow.shaped.flow.get(i + 1) {
        Some(ShapedBlock::Para(n))
            if matches!(p.style.role, Role::Heading | Role::MinorHeading) =>
        {
            let n_lines = flow.broken[i + 1].as_ref().map_or(1, |l| l.len().min(2)) as u32;
            n_lines * n.style.lines + n.style.space_before
        }
        _ => 0,
    }
}

//! Filling columns: the header across all columns on the first page, then
//! the flow (lead, body, heads, figures, source line) column by column, page
//! by page, on the line grid. Text never stops: when the columns are full a
//! new page starts.

use super::place::{LineOrigin, line_origin, render_line};
use super::{ImageItem, Page, PageItem, Rule};
use crate::error::{Error, Result, Stage, Warning};
use crate::linebreak::{EPSILON, Line, Params, break_paragraph};
use crate::model::Breaking;
use crate::model::{Align, Grid, LineRules, Prohibition, Role};
use crate::resolve::{Doc, Layout};
use crate::shape::{ShapedBlock, ShapedDoc, ShapedPara};
use crate::units::Pt;

/// The style a furniture line is set in.
pub fn furniture_style(doc: &Doc, f: Furniture) -> &crate::model::ParaStyle {
    match f {
        Furniture::RunningHead => &doc.running_head_style,
        Furniture::Folio => &doc.folio_style,
        Furniture::BookTitle => &doc.title_style,
        Furniture::BookAuthor => &doc.author_style,
        Furniture::TocEntry => &doc.entry_style,
    }
}

/// Furniture lines the composer asks the caller to shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    RunningHead,
    Folio,
    /// A book's title page and the contents' heading.
    BookTitle,
    BookAuthor,
    /// A line of a book's contents.
    TocEntry,
}

const RULE_THIN: Pt = Pt(0.5);
const RULE_HEAVY: Pt = Pt(1.5);

/// The rectangle of the page grid an article's module occupies: columns
/// (bands, in vertical text) across, line slots down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    /// First column, 0-based.
    pub first: u32,
    pub columns: u32,
    /// First line slot.
    pub top: u32,
    /// Line slots; `None`: to the foot of the page.
    pub rows: Option<u32>,
    /// 破栏: set the module's text in this many columns instead of its
    /// basic ones.
    pub split: Option<u32>,
    /// Draw a box around the module (a feature, a serial).
    pub boxed: bool,
}

impl Frame {
    pub fn full(grid: &Grid) -> Frame {
        Frame {
            first: 0,
            columns: grid.columns,
            top: 0,
            rows: None,
            split: None,
            boxed: false,
        }
    }

    /// The last slot (exclusive) the frame may use.
    pub fn bottom(&self, page: &Grid) -> u32 {
        self.rows
            .map_or(page.lines, |r| (self.top + r).min(page.lines))
    }

    /// The grid the module's text is set on: the page grid narrowed to the
    /// frame's columns (and re-split for 破栏); for a module whose writing
    /// differs from the page's (a vertical serial box on a horizontal page)
    /// a grid of its own inside the frame's rectangle.
    pub fn grid(&self, page: &Grid, vertical: bool) -> Grid {
        let offset = page.column_start(self.first);
        let mut g = Grid {
            columns: self.columns,
            ..*page
        };
        if vertical != page.vertical {
            let (x0, y0, w, h) = page.rect(
                self.top as f64,
                (self.bottom(page) - self.top) as f64,
                offset,
                {
                    let mut n = *page;
                    n.columns = self.columns;
                    n.measure()
                },
            );
            let (across, along) = if vertical { (w, h) } else { (h, w) };
            let chars = (along.0 / page.body_size.0).floor().max(1.0);
            g.vertical = vertical;
            g.columns = 1;
            g.gutter = Pt::ZERO;
            g.column_width = page.body_size * chars;
            g.lines = (across.0 / page.pitch.0).floor().max(1.0) as u32;
            g.top = y0;
            g.left = x0;
            g.right = x0 + w;
            return g;
        }
        if page.vertical {
            g.top += offset;
        } else {
            g.left += offset;
        }
        if let Some(m) = self.split.filter(|&m| m >= 1 && m != self.columns) {
            // k basic columns re-split as m: each (k·N + (k−1)·gutter −
            // (m−1)·gutter) / m characters, the rest to the gutters
            // (newspaper-page.md).
            let total = g.measure();
            let chars =
                ((total - page.gutter * (m - 1) as f64).0 / page.body_size.0 / m as f64).floor();
            g.columns = m;
            g.column_width = page.body_size * chars;
            g.gutter = if m > 1 {
                (total - g.column_width * m as f64) / (m - 1) as f64
            } else {
                Pt::ZERO
            };
        }
        if !page.vertical {
            g.right = g.left + g.measure();
        }
        g
    }
}

/// A module laid out: its pages (the first is the frame's page, the rest
/// continue it) and the slot below its last line on the first page.
pub struct Module {
    pub pages: Vec<Page>,
    pub bottom: u32,
}

/// What the page furniture says.
#[derive(Debug, Clone, Default)]
pub struct PageHead {
    /// 报眉, start side (paper and section, or the article's title).
    pub start: String,
    /// 报眉, end side (the date).
    pub end: Option<String>,
    /// Follow the end side with the page's number as 第N版.
    pub edition: bool,
    /// Credits line at the foot (责任编辑 … 质检 …).
    pub credits: Option<String>,
    /// Number of the first page.
    pub first_number: u32,
}

/// Lays out one article on as many pages as it needs, with its furniture.
pub fn compose(
    doc: &Doc,
    shaped: &ShapedDoc,
    layout: &Layout,
    furniture: &mut dyn FnMut(Furniture, &str) -> ShapedPara,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Page>> {
    let grid = layout.grid_for(doc.writing);
    let mut pages = compose_module(doc, shaped, layout, &grid, Frame::full(&grid), warnings)?.pages;
    let head = PageHead {
        start: match &doc.serial {
            Some(s) => format!("《{}》连载{}", s.work, s.installment),
            None => doc.title.clone(),
        },
        end: doc.date.map(|d| d.chinese()),
        edition: false,
        credits: None,
        first_number: 1,
    };
    add_furniture(&mut pages, &grid, &[], &head, furniture);
    Ok(pages)
}

/// Lays out one article in a frame of the page grid, continuing on further
/// pages (in the same frame) when it does not fit.
pub fn compose_module(
    doc: &Doc,
    shaped: &ShapedDoc,
    layout: &Layout,
    page: &Grid,
    frame: Frame,
    warnings: &mut Vec<Warning>,
) -> Result<Module> {
    let vertical = doc.writing == crate::model::Writing::Vertical;
    let grid = frame.grid(page, vertical);
    // A module of its own writing mode has a grid of its own, from its top.
    let (top, bottom) = if vertical != page.vertical {
        (0, grid.lines)
    } else {
        (frame.top, frame.bottom(page))
    };
    if bottom < top + 6 || grid.column_width.0 < grid.body_size.0 * 4.0 {
        return Err(Error::new(
            Stage::Compose,
            format!("the frame leaves no room for {:?} text", doc.writing),
        )
        .at(doc.located(Default::default()))
        .hint(
            "give the article more columns or rows, or use a layout made for this writing mode",
        ));
    }
    let full = grid.measure();
    let rules = doc.rules;
    let mut c = Composer {
        grid,
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

    // The header block across all the module's columns.
    let mut slot = top;
    for p in &shaped.header {
        slot += p.style.space_before;
        let lines = break_lines(p, full, false, &rules);
        for line in &lines {
            let per = p.style.lines;
            let origin = line_origin(&grid, slot, per, Pt::ZERO, p.style.size);
            render_line(p, line, origin, &mut c.page().items);
            slot += per;
        }
        slot += p.style.space_after;
    }
    if slot + 4 > bottom {
        return Err(Error::new(Stage::Compose, "the headline block does not fit in its frame")
            .at(doc.located(shaped.header.first().map(|p| p.loc).unwrap_or_default()))
            .hint("shorten the kicker, headline or deck, give the article more room, or use smaller heading sizes"));
    }
    if !shaped.header.is_empty() {
        let (x0, y0) = grid.place(slot as f64 + 0.5, Pt::ZERO);
        let (x1, y1) = grid.place(slot as f64 + 0.5, full);
        c.page().items.push(PageItem::Rule(Rule {
            x0,
            y0,
            x1,
            y1,
            width: RULE_HEAVY,
        }));
        slot += 1;
    }
    c.column_top = slot;
    c.slot = slot;

    // Break every paragraph first: all columns share one measure, and the
    // keep rules look ahead at the next block's line count.
    let broken: Vec<Option<Vec<Line>>> = shaped
        .flow
        .iter()
        .map(|b| match b {
            ShapedBlock::Para(p) => Some(break_lines(
                p,
                grid.column_width,
                p.style.align == Align::Justify,
                &rules,
            )),
            ShapedBlock::Figure { .. } => None,
        })
        .collect();
    for (p, lines) in shaped.flow.iter().zip(&broken) {
        let (ShapedBlock::Para(p), Some(lines)) = (p, lines) else {
            continue;
        };
        if let Some(l) = lines.iter().find(|l| l.width.0 > l.measure.0 + EPSILON) {
            warnings.push(Warning {
                location: Some(doc.located(p.loc)),
                message: format!(
                    "a line is {:.1} pt wider than its column (a word too long to break?)",
                    l.width.0 - l.measure.0
                ),
            });
        }
    }
    let flow = FlowInput {
        shaped,
        broken: &broken,
        rules,
    };
    // The first page's flow starts below the header.
    c.checkpoints[0] = c.checkpoint();
    c.run(&flow);
    c.balance_last_page(&flow);
    c.column_rules();
    let used_bottom = c
        .used
        .iter()
        .filter(|u| u.0 == 0)
        .map(|u| u.3)
        .max()
        .unwrap_or(c.column_top)
        .max(c.column_top);
    if frame.boxed {
        c.draw_box(used_bottom);
    }
    // In page slots: a module with a grid of its own fills its frame.
    let module_bottom = if vertical != page.vertical {
        frame.bottom(page)
    } else {
        used_bottom
    };
    Ok(Module {
        pages: c.pages,
        bottom: module_bottom,
    })
}

/// Breaks a paragraph again from item `from` (a column or page break, or a
/// figure, came in between), with the measure of each line; the lines'
/// ranges are in the whole paragraph's items.
fn rebreak(
    p: &ShapedPara,
    from: usize,
    measure: &dyn Fn(usize) -> Pt,
    justify: bool,
    rules: &LineRules,
) -> Vec<Line> {
    let indent = if from == 0 {
        p.style.size * p.style.indent as f64
    } else {
        Pt::ZERO
    };
    let params = line_params(rules, measure, indent, justify);
    let mut lines = break_paragraph(&p.items[from..], &params);
    for l in &mut lines {
        l.items = l.items.start + from..l.items.end + from;
    }
    lines
}

/// The lines of one paragraph at a measure, as the composer sets them.
pub fn break_lines(p: &ShapedPara, measure: Pt, justify: bool, rules: &LineRules) -> Vec<Line> {
    let size = p.style.size;
    let inset = size * p.style.inset as f64;
    let m = measure - inset * 2.0;
    let mf = move |_| m;
    break_paragraph(
        &p.items,
        &line_params(rules, &mf, size * p.style.indent as f64, justify),
    )
}

/// Line-breaking parameters from the document's rules.
pub fn line_params<'a>(
    rules: &LineRules,
    measure: &'a dyn Fn(usize) -> Pt,
    first_indent: Pt,
    justify: bool,
) -> Params<'a> {
    Params {
        measure,
        first_indent,
        prohibition: rules.prohibition,
        justify,
        hanging: rules.hanging,
        compress_line_start: rules.compress_line_start,
        breaking: rules.breaking,
    }
}

struct Composer<'a> {
    grid: Grid,
    layout: &'a Layout,
    pages: Vec<Page>,
    column: u32,
    slot: u32,
    /// First slot of the columns on the current page (below the header on
    /// page 1).
    column_top: u32,
    /// (page index, column, last slot used + 1): where column rules go.
    used: Vec<(usize, u32, u32, u32)>,
    /// The frame's first and last (exclusive) line slots.
    top: u32,
    bottom: u32,
    /// Lines a column may hold on the current page (less than the frame's
    /// when the last page's columns are balanced).
    depth: u32,
    /// The block and line being placed, recorded at each page start.
    cur: (usize, u32),
    /// Slots figures take or narrow.
    shapes: Vec<SlotShape>,
    checkpoints: Vec<Checkpoint>,
}

/// A line slot a figure changes: taken whole, or narrowed to what is left
/// beside the figure.
#[derive(Debug, Clone, Copy, PartialEq)]
enum SlotKind {
    Blocked,
    /// The line starts `offset` into the column and is `measure` long.
    Narrow {
        offset: Pt,
        measure: Pt,
    },
}

#[derive(Debug, Clone, Copy)]
struct SlotShape {
    page: usize,
    column: u32,
    slot: u32,
    kind: SlotKind,
}

/// Where one line goes around figures.
#[derive(Debug, Clone, Copy)]
struct PlannedSlot {
    column: u32,
    slot: u32,
    offset: Pt,
    measure: Pt,
}

/// Least characters a line beside a figure may hold; a narrower slot is
/// skipped (newspaper-page.md).
const MIN_WRAP_CHARS: f64 = 3.0;

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
struct FlowInput<'a> {
    shaped: &'a ShapedDoc,
    broken: &'a [Option<Vec<Line>>],
    rules: LineRules,
}

impl Composer<'_> {
    fn page(&mut self) -> &mut Page {
        // new_page runs before anything is placed.
        self.pages.last_mut().expect("a page exists")
    }

    fn new_page(&mut self) {
        self.pages.push(Page {
            number: self.pages.len() as u32 + 1,
            width: self.layout.page.width.0,
            height: self.layout.page.height.0,
            items: Vec::new(),
        });
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
            items: self.pages.last().map_or(0, |p| p.items.len()),
            used: self.used.len(),
            shapes: self.shapes.len(),
        }
    }

    /// Places the flow from the current block and line on.
    fn run(&mut self, flow: &FlowInput) {
        let start = self.cur;
        for i in start.0..flow.shaped.flow.len() {
            let from = if i == start.0 { start.1 as usize } else { 0 };
            self.cur = (i, from as u32);
            match &flow.shaped.flow[i] {
                ShapedBlock::Para(p) => {
                    // Every flow paragraph was broken in compose().
                    let lines = flow.broken[i].as_ref().expect("paragraph lines");
                    let keep_next = match flow.shaped.flow.get(i + 1) {
                        Some(ShapedBlock::Para(n))
                            if matches!(p.style.role, Role::Heading | Role::MinorHeading) =>
                        {
                            let n_lines =
                                flow.broken[i + 1].as_ref().map_or(1, |l| l.len().min(2)) as u32;
                            n_lines * n.style.lines + n.style.space_before
                        }
                        _ => 0,
                    };
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
    fn balance_last_page(&mut self, flow: &FlowInput) {
        let last = self.pages.len() - 1;
        let cp = self.checkpoints[last];
        let used: u32 = self
            .used
            .iter()
            .filter(|u| u.0 == last)
            .map(|u| u.3 - u.2)
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

    fn restore(
        &mut self,
        page: usize,
        cp: Checkpoint,
        saved: &Page,
        used: &[(usize, u32, u32, u32)],
    ) {
        self.pages.truncate(page);
        let mut p = saved.clone();
        p.items.truncate(cp.items);
        self.pages.push(p);
        self.used.clear();
        self.used.extend_from_slice(&used[..cp.used]);
        self.shapes.truncate(cp.shapes);
        self.checkpoints.truncate(page + 1);
        self.column = 0;
        self.column_top = cp.column_top;
        self.slot = cp.column_top;
        self.cur = (cp.block, cp.line);
    }

    fn column_empty(&self) -> bool {
        self.slot == self.column_top
    }

    fn shape(&self, column: u32, slot: u32) -> Option<SlotKind> {
        let page = self.pages.len() - 1;
        self.shapes
            .iter()
            .rev()
            .find(|s| s.page == page && s.column == column && s.slot == slot)
            .map(|s| s.kind)
    }

    /// Where the current column's run of whole slots ends: the depth, or the
    /// first slot a figure takes or narrows.
    fn limit(&self) -> u32 {
        let page = self.pages.len() - 1;
        self.shapes
            .iter()
            .filter(|s| s.page == page && s.column == self.column && s.slot >= self.slot)
            .map(|s| s.slot)
            .fold(self.depth, u32::min)
    }

    fn slots_left(&self) -> u32 {
        self.limit().saturating_sub(self.slot)
    }

    /// Moves the cursor past slots a figure takes whole.
    fn skip_blocked(&mut self) {
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
                Some(SlotKind::Blocked) => slot += 1,
                Some(SlotKind::Narrow { offset, measure }) if per == 1 && measure.0 >= min.0 => {
                    out.push(PlannedSlot {
                        column,
                        slot,
                        offset,
                        measure: measure.min(full),
                    });
                    slot += 1;
                }
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

    fn next_column(&mut self) {
        self.column += 1;
        if self.column == self.grid.columns {
            self.new_page();
        } else {
            self.slot = self.column_top;
            self.skip_blocked();
        }
    }

    fn mark_used(&mut self) {
        let page = self.pages.len() - 1;
        let (col, top, slot) = (self.column, self.column_top, self.slot);
        match self.used.iter_mut().find(|u| u.0 == page && u.1 == col) {
            Some(u) => u.3 = u.3.max(slot),
            None => self.used.push((page, col, top, slot)),
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
        let per = p.style.lines.max(1);
        let inset = p.style.size * p.style.inset as f64;
        let full = self.grid.column_width - inset * 2.0;
        let justify = p.style.align == Align::Justify;
        let mut lines: Vec<Line> = match pre.iter().position(|l| l.items.start == from) {
            Some(k) => pre[k..].to_vec(),
            None => rebreak(p, from, &|_| full, justify, rules),
        };
        let n = lines.len() as u32;
        // Beside a figure the loop below plans the lines; the keep rules
        // are for whole columns.
        let beside = matches!(
            self.shape(self.column, self.slot),
            Some(SlotKind::Narrow { .. })
        );
        if !self.column_empty() && !beside {
            if self.slots_left() < p.style.space_before + per {
                self.advance();
            } else {
                self.slot += p.style.space_before;
            }
        }
        let whole = n * per + keep_next;
        if !self.column_empty() && !beside && keep_next > 0 && self.slots_left() < whole {
            self.advance();
        }
        // Orphan: a paragraph of two or more lines does not leave its first
        // line alone at the foot of a column.
        if !self.column_empty() && !beside && from == 0 && n >= 2 && self.slots_left() < 2 * per {
            self.advance();
        }
        let mut i = 0usize;
        while i < lines.len() {
            self.cur.1 = lines[i].items.start as u32;
            self.skip_blocked();
            if self.slot >= self.depth {
                self.next_column();
                continue;
            }
            if self.shape(self.column, self.slot).is_some() {
                // Around a figure: plan the slots, break the rest to them.
                let mut plan = self.plan(per, full);
                let start = lines[i].items.start;
                // A paragraph's first line keeps its indent: it needs three
                // characters beyond it, or its slot is skipped.
                if start == 0 {
                    let indent = p.style.size * p.style.indent as f64;
                    let min = self.grid.body_size * MIN_WRAP_CHARS + indent;
                    while plan
                        .first()
                        .is_some_and(|s| s.measure < full && s.measure.0 < min.0)
                    {
                        plan.remove(0);
                    }
                }
                let measure = |k: usize| plan.get(k).map_or(full, |s| s.measure);
                let rest = rebreak(p, start, &measure, justify, rules);
                lines.truncate(i);
                lines.extend(rest);
                let mut k = 0;
                while i < lines.len() && k < plan.len() {
                    let s = plan[k];
                    self.cur.1 = lines[i].items.start as u32;
                    self.column = s.column;
                    self.slot = s.slot;
                    self.render(p, &lines[i], per, inset + s.offset);
                    i += 1;
                    k += 1;
                }
                if i < lines.len() {
                    self.next_column();
                }
                continue;
            }
            if self.slots_left() < per {
                self.advance();
                continue;
            }
            let fit = (self.slots_left() / per) as usize;
            let remaining = lines.len() - i;
            // Widow: leave two lines for the next column rather than one.
            let take = if remaining > fit && remaining - fit == 1 && fit >= 3 {
                fit - 1
            } else {
                fit.min(remaining)
            };
            for _ in 0..take {
                self.render(p, &lines[i], per, inset);
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
        }
        self.slot = (self.slot + p.style.space_after).min(self.depth);
    }

    /// Sets one line at the cursor, `inline` into the column.
    fn render(&mut self, p: &ShapedPara, line: &Line, per: u32, inline: Pt) {
        let at = self.grid.column_start(self.column) + inline;
        let origin = line_origin(&self.grid, self.slot, per, at, p.style.size);
        let mut items = std::mem::take(&mut self.page().items);
        render_line(p, line, origin, &mut items);
        self.page().items = items;
        self.slot += per;
        self.mark_used();
    }

    /// Sets a figure at the cursor, across `fig.columns` columns (or
    /// `fig.width` of them) from the current one, its caption below it, and
    /// records the slots it takes or narrows: the text of every column it
    /// touches flows around it (rectangular or round wrap), each line beside
    /// it justified to its own measure.
    fn place_figure(
        &mut self,
        fig: &crate::resolve::Figure,
        caption: Option<&ShapedPara>,
        rules: &LineRules,
    ) {
        let g = self.grid;
        let gap = g.body_size / 2.0;
        let plan = |column: u32, column_slots: u32| {
            let room = g.columns - column;
            let span_cols = if g.vertical {
                1.0
            } else {
                fig.width
                    .unwrap_or(fig.columns as f64)
                    .clamp(0.5, room as f64)
            };
            let whole = span_cols.ceil() as u32;
            let span_width =
                g.column_width * span_cols + g.gutter * (span_cols.ceil() - 1.0).max(0.0);
            let cap_lines = caption.map(|c| break_lines(c, span_width, true, rules));
            let cap_slots = caption.map_or(0, |c| c.style.lines)
                * cap_lines.as_ref().map_or(0, |l| l.len() as u32);
            // The figure fills its width across (or in vertical text a
            // band's height); its other extent follows its aspect in whole
            // line slots, never more than the column can give beside its
            // caption: tall figures shrink to fit.
            let aspect = if g.vertical {
                fig.width_px as f64 / fig.height_px as f64
            } else {
                fig.height_px as f64 / fig.width_px as f64
            };
            let mut across = span_width;
            let mut along = across * aspect;
            let max = g.pitch * (column_slots.saturating_sub(cap_slots + 1)) as f64;
            if along > max {
                across = across * (max / along);
                along = max;
            }
            let slots = ((along.0 / g.pitch.0) - 1e-6).ceil().max(1.0) as u32;
            (
                whole, span_width, across, along, slots, cap_lines, cap_slots,
            )
        };
        let column_slots =
            self.bottom - self.column_top.min(self.top + (self.bottom - self.top) / 2);
        self.skip_blocked();
        let mut p = plan(self.column, column_slots);
        for _ in 0..3 {
            if self.slot + p.4 + p.6 <= self.depth
                && (self.slot..self.slot + p.4 + p.6).all(|s| self.shape(self.column, s).is_none())
            {
                break;
            }
            self.next_column();
            p = plan(self.column, column_slots);
        }
        let (whole, span_width, across, along, slots, cap_lines, cap_slots) = p;
        let start = self.grid.column_start(self.column);
        let inline = start + (span_width - across) / 2.0;
        let top = self.slot;
        let (x, y, w, h) = g.rect(top as f64, along / g.pitch, inline, across);
        self.page().items.push(PageItem::Image(ImageItem {
            figure: fig.clone(),
            x,
            y,
            width: w,
            height: h,
        }));
        // The caption spans the figure, under it.
        let cap_top = top + slots;
        if let (Some(c), Some(lines)) = (caption, cap_lines.as_deref()) {
            let mut slot = cap_top;
            for line in lines {
                let origin = line_origin(&self.grid, slot, c.style.lines, start, c.style.size);
                let mut items = std::mem::take(&mut self.page().items);
                render_line(c, line, origin, &mut items);
                self.page().items = items;
                slot += c.style.lines;
            }
        }
        let end = (cap_top + cap_slots + 1).min(self.depth);
        // What each touched column keeps beside the figure, slot by slot.
        let page = self.pages.len() - 1;
        let min = g.body_size * MIN_WRAP_CHARS;
        let round = fig.wrap == crate::resolve::Wrap::Round;
        let (cx, cy, r) = (
            inline + across / 2.0,
            g.pitch * top as f64 + along / 2.0,
            across.min(along) / 2.0,
        );
        for column in self.column..(self.column + whole).min(g.columns) {
            let c0 = self.grid.column_start(column);
            for slot in top..end {
                // The part of the line the figure (or its caption) covers.
                let covered = if slot >= cap_top {
                    Some((start, start + span_width))
                } else if round {
                    let (y0, y1) = (g.pitch * slot as f64, g.pitch * (slot + 1) as f64);
                    let dy = if cy < y0 {
                        y0 - cy
                    } else if cy > y1 {
                        cy - y1
                    } else {
                        Pt::ZERO
                    };
                    (dy < r).then(|| {
                        let half = Pt((r.0 * r.0 - dy.0 * dy.0).max(0.0).sqrt());
                        (cx - half, cx + half)
                    })
                } else {
                    Some((inline, inline + across))
                };
                let Some((a, b)) = covered else { continue };
                let (a, b) = (a - gap, b + gap);
                let (lo, hi) = (c0, c0 + g.column_width);
                if b <= lo || a >= hi {
                    continue;
                }
                // The larger free side: text never jumps across a figure.
                let left = (a - lo).max(Pt::ZERO);
                let right = (hi - b).max(Pt::ZERO);
                let kind = if left.0 >= right.0 && left.0 >= min.0 {
                    SlotKind::Narrow {
                        offset: Pt::ZERO,
                        measure: left,
                    }
                } else if right.0 >= min.0 {
                    SlotKind::Narrow {
                        offset: b - lo,
                        measure: right,
                    }
                } else {
                    SlotKind::Blocked
                };
                self.shapes.push(SlotShape {
                    page,
                    column,
                    slot,
                    kind,
                });
            }
            let (p, col) = (page, column);
            match self.used.iter_mut().find(|u| u.0 == p && u.1 == col) {
                Some(u) => u.3 = u.3.max(end - 1),
                None => self.used.push((p, col, self.column_top, end - 1)),
            }
        }
        // Text goes on beside the figure, or below it.
        self.skip_blocked();
    }

    /// A box around the module on its first page, half a gutter outside
    /// its columns, from its top to `bottom`.
    fn draw_box(&mut self, bottom: u32) {
        let g = self.grid;
        let pad = if g.gutter.0 > 0.0 {
            g.gutter / 2.0
        } else {
            g.body_size / 2.0
        };
        let (x, y, w, h) = g.rect(
            self.top as f64 - 0.5,
            (bottom - self.top) as f64 + 1.0,
            -pad,
            g.measure() + pad * 2.0,
        );
        let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
        for pair in corners.windows(2) {
            self.pages[0].items.push(PageItem::Rule(Rule {
                x0: pair[0].0,
                y0: pair[0].1,
                x1: pair[1].0,
                y1: pair[1].1,
                width: Pt(1.0),
            }));
        }
    }

    /// Rules in the gutters between the module's used columns, broken
    /// where a figure spans the gutter.
    fn column_rules(&mut self) {
        if !self.layout.grid.column_rules {
            return;
        }
        let g = self.grid;
        for &(page, col, top, end) in &self.used {
            if col == 0 {
                continue;
            }
            let inline = g.column_start(col) - g.gutter / 2.0;
            let mut cuts: Vec<(u32, u32)> = self
                .shapes
                .iter()
                .filter(|sh| sh.page == page && sh.column == col)
                .map(|sh| (sh.slot, sh.slot + 1))
                .collect();
            cuts.sort();
            let mut from = top;
            for (a, b) in cuts.into_iter().chain(std::iter::once((end, end))) {
                if a > from {
                    let (x0, y0) = g.place(from as f64, inline);
                    let (x1, y1) = g.place(a.min(end) as f64, inline);
                    self.pages[page].items.push(PageItem::Rule(Rule {
                        x0,
                        y0,
                        x1,
                        y1,
                        width: RULE_THIN,
                    }));
                }
                from = from.max(b);
            }
        }
    }
}

/// Running head (报眉) with its rule, rules between modules, the credits
/// line and the folio, on every page. Written after the text, so that
/// extraction reads the articles first.
pub fn add_furniture(
    pages: &mut [Page],
    grid: &Grid,
    modules: &[Vec<Frame>],
    head: &PageHead,
    furniture: &mut dyn FnMut(Furniture, &str) -> ShapedPara,
) {
    let g = grid;
    let (x0, y0, x1, y1) = g.area();
    let width = x1 - x0;
    for (pi, page) in pages.iter_mut().enumerate() {
        let mut items = Vec::new();
        let head_base = y0 - g.pitch * 0.9;
        let start = furniture(Furniture::RunningHead, &head.start);
        place_single(&start, x0, width, head_base, Align::Start, &mut items);
        let number = head.first_number as usize + pi;
        let end_text = match (&head.end, head.edition) {
            (Some(e), true) => Some(format!("{e}　第{number}版")),
            (None, true) => Some(format!("第{number}版")),
            (e, false) => e.clone(),
        };
        if let Some(e) = &end_text {
            let end = furniture(Furniture::RunningHead, e);
            place_single(&end, x0, width, head_base, Align::End, &mut items);
        }
        let rule_y = y0 - g.pitch * 0.5;
        items.push(PageItem::Rule(Rule {
            x0,
            y0: rule_y,
            x1,
            y1: rule_y,
            width: RULE_THIN,
        }));
        // Rules between modules: along the start edge of a module that does
        // not begin at the grid's edge, and under one that ends above the
        // foot (a boxed module has its box).
        for f in modules.get(pi).into_iter().flatten().filter(|f| !f.boxed) {
            let bottom = f.bottom(g);
            let mut edge = |s0: f64, s1: f64, i0: Pt, i1: Pt| {
                let (ax, ay) = g.place(s0, i0);
                let (bx, by) = g.place(s1, i1);
                items.push(PageItem::Rule(Rule {
                    x0: ax,
                    y0: ay,
                    x1: bx,
                    y1: by,
                    width: RULE_HEAVY / 2.0,
                }));
            };
            let start = g.column_start(f.first) - g.gutter / 2.0;
            let end = g.column_start(f.first + f.columns) - g.gutter / 2.0;
            if f.first > 0 {
                edge(f.top as f64, bottom as f64, start, start);
            }
            if bottom < g.lines && f.top > 0 {
                edge(
                    f.top as f64 - 0.5,
                    f.top as f64 - 0.5,
                    start.max(Pt::ZERO),
                    end.min(g.measure()),
                );
            }
        }
        let foot = y1 + g.pitch * 1.5;
        let folio = furniture(
            Furniture::Folio,
            &format!("{}", head.first_number as usize + pi),
        );
        place_single(&folio, x0, width, foot, Align::Center, &mut items);
        if let Some(c) = &head.credits {
            let credits = furniture(Furniture::RunningHead, c);
            place_single(&credits, x0, width, foot, Align::End, &mut items);
        }
        page.items.extend(items);
    }
}

/// Sets a one-line furniture paragraph aligned within `measure`.
pub fn place_single(
    p: &ShapedPara,
    x: Pt,
    measure: Pt,
    baseline: Pt,
    align: crate::model::Align,
    out: &mut Vec<PageItem>,
) {
    let mf = move |_| measure;
    let rules = LineRules {
        prohibition: Prohibition::None,
        hanging: false,
        compress_line_start: false,
        breaking: Breaking::TotalFit,
    };
    let params = line_params(&rules, &mf, Pt::ZERO, false);
    let mut para = p.clone();
    para.style.align = align;
    for line in break_paragraph(&para.items, &params) {
        render_line(
            &para,
            &line,
            LineOrigin {
                x,
                y: baseline,
                vertical: false,
            },
            out,
        );
    }
}

//! Figures: in the flow, sized to their columns and placed at the cursor
//! (or the next column with room); or at a place the article gives (`x`,
//! `row`), set before the text flows. Each is captioned under it, and the
//! text of the columns it touches wrapped around it ([`super::wrap`]).

use super::columns::{Composer, FixedItems, FlowInput, SlotShape};
use super::items::{FrameItem, LineSource};
use super::lines::break_lines;
use super::rebroken::{How, Key};
use super::transform::{FrameRect, LineAt};
use super::wrap::{Footprint, MIN_WRAP_CHARS, SlotKind, WrapRules, close_tips, wrap};
use crate::linebreak::Line;
use crate::model::{Grid, LineRules};
use crate::resolve::{Figure, Wrap};
use crate::shape::{ShapedBlock, ShapedPara};
use crate::units::Pt;

/// The least a figure in the flow is made to fit a shallow column, of
/// its width as sized for its columns: smaller, a photograph's detail is
/// lost; the compositor moves it on instead.
const LEAST_SCALE: f64 = 0.6;

/// A figure sized for a column, in frame terms.
struct FigureSize {
    /// Columns it touches.
    whole: u32,
    /// Inline length of the columns (and gutters) it spans.
    span: Pt,
    /// The image's inline and block extents.
    inline: Pt,
    block: Pt,
    /// Line slots the image takes.
    slots: u32,
    caption: Option<Vec<Line>>,
    caption_slots: u32,
}

impl FigureSize {
    /// Slots for the image and its caption.
    fn total(&self) -> u32 {
        self.slots + self.caption_slots
    }
}

/// Sizes a figure set from `column`, where a column gives at most
/// `column_slots` slots. The figure fills its span along the line; its
/// block extent follows its aspect in whole line slots, never more than
/// the column can give beside its caption: tall figures shrink to fit.
fn size_figure(
    c: &Composer,
    fig: &Figure,
    caption: Option<&ShapedPara>,
    rules: &LineRules,
    column: u32,
    column_slots: u32,
) -> FigureSize {
    let g: &Grid = &c.grid;
    let room = g.columns - column;
    // A vertical band holds a figure in its height: its column count is
    // for horizontal columns.
    let span_cols = if g.vertical && !fig.placed() {
        1.0
    } else {
        (fig.width.unwrap_or(fig.columns as f64)).clamp(0.5, room as f64)
    };
    let span = g.column_width * span_cols + g.gutter * (span_cols.ceil() - 1.0).max(0.0);
    let cap_lines = caption.map(|p| c.caption_lines(p, span, rules));
    let caption_slots =
        caption.map_or(0, |c| c.style.lines) * cap_lines.as_ref().map_or(0, |l| l.len() as u32);
    let (px_inline, px_block) =
        (c.transform.mode()).extents(Pt(fig.width_px as f64), Pt(fig.height_px as f64));
    let aspect = px_block.0 / px_inline.0;
    let mut inline = span;
    let mut block = inline * aspect;
    let max = g.pitch * (column_slots.saturating_sub(caption_slots + 1)) as f64;
    if block > max {
        inline = inline * (max / block);
        block = max;
    }
    FigureSize {
        whole: span_cols.ceil() as u32,
        span,
        inline,
        block,
        slots: ((block.0 / g.pitch.0) - 1e-6).ceil().max(1.0) as u32,
        caption: cap_lines,
        caption_slots,
    }
}

/// Where a caption's lines start along the line: at the picture's edge
/// (`picture`: its start and length) when the caption is no wider than
/// the picture, else at the span's edge `span_start`.
fn caption_start(picture: (Pt, Pt), span_start: Pt, widest: Pt) -> Pt {
    match widest <= picture.1 {
        true => picture.0,
        false => span_start,
    }
}

impl Composer<'_> {
    /// A caption's lines at `measure` (remembered: a balancing try sizes
    /// the same figure again).
    fn caption_lines(&self, p: &ShapedPara, measure: Pt, rules: &LineRules) -> Vec<Line> {
        let key = Key::new(p, How::Whole, rules, 0).at(measure, true);
        (self.rebroken).full_lines(key, || break_lines(p, measure, true, rules))
    }

    /// Sets a figure at the cursor, across `fig.columns` columns (or
    /// `fig.width` of them) from the current one, its caption below it, and
    /// records the slots it takes or narrows: the text of every column it
    /// touches flows around it (rectangular or round wrap), each line beside
    /// it set to its own measure.
    pub fn place_figure(&mut self, fig: &Figure, caption: Option<&ShapedPara>, rules: &LineRules) {
        // Floated to the head of a later column (or made smaller), the
        // text goes on where it is and meets the figure when it gets
        // there; else the cursor moves to where the figure goes.
        let (column, top, size) = match self.float_room(fig, caption, rules) {
            Some(at) => at,
            None => {
                let size = self.find_room(fig, caption, rules);
                (self.column, self.slot, size)
            }
        };
        let start = self.grid.column_start(column);
        let inline = start + (size.span - size.inline) / 2.0;
        let columns = column..(column + size.whole).min(self.grid.columns);
        self.set_figure(fig, caption, &size, (inline, top), columns);
        // Text goes on beside the figure, or below it.
        self.skip_blocked();
    }

    /// Sets the figures the article places itself (`x`, `row`) on the
    /// module's first page before any text: the text then flows around
    /// them from the start. Round figures are centred across the module
    /// and down its columns unless told otherwise.
    pub fn place_fixed_figures(&mut self, flow: &FlowInput) {
        // The columns count as used where their text goes, not where a
        // figure alone is (a page laid out again restores the records
        // from here).
        let used = self.used.len();
        for (block, b) in flow.shaped.flow.iter().enumerate() {
            if let ShapedBlock::Figure { figure, caption } = b
                && figure.placed()
            {
                let before = self.items().len();
                // The caption's lines are recorded as this block's.
                let cur = std::mem::replace(&mut self.cur, (block, 0));
                let row = self.place_fixed(figure, caption.as_ref(), &flow.rules);
                self.cur = cur;
                let items = self.items().split_off(before);
                let page = self.pages.len() - 1;
                self.fixed.push(FixedItems {
                    block,
                    page,
                    row,
                    items,
                });
            }
        }
        self.used.truncate(used);
        // The page's layout (and its balancing) starts with them set.
        self.start_flow(self.column_top);
    }

    /// Draws the placed figure of flow block `block` on its page.
    pub fn draw_fixed(&mut self, block: usize) {
        for f in self.fixed.iter().filter(|f| f.block == block) {
            self.pages[f.page].extend(f.items.iter().cloned());
        }
    }

    /// Sets a figure at its place; the row it took under the columns' top.
    fn place_fixed(
        &mut self,
        fig: &Figure,
        caption: Option<&ShapedPara>,
        rules: &LineRules,
    ) -> u32 {
        let g = self.grid;
        let depth = self.bottom - self.column_top;
        let mut size = size_figure(self, fig, caption, rules, 0, depth);
        let measure = g.measure();
        let centre = fig.x.map_or(measure / 2.0, |x| {
            (g.column_width + g.gutter) * x - g.gutter / 2.0
        });
        let inline = (centre - size.inline / 2.0)
            .min(measure - size.inline)
            .max(Pt::ZERO);
        // A line under the caption stays clear: the module's foot rule
        // goes there.
        let room = depth.saturating_sub(size.total() + 1);
        let row = fig.row.map_or(room / 2, |r| r.min(room));
        let top = self.column_top + row;
        let first = (inline / (g.column_width + g.gutter)).floor() as u32;
        let last = ((inline + size.inline) / (g.column_width + g.gutter)).floor() as u32;
        // The caption goes across the figure itself, not its columns.
        size.span = size.inline;
        size.caption = caption.map(|p| self.caption_lines(p, size.inline, rules));
        size.caption_slots = caption.map_or(0, |c| c.style.lines)
            * size.caption.as_ref().map_or(0, |l| l.len() as u32);
        self.set_figure(
            fig,
            caption,
            &size,
            (inline, top),
            first..(last + 1).min(g.columns),
        );
        self.slot = self.column_top;
        row
    }

    /// Draws the figure with its top-left corner at `at` (inline, slot),
    /// its caption under it across `size.span` from the same start, and
    /// wraps the text of `columns` around both.
    fn set_figure(
        &mut self,
        fig: &Figure,
        caption: Option<&ShapedPara>,
        size: &FigureSize,
        at: (Pt, u32),
        columns: std::ops::Range<u32>,
    ) {
        let (inline, top) = at;
        // Right after the slots a vertical headline takes down the band
        // beside it, the white the image's slots leave past it is shared
        // out to both its sides, not all after it: the headline's em box
        // fills its slots to their edge (varv-set10's round figure stood
        // 1.6 pt from a 21.9 pt headline). Across a horizontal page the
        // title block ends with its own space under its last line, and the
        // image's top keeps to the first line of the text beside it.
        let after_display = self.grid.vertical
            && top > 0
            && self.shape(columns.start, top - 1) == Some(SlotKind::Blocked);
        let spare = (size.slots as f64 - size.block / self.grid.pitch).max(0.0);
        let lift = if after_display { spare / 2.0 } else { 0.0 };
        let rect = FrameRect {
            slot: top as f64 + lift,
            slots: size.block / self.grid.pitch,
            inline,
            length: size.inline,
        };
        self.items().push(FrameItem::Image {
            figure: fig.clone(),
            rect,
        });
        // The caption spans the figure's span, under it; under a picture
        // made narrower than its span, a caption no wider than the
        // picture starts at the picture's edge, not at the span's (a
        // strip of white off it).
        let cap_left = inline - (size.span - size.inline) / 2.0;
        let cap_top = top + size.slots;
        if let (Some(c), Some(lines)) = (caption, size.caption.as_deref()) {
            let widest = lines.iter().fold(Pt::ZERO, |w, l| Pt(w.0.max(l.width.0)));
            let from = caption_start((inline, size.inline), cap_left, widest);
            let mut slot = cap_top;
            for line in lines {
                let at = LineAt {
                    slot,
                    per: c.style.lines,
                    inline: from,
                    size: c.style.size,
                    lift: Pt::ZERO,
                };
                let column = self.grid.column_of(from);
                self.set_line((c, LineSource::Flow(self.cur.0)), line, at, Some(column));
                slot += c.style.lines;
            }
        }
        if caption.is_some() && cap_top + size.caption_slots > self.bottom {
            self.cut_captions.push(fig.loc);
        }
        let end = (cap_top + size.caption_slots + 1).min(self.bottom);
        let image = if fig.wrap == Wrap::Round {
            Footprint::Disc {
                slots: top..cap_top,
                inline: inline + size.inline / 2.0,
                block: self.grid.pitch * (top as f64 + lift) + size.block / 2.0,
                radius: size.inline.min(size.block) / 2.0,
            }
        } else {
            // A figure set at a place keeps a line clear above it.
            let above = if fig.placed() {
                top.saturating_sub(1)
            } else {
                top
            };
            Footprint::Rect {
                slots: above..cap_top,
                inline: (inline, inline + size.inline),
            }
        };
        // Body text keeps a whole character from a caption beside it (half
        // more than from the image): a line of the same size ending closer
        // reads on into the caption.
        let extra = self.grid.body_size / 2.0;
        let caption = Footprint::Rect {
            slots: cap_top..end,
            inline: (cap_left - extra, cap_left + size.span + extra),
        };
        self.wrap_columns(&[image, caption], top.saturating_sub(1)..end, columns);
    }

    /// The column slots a figure may take: half the frame's depth or all
    /// below the columns' top, whichever is more.
    fn figure_column_slots(&self) -> u32 {
        self.bottom - self.column_top.min(self.top + (self.bottom - self.top) / 2)
    }

    /// Whether `size` fits from `slot` of `column`: inside the column's
    /// depth, on slots nothing else takes or narrows.
    fn fits_at(&self, size: &FigureSize, column: u32, slot: u32) -> bool {
        let slots = slot..slot + size.total();
        slots.end <= self.depth_of(column) && slots.clone().all(|s| self.shape(column, s).is_none())
    }

    /// The figure sized at `column` for `slots` slots, when it keeps at
    /// least [`LEAST_SCALE`] of its size there.
    fn shrunk(
        &self,
        (fig, caption, rules): (&Figure, Option<&ShapedPara>, &LineRules),
        column: u32,
        slots: u32,
        full: &FigureSize,
    ) -> Option<FigureSize> {
        let size = size_figure(self, fig, caption, rules, column, slots);
        (size.inline >= full.inline * LEAST_SCALE).then_some(size)
    }

    /// Where a figure that does not fit at the cursor goes instead of
    /// leaving the rest of the column white (a balanced module's columns
    /// are often shallower than the figure): to the head of the next
    /// column, the cursor staying where it is; failing that, there or at
    /// the cursor made smaller to the column's depth. `None` where it fits
    /// at the cursor, or nowhere so (then [`Self::find_room`] places it).
    fn float_room(
        &mut self,
        fig: &Figure,
        caption: Option<&ShapedPara>,
        rules: &LineRules,
    ) -> Option<(u32, u32, FigureSize)> {
        self.skip_blocked();
        let column_slots = self.figure_column_slots();
        let args = (fig, caption, rules);
        if self.slot >= self.depth_of(self.column) {
            return self.float_from_foot(args, column_slots);
        }
        let here = size_figure(self, fig, caption, rules, self.column, column_slots);
        if self.fits_at(&here, self.column, self.slot) {
            return None;
        }
        if let Some((next, top, size)) = self.next_head(args, column_slots) {
            if self.fits_at(&size, next, top) {
                return Some((next, top, size));
            }
            let room = self.depth_of(next).saturating_sub(top);
            if let Some(size) = self.shrunk(args, next, room, &here)
                && self.fits_at(&size, next, top)
            {
                return Some((next, top, size));
            }
        }
        let room = self.depth_of(self.column) - self.slot;
        let shrunk = (self.shrunk(args, self.column, room, &here))
            .filter(|size| self.fits_at(size, self.column, self.slot))
            .map(|size| (self.column, self.slot, size));
        // Failing those, the head of a later column (band) with room for
        // it (the columns under a title block are often shallower than a
        // figure, the last ones beside a short headline deeper): the text
        // goes on in the columns before it, not left white. Moving the
        // cursor there with the figure left 4 holes on 20 generated
        // horizontal pages with figures (one 41 × 5 ems, in a module
        // continued on the next page: white over its jump line).
        shrunk.or_else(|| self.later_column(args, column_slots))
    }

    /// [`Self::float_room`] for a figure met at a column's foot: the next
    /// column's head, where the text goes on, if it holds the figure (the
    /// cursor takes it there, `None`); else the head of a later column with
    /// room. Moving the cursor on until a column holds the figure would
    /// leave the columns between white (a module's columns under its
    /// headline are often shallower than the figure, those beside it
    /// deeper).
    fn float_from_foot(
        &mut self,
        args: (&Figure, Option<&ShapedPara>, &LineRules),
        column_slots: u32,
    ) -> Option<(u32, u32, FigureSize)> {
        let (next, top, size) = self.next_head(args, column_slots)?;
        if self.fits_at(&size, next, top) {
            return None;
        }
        self.later_column(args, column_slots)
    }

    /// The next column on this page, its head's first free slot and the
    /// figure sized there (whether it fits is the caller's question);
    /// `None` in the last column.
    fn next_head(
        &self,
        (fig, caption, rules): (&Figure, Option<&ShapedPara>, &LineRules),
        column_slots: u32,
    ) -> Option<(u32, u32, FigureSize)> {
        let next = self.column + 1;
        if next >= self.grid.columns {
            return None;
        }
        let top = self.unblocked(next, self.column_top);
        let size = size_figure(self, fig, caption, rules, next, column_slots);
        Some((next, top, size))
    }

    /// The first column after the next on this page whose head holds the
    /// figure at its size: (column, slot, size).
    fn later_column(
        &mut self,
        (fig, caption, rules): (&Figure, Option<&ShapedPara>, &LineRules),
        column_slots: u32,
    ) -> Option<(u32, u32, FigureSize)> {
        for column in self.column + 2..self.grid.columns {
            let top = self.unblocked(column, self.column_top);
            let size = size_figure(self, fig, caption, rules, column, column_slots);
            if self.fits_at(&size, column, top) {
                return Some((column, top, size));
            }
        }
        None
    }

    /// Whether this page holds the figure from the cursor on: at a place
    /// [`Self::float_room`] finds, or in a column [`Self::find_room`]
    /// reaches before a new page.
    pub(super) fn room_on_page(
        &mut self,
        fig: &Figure,
        caption: Option<&ShapedPara>,
        rules: &LineRules,
    ) -> bool {
        if self.float_room(fig, caption, rules).is_some() {
            return true;
        }
        let column_slots = self.figure_column_slots();
        (self.column..self.grid.columns).any(|column| {
            let from = match column == self.column {
                true => self.slot,
                false => self.column_top,
            };
            let size = size_figure(self, fig, caption, rules, column, column_slots);
            self.fits_at(&size, column, self.unblocked(column, from))
        })
    }

    /// Sizes the figure where it goes: at the cursor, or the next column
    /// with room for it, on the next page if none on this one has (a
    /// caption is never cut at the foot). On a fresh page it goes at the
    /// first column's head, whatever it takes.
    fn find_room(
        &mut self,
        fig: &Figure,
        caption: Option<&ShapedPara>,
        rules: &LineRules,
    ) -> FigureSize {
        let column_slots = self.figure_column_slots();
        self.skip_blocked();
        let page = self.pages.len();
        let mut size = size_figure(self, fig, caption, rules, self.column, column_slots);
        loop {
            let fresh = self.pages.len() > page && self.column_empty() && self.column == 0;
            if fresh || self.fits_at(&size, self.column, self.slot) {
                break;
            }
            self.next_column();
            size = size_figure(self, fig, caption, rules, self.column, column_slots);
        }
        size
    }

    /// Records what each of `columns` keeps of `slots` beside the
    /// footprints, in whole characters of the body, a half character clear
    /// of the shape.
    fn wrap_columns(
        &mut self,
        footprints: &[Footprint],
        slots: std::ops::Range<u32>,
        columns: std::ops::Range<u32>,
    ) {
        let g = self.grid;
        let page = self.pages.len() - 1;
        let rules = WrapRules {
            gap: g.body_size / 2.0,
            min: g.body_size * MIN_WRAP_CHARS,
            char: g.body_size,
        };
        let extents: Vec<(Pt, Pt)> = columns.clone().map(|c| g.column_extent(c)).collect();
        let footprints: Vec<Footprint> = (footprints.iter())
            .map(|f| f.clone().wrapped_in(&extents, g.pitch, rules))
            .collect();
        for (column, &extent) in columns.zip(&extents) {
            let mut kinds: Vec<(u32, SlotKind)> = (slots.clone())
                .filter_map(|slot| Some((slot, wrap(&footprints, slot, g.pitch, extent, rules)?)))
                .collect();
            close_tips(&mut kinds, extent.1 - extent.0);
            let touched = !kinds.is_empty();
            for (slot, kind) in kinds {
                self.shapes.push(SlotShape {
                    page,
                    column,
                    slot,
                    kind,
                });
            }
            if touched {
                self.use_column(column, slots.end - 1);
            }
        }
    }
}

/// Refuses a layout where a figure's caption ran past the frame's foot:
/// its last lines would be lost. A caption is never cut.
pub fn refuse_cut_caption(doc: &crate::resolve::Doc, c: &Composer) -> crate::error::Result<()> {
    let Some(&loc) = c.cut_captions.first() else {
        return Ok(());
    };
    Err(crate::error::Error::new(
        crate::error::Stage::Compose,
        "this figure's caption is longer than the column can hold under the figure".to_string(),
    )
    .at(doc.located(loc))
    .hint("shorten the caption (move the rest into the text) or give the figure more columns"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caption_under_a_picture_narrower_than_its_span_starts_at_the_picture() {
        // A picture made smaller (28 pt in from its 243 pt span's edge at
        // 179, 188 long): a caption of 150 starts under it, one of 200 at
        // the span's edge.
        let picture = (Pt(207.0), Pt(188.0));
        assert_eq!(caption_start(picture, Pt(179.0), Pt(150.0)), Pt(207.0));
        assert_eq!(caption_start(picture, Pt(179.0), Pt(200.0)), Pt(179.0));
        // As wide as its span: the same either way.
        assert_eq!(
            caption_start((Pt(179.0), Pt(243.0)), Pt(179.0), Pt(150.0)),
            Pt(179.0)
        );
    }
}

//! The lead (导语) set across the module's columns (破栏) under the
//! headline block, or boxed there, before the columns start: the columns
//! it spans begin under it, the others at the header's foot. It takes
//! their slots the way a figure does, so the flow, the column rules and
//! the balancing of the last page all go round it.

use super::columns::{Composer, SlotShape};
use super::items::{FrameItem, LineSource};
use super::lines::break_lines;
use super::rules::{RULE_THIN, across_slots};
use super::transform::{FrameRect, LineAt};
use super::wrap::SlotKind;
use crate::linebreak::Line;
use crate::model::{Align, Grid, LeadPlacement, LineRules, Role};
use crate::shape::{ShapedBlock, ShapedDoc};
use crate::units::Pt;

/// Where the lead went: the flow blocks it took, the first slot under it,
/// and whether it spans every column (they all start under it).
pub struct LeadSet {
    pub blocks: usize,
    pub bottom: u32,
    pub all: bool,
}

impl Composer<'_> {
    /// Sets the flow's opening lead paragraphs from `slot` across the
    /// columns `placement` gives; `None` when the lead stays in the
    /// columns (or there is none).
    pub fn set_lead_across(
        &mut self,
        shaped: &ShapedDoc,
        placement: LeadPlacement,
        slot: u32,
        rules: &LineRules,
    ) -> Option<LeadSet> {
        let LeadPlacement::Across { columns, boxed } = placement else {
            return None;
        };
        let leads = (shaped.flow.iter())
            .take_while(|b| matches!(b, ShapedBlock::Para(p) if p.style.role == Role::Lead))
            .count();
        if leads == 0 {
            return None;
        }
        let g = self.grid;
        let span = columns.unwrap_or(g.columns).clamp(1, g.columns);
        let extent = g.column_start(span - 1) + g.column_width;
        // A boxed lead's lines keep a character and a half from the
        // module's edge, its box half a character: a mark hanging past a
        // line's end stays clear of the box. A slot above and below holds
        // the box's edges.
        let inset = if boxed { g.body_size * 1.5 } else { Pt::ZERO };
        let pad = boxed as u32;
        let top = slot;
        let at = self.set_lead_lines(&shaped.flow[..leads], (top + pad, inset), extent, rules);
        // The last lead paragraph's space after is the gap under the lead;
        // a box closes round the lines and keeps that gap below it.
        let last_space = match &shaped.flow[leads - 1] {
            ShapedBlock::Para(p) => p.style.space_after,
            ShapedBlock::Figure { .. } => 0,
        };
        let text_end = at - last_space;
        if boxed {
            self.items().push(FrameItem::Box {
                rect: FrameRect {
                    slot: top as f64 + 0.5,
                    slots: (text_end - top) as f64,
                    inline: inset / 3.0,
                    length: extent - inset * 2.0 / 3.0,
                },
                width: Pt(0.75),
            });
        }
        let bottom = (text_end + pad + last_space.max(1)).min(self.bottom);
        if span == g.columns {
            // Across the module: the columns start under it.
            return Some(LeadSet {
                blocks: leads,
                bottom,
                all: true,
            });
        }
        // The columns under the lead start below it: their slots are taken.
        let page = self.pages.len() - 1;
        for column in 0..span {
            for s in top..bottom {
                self.shapes.push(SlotShape {
                    page,
                    column,
                    slot: s,
                    kind: SlotKind::Blocked,
                });
            }
        }
        Some(LeadSet {
            blocks: leads,
            bottom,
            all: false,
        })
    }

    /// Sets the lead paragraphs `leads` from slot `at`, `inset` from the
    /// module's start, `extent` long less the inset at both ends; the slot
    /// after the last one's space. Wider than [`LEAD_MOST_CHARS`] it is
    /// re-split into as many columns as keep each under it (破栏), the
    /// lines running down the first and on in the next, the columns as
    /// near one depth as whole lines allow.
    fn set_lead_lines(
        &mut self,
        leads: &[ShapedBlock],
        (at, inset): (u32, Pt),
        extent: Pt,
        rules: &LineRules,
    ) -> u32 {
        let g = self.grid;
        let Some(last) = leads.iter().rev().find_map(|b| match b {
            ShapedBlock::Para(p) => Some(p),
            ShapedBlock::Figure { .. } => None,
        }) else {
            return at;
        };
        let width = extent - inset * 2.0;
        // A lead of one line stays whole; a longer one, from the most
        // columns down, is split where its last column holds at least
        // half the lines of its first, a line alone there half full (a
        // compositor's review: a line cut in two halves, or a last column
        // of a few characters beside a rule, read worse than the long
        // lines).
        let (whole, _) = lead_rows(leads, width, rules);
        let mut parts = match whole.len() {
            0 | 1 => 1,
            _ => most_columns(width, g.body_size, g.gutter),
        };
        let (rows, columns, (measure, step)) = loop {
            // One column: the lines as broken across the whole width.
            if parts == 1 {
                let columns = vec![0; whole.len()];
                break (whole, columns, (width, width));
            }
            let (measure, step) = lead_measure(width, (g.body_size, g.gutter), parts);
            let (rows, depth) = lead_rows(leads, measure, rules);
            let columns = share_out(&rows, depth - last.style.space_after, parts);
            if splits_well(&rows, &columns, (parts, measure)) {
                break (rows, columns, (measure, step));
            }
            parts -= 1;
        };
        let (mut top, mut end, mut prev) = (0, 0, 0);
        for (r, &column) in rows.iter().zip(&columns) {
            // Invariant: rows are lead paragraphs (`lead_rows`).
            let ShapedBlock::Para(p) = &leads[r.n] else {
                continue;
            };
            // A column's first line stands at the lead's top.
            if column != prev {
                (top, prev) = (r.at, column);
            }
            let line_at = LineAt {
                slot: at + r.at - top,
                per: r.per,
                inline: inset + step * column as f64,
                size: p.style.size,
                lift: Pt::ZERO,
            };
            self.set_line((p, LineSource::Flow(r.n)), &r.line, line_at, None);
            end = end.max(r.at - top + r.per);
        }
        self.lead_rules((parts, measure, step), inset, (at, at + end));
        at + end + last.style.space_after
    }

    /// The rules between a re-split lead's columns (where the layout
    /// rules its columns), from slot `from` to `to`: in the gutter's
    /// middle, or on a vertical page clear of the marks hung past a
    /// tier's end (as between bands: without a rule a line's end ran on
    /// into the next tier's line, read as one).
    fn lead_rules(
        &mut self,
        (parts, measure, step): (u32, Pt, Pt),
        inset: Pt,
        (from, to): (u32, u32),
    ) {
        if !self.layout.grid.column_rules {
            return;
        }
        let hung = self.layout.writing == crate::model::Writing::Vertical;
        let gap = Grid {
            gutter: step - measure,
            ..self.grid
        };
        let past = gap.past_band(hung).unwrap_or(gap.gutter / 2.0);
        for column in 1..parts {
            let inline = inset + step * column as f64 - gap.gutter + past;
            self.items()
                .push(across_slots(inline, from as f64, to as f64, RULE_THIN));
        }
    }
}

/// The most characters of the body's size a lead's line across the
/// module holds: three basic columns' (41, the note on the page's grid);
/// across four or more, its lines ran to 53–59 (var-set16, varv-set12),
/// too long to read.
const LEAD_MOST_CHARS: f64 = 41.0;

/// The most columns a lead `extent` long is re-split into: as few as
/// keep each within [`LEAD_MOST_CHARS`] (and a character's tolerance), at
/// most four.
fn most_columns(extent: Pt, size: Pt, gutter: Pt) -> u32 {
    let fits = |parts: u32| {
        lead_measure(extent, (size, gutter), parts).0.0 <= size.0 * (LEAD_MOST_CHARS + 1.0)
    };
    (1..4).find(|&parts| fits(parts)).unwrap_or(4)
}

/// The measure of a lead `extent` long re-split into `parts` columns and
/// the step from one's start to the next's: whole characters, at least
/// `gutter` apart, the remainder in the gutters (all of it, one column).
fn lead_measure(extent: Pt, (size, gutter): (Pt, Pt), parts: u32) -> (Pt, Pt) {
    if parts <= 1 {
        return (extent, extent);
    }
    let chars = |w: Pt| (w.0 / size.0 + 0.01).floor();
    let m = size * chars((extent - gutter * (parts - 1) as f64) / parts as f64);
    let gap = (extent - m * parts as f64) / (parts - 1) as f64;
    (m, m + gap)
}

/// The lead paragraphs broken to `measure`: each line with the slot it
/// stands at as if in one column, and the depth after the last's space.
fn lead_rows(leads: &[ShapedBlock], measure: Pt, rules: &LineRules) -> (Vec<LeadRow>, u32) {
    let (mut rows, mut depth) = (Vec::new(), 0);
    for (n, b) in leads.iter().enumerate() {
        // The caller counted lead paragraphs only.
        let ShapedBlock::Para(p) = b else { continue };
        depth += p.style.space_before;
        let justify = p.style.align == Align::Justify;
        for line in break_lines(p, measure, justify, rules) {
            let per = p.style.lines;
            rows.push(LeadRow {
                n,
                at: depth,
                per,
                line,
            });
            depth += per;
        }
        depth += p.style.space_after;
    }
    (rows, depth)
}

/// The column of each row: down the first until it is as deep as the
/// text (`text` slots) shared out over `parts`, then on in the next; a
/// column starts at a line.
fn share_out(rows: &[LeadRow], text: u32, parts: u32) -> Vec<u32> {
    let most = text.div_ceil(parts);
    let (mut column, mut top) = (0, 0);
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        if r.at - top + r.per > most && r.at > top && column + 1 < parts {
            (column, top) = (column + 1, r.at);
        }
        out.push(column);
    }
    out
}

/// Whether the lines shared out over `parts` columns (`columns`: each
/// row's) fill them: the last column at least half as many lines as the
/// first, and a last column of one line at least half the `measure`.
fn splits_well(rows: &[LeadRow], columns: &[u32], (parts, measure): (u32, Pt)) -> bool {
    let count = |c: u32| columns.iter().filter(|&&k| k == c).count();
    let (first, last) = (count(0), count(parts - 1));
    let alone = (rows.iter().zip(columns)).find(|&(_, &k)| k == parts - 1);
    let full = alone.is_some_and(|(r, _)| r.line.width.0 * 2.0 >= measure.0);
    last * 2 >= first && (last > 1 || full)
}

/// A line of the lead and the slot it stands at from the lead's top as
/// if in one column.
struct LeadRow {
    n: usize,
    at: u32,
    /// The slots a line of its paragraph takes.
    per: u32,
    line: Line,
}

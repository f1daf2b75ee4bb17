//! Lines beside figures: the line slots a figure narrows, planned one by
//! one with their own measures, the paragraph broken again to them, and a
//! line that would be letter-spaced set flush at its natural width.

use super::columns::{Composer, ParaSetting};
use super::lines::rebreak;
use super::rebroken::{How, Key};
use super::wrap::{MIN_WRAP_CHARS, SlotKind};
use crate::linebreak::{EPSILON, Line};
use crate::model::LineRules;
use crate::shape::ShapedPara;
use crate::units::Pt;

/// The current page's slot shapes by column and slot, for looking many
/// up: the last recorded for a slot holds, as in [`Composer::shape`].
struct PageShapes {
    rows: usize,
    kinds: Vec<Option<SlotKind>>,
}

impl PageShapes {
    fn at(&self, column: u32, slot: u32) -> Option<SlotKind> {
        if slot as usize >= self.rows {
            return None;
        }
        (self.kinds.get(column as usize * self.rows + slot as usize)).and_then(|k| *k)
    }
}

impl Composer<'_> {
    fn page_shapes(&self) -> PageShapes {
        let page = self.pages.len() - 1;
        let rows = self.bottom as usize + 1;
        let mut kinds = vec![None; self.grid.columns as usize * rows];
        for s in (self.shapes.iter()).filter(|s| s.page == page && s.column < self.grid.columns) {
            if let Some(k) = kinds.get_mut(s.column as usize * rows + s.slot as usize)
                && (s.slot as usize) < rows
            {
                *k = Some(s.kind);
            }
        }
        PageShapes { rows, kinds }
    }
}

/// Where one line goes around figures.
#[derive(Debug, Clone, Copy)]
pub(super) struct PlannedSlot {
    column: u32,
    slot: u32,
    offset: Pt,
    measure: Pt,
    /// After the figure: a short line is set flush with the column's end.
    toward_end: bool,
}

impl Composer<'_> {
    /// Slots for the next lines, from the cursor to the end of the page's
    /// columns, around the figures: each whole, narrowed or skipped.
    pub(super) fn plan(&self, per: u32, full: Pt) -> Vec<PlannedSlot> {
        let shapes = self.page_shapes();
        let shape = |column: u32, slot: u32| shapes.at(column, slot);
        let mut out = Vec::new();
        let (mut column, mut slot) = (self.column, self.slot);
        let min = self.grid.body_size * MIN_WRAP_CHARS;
        while column < self.grid.columns {
            if slot + per > self.depth_of(column) {
                column += 1;
                slot = self.column_top;
                continue;
            }
            match shape(column, slot) {
                Some(SlotKind::Narrow {
                    offset,
                    measure,
                    toward_end,
                }) if per == 1 && measure.0 >= min.0 - 1e-6 => {
                    out.push(PlannedSlot {
                        column,
                        slot,
                        offset,
                        measure: measure.min(full),
                        toward_end,
                    });
                    slot += 1;
                }
                // Blocked, or too narrow (or a line of several slots).
                Some(_) => slot += 1,
                // A line of several slots needs them all whole.
                None if (slot + 1..slot + per).any(|s| shape(column, s).is_some()) => slot += 1,
                None => {
                    out.push(PlannedSlot {
                        column,
                        slot,
                        offset: Pt::ZERO,
                        measure: full,
                        toward_end: false,
                    });
                    slot += per;
                }
            }
        }
        out
    }

    /// Moves the cursor to the next `need` slots no figure touches: a
    /// heading is set whole, never beside a figure (its text may be).
    pub(super) fn clear_of_figures(&mut self, need: u32) {
        let start = self.pages.len();
        while self.pages.len() == start {
            if self.slot + need > self.depth_of(self.column) {
                if self.column_empty() {
                    return;
                }
                self.next_column();
                continue;
            }
            match (self.slot..self.slot + need).rfind(|&s| self.shape(self.column, s).is_some()) {
                Some(s) => self.slot = s + 1,
                None => return,
            }
        }
    }

    /// Sets lines from `i` in the slots planned around the figures, each
    /// broken again to its slot's measure; the next line to set.
    pub(super) fn set_beside_figure(
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
        // No mark hangs into the gap beside a figure: the gap stays even.
        // A line beside it that would need letter spacing is set flush
        // at its natural width: the breaker takes it as a ragged one.
        let rules = LineRules {
            hanging: crate::model::Hanging::Never,
            flush_short: true,
            ..*set.rules
        };
        // A line that cannot fit its slot beside the figure without
        // overflowing it (a word or number wider than the slot) or being
        // cut where no break is allowed moves below the figure: that slot
        // and the narrow ones after it are left empty, and the text goes on
        // where the column is whole again (where every item fits).
        let rest = loop {
            let rest = self.rebreak_to(p, set, &rules, start, &plan);
            let narrow = |s: &PlannedSlot| s.measure < set.full;
            let bad = (plan.iter().zip(rest.iter()))
                .position(|(s, l)| narrow(s) && (l.forced || l.width.0 > s.measure.0 + EPSILON));
            let Some(k) = bad else { break rest };
            let whole = (plan[k..].iter()).position(|s| !narrow(s));
            plan.drain(k..whole.map_or(plan.len(), |n| k + n));
        };
        lines.truncate(i);
        lines.extend(rest);
        for s in &plan {
            if i == lines.len() {
                break;
            }
            self.cur.1 = lines[i].items.start as u32;
            self.column = s.column;
            self.slot = s.slot;
            let (line, flush) = unstretched(p, &lines[i], s, set);
            self.render(p, &line, set.per, set.inset + s.offset + flush);
            i += 1;
        }
        if i < lines.len() {
            // The flow goes on from the first line not set: a page the
            // next column opens records it as where a cut resumes (it
            // pointed at the last line set, which a continuation then set
            // again: gq-set13's rest began with page 1's last line).
            self.cur.1 = lines[i].items.start as u32;
            self.next_column();
        }
        i
    }
}

impl Composer<'_> {
    /// The paragraph from item `start` broken again to the measures of
    /// `plan` (then full ones), remembered for the module's layout.
    fn rebreak_to(
        &self,
        p: &ShapedPara,
        set: &ParaSetting,
        rules: &LineRules,
        start: usize,
        plan: &[PlannedSlot],
    ) -> Vec<Line> {
        let measure = |k: usize| plan.get(k).map_or(set.full, |s| s.measure);
        let key = Key::new(p, How::Beside, rules, start).at(set.full, set.justify);
        let f = |m: &dyn Fn(usize) -> Pt| rebreak(p, start, m, set.justify, rules);
        self.rebroken.lines(key, &measure, f)
    }
}

/// A line beside a figure that would have to be letter-spaced to fill
/// its slot (a short one) is set at its natural width instead, flush with
/// the column's edge away from the figure; the line and its offset in the
/// slot.
fn unstretched(p: &ShapedPara, line: &Line, s: &PlannedSlot, set: &ParaSetting) -> (Line, Pt) {
    let free = line.measure - line.natural;
    if s.measure.0 >= set.full.0 || line.last || free.0 < 0.5 {
        return (line.clone(), Pt::ZERO);
    }
    let mf = |_| line.measure;
    let params = super::lines::line_params(set.rules, &mf, line.indent, false);
    let natural = crate::linebreak::justify(
        &p.items,
        line.items.clone(),
        line.indent,
        line.measure,
        &params,
    );
    let flush = if s.toward_end {
        (line.measure - natural.natural).max(Pt::ZERO)
    } else {
        Pt::ZERO
    };
    (natural, flush)
}

//! The flow's walk: its blocks in order from the cursor, paragraphs into
//! the columns, figures at their places or where they fit, a figure
//! waiting for the next page's head set there ([`super::defer`]).

use super::columns::{Composer, FlowInput, ParaSetting};
use super::items::LineSource;
use crate::model::Role;
use crate::model::labels::is_end_mark;
use crate::shape::{ShapedBlock, ShapedPara};

/// The white an end mark run in keeps from the text before it, in its
/// ems: two, so that it reads as the mark, not the sentence's last words.
const RUN_IN_GAP: f64 = 2.0;

impl Composer<'_> {
    /// Places the flow from the current block and line on.
    pub fn run(&mut self, flow: &FlowInput) {
        // A page laid out again (or a rest) begins with its waiting figure;
        // a rest under its continuation head with its text's first lines
        // (the figure there left the head alone over it, its text beside:
        // a head at a column's foot to the eye and to pagecheck).
        let under_head = self.reserve.head > 0 && self.pages.len() == 1;
        if !under_head {
            self.place_waiting();
        }
        let start = self.cur;
        for i in start.0..flow.shaped.flow.len() {
            if self.probe.is_some_and(|p| self.pages.len() > p + 1) {
                return;
            }
            let from = if i == start.0 { start.1 as usize } else { 0 };
            self.cur = (i, from as u32);
            match &flow.shaped.flow[i] {
                ShapedBlock::Para(p) if from == 0 && self.run_in_mark(flow, i, p) => {}
                ShapedBlock::Para(p) => {
                    // Every flow paragraph was broken in compose().
                    let lines = flow.broken[i].as_ref().expect("paragraph lines");
                    let keep_next = keep_with_next(flow, i, p);
                    self.place_para(p, lines, from, keep_next, &flow.rules);
                    if under_head && i == start.0 {
                        self.place_waiting();
                    }
                }
                // Set before the flow, at its place: drawn now.
                ShapedBlock::Figure { figure, .. } if figure.placed() => self.draw_fixed(i),
                ShapedBlock::Figure { .. } if self.defers(i, flow) => {}
                ShapedBlock::Figure { figure, caption } => {
                    self.place_figure(figure, caption.as_ref(), &flow.rules);
                }
            }
        }
        self.place_waiting_at_end(flow.shaped.flow.len());
    }

    /// Sets an end mark (（未完待续）, （完）) flush at the end of the line
    /// above, the last of the paragraph before it, where that line leaves
    /// room for it and [`RUN_IN_GAP`], as newspapers set it; whether it
    /// did. On a line of its own under a short last line, the mark's white
    /// stood beside that line's: two lines' white side by side, a hole at
    /// a box's end (page-9's serial, 5 × 18 ems with the box's padding).
    /// Only where [`Composer::run_in`] says so, in a box on a grid of its
    /// own, whose spread takes up the line saved: on the page's grid the
    /// saved line left a box pinned at the page's foot a line white under
    /// its columns, and moved page-12 set vertically to a make-up with a
    /// hole beside its box.
    fn run_in_mark(&mut self, flow: &FlowInput, i: usize, p: &ShapedPara) -> bool {
        if !self.run_in || p.style.role != Role::Source || !is_end_mark(&p.text) {
            return false;
        }
        let (Some([mark]), Some(last)) = (flow.broken[i].as_deref(), self.log.last()) else {
            return false;
        };
        let Some(ShapedBlock::Para(before)) = i.checked_sub(1).map(|b| &flow.shaped.flow[b]) else {
            return false;
        };
        let set = ParaSetting::of(p, &self.grid, &flow.rules);
        let here = last.page + 1 == self.pages.len() && last.column == Some(self.column);
        // The paragraph before ended on that line, a whole one (not beside
        // a figure), and nothing was set after it.
        let its_end = last.source == LineSource::Flow(i - 1)
            && last.items.1 as usize == before.items.len()
            && last.measure.0 >= set.full.0 - 1e-6
            && last.slot + set.per <= self.slot;
        let room = last.measure.0 - last.width.0 - mark.width.0;
        if !here || !its_end || room < p.style.size.0 * RUN_IN_GAP {
            return false;
        }
        let slot = std::mem::replace(&mut self.slot, last.slot);
        self.render(p, mark, set.per, set.inset);
        self.slot = slot;
        true
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

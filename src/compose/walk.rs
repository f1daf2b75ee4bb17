//! The flow's walk: its blocks in order from the cursor, paragraphs into
//! the columns, figures at their places or where they fit, a figure
//! waiting for the next page's head set there ([`super::defer`]).

use super::columns::{Composer, FlowInput};
use crate::model::Role;
use crate::shape::{ShapedBlock, ShapedPara};

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

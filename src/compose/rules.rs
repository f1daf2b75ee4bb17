//! Rules and boxes, in frame terms: the rule under an article's header,
//! the rules in the gutters between columns, the box around a module, and
//! the rules between modules on a page.

use super::Frame;
use super::columns::{Composer, Used};
use super::items::FrameItem;
use super::transform::{At, FrameRect};
use crate::model::Grid;
use crate::units::Pt;

pub const RULE_THIN: Pt = Pt(0.5);
pub const RULE_HEAVY: Pt = Pt(1.5);

/// A rule along the block axis at `inline`, from slot `from` to `to`.
pub(super) fn across_slots(inline: Pt, from: f64, to: f64, width: Pt) -> FrameItem {
    FrameItem::Rule {
        from: At { slot: from, inline },
        to: At { slot: to, inline },
        width,
    }
}

/// A rule along the inline axis, in the middle of slot `slot`, from
/// `from` to `to` along the line.
fn along_slot(slot: f64, from: Pt, to: Pt, width: Pt) -> FrameItem {
    FrameItem::Rule {
        from: At { slot, inline: from },
        to: At { slot, inline: to },
        width,
    }
}

/// The heavy rule under an article's header, across its `measure`, at
/// `slot` (in slots from the frame's top: fractional, the rule standing
/// midway between the header's ink and the text's).
pub fn header_rule(slot: f64, measure: Pt) -> FrameItem {
    along_slot(slot, Pt::ZERO, measure, RULE_HEAVY)
}

/// The fewest lines a piece of column rule between a figure and the
/// module's edge (or another figure) runs: a shorter one reads as debris.
const MIN_PIECE: u32 = 2;

/// The pieces (first slot, end) of a column rule from `top` to `end`
/// that figures spanning the gutter leave between their `cuts` (sorted
/// slot ranges). A piece a figure cuts off shorter than [`MIN_PIECE`]
/// lines is left out: beside a round figure whose edge draws back from
/// the gutter for a line, it stood alone, a stub of rule by the
/// runaround (gq-set37 of the fresh batch, a compositor's review; 1-line
/// stubs on 17 of its 40 pages).
fn pieces((top, end): (u32, u32), cuts: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut from = top;
    for &(a, b) in cuts.iter().chain(std::iter::once(&(end, end))) {
        let to = a.min(end);
        let whole = from == top && a == end;
        if to > from && (whole || to - from >= MIN_PIECE) {
            out.push((from, to));
        }
        from = from.max(b);
    }
    out
}

impl Composer<'_> {
    /// Rules in the gutters between the module's used columns, broken
    /// where a figure spans the gutter.
    pub fn column_rules(&mut self) {
        if !self.layout.grid.column_rules {
            return;
        }
        let g = self.grid;
        let hung = self.layout.writing == crate::model::Writing::Vertical;
        for u in &self.used {
            if u.column == 0 {
                continue;
            }
            // A rule runs the module's depth on its page, not its
            // column's: balanced columns (bands) end a line apart, and a
            // rule stopping a line short of its neighbours reads as a
            // break (a tier rule of a vertical module one line short of
            // the module's width, from band to band).
            let deepest = (self.used.iter())
                .filter(|v| v.page == u.page)
                .map(|v| v.end)
                .max()
                .unwrap_or(u.end);
            let u = Used { end: deepest, ..*u };
            let inline = g.rule_before(u.column, hung);
            let mut cuts: Vec<(u32, u32)> = (self.shapes.iter())
                .filter(|sh| sh.page == u.page && sh.column == u.column)
                .map(|sh| (sh.slot, sh.slot + 1))
                .collect();
            cuts.sort();
            for (from, to) in pieces((u.top, u.end), &cuts) {
                let rule = across_slots(inline, from as f64, to as f64, RULE_THIN);
                self.pages[u.page].push(rule);
            }
        }
    }

    /// A box around the module on its first page, half a gutter outside
    /// its columns, from its top to `bottom`. Round tiers on a grid of
    /// their `own` it keeps a character and a half from the lines' ends,
    /// where a mark may hang.
    pub fn draw_box(&mut self, bottom: u32, own: bool) {
        self.draw_box_on(0, bottom, own);
    }

    /// The box on module page `page`, from the module's top to `bottom`.
    pub fn draw_box_on(&mut self, page: usize, bottom: u32, own: bool) {
        let g = self.grid;
        let pad = if g.gutter.0 > 0.0 {
            g.gutter / 2.0
        } else {
            g.body_size / 2.0
        };
        // On its own grid the gutter is the tiers' gap, which grows with
        // what whole tiers leave of the box's depth: half of it put the
        // box's foot past its frame, through the rule under it (four ems
        // between two tiers of 17: 5.7 pt, gen-pages --tiers set01).
        let pad = if own { g.body_size * 1.5 } else { pad };
        // On a vertical page, where marks hang past the bands' ends, the
        // edges stand where the rules between bands would.
        let hung = !own && self.layout.writing == crate::model::Writing::Vertical;
        let (start, end) = match hung && g.gutter.0 > 0.0 {
            true => (
                -g.rule_before(0, true),
                g.rule_before(g.columns, true) - g.measure(),
            ),
            false => (pad, pad),
        };
        let rect = FrameRect {
            slot: self.top as f64 - 0.5,
            slots: (bottom - self.top) as f64 + 1.0,
            inline: -start,
            length: g.measure() + start + end,
        };
        self.pages[page].push(FrameItem::Box {
            rect,
            width: Pt(1.0),
        });
    }
}

/// Rules between modules, on the page grid: along the start edge of a
/// module that does not begin at the grid's edge, and over one that does
/// not begin at the page's top, down to the foot or not (a boxed module
/// has its box). A module of the last row had none: it stood under the
/// one above with white and no rule.
pub fn module_edges(frames: &[Frame], g: &Grid) -> Vec<FrameItem> {
    let free = || frames.iter().filter(|f| !f.boxed);
    // The rules over modules first: (slot, from, to) along the line.
    let over: Vec<(f64, Pt, Pt)> = free()
        .filter(|f| f.top > 0)
        .map(|f| {
            let start = g.rule_before(f.first, g.vertical);
            let end = g.rule_before(f.first + f.columns, g.vertical);
            (
                f.top as f64 - 0.5,
                start.max(Pt::ZERO),
                end.min(g.measure()),
            )
        })
        .collect();
    // Whether a rule over a module runs through `inline` in `slot`.
    let meets = |slot: f64, inline: Pt| {
        (over.iter()).any(|&(s, a, b)| s == slot && a.0 - 0.5 <= inline.0 && inline.0 <= b.0 + 0.5)
    };
    let mut out: Vec<FrameItem> = (over.iter())
        .map(|&(slot, from, to)| along_slot(slot, from, to, RULE_HEAVY / 2.0))
        .collect();
    for f in free().filter(|f| f.first > 0) {
        // A vertical page grid is a layout's written vertically (a box on
        // a grid of its own has no rules between modules).
        let start = g.rule_before(f.first, g.vertical);
        let bottom = f.bottom(g);
        // Where a rule over a module meets this one (the middle of the
        // slot over the module; under it, the middle of its last slot,
        // the white one the module under it starts after, or of the slot
        // after it), the two make a T: neither stops short of the other
        // nor runs through it.
        let top = f.top as f64 - 0.5;
        let from = if meets(top, start) { top } else { f.top as f64 };
        let to = [bottom as f64 - 0.5, bottom as f64 + 0.5]
            .into_iter()
            .find(|&foot| meets(foot, start))
            .unwrap_or(bottom as f64);
        out.push(across_slots(start, from, to, RULE_HEAVY / 2.0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::load_layout;

    /// The rules along a slot (across the columns) among `items`:
    /// (slot, from, to).
    fn along(items: &[FrameItem]) -> Vec<(f64, f64, f64)> {
        (items.iter())
            .filter_map(|i| match i {
                FrameItem::Rule { from, to, .. } if from.slot == to.slot => {
                    Some((from.slot, from.inline.0, to.inline.0))
                }
                _ => None,
            })
            .collect()
    }

    /// A round figure across the gutter from slot 3 to 12 whose edge
    /// leaves it at slot 10: the rule runs over it and under it, not a
    /// line beside it; with no figure, the whole depth, however short.
    #[test]
    fn a_rule_leaves_no_stub_beside_a_figure() {
        let cuts: Vec<(u32, u32)> = (3..12).filter(|&s| s != 10).map(|s| (s, s + 1)).collect();
        assert_eq!(pieces((0, 30), &cuts), vec![(0, 3), (12, 30)]);
        assert_eq!(pieces((0, 1), &[]), vec![(0, 1)]);
        // A figure a line under the module's top leaves no stub over it.
        assert_eq!(pieces((0, 30), &[(1, 2), (2, 3)]), vec![(3, 30)]);
    }

    /// Two modules stacked in the first four columns, the lower down to
    /// the page's foot, beside a third down the page: a rule stands over
    /// the lower one, across its columns. Only modules ending above the
    /// foot had their rule, so a module of the last row sat under the one
    /// above it with white and no rule (a generated page, set14).
    #[test]
    fn a_module_down_to_the_foot_has_its_rule_over_it() {
        let g = load_layout("broadsheet", None)
            .unwrap()
            .grid_for(crate::model::Writing::Horizontal);
        let at = |first, columns, top, rows| Frame {
            first,
            columns,
            top,
            rows,
            ..Frame::full(&g)
        };
        let frames = [at(0, 4, 0, Some(40)), at(0, 4, 40, None), at(4, 4, 0, None)];
        let rules = along(&module_edges(&frames, &g));
        let end = g.rule_before(4, false).0;
        assert!(
            (rules.iter()).any(|&(s, a, b)| s == 39.5 && a <= 0.0 && (b - end).abs() < 0.01),
            "{rules:?}"
        );
        // None over the modules at the page's top.
        assert!(rules.iter().all(|&(s, ..)| s > 0.0), "{rules:?}");
    }
}

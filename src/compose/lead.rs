//! The lead (导语) set across the module's columns (破栏) under the
//! headline block, or boxed there, before the columns start: the columns
//! it spans begin under it, the others at the header's foot. It takes
//! their slots the way a figure does, so the flow, the column rules and
//! the balancing of the last page all go round it.

use super::columns::{Composer, SlotShape};
use super::items::{FrameItem, LineSource};
use super::lines::break_lines;
use super::transform::{FrameRect, LineAt};
use super::wrap::SlotKind;
use crate::model::{Align, LeadPlacement, LineRules, Role};
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
    /// after the last one's space.
    fn set_lead_lines(
        &mut self,
        leads: &[ShapedBlock],
        (mut at, inset): (u32, Pt),
        extent: Pt,
        rules: &LineRules,
    ) -> u32 {
        for (n, b) in leads.iter().enumerate() {
            // The caller counted lead paragraphs only.
            let ShapedBlock::Para(p) = b else { continue };
            at += p.style.space_before;
            let justify = p.style.align == Align::Justify;
            for line in &break_lines(p, extent - inset * 2.0, justify, rules) {
                let line_at = LineAt {
                    slot: at,
                    per: p.style.lines,
                    inline: inset,
                    size: p.style.size,
                    lift: Pt::ZERO,
                };
                self.set_line((p, LineSource::Flow(n)), line, line_at, None);
                at += p.style.lines;
            }
            at += p.style.space_after;
        }
        at
    }
}

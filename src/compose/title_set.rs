//! Setting a page module's title block (题区) as [`super::title`] fitted
//! it: its heading lines stacked from the module's top, the byline at the
//! head of the first column, and the slots they take from the flow;
//! columns the block's shorter last lines do not reach run their text
//! up beside them ([`super::title_beside`]).

use std::borrow::Cow;

use super::columns::{Composer, SlotShape};
use super::heads::break_heading;
use super::items::LineSource;
use super::place::align_offset;
use super::rules::header_rule;
use super::title::{Title, extent};
use super::title_beside::{InkLine, Planned, stagger};
use super::title_fit::Stack;
use super::transform::LineAt;
use super::wrap::SlotKind;
use crate::error::{Error, Result, Stage};
use crate::model::{Align, Grid, LineRules, Role};
use crate::resolve::Doc;
use crate::shape::ShapedPara;
use crate::units::Pt;

/// Where a title block set leaves the module: the slot under it, and
/// the first slot of text beside it (the same, unless columns run up
/// beside its shorter lines or beside a block narrower than the module).
pub struct TitleSet {
    pub below: u32,
    pub text: u32,
}

impl Composer<'_> {
    /// Sets the title block across its columns from the module's top,
    /// with a heavy rule under it, and the byline at the head of the first
    /// column; the slot below the block. Under a block narrower than the
    /// module its columns start below it (their slots taken), the others
    /// at the top.
    pub fn set_title(
        &mut self,
        title: &Title,
        doc: &Doc,
        (own, beside): (bool, bool),
    ) -> Result<TitleSet> {
        let measure = extent(&self.grid, title.columns);
        let mut slot = self.top;
        let mut stack = Stack::new(&self.grid);
        let indent = headline_indent(title, measure, &doc.rules);
        let mut planned: Vec<Planned> = Vec::new();
        // Down a vertical box of the other mode its headings stand at the
        // head of its lines; across a horizontal one centred over its text
        // as a page's headline (flush, 第十二回 left a hole at its end).
        let head = own && self.grid.vertical;
        let mut heads: Vec<Cow<ShapedPara>> =
            (title.header.iter()).map(|p| heading(p, head)).collect();
        // A label under the headline stands at the foot of its line.
        let label = super::own_title::label_under(title, measure, &doc.rules);
        if let Some(n) = label {
            heads[n].to_mut().style.align = Align::End;
        }
        for (n, p) in heads.iter().enumerate() {
            if Some(n) == title.byline {
                continue;
            }
            // The label at the foot of the headline's line, in its slots
            // (the headline before it is one line: `label_under`).
            if Some(n) == label
                && let Some(h) = planned.last()
            {
                let at = (h.at.slot, h.at.per);
                plan_lines((p, n), at, (Pt::ZERO, measure), &doc.rules, &mut planned);
                continue;
            }
            slot += p.style.space_before;
            let per = match title.fitted {
                true => stack.slots(slot, p.style.size),
                false => p.style.lines,
            };
            let at = (slot, per);
            // A kicker or deck starts where the headline does.
            let inset = match p.style.role {
                Role::Kicker | Role::Deck if title.fitted => indent.min(room_for(p, measure)),
                _ => Pt::ZERO,
            };
            // Flush with the headline's start, or (a turned kicker) with
            // its end: the inset is taken off that side only.
            let span = match p.style.align {
                Align::End => (Pt::ZERO, title.measure_of(p, measure) - inset),
                _ => (inset, title.measure_of(p, measure) - inset),
            };
            slot = plan_lines((p, n), at, span, &doc.rules, &mut planned);
            slot += p.style.space_after;
        }
        slot += title.white_below;
        // Text runs under a block across every column, beside a
        // narrower block of its own grid (and on in the other tiers).
        let room = match own && title.columns < self.grid.columns {
            true => 0,
            false => super::own_title::TEXT_UNDER,
        };
        if slot + room > self.bottom {
            return Err(too_tall(doc, &title.header));
        }
        // A fitted block ends with no rule and no white line: the white
        // beside its shorter lines never reaches a hole's height.
        let rule = !title.fitted && !title.header.is_empty();
        let below = match title.fitted {
            true => stack.body_slot(slot, self.grid.body_size),
            false => slot + rule as u32,
        };
        // Beside a fitted block's shorter last lines the columns they do
        // not reach run their text up (not over a lead set under it).
        let tops = match title.fitted && beside && !own {
            true => stagger(&mut planned, &self.grid, title.columns, below),
            false => vec![below; title.columns as usize],
        };
        for h in &planned {
            self.set_line((&heads[h.n], LineSource::Header(h.n)), &h.line, h.at, None);
        }
        if rule {
            let at = rule_between(&planned, (slot, below), &self.grid);
            self.items().push(header_rule(at, measure));
        }
        let mut taken: Vec<(u32, u32, u32)> = (0..title.columns)
            .map(|c| (c, self.top, tops[c as usize]))
            .collect();
        // The byline heads the article's first column, under the block.
        if let Some(b) = title.byline {
            let p = &title.header[b];
            let head = (tops[0], title.columns == 1);
            let end = self.set_byline((p, b), head, &doc.rules);
            taken.push((0, head.0, end));
        }
        let text = tops.iter().copied().min().unwrap_or(below);
        if title.columns < self.grid.columns || title.byline.is_some() || text < below {
            self.take_slots(&taken);
        }
        Ok(TitleSet { below, text })
    }

    /// Sets the byline (header paragraph `n`) at the head of the first
    /// column from `slot`, a slot a line, broken at phrases: the first
    /// line flush with the column's start, the next ones with its end, so
    /// the white beside them never stacks into a hole; the slot after it.
    fn set_byline(
        &mut self,
        (p, n): (&ShapedPara, usize),
        (slot, narrow): (u32, bool),
        rules: &LineRules,
    ) -> u32 {
        let w = self.grid.column_width;
        let lines = break_heading(p, w, rules);
        let mut q = p.clone();
        // Under a block of one column, centred under its headline: the
        // headline then has a line of text under it whatever follows.
        q.style.align = if narrow { Align::Center } else { Align::Start };
        for (i, line) in lines.iter().enumerate() {
            if i == 1 && !narrow {
                q.style.align = Align::End;
            }
            let at = LineAt {
                slot: slot + i as u32,
                per: 1,
                inline: Pt::ZERO,
                size: q.style.size,
                lift: Pt::ZERO,
            };
            self.set_line((&q, LineSource::Header(n)), line, at, Some(0));
        }
        slot + lines.len() as u32
    }

    /// Takes slots `from..to` of `column` on the current page, for each
    /// `(column, from, to)`: the flow goes round them.
    fn take_slots(&mut self, taken: &[(u32, u32, u32)]) {
        let page = self.pages.len() - 1;
        for &(column, from, to) in taken {
            for slot in from..to.min(self.bottom) {
                self.shapes.push(SlotShape {
                    page,
                    column,
                    slot,
                    kind: SlotKind::Blocked,
                });
            }
        }
    }
}

/// The white `p` leaves on one line of `measure` (none when it takes
/// more than a line): how far in it may start.
pub(super) fn room_for(p: &ShapedPara, measure: Pt) -> Pt {
    Pt((measure - super::furniture::natural_width(p)).0.max(0.0))
}

/// Where a fitted title's centred headline starts: the white before its
/// widest line.
fn headline_indent(title: &Title, measure: Pt, rules: &LineRules) -> Pt {
    let Some(h) = title.header.iter().find(|p| p.style.role == Role::Headline) else {
        return Pt::ZERO;
    };
    let widest = (break_heading(h, measure, rules).iter())
        .map(|l| l.width.0)
        .fold(0.0, f64::max);
    Pt(((measure.0 - widest) / 2.0).max(0.0))
}

/// The error of a headline block taller than its frame.
fn too_tall(doc: &Doc, header: &[ShapedPara]) -> Error {
    Error::new(Stage::Compose, "the headline block does not fit in its frame")
        .at(doc.located(header.first().map(|p| p.loc).unwrap_or_default()))
        .hint("shorten the kicker, headline or deck, give the article more room, or use smaller heading sizes")
}

/// Heading `p` as the block sets it: at the head of its lines where
/// `head` (a vertical serial box of the other writing mode), not in
/// their middle.
fn heading(p: &ShapedPara, head: bool) -> Cow<'_, ShapedPara> {
    match head {
        true => {
            let mut head = p.clone();
            head.style.align = Align::Start;
            Cow::Owned(head)
        }
        false => Cow::Borrowed(p),
    }
}

/// Where the heavy rule under a title block stands, in slots: midway
/// between the ink of the block's last line and that of the text's first
/// line at slot `below`, within the slot left for it (`slot`). In the
/// middle of its slot it stood 12.4 pt from page-9's box's headline and
/// 9.1 from its text (a compositor's review asked for more room by the
/// text): the block's display lines are centred in slots made for their
/// size, the text's in one.
fn rule_between(planned: &[Planned], (slot, below): (u32, u32), grid: &Grid) -> f64 {
    let pitch = grid.pitch.0;
    let block = (planned.iter())
        .map(|h| h.at.slot as f64 + h.at.per as f64 / 2.0 + h.at.size.0 / 2.0 / pitch)
        .fold(f64::MIN, f64::max);
    let text = below as f64 + 0.5 - grid.body_size.0 / 2.0 / pitch;
    ((block + text) / 2.0).clamp(slot as f64, slot as f64 + 1.0)
}

/// Plans heading `p` (header paragraph `n`) broken at phrases in
/// `measure` from inline `at`, from `slot`, `per` slots a line, onto
/// `planned`; the slot after its lines.
fn plan_lines(
    (p, n): (&ShapedPara, usize),
    (mut slot, per): (u32, u32),
    (at, measure): (Pt, Pt),
    rules: &LineRules,
    planned: &mut Vec<Planned>,
) -> u32 {
    for line in break_heading(p, measure, rules) {
        let start = at + align_offset(p.style.align, &line);
        planned.push(Planned {
            n,
            headline: p.style.role == Role::Headline,
            ink: InkLine {
                slot,
                per,
                size: p.style.size,
                ink: (start, start + line.width),
            },
            at: LineAt {
                slot,
                per,
                inline: at,
                size: p.style.size,
                lift: Pt::ZERO,
            },
            line,
        });
        slot += per;
    }
    slot
}

//! An article laid out in its frame: the header across all the module's
//! columns, then the flow column by column, page by page, on the line
//! grid. Text never stops: when the columns are full a new page starts.

mod fill;

use std::borrow::Cow;

use super::columns::{Composer, FlowInput, Reserve};
use super::flow_breaks::{FlowBreaks, break_flow};
use super::furniture::{Furniture, PageHead, add_furniture};
use super::heads::step_down_headings;
use super::items::LineSource;
use super::jumps::{Jumps, reserve_for};
use super::settle::settle_figures;
use super::title::{Title, page_title};
use super::transform::Mode;
use super::{Frame, Module, Page};
use crate::error::{Error, Result, Stage, Warning};
use crate::linebreak::{EPSILON, Line};
use crate::model::Writing;
use crate::model::{Grid, Labels, Role};
use crate::resolve::{Doc, Layout};
use crate::shape::{ShapedBlock, ShapedDoc, ShapedPara};

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
    let labels = Labels::of(doc.lang.family);
    let head = PageHead {
        start: match &doc.serial {
            Some(s) => labels.serial_head(&s.work, s.installment),
            None => doc.title.clone(),
        },
        end: doc.date.map(|d| d.chinese()),
        edition: false,
        credits: None,
        first_number: 1,
        labels,
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
    compose_module_with(doc, shaped, layout, (page, frame), None, None, warnings)
}

/// [`compose_module`], with jump lines where the module continues on
/// later pages when `jumps` is given, its paragraphs broken once for all
/// the layouts that share `memo`.
pub fn compose_module_with(
    doc: &Doc,
    shaped: &ShapedDoc,
    layout: &Layout,
    (page, frame): (&Grid, Frame),
    jumps: Option<&mut Jumps>,
    memo: Option<&FlowBreaks>,
    warnings: &mut Vec<Warning>,
) -> Result<Module> {
    let vertical = doc.writing == Writing::Vertical;
    let grid = frame.grid(page, vertical, layout.grid.tier_chars);
    // A module of its own writing mode has a grid of its own, from its top.
    let own = Frame::has_own_grid(page, vertical);
    let (top, bottom) = inner_slots(&frame, page, &grid, own);
    if bottom < top + 6 || grid.column_width.0 < grid.body_size.0 * 4.0 {
        return Err(Error::new(
            Stage::Compose,
            format!(
                "the frame leaves no room for {} text",
                Mode::of(vertical).name
            ),
        )
        .at(doc.located(Default::default()))
        .hint(
            "give the article more columns or rows, or use a layout made for this writing mode",
        ));
    }
    // Headings with a phrase wider than their measure step down first.
    let given = &shaped.header;
    let stepped = step_down_headings(shaped, grid.measure(), grid.column_width);
    let shaped = stepped.as_ref().unwrap_or(shaped);
    let broken = break_flow(shaped, &grid, &doc.rules, memo);
    warn_overfull(doc, shaped, &broken, warnings);
    let title = match frame.fit_title && !own {
        true => page_title(given, &shaped.flow, (page, &grid), &frame),
        false if own => {
            // Its text's lines, for the room the block must leave.
            let text = broken.iter().flatten().map(Vec::len).sum::<usize>();
            Title::fitted_own_grid(&shaped.header, &grid, &doc.rules, text as u32)
        }
        false => Title::across(&shaped.header, grid.columns),
    };
    let mut set = ModuleSet {
        doc,
        frame,
        grid,
        slots: (top, bottom),
        own,
        title,
    };
    let (mut c, mut lifted) = match set.lay_out_settled(layout, (shaped, &broken)) {
        // A frame too shallow for the fitted block (a place found for
        // the module's text, not its grown headline) takes the block as
        // the article gives it, stepped down.
        Err(_) if set.title.fitted => {
            set.title = Title::across(&shaped.header, grid.columns);
            set.lay_out_settled(layout, (shaped, &broken))?
        }
        r => r?,
    };
    // The fewest lines that still hold the text on one page (spread, a
    // layout's keep rules may want a line more than the text took when
    // balanced).
    for spread in set.feathered(&c) {
        match spread.lay_out_settled(layout, (shaped, &broken)) {
            Ok((s, l)) if s.pages.len() == 1 => {
                (set, c, lifted) = (spread, s, l);
                break;
            }
            _ => {}
        }
    }
    if let Some((s, f, l)) = set.filled(&c, layout, (shaped, &broken), page) {
        (set, c, lifted) = (s, f, l);
    }
    let flow = FlowInput {
        shaped: lifted.as_ref().unwrap_or(shaped),
        broken: &broken,
        rules: doc.rules,
    };
    // Continued: laid out again with room kept for the jump lines, its
    // first page in the frame, the rest across whole pages.
    if c.pages.len() > 1
        && let Some(j) = jumps
    {
        let rest = ModuleSet::whole_page(doc, page, j.rest_frame(frame, page), layout);
        let reserve = reserve_for(doc, &rest.grid);
        c = set.lay_out(layout, &flow, reserve)?;
        // A figure's place is not monotone in the room: with the jump
        // lines' room kept, the figure may float to a column where the
        // text then fits the frame. Not continued, then (its reserved
        // line at the foot left white).
        if c.pages.len() == 1 {
            super::figure::refuse_cut_caption(doc, &c)?;
            return Ok(set.finish(c, page, warnings));
        }
        let cut = c.cut_after_first_page();
        c.add_jumps(doc, j, (0, true));
        // A grid of its own (tiers of a vertical box) is fitted to the
        // band it continues in: its lines may be another length than the
        // first page's, and the rest is broken again for them.
        let rebroken;
        let rest_flow = match rest.grid.column_width == grid.column_width {
            true => &flow,
            false => {
                rebroken = break_flow(flow.shaped, &rest.grid, &doc.rules, memo);
                &FlowInput {
                    broken: &rebroken,
                    ..flow
                }
            }
        };
        let mut r = rest.lay_out_rest(layout, rest_flow, reserve, cut)?;
        super::figure::refuse_cut_caption(doc, &c)?;
        super::figure::refuse_cut_caption(doc, &r)?;
        r.add_jumps(doc, j, (1, false));
        let mut module = set.finish(c, page, warnings);
        module.cut = Some(cut);
        let more = rest.finish(r, page, warnings);
        let offset = module.pages.len();
        module.pages.extend(more.pages);
        module.lines.extend(more.lines.into_iter().map(|mut l| {
            l.page += offset;
            l
        }));
        return Ok(module);
    }
    super::figure::refuse_cut_caption(doc, &c)?;
    Ok(set.finish(c, page, warnings))
}

/// The rest of a continued article, from `cut` (the block and line its
/// first page broke off at, [`Module::cut`]) on, as a module of its own
/// in `frame` of a later page: the continuation head and （上接第M版）
/// at its top (with `jumps`; without, the slots they take are kept), the
/// box kept, its last page balanced. It is an error for it to run past
/// its frame: a continuation is placed where it fits whole.
pub fn compose_rest(
    doc: &Doc,
    shaped: &ShapedDoc,
    layout: &Layout,
    (page, frame): (&Grid, Frame),
    cut: super::defer::Cut,
    jumps: Option<&mut Jumps>,
    warnings: &mut Vec<Warning>,
) -> Result<Module> {
    let set = ModuleSet::whole_page(doc, page, frame, layout);
    // Stepped as on the first page, so that `cut` counts the same lines.
    let stepped = step_down_headings(shaped, set.grid.measure(), set.grid.column_width);
    let shaped = stepped.as_ref().unwrap_or(shaped);
    let broken = break_flow(shaped, &set.grid, &doc.rules, None);
    let flow = FlowInput {
        shaped,
        broken: &broken,
        rules: doc.rules,
    };
    // The rest ends here: no jump line at its foot.
    let reserve = Reserve {
        foot: 0,
        ..reserve_for(doc, &set.grid)
    };
    let mut r = set.lay_out_rest(layout, &flow, reserve, cut)?;
    if r.pages.len() > 1 {
        return Err(Error::new(
            Stage::Compose,
            format!(
                "the continuation of \"{}\" does not fit its frame",
                doc.title
            ),
        )
        .at(doc.located(Default::default()))
        .hint("give the continued page fewer articles of its own"));
    }
    super::figure::refuse_cut_caption(doc, &r)?;
    if let Some(j) = jumps {
        r.add_jumps(doc, j, (1, false));
    }
    Ok(set.finish(r, page, warnings))
}

/// The most a box's own grid spreads its lines to fill the box (see
/// [`ModuleSet::feathered`]): three tenths more pitch sets a body size of
/// 9 pt on 16.25 pt instead of the page's 12.5, a line gap of 0.8 of the
/// type's size, within the half to a whole em JLREQ gives for a line gap
/// (a book's leading, not lines pulled apart); its own grid keeps no
/// register with the page's. At an eighth (14.1 pt), edition-12's box of
/// 第十二回 set on a vertical page kept 4 of its 64 lines white at its
/// foot, a hole of 20 × 9 ems inside the box; at a fifth (15 pt, a gap of
/// 0.67), gen-pages --tiers set22's serial box, its text 20 lines of each
/// tier's 27, kept three lines white at each tier's end (5 × 20 ems).
const MOST_SPREAD: f64 = 1.3;

/// A module's frame and grid, ready to lay its flow out.
struct ModuleSet<'d> {
    doc: &'d Doc,
    frame: Frame,
    grid: Grid,
    /// The first and last (exclusive) slots its text may use.
    slots: (u32, u32),
    /// On a grid of its own (the other writing mode).
    own: bool,
    /// The headline block as set on the first page.
    title: Title,
}

impl<'d> ModuleSet<'d> {
    /// A box on a grid of its own whose text, laid out in `c`, ends a line
    /// or more short of the box: the box's lines spread to fill it
    /// (feathering; a single slot left white inside the rule is as much
    /// white in the box as two), the grid's pitch up to [`MOST_SPREAD`]
    /// times the page's: the box with as few lines as its text took, then
    /// each line more, short of its own. The box is the size the make-up
    /// gave it, and its own grid has no line to keep in register with the
    /// page's; white left at its foot would be a hole inside the box.
    /// (Page-9's serial, its label under its headline, kept two lines
    /// white at its tiers' ends: balanced, its text took 23 lines of 25,
    /// but laid out again in 23 spread lines it ran past the box, where
    /// the balancing had let a paragraph's lone line stand; in 24 it
    /// holds.) None for any other module.
    fn feathered(&self, c: &Composer) -> Vec<ModuleSet<'d>> {
        let (top, bottom) = self.slots;
        let used = c.first_page_bottom();
        if !self.own || !self.frame.boxed || c.pages.len() > 1 || top != 0 || used >= bottom {
            return Vec::new();
        }
        let least = (bottom as f64 / MOST_SPREAD).ceil() as u32;
        (used.max(least).max(1)..bottom)
            .map(|lines| ModuleSet {
                grid: Grid {
                    pitch: self.grid.pitch * (bottom as f64 / lines as f64),
                    lines,
                    ..self.grid
                },
                slots: (top, lines),
                title: self.title.clone(),
                ..*self
            })
            .collect()
    }

    /// A continued module's later pages: every column of the page, the
    /// page's whole depth or a band at its top ([`Jumps::rest_frame`]),
    /// boxed as the first.
    fn whole_page(doc: &'d Doc, page: &Grid, frame: Frame, layout: &Layout) -> ModuleSet<'d> {
        let vertical = doc.writing == Writing::Vertical;
        let grid = frame.grid(page, vertical, layout.grid.tier_chars);
        let own = Frame::has_own_grid(page, vertical);
        ModuleSet {
            doc,
            frame,
            grid,
            slots: inner_slots(&frame, page, &grid, own),
            own,
            title: Title::across(&[], grid.columns),
        }
    }

    /// The flow from `cut` (block, item) on, from the top of fresh pages
    /// under the continuation head's slots.
    fn lay_out_rest<'a>(
        &self,
        layout: &'a Layout,
        flow: &FlowInput,
        reserve: Reserve,
        cut: super::defer::Cut,
    ) -> Result<Composer<'a>> {
        let mut c = Composer::new(self.grid, layout, self.slots.0, self.slots.1);
        c.reserve = reserve;
        // Continued (room kept for jump lines), the module's columns end
        // square at the cut: a paragraph's first line alone at a column's
        // foot, or its last at the next one's head, is the lesser fault
        // than a column a line short, its white over the next module's
        // head a hole.
        c.widows = reserve.foot > 0;
        c.flush = self.frame.fit_title;
        c.cur = (cut.block, cut.line);
        if let Some(figure) = cut.figure {
            c.deferred.wait(figure, flow);
        }
        c.start_flow(self.slots.0 + reserve.head);
        c.head_in_first_band(self.slots.0, reserve.head);
        c.checkpoints[0] = c.checkpoint();
        c.run(flow);
        c.balance_last_page(flow);
        Ok(c)
    }

    /// [`Self::lay_out`], a page's module with its figures settled
    /// (see [`settle_figures`]); the document with them moved, if any.
    fn lay_out_settled<'a>(
        &self,
        layout: &'a Layout,
        (shaped, broken): (&ShapedDoc, &[Option<Vec<Line>>]),
    ) -> Result<(Composer<'a>, Option<ShapedDoc>)> {
        let settled = match self.frame.fit_title {
            true => settle_figures(shaped, &self.grid),
            false => None,
        };
        let rules = self.doc.rules;
        let flow = FlowInput {
            shaped: settled.as_ref().unwrap_or(shaped),
            broken,
            rules,
        };
        let first = self.lay_out(layout, &flow, Reserve::default())?;
        let mut best = (first, settled);
        // A figure at its place deeper than the text leaves its module's
        // other columns white under the text: lifted (a few times, the
        // text wrapping anew each time) while the module gets shallower.
        for _ in 0..3 {
            let Some(lifted) = self.lift_figures(&best.0, best.1.as_ref().unwrap_or(shaped)) else {
                break;
            };
            let flow = FlowInput {
                shaped: &lifted,
                broken,
                rules,
            };
            let c = self.lay_out(layout, &flow, Reserve::default())?;
            if c.pages.len() > 1 || c.first_page_bottom() >= best.0.first_page_bottom() {
                break;
            }
            best = (c, Some(lifted));
        }
        Ok(best)
    }

    /// `shaped` with the figures at their place lifted by as much as
    /// their feet run below the text of a module taken down to its text
    /// (a frame with rows of its own keeps them where written); `None`
    /// where none runs more than a line below it or none can rise.
    fn lift_figures(&self, c: &Composer, shaped: &ShapedDoc) -> Option<ShapedDoc> {
        if c.fixed.is_empty() || c.pages.len() > 1 {
            return None;
        }
        let fixed = |b: usize| c.fixed.iter().any(|f| f.block == b);
        let text_end = (c.log.iter())
            .filter(|l| l.page == 0 && l.column.is_some())
            .filter(|l| !matches!(l.source, LineSource::Flow(b) if fixed(b)))
            .map(|l| l.slot + 1)
            .max()?;
        let over = c.first_page_bottom().saturating_sub(text_end + 1);
        if over == 0 || c.fixed.iter().all(|f| f.row == 0) {
            return None;
        }
        let mut out = shaped.clone();
        for f in &c.fixed {
            if let Some(ShapedBlock::Figure { figure, .. }) = out.flow.get_mut(f.block) {
                figure.row = Some(f.row.saturating_sub(over));
            }
        }
        Some(out)
    }

    /// The header, the lead, the placed figures and the flow, the last
    /// page balanced, `reserve` kept for jump lines.
    fn lay_out<'a>(
        &self,
        layout: &'a Layout,
        flow: &FlowInput,
        reserve: Reserve,
    ) -> Result<Composer<'a>> {
        let (doc, shaped) = (self.doc, flow.shaped);
        let mut c = Composer::new(self.grid, layout, self.slots.0, self.slots.1);
        c.reserve = reserve;
        // Continued (room kept for jump lines), the module's columns end
        // square at the cut: a paragraph's first line alone at a column's
        // foot, or its last at the next one's head, is the lesser fault
        // than a column a line short, its white over the next module's
        // head a hole.
        c.widows = reserve.foot > 0;
        c.flush = self.frame.fit_title;
        // A page of its own (an article, not a module of a made-up page).
        let own_page = self.frame.rows.is_none() && self.frame.top == 0 && !self.frame.fit_title;
        c.free_last_bands = (self.grid.vertical && own_page).then_some(1);
        c.run_in = self.own && self.frame.boxed;
        // Text runs up beside the block's shorter lines unless a lead
        // is set across under it.
        let lead_first =
            matches!(shaped.flow.first(), Some(ShapedBlock::Para(p)) if p.style.role == Role::Lead);
        let beside = !(self.frame.lead.is_across() && lead_first);
        // A lead across under the block belongs to it: the white a filled
        // module adds (see `fill`) goes under the lead, not between it and
        // its headline (var-set09's lead, at the body's size, stood apart).
        let white = (!beside) as u32 * self.title.white_below;
        let title = match white {
            0 => Cow::Borrowed(&self.title),
            _ => Cow::Owned(Title {
                white_below: 0,
                ..self.title.clone()
            }),
        };
        let set = c.set_title(&title, doc, (self.own, beside))?;
        let below_header = set.below;
        // The first page's flow starts below the header (beside a title
        // block narrower than the module, at its top), or below a lead
        // across all the columns; the flow after the lead.
        let lead = c.set_lead_across(shaped, self.frame.lead, below_header, &doc.rules);
        let under = match &lead {
            Some(l) if l.all => l.bottom + white,
            _ => below_header,
        };
        if let Some(l) = &lead {
            c.cur = (l.blocks, 0);
        }
        // Figures at their place count their rows from under the title
        // block; the text starts there too, or at the module's top beside
        // a title block narrower than the module.
        c.start_flow(under);
        c.under_title = under;
        c.place_fixed_figures(flow);
        if self.title.columns < self.grid.columns {
            c.start_flow(c.top);
        } else if set.text < below_header {
            c.start_flow(set.text);
        }
        c.run(flow);
        c.balance_last_page(flow);
        Ok(c)
    }

    /// Rules and box, and the module with its pages and foot.
    fn finish(&self, mut c: Composer, page: &Grid, warnings: &mut Vec<Warning>) -> Module {
        let (frame, own, bottom) = (self.frame, self.own, self.slots.1);
        c.column_rules();
        let used_bottom = c.first_page_bottom();
        // A module on a grid of its own fills its frame: its box goes round
        // the whole frame.
        let box_bottom = if own { bottom } else { used_bottom };
        if frame.boxed {
            c.draw_box(box_bottom, own);
            // A continued module keeps its box on every page.
            for page in 1..c.pages.len() {
                let end = (c.used.iter().filter(|u| u.page == page))
                    .map(|u| u.end)
                    .max()
                    .unwrap_or(c.top);
                c.draw_box_on(page, if own { bottom } else { end }, own);
            }
        }
        let unfilled = underfilled(&c, used_bottom);
        if frame.boxed && frame.rows.is_some() && unfilled > 0 {
            warn_underfilled(self.doc, &c, used_bottom, warnings);
        }
        let lines = std::mem::take(&mut c.log);
        let white = c.white_under(0, used_bottom);
        let foot = c.short_of(0, used_bottom, false);
        let holes = c.holes_under(0, used_bottom);
        let shorts = c.shorts_under(0, used_bottom);
        Module {
            under_title: c.under_title,
            lines,
            white,
            foot,
            holes,
            shorts,
            pages: c.finish(),
            // In page slots: a module with a grid of its own fills its
            // frame; a box takes the slot under the text.
            bottom: if own {
                frame.bottom(page)
            } else {
                used_bottom + frame.boxed as u32
            },
            cut: None,
            phrases_fit: self.title.phrases_fit,
            unfilled: match frame.boxed && own {
                true => unfilled,
                false => 0,
            },
        }
    }
}

/// The slots the module's text may use: the frame's, or its own grid's;
/// a box on the page grid takes a slot above and below for its edges.
fn inner_slots(frame: &Frame, page: &Grid, grid: &Grid, own: bool) -> (u32, u32) {
    if own {
        return (0, grid.lines);
    }
    let pad = frame.boxed as u32;
    let above = (frame.boxed && !frame.box_edge_above()) as u32;
    (frame.top + above, frame.bottom(page).saturating_sub(pad))
}

/// The lines a module's text, ending at `used`, leaves empty at its
/// frame's foot where more than one (one page only).
fn underfilled(c: &Composer, used: u32) -> u32 {
    match c.pages.len() > 1 || used + 1 >= c.bottom {
        true => 0,
        false => c.bottom - used,
    }
}

/// A boxed module whose text ends more than a line short of its frame
/// says so: the box would show the hole.
fn warn_underfilled(doc: &Doc, c: &Composer, used: u32, warnings: &mut Vec<Warning>) {
    warnings.push(Warning {
        location: Some(doc.located(Default::default())),
        message: format!(
            "\"{}\" fills {} of the {} lines of its box; {} stay empty",
            doc.title,
            used - c.top,
            c.bottom - c.top,
            c.bottom - used
        ),
    });
}

/// Warns of the first line wider than its column in each paragraph, and
/// of lines cut where no break was allowed (the line breaker's last resort).
fn warn_overfull(
    doc: &Doc,
    shaped: &ShapedDoc,
    broken: &[Option<Vec<Line>>],
    warnings: &mut Vec<Warning>,
) {
    for (p, lines) in shaped.flow.iter().zip(broken) {
        let (ShapedBlock::Para(p), Some(lines)) = (p, lines) else {
            continue;
        };
        let forced = lines.iter().filter(|l| l.forced).count();
        if forced > 0 {
            warnings.push(Warning {
                location: Some(doc.located(p.loc)),
                message: format!(
                    "no allowed break fits the column: {forced} line(s) cut where the column ends, without a hyphen (a word, number or address too long, or marks that may not be parted)"
                ),
            });
        }
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
}

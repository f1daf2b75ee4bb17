//! A page module's height, as the make-up measures it: laid out to the
//! page's foot (on a grid of its own, the fewest rows holding it), then,
//! where it has figures, again at the rows the page gives it.

use super::flow_breaks::FlowBreaks;
use super::holes::{holes_inside, holes_inside_both};
use super::page::{PageArticle, lay_out_module};
use super::variants::{Variant, Whites, frame_for, with_figures};
use crate::model::{Grid, Writing};
use crate::shape::ShapedBlock;

/// The module's height at `span` in `variant`: its text's foot on a frame
/// that runs to the page's foot, or for a module on a grid of its own (a
/// vertical box) the fewest rows that hold it.
pub fn height_at(a: &PageArticle, variant: Variant, grid: &Grid, span: u32) -> Option<u32> {
    module_at((a, a.breaks), variant, grid, span)
        .ok()
        .map(|(rows, ..)| rows)
}

/// The fewest rows from `most` down that hold the module at `span` in
/// `variant` on one page, its text's foot at the frame's: a module set
/// in exactly its rows may take fewer than at the page's depth (its
/// headline fitted to a shallower frame), and a module pinned at the
/// page's foot would show those rows white.
pub fn fewest_rows(a: &PageArticle, variant: Variant, grid: &Grid, most: u32, span: u32) -> u32 {
    let mut scratch = Vec::new();
    let holds = |rows: u32, w: &mut Vec<_>| {
        let frame = frame_for(a, variant, span, Some(rows));
        lay_out_module(a, a.shaped, (grid, frame), (None, a.breaks), w)
            .is_ok_and(|m| m.pages.len() == 1)
    };
    let mut rows = most;
    while rows > 1 && holds(rows - 1, &mut scratch) {
        rows -= 1;
    }
    rows
}

/// Lines under a title block that close the white at its lines' ends
/// when its holes are counted alone: text runs across the module there.
const HEAD_CLOSE: u32 = 2;

/// [`height_at`], and the white under the module's text (a box on a grid
/// of its own is filled by its frame: none); `Err` for a module the page
/// cannot hold whole, with the holes its title block leaves.
pub(super) fn module_at(
    (a, memo): (&PageArticle, Option<&FlowBreaks>),
    variant: Variant,
    grid: &Grid,
    span: u32,
) -> Result<(u32, Whites), Whites> {
    let frame = |rows| frame_for(a, variant, span, rows);
    let resized = with_figures(a.shaped, variant.figure);
    let shaped = resized.as_ref().unwrap_or(a.shaped);
    let mut scratch = Vec::new();
    let lay =
        |rows, w: &mut Vec<_>| lay_out_module(a, shaped, (grid, frame(rows)), (None, memo), w);
    let vertical = a.doc.writing == Writing::Vertical;
    if vertical == grid.vertical {
        let natural = lay(None, &mut scratch).map_err(|_| Whites::default())?;
        let figured = shaped
            .flow
            .iter()
            .any(|b| matches!(b, ShapedBlock::Figure { .. }));
        let (m, rows) = match figured {
            true => settled(natural, grid.lines, |rows| {
                lay(Some(rows), &mut scratch).ok()
            }),
            false => {
                let rows = (natural.bottom + 1).min(grid.lines);
                (natural, rows)
            }
        };
        // Its white as the page will show it: under its text, and at its
        // headline's ends (a short headline on a vertical page leaves
        // white the width of its block above and below it).
        let pages: Vec<&super::Page> = m.pages.iter().take(1).collect();
        // The title block's own, with the lines under it that close its
        // white (gq-set32 of the fresh batch, continued: a two-line
        // headline's short second line left a 5 × 4-em hole at both its
        // ends, which a cut module's cost did not see).
        let title = (m.under_title + HEAD_CLOSE).min(rows);
        let head = holes_inside_both(&pages, grid, ((0, span), (0, title)));
        if m.pages.len() > 1 {
            // Continued: its text fills the slot it is cut to.
            return Err(Whites {
                holes: head,
                head,
                ..Whites::default()
            });
        }
        let inside = holes_inside(&pages, grid, ((0, span), (0, rows)));
        let whites = Whites {
            under: m.white,
            foot: m.foot,
            holes: m.holes.max(inside),
            head,
            shorts: m.shorts,
            stretch: None,
        };
        return Ok((rows, whites));
    }
    // Fewest rows holding the box whole (more rows never hold less), its
    // headline broken between phrases (more rows are longer lines) where
    // the most rows break it so, else anywhere.
    let laid = |rows: u32, w: &mut Vec<_>| lay(Some(rows), w).ok().filter(|m| m.pages.len() == 1);
    let (phrases, most_unfilled) = match laid(grid.lines, &mut scratch) {
        None => return Err(Whites::default()),
        Some(m) => (m.phrases_fit, m.unfilled),
    };
    // Whether the box holds at `rows`: the lines it leaves white.
    let fits = |rows: u32, w: &mut Vec<_>| {
        laid(rows, w)
            .filter(|m| m.phrases_fit || !phrases)
            .map(|m| m.unfilled)
    };
    let (mut lo, mut hi, mut short) = (8, grid.lines, most_unfilled);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match fits(mid, &mut scratch) {
            Some(white) => (hi, short) = (mid, white),
            None => lo = mid + 1,
        }
    }
    // Its lines spread, the white its fewest slots leave inside its rule
    // (a slot fewer may break its headline in two: more than its lines
    // spread make up), and the slots more it fills so, as far as the
    // search may stretch a module (a narrow box's lines are few: a slot
    // wider may leave several of them white).
    let mut unfilled = |rows: u32| laid(rows, &mut scratch).map_or(u32::MAX, |m| m.unfilled);
    let stretch = (1..=super::makeup::SLACK)
        .take_while(|k| hi + k <= grid.lines && unfilled(hi + k) == 0)
        .count() as u32;
    let whites = Whites {
        holes: (short > 0) as u32,
        stretch: Some(stretch),
        ..Whites::default()
    };
    Ok((hi, whites))
}

/// Most layouts [`settled`] tries at the frame's depth.
const SETTLE: usize = 3;

/// A module with figures laid out at its own depth (`natural`) and the
/// rows a page gives it (its text's and the white line under it), laid
/// out again at those rows (`lay`) until its text ends above that line:
/// a figure is placed by its column's depth, and at the frame's it may
/// stand otherwise than at the page's and take a line more of the text's
/// (gq60-set59's held article ran into the white line under it, over the
/// rule). At most [`SETTLE`] layouts; the page's depth (`lines`) at most.
fn settled(
    natural: super::Module,
    lines: u32,
    mut lay: impl FnMut(u32) -> Option<super::Module>,
) -> (super::Module, u32) {
    let mut rows = (natural.bottom + 1).min(lines);
    let mut last = natural;
    for _ in 0..SETTLE {
        let Some(m) = lay(rows) else { break };
        let whole = m.pages.len() == 1;
        // Whole, above its white line: the page sets it so.
        if whole && m.bottom < rows {
            return (last, rows);
        }
        let deeper = match whole {
            true => m.bottom + 1,
            false => rows + 1,
        }
        .min(lines);
        if deeper == rows {
            break;
        }
        // Its whites as laid out whole (a continued one's are its cut's).
        if whole {
            last = m;
        }
        rows = deeper;
    }
    (last, rows)
}

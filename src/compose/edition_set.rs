//! One make-up of a page set ([`set_once`]): its articles placed, the
//! holes counted and the modules they meet, headlines run together or
//! over the lead story's.

use super::super::super::Frame;
use super::super::super::clash::clashes;
use super::super::super::holes::{GridRect, holes_among, holes_meeting_both};
use super::super::super::makeup::{Avoid, Head, pinned};
use super::super::super::variants::Variant;
use super::super::{OnSheet, items_on, place_all};
use super::Outcome;
use crate::compose::page::PageArticle;
use crate::error::Result;
use crate::model::Grid;

/// Sets the make-up `placed` of page `on.k` (its articles `ranked` as
/// the search had them): its holes, with the whole pages after the
/// edition its cut articles fill, and the modules they meet, for the next
/// search to avoid; its headlines run together.
pub(super) fn set_once(
    mut placed: Vec<PageArticle>,
    ranked: &[PageArticle],
    on: &mut OnSheet,
) -> Result<Outcome> {
    let (k, grid, taken) = (on.k, on.grid, on.taken);
    // Without an arrangement, a rest still opens the page it was
    // promised to (its jump line says so), across it as it fitted; on an
    // extra page, the rests one under another, as promised.
    let stacked = k >= on.sheets.edition;
    for a in placed.iter_mut().filter(|a| a.rest.is_some()) {
        let p = &mut a.placement;
        if p.column.is_none() {
            let row = (!stacked).then_some(taken);
            (p.column, p.columns, p.row) = (Some(0), Some(grid.columns), row);
        }
    }
    let frames = place_all(
        &placed,
        (k, on.page),
        grid,
        (on.sheets, on.jumps),
        on.set,
        on.warnings,
    )?;
    let rects: Vec<GridRect> = frames.iter().map(|&(_, f)| around(f, grid)).collect();
    let items = items_on(on.set, k);
    let (mut holes, met) = holes_meeting_both(&items, grid, &rects);
    let modules: Vec<Frame> = frames.iter().map(|&(_, f)| f).collect();
    let found = clashes(&items, grid, &modules);
    let (over, vie) = over_lead(&placed, grid);
    let pairs = (found.iter())
        .map(|c| {
            [
                (frames[c.modules.0].0, c.sizes.0),
                (frames[c.modules.1].0, c.sizes.1),
            ]
        })
        .collect();
    // The whole pages after the edition that its cut articles fill are
    // this page's doing too (an edition's own later pages are made up in
    // their turn).
    for extra in on.sheets.edition.max(k + 1)..on.sheets.taken.len() {
        holes += holes_among(&items_on(on.set, extra));
    }
    Ok(Outcome {
        vie,
        holes,
        met: avoided(&frames, &met, &placed, ranked),
        clashes: found.len() as u32,
        pairs,
        over,
    })
}

/// How many of the `placed` articles' headlines outrank the lead story's
/// (the lead's is the page's largest and widest, the objective's order
/// before its hierarchy), measured as the search measures them
/// ([`makeup::Head`]), fitted to the module; and how many of the others
/// vie with it ([`Head::vies`]: near its size in its row or anywhere).
fn over_lead(placed: &[PageArticle], grid: &Grid) -> (u32, u32) {
    let head = |a: &PageArticle| {
        let p = &a.placement;
        let variant = Variant {
            lead: p.lead,
            figure: p.figure,
        };
        Head::of(a, variant, grid, p.columns?)
    };
    let Some((lead, row)) = (placed.iter())
        .find(|a| a.placement.lead_story)
        .and_then(|a| Some((head(a)?, a.placement.row)))
    else {
        return (0, 0);
    };
    let others = (placed.iter())
        .filter(|a| !a.placement.lead_story)
        .filter_map(|a| Some((head(a)?, a.placement.row == row)));
    let (mut over, mut vie) = (0, 0);
    for (h, level) in others {
        if h.outranks(lead, true) {
            over += 1;
        } else if h.vies(lead, level) {
            vie += 1;
        }
    }
    (over, vie)
}

/// The modules (by `frames`, their index in `placed`) that holes meet
/// (`met`: per frame, how many), unless pinned in `ranked`.
fn avoided(
    frames: &[(usize, Frame)],
    met: &[u32],
    placed: &[PageArticle],
    ranked: &[PageArticle],
) -> Vec<Avoid> {
    (frames.iter().zip(met))
        .filter(|&(&(j, _), &m)| m > 0 && !pinned(&ranked[j]))
        .map(|(&(j, f), _)| Avoid {
            article: j,
            columns: f.columns,
            variant: Variant {
                lead: placed[j].placement.lead,
                figure: placed[j].placement.figure,
            },
        })
        .collect()
}

/// A module's frame, a slot more above and below (a hole in the white
/// between two modules meets both), for [`holes_meeting`].
fn around(f: Frame, grid: &Grid) -> GridRect {
    let bottom = f.bottom(grid);
    (
        (f.first, f.columns),
        (f.top.saturating_sub(1), (bottom + 1).min(grid.lines)),
    )
}

//! The band a page's make-up fills (see [`super`]): the page's grid less
//! the modules pinned at its top, sides and foot, with the notch a pin at
//! a top corner leaves beside it.

use super::super::makeup_search::{Band, Notch};
use super::super::module_height::height_at;
use super::super::page::PageArticle;
use super::super::variants::Variant;
use crate::model::Grid;

/// The band the search fills: beside the pinned modules that run the
/// page's depth at its first or last columns, under the pinned modules at
/// the page's top (beside one at a top corner: [`Notch`]), above the
/// highest pinned module below them; and which article makes the notch.
pub(super) fn free_band(articles: &[PageArticle], grid: &Grid) -> (Band, Option<usize>) {
    let mut band = Band {
        top: 0,
        bottom: grid.lines,
        first: 0,
        columns: grid.columns,
        notch: None,
    };
    let mut notched = None;
    for (i, a) in articles.iter().enumerate() {
        let (Some(c), Some(r)) = (a.placement.column, a.placement.row) else {
            continue;
        };
        if r > 0 {
            band.bottom = band.bottom.min(r);
            continue;
        }
        // Only a pin at the top needs its height (a module laid out).
        let span = a.placement.columns.unwrap_or(grid.columns - c);
        let written = Variant {
            lead: a.placement.lead,
            figure: a.placement.figure,
        };
        let rows = a
            .placement
            .rows
            .or_else(|| height_at(a, written, grid, span))
            .unwrap_or(grid.lines);
        // A pin at the page's side takes columns to its depth: in
        // vertical writing the columns are bands, and a serial box across
        // the page's foot is such a pin (the last bands, its lines).
        let side = span < grid.columns && (c == 0 || c + span == grid.columns);
        match (side, band.notch) {
            (true, _) if rows >= grid.lines => narrow(&mut band, c, span),
            (true, None) => {
                notched = Some(i);
                band.notch = Some(Notch {
                    first: if c == 0 { span } else { 0 },
                    columns: grid.columns - span,
                    bottom: rows,
                    lead_first: false,
                })
            }
            _ => band.top = band.top.max(rows),
        }
    }
    // One notch, in a band of the page's width (beside a narrowed band
    // the pin's slots are taken across).
    if let Some(n) = band.notch.filter(|_| band.columns < grid.columns) {
        band.top = band.top.max(n.bottom);
        band.notch = None;
    }
    band.bottom = band.bottom.max(band.top);
    (band, notched)
}

/// `band` with `taken` slots at its top taken, and a notch it no longer
/// has room for turned into slots taken across.
pub(super) fn settle(mut band: Band, taken: u32) -> Band {
    band.top = band.top.max(taken);
    if let Some(n) = band.notch
        && (n.bottom <= band.top || n.bottom >= band.bottom)
    {
        band.top = band.top.max(n.bottom);
        band.notch = None;
    }
    band.bottom = band.bottom.max(band.top);
    band
}

/// `band` less the columns `c..c + span` at its first or last columns.
fn narrow(band: &mut Band, c: u32, span: u32) {
    let end = band.first + band.columns;
    if c <= band.first {
        let first = (c + span).clamp(band.first, end);
        band.columns = end - first;
        band.first = first;
    } else {
        band.columns = c.clamp(band.first, end) - band.first;
    }
}

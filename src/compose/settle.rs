//! Figures in a page's module settled where a compositor puts them: a
//! round figure the article gives no place goes in the middle of the
//! module, text round both its sides; a figure that reaches below the
//! module's balanced columns is lifted until it ends with them.

use crate::linebreak::Line;
use crate::model::Grid;
use crate::resolve::Wrap;
use crate::shape::{ShapedBlock, ShapedDoc};

/// Slots a caption takes under its figure, for the estimate.
const CAPTION_SLOTS: u32 = 2;

/// `shaped` with its figures set at a row lifted by `by` rows (to the
/// top at most); `None` when none can move.
pub fn lift_figures(shaped: &ShapedDoc, by: u32) -> Option<ShapedDoc> {
    let movable = |b: &ShapedBlock| matches!(b, ShapedBlock::Figure { figure, .. } if figure.row.is_some_and(|r| r > 0));
    if !shaped.flow.iter().any(movable) {
        return None;
    }
    let mut out = shaped.clone();
    for b in out.flow.iter_mut() {
        if let ShapedBlock::Figure { figure, .. } = b
            && let Some(r) = figure.row
        {
            figure.row = Some(r.saturating_sub(by));
        }
    }
    Some(out)
}

/// `shaped` with each round figure that has no place given one: centred
/// across the module, its top where it stands in the middle of the
/// columns' estimated depth (text lines and the figure's own area over
/// the columns); `None` when there is none or one column only.
pub fn centre_round_figures(
    shaped: &ShapedDoc,
    broken: &[Option<Vec<Line>>],
    grid: &Grid,
) -> Option<ShapedDoc> {
    let free = |b: &ShapedBlock| matches!(b, ShapedBlock::Figure { figure, .. } if figure.wrap == Wrap::Round && !figure.placed());
    if grid.columns < 2 || !shaped.flow.iter().any(free) {
        return None;
    }
    let text: u32 = (shaped.flow.iter().zip(broken))
        .map(|(b, lines)| match (b, lines) {
            (ShapedBlock::Para(p), Some(l)) => {
                l.len() as u32 * p.style.lines.max(1) + p.style.space_before + p.style.space_after
            }
            _ => 0,
        })
        .sum();
    let mut out = shaped.clone();
    for b in out.flow.iter_mut() {
        if let ShapedBlock::Figure { figure, .. } = b
            && figure.wrap == Wrap::Round
            && !figure.placed()
        {
            let across = figure.width.unwrap_or(figure.columns as f64);
            let pitch = (grid.column_width + grid.gutter).0;
            let wide = across * pitch - grid.gutter.0;
            let tall = wide * figure.height_px as f64 / figure.width_px.max(1) as f64;
            let rows = (tall / grid.pitch.0).ceil() as u32 + CAPTION_SLOTS;
            // The figure takes its columns and about one more of text.
            let area = rows * (across.ceil() as u32 + 1);
            let depth = (text + area).div_ceil(grid.columns);
            figure.row = Some(depth.saturating_sub(rows) / 2);
        }
    }
    Some(out)
}

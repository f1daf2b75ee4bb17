//! Figures in a page's module settled where a compositor puts them: a
//! figure placed across beyond the module's columns (its place written
//! for a wider module) goes to the module's middle.

use crate::model::Grid;
use crate::shape::{ShapedBlock, ShapedDoc};

/// `shaped` with its figures settled in the module: a place across
/// beyond the module's columns (written for a wider module) brought to
/// its middle; `None` when nothing moved.
pub fn settle_figures(shaped: &ShapedDoc, grid: &Grid) -> Option<ShapedDoc> {
    let columns = grid.columns as f64;
    let outside = |b: &ShapedBlock| matches!(b, ShapedBlock::Figure { figure, .. } if figure.x.is_some_and(|x| x + 0.5 > columns));
    if !shaped.flow.iter().any(outside) {
        return None;
    }
    let mut out = shaped.clone();
    for b in out.flow.iter_mut() {
        if let ShapedBlock::Figure { figure, .. } = b
            && figure.x.is_some_and(|x| x + 0.5 > columns)
        {
            figure.x = Some(columns / 2.0);
        }
    }
    Some(out)
}

//! The line grid of a frame, in points.

use crate::units::Pt;

/// The grid in points, derived once from the template.
///
/// Horizontal: columns side by side, lines stacked downwards. Vertical
/// (直排): the 栏 are bands stacked downwards, each holding vertical lines
/// that progress right to left. Layout code speaks of columns, slots (line
/// positions along the block axis) and inline offsets; compose's
/// `Transform` of the grid turns them into page coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    pub vertical: bool,
    pub columns: u32,
    /// Inline extent of a column: its width, or a band's height.
    pub column_width: Pt,
    pub gutter: Pt,
    pub body_size: Pt,
    pub pitch: Pt,
    /// Left edge of the type area (horizontal text).
    pub left: Pt,
    /// Top edge of the type area.
    pub top: Pt,
    /// Right edge of the type area (where vertical lines start).
    pub right: Pt,
    /// Whole lines per column (per band in vertical text).
    pub lines: u32,
}

impl Grid {
    /// Inline extent of all the grid's columns and the gutters between them.
    pub fn measure(&self) -> Pt {
        self.column_width * self.columns as f64
            + self.gutter * (self.columns.saturating_sub(1)) as f64
    }

    /// The column an inline offset falls in (a gutter counts with the
    /// column before it).
    pub fn column_of(&self, inline: Pt) -> u32 {
        let pitch = (self.column_width + self.gutter).0;
        ((inline.0.max(0.0) / pitch).floor() as u32).min(self.columns.saturating_sub(1))
    }

    /// Inline offset of a column's start.
    pub fn column_start(&self, column: u32) -> Pt {
        (self.column_width + self.gutter) * column as f64
    }
}

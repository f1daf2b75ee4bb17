//! The line grid of a frame, in points.

use crate::units::Pt;

/// The grid in points, derived once from the template.
///
/// Horizontal: columns side by side, lines stacked downwards. Vertical
/// (直排): the 栏 are bands stacked downwards, each holding vertical lines
/// that progress right to left. Layout code speaks of columns, slots (line
/// positions along the block axis) and inline offsets; [`Grid::place`] turns
/// them into page coordinates.
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

    /// Page position (x, y down from the top) of a point `inline` along the
    /// line from the start of column 0, `slot` line pitches along the block
    /// axis.
    pub fn place(&self, slot: f64, inline: Pt) -> (Pt, Pt) {
        if self.vertical {
            (self.right - self.pitch * slot, self.top + inline)
        } else {
            (self.left + inline, self.top + self.pitch * slot)
        }
    }

    /// Inline offset of a column's start.
    pub fn column_start(&self, column: u32) -> Pt {
        (self.column_width + self.gutter) * column as f64
    }

    /// Page rectangle (x, y, width, height) of `slots` line slots from
    /// `slot`, over an inline range.
    pub fn rect(&self, slot: f64, slots: f64, inline: Pt, length: Pt) -> (Pt, Pt, Pt, Pt) {
        if self.vertical {
            (
                self.right - self.pitch * (slot + slots),
                self.top + inline,
                self.pitch * slots,
                length,
            )
        } else {
            (
                self.left + inline,
                self.top + self.pitch * slot,
                length,
                self.pitch * slots,
            )
        }
    }

    /// The type area as (x0, y0, x1, y1).
    pub fn area(&self) -> (Pt, Pt, Pt, Pt) {
        let (x, y, w, h) = self.rect(0.0, self.lines as f64, Pt::ZERO, self.measure());
        (x, y, x + w, y + h)
    }
}

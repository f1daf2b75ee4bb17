//! Types other stages use that are not about loading a layout: the grid in
//! points and the enums styles and text settings name. The renovation moves
//! these into a shared model module; nothing here reads files.

use serde::Deserialize;

use super::Layout;
use crate::parse::Writing;
use crate::units::Pt;

/// 避头尾 levels, CLREQ §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Prohibition {
    None,
    Basic,
    Gb,
    Strict,
}

impl Scheme {
    pub fn from_name(name: &str) -> Option<Scheme> {
        Some(match name {
            "quanjiao" => Scheme::Quanjiao,
            "kaiming" => Scheme::Kaiming,
            "banjiao" => Scheme::Banjiao,
            "centred" | "centered" => Scheme::Centred,
            _ => return None,
        })
    }
}

/// 标点符号宽度 schemes, named as ctex and LuaTeX-ja name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// 全角: every mark a full em; adjacent marks and line ends compressed
    /// only where required.
    #[default]
    Quanjiao,
    /// 开明: sentence-ending stops (。？！) full width, all other marks half.
    Kaiming,
    /// 半角: every mark half width.
    Banjiao,
    /// Taiwan and Hong Kong: marks centred in the em box, never compressed.
    Centred,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Justified on the grid; the last line of a paragraph starts flush.
    Justify,
    Start,
    Center,
    End,
}

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

impl Layout {
    /// The grid in the layout's own writing mode.
    pub fn grid(&self) -> Grid {
        self.grid_for(self.writing)
    }

    /// The grid for a writing mode (an article or the command line may
    /// override the layout's).
    pub fn grid_for(&self, writing: Writing) -> Grid {
        let size = self.grid.body_size.0;
        let pitch = self.grid.line_pitch.0;
        let column_width = size * self.grid.chars as f64;
        let gutter = size * self.grid.gutter;
        let total =
            column_width * self.grid.columns as f64 + gutter * (self.grid.columns - 1) as f64;
        let height = self.page.height.0 - self.page.margin_top.0 - self.page.margin_bottom.0;
        let width = self.page.width.0 - self.page.margin_side.0 * 2.0;
        match writing {
            Writing::Horizontal => {
                let left = (self.page.width.0 - total) / 2.0;
                Grid {
                    vertical: false,
                    columns: self.grid.columns,
                    column_width,
                    gutter,
                    body_size: size,
                    pitch,
                    left,
                    top: self.page.margin_top.0,
                    right: left + total,
                    lines: (height / pitch).floor().max(0.0) as u32,
                }
            }
            Writing::Vertical => {
                let lines = (width / pitch).floor().max(0.0) as u32;
                let right = self.page.width.0 - (self.page.width.0 - pitch * lines as f64) / 2.0;
                Grid {
                    vertical: true,
                    columns: self.grid.columns,
                    column_width,
                    gutter,
                    body_size: size,
                    pitch,
                    left: right - pitch * lines as f64,
                    top: self.page.margin_top.0 + ((height - total) / 2.0).max(Pt::ZERO),
                    right,
                    lines,
                }
            }
        }
    }

    /// Total width of the type area.
    pub fn measure(&self) -> Pt {
        let g = self.grid();
        g.column_width * g.columns as f64 + g.gutter * (g.columns - 1) as f64
    }
}

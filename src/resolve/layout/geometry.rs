//! The layout's geometry: the line grid it gives a writing mode (the
//! `Grid` type itself is in the shared model).

use super::Layout;
use crate::model::Grid;
use crate::model::Writing;
use crate::units::Pt;

/// The fewest characters between the bands of a page turned vertical.
const VERTICAL_GUTTER: f64 = 2.0;

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

    /// The layout for a page manifest set in `writing` (the command line's
    /// `--writing`): the page's grid turns with its text, so that every
    /// article is a module of the page grid, not a box on a grid of its
    /// own. A layout made for the other writing mode keeps its characters
    /// a column (a band's line) and takes as many columns (bands, stacked
    /// down the page) as its type area holds. Bands keep two characters
    /// between them at least (as the `vertical` layout's do): the rule
    /// there stays a character clear of a band's last character, whose box
    /// in a reader's text layer hangs most of an em below its glyph.
    pub fn turned(&self, writing: Writing) -> Layout {
        let mut out = self.clone();
        if writing == self.writing {
            return out;
        }
        out.writing = writing;
        if writing == Writing::Vertical {
            out.grid.gutter = self.grid.gutter.max(VERTICAL_GUTTER);
        }
        let size = self.grid.body_size.0;
        let column = size * self.grid.chars as f64;
        let gutter = size * out.grid.gutter;
        let across = match writing {
            Writing::Vertical => {
                self.page.height.0 - self.page.margin_top.0 - self.page.margin_bottom.0
            }
            Writing::Horizontal => self.page.width.0 - self.page.margin_side.0 * 2.0,
        };
        out.grid.columns = ((across + gutter).0 / (column + gutter).0).floor().max(1.0) as u32;
        out
    }

    /// Total width of the type area.
    pub fn measure(&self) -> Pt {
        let g = self.grid();
        g.column_width * g.columns as f64 + g.gutter * (g.columns - 1) as f64
    }
}

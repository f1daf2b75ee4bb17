//! The frame of an article's module: a rectangle of the page grid, and
//! the grid its text is set on.

use super::Page;
use super::transform::{FrameRect, Mode, Transform};
use crate::model::Grid;
use crate::units::Pt;

/// The rectangle of the page grid an article's module occupies: columns
/// (bands, in vertical text) across, line slots down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    /// First column, 0-based.
    pub first: u32,
    pub columns: u32,
    /// First line slot.
    pub top: u32,
    /// Line slots; `None`: to the foot of the page.
    pub rows: Option<u32>,
    /// 破栏: set the module's text in this many columns instead of its
    /// basic ones.
    pub split: Option<u32>,
    /// Draw a box around the module (a feature, a serial).
    pub boxed: bool,
}

/// A module laid out: its pages (the first is the frame's page, the rest
/// continue it) and the slot below its last line on the first page.
pub struct Module {
    pub pages: Vec<Page>,
    pub bottom: u32,
}

impl Frame {
    pub fn full(grid: &Grid) -> Frame {
        Frame {
            first: 0,
            columns: grid.columns,
            top: 0,
            rows: None,
            split: None,
            boxed: false,
        }
    }

    /// The last slot (exclusive) the frame may use.
    pub fn bottom(&self, page: &Grid) -> u32 {
        self.rows
            .map_or(page.lines, |r| (self.top + r).min(page.lines))
    }

    /// Whether a module of this writing mode gets a grid of its own inside
    /// the frame (a vertical serial box on a horizontal page) instead of
    /// the page's columns.
    pub(super) fn has_own_grid(page: &Grid, vertical: bool) -> bool {
        vertical != page.vertical
    }

    /// The grid the module's text is set on: the page grid narrowed to the
    /// frame's columns (and re-split for 破栏); for a module whose writing
    /// differs from the page's a grid of its own inside the frame's
    /// rectangle.
    pub fn grid(&self, page: &Grid, vertical: bool) -> Grid {
        if Frame::has_own_grid(page, vertical) {
            return self.grid_inside(page, vertical);
        }
        let mut g = Grid {
            columns: self.columns,
            ..*page
        };
        if let Some(m) = self.split.filter(|&m| m >= 1 && m != self.columns) {
            resplit(&mut g, page, m);
        }
        start_inline_at(&mut g, page.column_start(self.first));
        g
    }

    /// A grid of one column filling the frame's rectangle: lines as long
    /// as its inline extent holds whole characters, as many as its block
    /// extent holds.
    fn grid_inside(&self, page: &Grid, vertical: bool) -> Grid {
        let basic = Grid {
            columns: self.columns,
            ..*page
        };
        let r = Transform::of(page).rect(FrameRect {
            slot: self.top as f64,
            slots: (self.bottom(page) - self.top) as f64,
            inline: page.column_start(self.first),
            length: basic.measure(),
        });
        let (along, across) = Mode::of(vertical).extents(r.width, r.height);
        let chars = (along.0 / page.body_size.0).floor().max(1.0);
        Grid {
            vertical,
            columns: 1,
            gutter: Pt::ZERO,
            column_width: page.body_size * chars,
            lines: (across.0 / page.pitch.0).floor().max(1.0) as u32,
            top: r.y,
            left: r.x,
            right: r.x + r.width,
            ..*page
        }
    }
}

/// 破栏: k basic columns re-split as m, each (k·N + (k−1)·gutter −
/// (m−1)·gutter) / m characters, the rest to the gutters
/// (newspaper-page.md).
fn resplit(g: &mut Grid, page: &Grid, m: u32) {
    let total = g.measure();
    let chars = ((total - page.gutter * (m - 1) as f64).0 / page.body_size.0 / m as f64).floor();
    g.columns = m;
    g.column_width = page.body_size * chars;
    g.gutter = if m > 1 {
        (total - g.column_width * m as f64) / (m - 1) as f64
    } else {
        Pt::ZERO
    };
}

/// Moves a grid's inline start `by` along its lines. A grid records its
/// type area by the page's left, right and top edges; the inline start is
/// the left edge (and the right the end) of horizontal lines, the top of
/// vertical ones.
fn start_inline_at(g: &mut Grid, by: Pt) {
    if g.vertical {
        g.top += by;
    } else {
        g.left += by;
        g.right = g.left + g.measure();
    }
}

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

/// How far past a vertical band's end, in ems, the ink of a mark hung
/// there reaches (、。，, drawn in the upper part of their em).
const HUNG_INK: f64 = 0.75;

/// How far a vertical display line's box reaches either side of the
/// line's middle, in its sizes: its em, which holds the ink and hardly
/// any white, and a tenth of it, so that a kicker or deck stands about
/// a body em clear of the headline beside it. (Counted as a horizontal
/// line's 1.56, the box left up to a slot of white across the line
/// beside a short kicker or deck: holes of 4 × 4 ems on a vertical page.)
const VERTICAL_BOX: f64 = 0.6;

impl Grid {
    /// Body characters a column's line holds (a band's line in vertical
    /// text), one at least: whole characters, a width a hair under a
    /// whole number of ems (a layout's rounding) counting as that number.
    pub fn chars_per_line(&self) -> u32 {
        ((self.column_width.0 / self.body_size.0 + 1e-6).floor() as u32).max(1)
    }

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

    /// Inline extent of a column: its start and end.
    pub fn column_extent(&self, column: u32) -> (Pt, Pt) {
        let start = self.column_start(column);
        (start, start + self.column_width)
    }

    /// Inline offset of the rule in the gutter before `column`: the
    /// gutter's middle; on a vertical page (`hung`: a layout written
    /// vertically, whose bands take marks hung past their end) with two
    /// characters or more between bands, midway between a hung mark's
    /// ink, which ends about three quarters of an em past the band, and
    /// the next band, so that the rule keeps clear of both.
    pub fn rule_before(&self, column: u32, hung: bool) -> Pt {
        let start = self.column_start(column);
        match self.past_band(hung) {
            Some(past) => start - self.gutter + past,
            None => start - self.gutter / 2.0,
        }
    }

    /// How far past a band's end the rule after it stands on a vertical
    /// page whose bands take hung marks (see [`Grid::rule_before`]);
    /// `None` where it stands in the gutter's middle.
    pub fn past_band(&self, hung: bool) -> Option<Pt> {
        let wide = self.gutter.0 >= self.body_size.0 * 2.0 - 0.01;
        (hung && self.vertical && wide).then(|| (self.gutter + self.body_size * HUNG_INK) / 2.0)
    }

    /// The box a line of display type needs across the line, in its
    /// sizes: how far it reaches before and after the middle of the line's
    /// slots. Across a horizontal line it is the box a viewer or a checker
    /// gives it, the CJK faces' ascent and descent (1.45, white above and
    /// below the ink included), which a line centred on its em holds 0.78
    /// above and 0.67 below; across a vertical line it is the glyphs'
    /// advance, one em centred on the line, with a tenth of it either side
    /// (see [`VERTICAL_BOX`]).
    pub fn display_box(&self) -> DisplayBox {
        match self.vertical {
            false => DisplayBox {
                before: 0.78,
                after: 0.67,
            },
            true => DisplayBox {
                before: VERTICAL_BOX,
                after: VERTICAL_BOX,
            },
        }
    }
}

/// A line's box across it, in its sizes, before and after the middle of
/// its slots (see [`Grid::display_box`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DisplayBox {
    pub before: f64,
    pub after: f64,
}

impl DisplayBox {
    /// The depth the box needs centred in its slots: twice its larger
    /// reach from the middle.
    pub fn centred(&self) -> f64 {
        2.0 * self.before.max(self.after)
    }
}

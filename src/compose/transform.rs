//! The writing mode as geometry. Compose works in frame coordinates: the
//! inline axis runs along a line from the start of the frame's first
//! column, the block axis counts line slots from the frame's top (a
//! fractional slot is a point inside a line's band). A [`Mode`] says which
//! way those axes run on the page and how a line's glyphs sit; a
//! [`Transform`] adds the frame's place on the page, and is the one mapping
//! from frame to page coordinates.

use super::RunMode;
use crate::model::Grid;
use crate::shape::Orient;
use crate::units::Pt;

/// The ideographic em box: 0.88 em above the baseline, 0.12 em below.
pub const EM_ASCENT: f64 = 0.88;

/// A point of a frame: `slot` line slots down the block axis, `inline`
/// along the line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct At {
    pub slot: f64,
    pub inline: Pt,
}

/// A displacement along a frame's axes, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub inline: Pt,
    pub block: Pt,
}

impl Step {
    pub fn new(inline: Pt, block: Pt) -> Step {
        Step { inline, block }
    }

    /// Across the line only.
    pub fn block(block: Pt) -> Step {
        Step::new(Pt::ZERO, block)
    }
}

/// A rectangle of a frame: `slots` line slots from `slot`, `length` along
/// the line from `inline`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrameRect {
    pub slot: f64,
    pub slots: f64,
    pub inline: Pt,
    pub length: Pt,
}

/// A rectangle on the page, y measured down from the top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageRect {
    pub x: Pt,
    pub y: Pt,
    pub width: Pt,
    pub height: Pt,
}

impl PageRect {
    /// The rectangle `dx` in from its left and right, `dy` from its top
    /// and bottom.
    pub fn inset(self, dx: Pt, dy: Pt) -> PageRect {
        PageRect {
            x: self.x + dx,
            y: self.y + dy,
            width: self.width - dx * 2.0,
            height: self.height - dy * 2.0,
        }
    }
}

/// A line of type: `per` slots from `slot`, starting `inline` along, in
/// type of `size`, moved `lift` back along the block axis (a head that
/// opens the text right under it, its white above and below even).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineAt {
    pub slot: u32,
    pub per: u32,
    pub inline: Pt,
    pub size: Pt,
    pub lift: Pt,
}

/// Where a line's glyph origins sit across its band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Baseline {
    /// The em box centred in the band, the origin on its baseline.
    Alphabetic,
    /// The band's centre line, through the middle of the em boxes.
    Central,
}

/// How a mode sets the glyphs of an item of one orientation.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ItemSet {
    run: RunMode,
    /// The glyphs' baseline, across from the line's origin, in em.
    lift: f64,
    /// Block direction of a glyph's own offset up (its `dy`).
    up: f64,
}

impl ItemSet {
    /// On the line's origin; a glyph's `dy` moves it back on the block
    /// axis (up the page, or to the right of a vertical line).
    const UPRIGHT: ItemSet = ItemSet {
        run: RunMode::Horizontal,
        lift: 0.0,
        up: -1.0,
    };
}

/// Which way an item's glyphs advance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Advance {
    /// Along the line, their baseline `lift` across from the line's
    /// origin, a glyph's `dy` taken `up` times across.
    Along { lift: Pt, up: f64 },
    /// Across the line, scaled by `scale`, the group centred on the centre
    /// line (tate-chu-yoko).
    Across { scale: f64 },
}

/// A writing mode as geometry: the page directions of its axes and how a
/// line's glyphs sit. Compose reads these instead of asking which mode it
/// is in.
#[derive(Debug, PartialEq)]
pub struct Mode {
    /// For messages.
    pub name: &'static str,
    /// Page direction (x, y) of the inline axis (along a line) and of the
    /// block axis (from a line to the next), unit vectors.
    inline: (f64, f64),
    block: (f64, f64),
    baseline: Baseline,
    /// How upright and sideways items are set.
    upright: ItemSet,
    sideways: ItemSet,
    /// Short horizontal runs are set across one em (tate-chu-yoko).
    combines: bool,
    /// Emphasis dots (着重号): block offset from the line's origin, in em.
    dot: f64,
}

/// Lines left to right, following each other down the page.
pub const HORIZONTAL: Mode = Mode {
    name: "horizontal",
    inline: (1.0, 0.0),
    block: (0.0, 1.0),
    baseline: Baseline::Alphabetic,
    upright: ItemSet::UPRIGHT,
    // Set upright too (a turned run only exists in vertical lines).
    sideways: ItemSet::UPRIGHT,
    combines: false,
    // Under the text.
    dot: 0.27,
};

/// Lines top to bottom, following each other right to left.
pub const VERTICAL_RL: Mode = Mode {
    name: "vertical",
    inline: (0.0, 1.0),
    block: (-1.0, 0.0),
    baseline: Baseline::Central,
    upright: ItemSet {
        run: RunMode::Vertical,
        ..ItemSet::UPRIGHT
    },
    // Turned clockwise: the baseline runs down the line, 0.38 em across
    // from the centre line, the em box centred on it. A turned glyph's
    // `dy` is taken forward on the block axis (to the left), as the
    // composer always has; shaped Latin words have none.
    sideways: ItemSet {
        run: RunMode::Rotated,
        lift: 0.38,
        up: 1.0,
    },
    combines: true,
    // To the right of the text (CLREQ §6): back along the block axis.
    dot: -0.62,
};

impl Mode {
    pub fn of(vertical: bool) -> &'static Mode {
        if vertical { &VERTICAL_RL } else { &HORIZONTAL }
    }

    /// The page displacement (dx, dy) of a step. The axes are unit vectors
    /// along x or y: each sum adds a zero, which leaves the other term
    /// exact (positions keep their last digits whatever the mode).
    pub fn page(&self, s: Step) -> (Pt, Pt) {
        (
            s.inline * self.inline.0 + s.block * self.block.0,
            s.inline * self.inline.1 + s.block * self.block.1,
        )
    }

    /// Page point `p` moved by `s`.
    pub fn nudge(&self, p: (Pt, Pt), s: Step) -> (Pt, Pt) {
        let (dx, dy) = self.page(s);
        (p.0 + dx, p.1 + dy)
    }

    /// Page point `p` moved by two steps, one after the other (a glyph:
    /// from the line's origin to its item's, then to the glyph's own).
    pub fn nudge2(&self, p: (Pt, Pt), steps: [Step; 2]) -> (Pt, Pt) {
        self.nudge(self.nudge(p, steps[0]), steps[1])
    }

    /// A page extent (width, height) as (inline, block) extents.
    pub fn extents(&self, width: Pt, height: Pt) -> (Pt, Pt) {
        let along = |axis: (f64, f64)| width * axis.0.abs() + height * axis.1.abs();
        (along(self.inline), along(self.block))
    }

    /// How an item of `orient`, its glyphs `width` long, is set in a line
    /// of `size` type.
    pub fn item(&self, orient: Orient, width: Pt, size: Pt) -> (RunMode, Advance) {
        let set = match orient {
            Orient::Combined if self.combines => {
                // Two half-width digits fill the em as drawn (their own
                // side bearings keep them off the neighbours' ink); a wider
                // number is squeezed to 0.95 of it, keeping such a margin.
                let scale = if width.0 > size.0 * 1.001 {
                    (size.0 * 0.95 / width.0) as f32
                } else {
                    1.0
                };
                return (
                    RunMode::Combined(scale),
                    Advance::Across {
                        scale: scale as f64,
                    },
                );
            }
            Orient::Upright | Orient::Combined => self.upright,
            Orient::Sideways => self.sideways,
        };
        let advance = Advance::Along {
            lift: size * set.lift,
            up: set.up,
        };
        (set.run, advance)
    }

    /// How a hyphen added at a line's end is set: as a turned item, its
    /// baseline across from the line's origin.
    pub fn hyphen(&self, size: Pt) -> (RunMode, Pt) {
        (self.sideways.run, size * self.sideways.lift)
    }

    /// The emphasis dot's step across the line from the line's origin.
    pub fn dot(&self, size: Pt) -> Pt {
        size * self.dot
    }
}

/// The mapping of one frame to the page: its mode, where its origin
/// (inline 0 on slot 0) is, and the block length of a slot.
#[derive(Debug, Clone, Copy)]
pub struct Transform {
    mode: &'static Mode,
    origin: (Pt, Pt),
    pitch: Pt,
}

impl Transform {
    /// The transform of a grid: its type area's top left, or top right
    /// when lines follow each other right to left.
    pub fn of(grid: &Grid) -> Transform {
        let x = if grid.vertical { grid.right } else { grid.left };
        Transform {
            mode: Mode::of(grid.vertical),
            origin: (x, grid.top),
            pitch: grid.pitch,
        }
    }

    pub fn mode(&self) -> &'static Mode {
        self.mode
    }

    pub fn point(&self, at: At) -> (Pt, Pt) {
        let block = self.pitch * at.slot;
        self.mode.nudge(self.origin, Step::new(at.inline, block))
    }

    pub fn rect(&self, r: FrameRect) -> PageRect {
        // The page rectangle starts at whichever block end is nearer the
        // page's top left (the block axis may run right to left).
        let a = self.point(At {
            slot: r.slot,
            inline: r.inline,
        });
        let b = self.point(At {
            slot: r.slot + r.slots,
            inline: r.inline,
        });
        let (w, h) = self.mode.page(Step::new(r.length, self.pitch * r.slots));
        PageRect {
            x: a.0.min(b.0),
            y: a.1.min(b.1),
            width: w.abs(),
            height: h.abs(),
        }
    }

    /// The origin a line's glyphs are placed from: on the baseline at the
    /// line's start, or on the centre line of its band.
    pub fn line_origin(&self, line: LineAt) -> (Pt, Pt) {
        match self.mode.baseline {
            Baseline::Alphabetic => {
                let top = self.point(At {
                    slot: line.slot as f64,
                    inline: line.inline,
                });
                let band = self.pitch * line.per as f64;
                let down = (band - line.size) / 2.0 - line.lift;
                let centred = self.mode.nudge(top, Step::block(down));
                self.mode.nudge(centred, Step::block(line.size * EM_ASCENT))
            }
            Baseline::Central => self.point(At {
                slot: line.slot as f64 + line.per as f64 / 2.0 - line.lift.0 / self.pitch.0,
                inline: line.inline,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(vertical: bool) -> Grid {
        Grid {
            vertical,
            columns: 2,
            column_width: Pt(100.0),
            gutter: Pt(10.0),
            body_size: Pt(10.0),
            pitch: Pt(15.0),
            left: Pt(50.0),
            top: Pt(40.0),
            right: Pt(500.0),
            lines: 30,
        }
    }

    #[test]
    fn horizontal_maps_inline_to_x_and_slots_down() {
        let t = Transform::of(&grid(false));
        assert_eq!(
            t.point(At {
                slot: 2.0,
                inline: Pt(7.0)
            }),
            (Pt(57.0), Pt(70.0))
        );
        let r = t.rect(FrameRect {
            slot: 1.0,
            slots: 3.0,
            inline: Pt(20.0),
            length: Pt(30.0),
        });
        assert_eq!(
            r,
            PageRect {
                x: Pt(70.0),
                y: Pt(55.0),
                width: Pt(30.0),
                height: Pt(45.0)
            }
        );
    }

    #[test]
    fn vertical_maps_inline_down_and_slots_right_to_left() {
        let t = Transform::of(&grid(true));
        assert_eq!(
            t.point(At {
                slot: 2.0,
                inline: Pt(7.0)
            }),
            (Pt(470.0), Pt(47.0))
        );
        // Its left edge is its last slot's.
        let r = t.rect(FrameRect {
            slot: 1.0,
            slots: 3.0,
            inline: Pt(20.0),
            length: Pt(30.0),
        });
        assert_eq!(
            r,
            PageRect {
                x: Pt(440.0),
                y: Pt(60.0),
                width: Pt(45.0),
                height: Pt(30.0)
            }
        );
    }

    #[test]
    fn the_same_step_moves_across_or_down_the_page() {
        let s = Step::new(Pt(3.0), Pt(4.0));
        assert_eq!(HORIZONTAL.nudge((Pt(1.0), Pt(1.0)), s), (Pt(4.0), Pt(5.0)));
        assert_eq!(
            VERTICAL_RL.nudge((Pt(1.0), Pt(1.0)), s),
            (Pt(-3.0), Pt(4.0))
        );
        assert_eq!(
            VERTICAL_RL.extents(Pt(30.0), Pt(80.0)),
            (Pt(80.0), Pt(30.0))
        );
        assert_eq!(HORIZONTAL.extents(Pt(30.0), Pt(80.0)), (Pt(30.0), Pt(80.0)));
    }

    #[test]
    fn lines_sit_on_a_baseline_or_a_centre_line() {
        let line = LineAt {
            slot: 2,
            per: 2,
            inline: Pt(5.0),
            size: Pt(10.0),
            lift: Pt::ZERO,
        };
        // Band 70..100; the em (10) centred: 80..90; baseline 0.88 em down.
        let (x, y) = Transform::of(&grid(false)).line_origin(line);
        assert_eq!(x, Pt(55.0));
        assert!((y.0 - 88.8).abs() < 1e-9, "{y:?}");
        // Band from x 470 to 440: its centre line.
        let v = Transform::of(&grid(true)).line_origin(line);
        assert_eq!(v, (Pt(455.0), Pt(45.0)));
    }

    /// A grid with awkward numbers, for last-digit comparisons.
    fn odd_grid(vertical: bool) -> Grid {
        Grid {
            pitch: Pt(13.7),
            left: Pt(41.3),
            right: Pt(517.9),
            ..grid(vertical)
        }
    }

    const POINTS: [(f64, f64); 4] = [(0.0, 0.0), (3.5, 17.3), (11.0, 123.456), (7.25, -4.1)];

    /// Checks the transform against direct formulas for a point and for a
    /// rectangle 2.3 slots deep and 31.7 long: the PDF writes these
    /// numbers, so the transform must not reorder their sums.
    fn check_against(
        g: &Grid,
        point: impl Fn(f64, Pt) -> (Pt, Pt),
        rect: impl Fn(f64, f64, Pt, Pt) -> (Pt, Pt, Pt, Pt),
    ) {
        let t = Transform::of(g);
        for (slot, inline) in POINTS {
            let inline = Pt(inline);
            assert_eq!(t.point(At { slot, inline }), point(slot, inline));
            let r = t.rect(FrameRect {
                slot,
                slots: 2.3,
                inline,
                length: Pt(31.7),
            });
            assert_eq!(
                (r.x, r.y, r.width, r.height),
                rect(slot, 2.3, inline, Pt(31.7))
            );
        }
    }

    #[test]
    fn horizontal_mapping_keeps_the_direct_formulas_to_the_last_digit() {
        let g = odd_grid(false);
        check_against(
            &g,
            |slot, inline| (g.left + inline, g.top + g.pitch * slot),
            |slot, slots, inline, length| {
                (
                    g.left + inline,
                    g.top + g.pitch * slot,
                    length,
                    g.pitch * slots,
                )
            },
        );
    }

    #[test]
    fn vertical_mapping_keeps_the_direct_formulas_to_the_last_digit() {
        let g = odd_grid(true);
        check_against(
            &g,
            |slot, inline| (g.right - g.pitch * slot, g.top + inline),
            |slot, slots, inline, length| {
                let x = g.right - g.pitch * (slot + slots);
                (x, g.top + inline, g.pitch * slots, length)
            },
        );
    }

    #[test]
    fn a_number_that_fills_the_em_is_set_across_unsqueezed() {
        // Two half-width digits: exactly one em, as drawn.
        let (mode, _) = VERTICAL_RL.item(Orient::Combined, Pt(10.0), Pt(10.0));
        assert_eq!(mode, RunMode::Combined(1.0));
        // Three of them: squeezed to 0.95 em.
        let (mode, _) = VERTICAL_RL.item(Orient::Combined, Pt(15.0), Pt(10.0));
        assert_eq!(mode, RunMode::Combined((9.5f64 / 15.0) as f32));
    }
}

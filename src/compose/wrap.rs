//! Text wrap around figures (文字绕图) as pure geometry: a figure's
//! footprint (a rectangle or a disc, in frame coordinates) and a column's
//! inline extent in, what a line slot keeps for text out.

use std::ops::Range;

use crate::units::Pt;

/// Least characters a line beside a figure may hold; a narrower slot is
/// skipped (newspaper-page.md).
pub const MIN_WRAP_CHARS: f64 = 3.0;

/// A line slot a figure changes: taken whole, or narrowed to what is left
/// beside the figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SlotKind {
    Blocked,
    /// The line starts `offset` into the column and is `measure` long.
    Narrow {
        offset: Pt,
        measure: Pt,
    },
}

/// What a figure or its caption covers of the line slots.
#[derive(Debug, Clone, PartialEq)]
pub enum Footprint {
    /// Whole slots, over an inline range.
    Rect { slots: Range<u32>, inline: (Pt, Pt) },
    /// A disc centred `inline` along the line and `block` points down the
    /// frame (from slot 0): each of its slots' bands is covered along the
    /// chord the band's nearest edge cuts.
    Disc {
        slots: Range<u32>,
        inline: Pt,
        block: Pt,
        radius: Pt,
    },
}

/// How far text keeps from a figure, and the least measure worth a line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WrapRules {
    pub gap: Pt,
    pub min: Pt,
}

impl Footprint {
    /// The inline range covered in `slot`, slots being `pitch` deep.
    pub fn covers(&self, slot: u32, pitch: Pt) -> Option<(Pt, Pt)> {
        match self {
            Footprint::Rect { slots, inline } => slots.contains(&slot).then_some(*inline),
            Footprint::Disc {
                slots,
                inline,
                block,
                radius,
            } => {
                if !slots.contains(&slot) {
                    return None;
                }
                let (y0, y1) = (pitch * slot as f64, pitch * (slot + 1) as f64);
                let dy = if *block < y0 {
                    y0 - *block
                } else if *block > y1 {
                    *block - y1
                } else {
                    Pt::ZERO
                };
                (dy < *radius).then(|| {
                    let half = Pt((radius.0 * radius.0 - dy.0 * dy.0).max(0.0).sqrt());
                    (*inline - half, *inline + half)
                })
            }
        }
    }
}

/// What a column (inline `column.0..column.1`) keeps of a slot whose
/// `covered` range is taken: the larger free side, if it holds the least
/// measure (text never jumps across a figure), or nothing. `None`: the
/// figure, with its gap, misses the column.
pub fn beside(covered: (Pt, Pt), column: (Pt, Pt), rules: WrapRules) -> Option<SlotKind> {
    let (a, b) = (covered.0 - rules.gap, covered.1 + rules.gap);
    let (lo, hi) = column;
    if b <= lo || a >= hi {
        return None;
    }
    let left = (a - lo).max(Pt::ZERO);
    let right = (hi - b).max(Pt::ZERO);
    Some(if left.0 >= right.0 && left.0 >= rules.min.0 {
        SlotKind::Narrow {
            offset: Pt::ZERO,
            measure: left,
        }
    } else if right.0 >= rules.min.0 {
        SlotKind::Narrow {
            offset: b - lo,
            measure: right,
        }
    } else {
        SlotKind::Blocked
    })
}

/// What a column keeps of `slot` around the first footprint that covers
/// it; `None` when none touches the column there.
pub fn wrap(
    footprints: &[Footprint],
    slot: u32,
    pitch: Pt,
    column: (Pt, Pt),
    rules: WrapRules,
) -> Option<SlotKind> {
    let covered = footprints.iter().find_map(|f| f.covers(slot, pitch))?;
    beside(covered, column, rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: WrapRules = WrapRules {
        gap: Pt(5.0),
        min: Pt(30.0),
    };
    const COLUMN: (Pt, Pt) = (Pt(100.0), Pt(200.0));

    fn rect(a: f64, b: f64) -> Footprint {
        Footprint::Rect {
            slots: 2..6,
            inline: (Pt(a), Pt(b)),
        }
    }

    fn narrow(offset: f64, measure: f64) -> Option<SlotKind> {
        Some(SlotKind::Narrow {
            offset: Pt(offset),
            measure: Pt(measure),
        })
    }

    #[test]
    fn text_keeps_the_larger_side_of_a_rectangle_with_the_gap() {
        // Covered 155..185 with the gap: 55 on the left, 15 on the right.
        assert_eq!(
            wrap(&[rect(160.0, 180.0)], 3, Pt(10.0), COLUMN, RULES),
            narrow(0.0, 55.0)
        );
        // Covered 115..145: 15 left, 55 right, starting 45 in.
        assert_eq!(
            wrap(&[rect(120.0, 140.0)], 3, Pt(10.0), COLUMN, RULES),
            narrow(45.0, 55.0)
        );
        // Equal sides: the line stays at the column's start.
        assert_eq!(
            wrap(&[rect(140.0, 160.0)], 3, Pt(10.0), COLUMN, RULES),
            narrow(0.0, 35.0)
        );
    }

    #[test]
    fn a_slot_with_too_little_room_is_blocked_and_others_are_untouched() {
        assert_eq!(
            wrap(&[rect(120.0, 180.0)], 3, Pt(10.0), COLUMN, RULES),
            Some(SlotKind::Blocked)
        );
        // Outside the figure's slots, or clear of the column with its gap.
        assert_eq!(
            wrap(&[rect(120.0, 180.0)], 6, Pt(10.0), COLUMN, RULES),
            None
        );
        assert_eq!(
            wrap(&[rect(205.0, 260.0)], 3, Pt(10.0), COLUMN, RULES),
            None
        );
        assert_eq!(wrap(&[rect(40.0, 95.0)], 3, Pt(10.0), COLUMN, RULES), None);
    }

    #[test]
    fn a_disc_leaves_each_slot_its_own_measure() {
        // Centre 150 along, 50 down; radius 40; slots 10 deep.
        let disc = [Footprint::Disc {
            slots: 0..10,
            inline: Pt(150.0),
            block: Pt(50.0),
            radius: Pt(40.0),
        }];
        let measure = |slot| match wrap(&disc, slot, Pt(10.0), (Pt(0.0), Pt(150.0)), RULES) {
            Some(SlotKind::Narrow { offset, measure }) => {
                assert_eq!(offset, Pt::ZERO);
                Some(measure.0)
            }
            other => panic!("slot {slot}: {other:?}"),
        };
        // The band through the centre is cut along the diameter: 150 − 40 − 5.
        assert_eq!(measure(4), Some(105.0));
        assert_eq!(measure(5), Some(105.0));
        // Nearer the rim the chord is shorter: 30 down from the centre it
        // is 2·√(40² − 30²) long.
        let half = (40.0f64 * 40.0 - 30.0 * 30.0).sqrt();
        assert_eq!(measure(1), Some(150.0 - half - 5.0));
        assert!(measure(1) > measure(2) && measure(2) > measure(3));
        // A band wholly above or below the disc is untouched.
        assert_eq!(wrap(&disc, 0, Pt(10.0), (Pt(0.0), Pt(150.0)), RULES), None);
        assert_eq!(wrap(&disc, 9, Pt(10.0), (Pt(0.0), Pt(150.0)), RULES), None);
    }

    #[test]
    fn a_slot_takes_the_first_footprint_that_covers_it() {
        let figure = rect(160.0, 180.0);
        let caption = Footprint::Rect {
            slots: 6..8,
            inline: (Pt(110.0), Pt(190.0)),
        };
        let both = [figure, caption];
        assert_eq!(wrap(&both, 5, Pt(10.0), COLUMN, RULES), narrow(0.0, 55.0));
        assert_eq!(
            wrap(&both, 6, Pt(10.0), COLUMN, RULES),
            Some(SlotKind::Blocked)
        );
        assert_eq!(wrap(&both, 8, Pt(10.0), COLUMN, RULES), None);
    }
}

//! Text wrap around figures (文字绕图) as pure geometry: a figure's
//! footprint (a rectangle or a disc, in frame coordinates) and a column's
//! inline extent in, what a line slot keeps for text out.
//!
//! Every line beside a figure stays on the column's character grid: its
//! measure is a whole number of characters, set from the column edge away
//! from the figure, so the gap to the shape is at least the rules' gap and
//! less than that gap and one character, on every line.

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
    /// The line starts `offset` into the column and is `measure` long;
    /// `toward_end`: it lies after the figure, flush with the column's end.
    Narrow {
        offset: Pt,
        measure: Pt,
        toward_end: bool,
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

/// How far text keeps from a figure, the least measure worth a line, and
/// the character the measures are whole multiples of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WrapRules {
    pub gap: Pt,
    pub min: Pt,
    pub char: Pt,
}

impl Footprint {
    /// The inline range covered in `slot`, slots being `pitch` deep, with
    /// `gap` all round: a rectangle grows by it along the line; a disc
    /// grows into the disc of radius + gap, so the text keeps the same
    /// distance from its rim above and below its middle too.
    pub fn covers(&self, slot: u32, pitch: Pt, gap: Pt) -> Option<(Pt, Pt)> {
        match self {
            Footprint::Rect { slots, inline } => slots
                .contains(&slot)
                .then_some((inline.0 - gap, inline.1 + gap)),
            Footprint::Disc {
                slots,
                inline,
                block,
                radius,
            } => {
                // The gap reaches one slot past the disc's own slots.
                let reach = slots.start.saturating_sub(1)..slots.end + 1;
                if !reach.contains(&slot) {
                    return None;
                }
                let r = *radius + gap;
                let (y0, y1) = (pitch * slot as f64, pitch * (slot + 1) as f64);
                let dy = if *block < y0 {
                    y0 - *block
                } else if *block > y1 {
                    *block - y1
                } else {
                    Pt::ZERO
                };
                (dy < r).then(|| {
                    let half = Pt((r.0 * r.0 - dy.0 * dy.0).max(0.0).sqrt());
                    (*inline - half, *inline + half)
                })
            }
        }
    }
}

impl Footprint {
    /// The footprint text wraps around in `columns`: a disc that leaves no
    /// line beside its widest chord in any of them stands as its bounding
    /// block. Text would touch only its four corners, in slivers of a few
    /// characters read across the figure with nothing between them; a
    /// compositor sets such a figure as a block, text above and below.
    pub fn wrapped_in(self, columns: &[(Pt, Pt)], pitch: Pt, rules: WrapRules) -> Footprint {
        let Footprint::Disc {
            slots,
            inline,
            block,
            radius,
        } = &self
        else {
            return self;
        };
        let middle = (block.0 / pitch.0).floor().max(0.0) as u32;
        let beside = |&column: &(Pt, Pt)| {
            let covered = self.covers(middle, pitch, rules.gap);
            matches!(
                covered.and_then(|c| beside(c, column, rules)),
                Some(SlotKind::Narrow { .. })
            )
        };
        if columns.iter().any(beside) {
            return self;
        }
        Footprint::Rect {
            slots: slots.clone(),
            inline: (*inline - *radius, *inline + *radius),
        }
    }
}

/// `length` cut down to whole characters.
fn whole_chars(length: Pt, char: Pt) -> Pt {
    char * ((length.0 / char.0) + 1e-6).floor().max(0.0)
}

/// What a column (inline `column.0..column.1`) keeps of a slot whose
/// `covered` range (gap included) is taken: the larger free side in whole
/// characters, if it holds the least measure (text never jumps across a
/// figure), or nothing. `None`: the figure misses the column.
pub fn beside(covered: (Pt, Pt), column: (Pt, Pt), rules: WrapRules) -> Option<SlotKind> {
    let (a, b) = covered;
    let (lo, hi) = column;
    if b <= lo || a >= hi {
        return None;
    }
    let left = whole_chars((a - lo).max(Pt::ZERO), rules.char);
    let right = whole_chars((hi - b).max(Pt::ZERO), rules.char);
    Some(if left.0 >= right.0 && left.0 >= rules.min.0 - 1e-6 {
        SlotKind::Narrow {
            offset: Pt::ZERO,
            measure: left,
            toward_end: false,
        }
    } else if right.0 >= rules.min.0 - 1e-6 {
        SlotKind::Narrow {
            offset: hi - lo - right,
            measure: right,
            toward_end: true,
        }
    } else {
        SlotKind::Blocked
    })
}

/// What a column keeps of `slot` around the footprints that cover it
/// (their covered ranges joined); `None` when none touches the column
/// there.
pub fn wrap(
    footprints: &[Footprint],
    slot: u32,
    pitch: Pt,
    column: (Pt, Pt),
    rules: WrapRules,
) -> Option<SlotKind> {
    let covered = (footprints.iter())
        .filter_map(|f| f.covers(slot, pitch, rules.gap))
        .reduce(|x, y| (x.0.min(y.0), x.1.max(y.1)))?;
    beside(covered, column, rules)
}

/// `kinds` (what one column keeps of the slots a figure touches, in
/// slot order) with the narrow lines above and below the part of the
/// figure that blocks the column taken too, where they hold less than
/// half its `width`, and the lines between two blocked parts (a disc and
/// its caption) fewer than [`ISLAND`]: beside a disc across most of a
/// column its narrow tips held a line or two of a few characters each,
/// cut off from the text by the figure (gq-set07: 蜧了 alone over a
/// disc's top; gq-set03: 樠面信 between a disc and its caption); a
/// compositor leaves the column white from the figure's top to its foot.
/// A column the figure nowhere blocks keeps every line.
pub fn close_tips(kinds: &mut [(u32, SlotKind)], width: Pt) {
    let blocked = |k: &(u32, SlotKind)| k.1 == SlotKind::Blocked;
    let (Some(first), Some(last)) = (
        kinds.iter().position(blocked),
        kinds.iter().rposition(blocked),
    ) else {
        return;
    };
    let tip = |k: &(u32, SlotKind)| match k.1 {
        SlotKind::Narrow { measure, .. } => measure.0 < width.0 / 2.0,
        SlotKind::Blocked => true,
    };
    // Outward from the blocked part, as long as the lines stay narrow
    // and the slots follow on (a second figure's slots are its own).
    let mut at = first;
    while at > 0 && kinds[at - 1].0 + 1 == kinds[at].0 && tip(&kinds[at - 1]) {
        at -= 1;
        kinds[at].1 = SlotKind::Blocked;
    }
    let mut at = last;
    while at + 1 < kinds.len() && kinds[at].0 + 1 == kinds[at + 1].0 && tip(&kinds[at + 1]) {
        at += 1;
        kinds[at].1 = SlotKind::Blocked;
    }
    let mut run = first;
    for at in first..=last {
        if blocked(&kinds[at]) {
            // Slots the figure misses (whole lines) part the run.
            let follows = run == 0 || kinds[at].0 - kinds[run - 1].0 == (at - run + 1) as u32;
            if at - run < ISLAND && follows {
                (run..at).for_each(|k| kinds[k].1 = SlotKind::Blocked);
            }
            run = at + 1;
        }
    }
}

/// Fewest lines text keeps between two parts of a column a figure blocks.
const ISLAND: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    /// A 5 pt gap, three 10 pt characters at least.
    const RULES: WrapRules = WrapRules {
        gap: Pt(5.0),
        min: Pt(30.0),
        char: Pt(10.0),
    };
    const COLUMN: (Pt, Pt) = (Pt(100.0), Pt(200.0));

    fn rect(a: f64, b: f64) -> Footprint {
        Footprint::Rect {
            slots: 2..6,
            inline: (Pt(a), Pt(b)),
        }
    }

    fn narrow(offset: f64, measure: f64, toward_end: bool) -> Option<SlotKind> {
        Some(SlotKind::Narrow {
            offset: Pt(offset),
            measure: Pt(measure),
            toward_end,
        })
    }

    #[test]
    fn text_keeps_the_larger_side_of_a_rectangle_in_whole_characters() {
        // Covered 155..185 with the gap: 55 on the left, 5 whole characters.
        assert_eq!(
            wrap(&[rect(160.0, 180.0)], 3, Pt(10.0), COLUMN, RULES),
            narrow(0.0, 50.0, false)
        );
        // Covered 115..145: 55 on the right, set flush with the column's
        // end: 50 long from 50 in.
        assert_eq!(
            wrap(&[rect(120.0, 140.0)], 3, Pt(10.0), COLUMN, RULES),
            narrow(50.0, 50.0, true)
        );
        // Equal sides: the line stays at the column's start.
        assert_eq!(
            wrap(&[rect(140.0, 160.0)], 3, Pt(10.0), COLUMN, RULES),
            narrow(0.0, 30.0, false)
        );
    }

    #[test]
    fn the_narrow_tips_beside_a_disc_that_blocks_a_column_are_taken() {
        let n = |m: f64| SlotKind::Narrow {
            offset: Pt::ZERO,
            measure: Pt(m),
            toward_end: false,
        };
        let b = SlotKind::Blocked;
        // A column of 100: 70 and 40 over the blocked middle, 30 and 80
        // under it; a slot apart (another figure) keeps its line.
        let mut kinds = vec![
            (3, n(70.0)),
            (4, n(40.0)),
            (5, b),
            (6, b),
            (7, n(30.0)),
            (8, n(80.0)),
            (10, n(20.0)),
        ];
        close_tips(&mut kinds, Pt(100.0));
        let blocked: Vec<u32> = (kinds.iter())
            .filter(|k| k.1 == SlotKind::Blocked)
            .map(|k| k.0)
            .collect();
        assert_eq!(blocked, vec![4, 5, 6, 7]);
        // Two lines between a disc and its caption are taken; three stay.
        let mut island = vec![(5, b), (6, n(80.0)), (7, n(80.0)), (8, b)];
        close_tips(&mut island, Pt(100.0));
        assert!(island.iter().all(|k| k.1 == SlotKind::Blocked));
        let mut three = vec![(5, b), (6, n(80.0)), (7, n(80.0)), (8, n(80.0)), (9, b)];
        close_tips(&mut three, Pt(100.0));
        assert_eq!(three[2].1, n(80.0));
        // Nowhere blocked: every line stays, however narrow.
        let mut open = vec![(3, n(30.0)), (4, n(20.0)), (5, n(30.0))];
        close_tips(&mut open, Pt(100.0));
        assert!(open.iter().all(|k| k.1 != SlotKind::Blocked));
    }

    #[test]
    fn a_slot_under_three_characters_is_blocked_and_others_are_untouched() {
        // 35 and 15 free: 3 characters on the left.
        assert_eq!(
            wrap(&[rect(140.0, 180.0)], 3, Pt(10.0), COLUMN, RULES),
            narrow(0.0, 30.0, false)
        );
        // 25 and 15 free: under three characters on both sides.
        assert_eq!(
            wrap(&[rect(130.0, 180.0)], 3, Pt(10.0), COLUMN, RULES),
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

    /// A disc of radius 40 centred at 205 along (in a 10 pt gutter between
    /// columns 100..200 and 210..310) and 100 down; slots 10 deep.
    fn straddling() -> [Footprint; 1] {
        [Footprint::Disc {
            slots: 6..14,
            inline: Pt(205.0),
            block: Pt(100.0),
            radius: Pt(40.0),
        }]
    }

    /// The distance from a slot's band to the disc's rim, along the line,
    /// at the band's nearest edge: (text end or start) to the rim.
    fn distance_to_rim(slot: u32, x: f64) -> f64 {
        let (y0, y1) = (slot as f64 * 10.0, (slot + 1) as f64 * 10.0);
        let dy = if 100.0 < y0 {
            y0 - 100.0
        } else if 100.0 > y1 {
            100.0 - y1
        } else {
            0.0
        };
        ((x - 205.0).powi(2) + dy * dy).sqrt() - 40.0
    }

    #[test]
    fn a_disc_across_a_gutter_has_text_on_both_sides_at_a_steady_gap() {
        let left = (Pt(100.0), Pt(200.0));
        let right = (Pt(210.0), Pt(310.0));
        let mut touched = 0;
        for slot in 4..16 {
            let (l, r) = (
                wrap(&straddling(), slot, Pt(10.0), left, RULES),
                wrap(&straddling(), slot, Pt(10.0), right, RULES),
            );
            if let Some(SlotKind::Narrow {
                offset,
                measure,
                toward_end,
            }) = l
            {
                // The left column's text starts at its edge and ends short
                // of the disc by the gap, at most a character more.
                assert_eq!((offset, toward_end), (Pt::ZERO, false));
                assert_eq!(measure.0 % 10.0, 0.0);
                let d = distance_to_rim(slot, 100.0 + measure.0);
                assert!((5.0 - 1e-6..15.0).contains(&d), "slot {slot}: gap {d}");
                touched += 1;
            }
            if let Some(SlotKind::Narrow {
                offset,
                measure,
                toward_end,
            }) = r
            {
                // The right column's text ends at its edge (flush) and
                // keeps the same gap from the other side.
                assert!(toward_end);
                assert_eq!(offset + measure, Pt(100.0));
                assert_eq!(measure.0 % 10.0, 0.0);
                let d = distance_to_rim(slot, 210.0 + offset.0);
                assert!((5.0 - 1e-6..15.0).contains(&d), "slot {slot}: gap {d}");
            }
            // Mirror images: the same measure on both sides.
            let m = |k: Option<SlotKind>| match k {
                Some(SlotKind::Narrow { measure, .. }) => Some(measure),
                _ => None,
            };
            assert_eq!(m(l), m(r), "slot {slot}");
        }
        assert!(touched >= 6);
        // The band through the centre is cut along the diameter and the
        // gap: 205 − 45 = 160, six whole characters from 100.
        assert_eq!(
            wrap(&straddling(), 10, Pt(10.0), left, RULES),
            narrow(0.0, 60.0, false)
        );
        // The gap reaches the slots just above and below the disc...
        assert!(wrap(&straddling(), 5, Pt(10.0), left, RULES).is_some());
        assert!(wrap(&straddling(), 14, Pt(10.0), left, RULES).is_some());
        // ...and no further.
        assert_eq!(wrap(&straddling(), 4, Pt(10.0), left, RULES), None);
        assert_eq!(wrap(&straddling(), 15, Pt(10.0), left, RULES), None);
    }

    #[test]
    fn a_disc_leaves_each_slot_its_own_measure() {
        // Centre 150 along, 50 down; radius 40; slots 10 deep.
        let disc = [Footprint::Disc {
            slots: 1..9,
            inline: Pt(150.0),
            block: Pt(50.0),
            radius: Pt(40.0),
        }];
        let measure = |slot| match wrap(&disc, slot, Pt(10.0), (Pt(0.0), Pt(150.0)), RULES) {
            Some(SlotKind::Narrow { measure, .. }) => measure.0,
            other => panic!("slot {slot}: {other:?}"),
        };
        // Through the centre: 150 − 45 = 105, ten whole characters.
        assert_eq!(measure(4), 100.0);
        assert_eq!(measure(5), 100.0);
        // Nearer the rim the chord is shorter and the line longer.
        assert!(measure(1) > measure(3) && measure(3) >= measure(4));
    }

    #[test]
    fn a_figure_and_its_caption_are_avoided_together() {
        let figure = rect(160.0, 180.0);
        let caption = Footprint::Rect {
            slots: 5..8,
            inline: (Pt(110.0), Pt(190.0)),
        };
        let both = [figure, caption];
        assert_eq!(
            wrap(&both, 4, Pt(10.0), COLUMN, RULES),
            narrow(0.0, 50.0, false)
        );
        // Slot 5 holds both: the wider range counts.
        assert_eq!(
            wrap(&both, 5, Pt(10.0), COLUMN, RULES),
            Some(SlotKind::Blocked)
        );
        assert_eq!(wrap(&both, 8, Pt(10.0), COLUMN, RULES), None);
    }

    #[test]
    fn a_disc_with_no_line_beside_its_middle_stands_as_a_block() {
        let left = (Pt(100.0), Pt(200.0));
        let right = (Pt(210.0), Pt(310.0));
        // Across the gutter with six characters each side: kept round.
        let kept = straddling()[0]
            .clone()
            .wrapped_in(&[left, right], Pt(10.0), RULES);
        assert_eq!(kept, straddling()[0]);
        // As wide as both columns: the middle line keeps nothing, the
        // corners three or four characters; set as its square.
        let wide = Footprint::Disc {
            slots: 0..21,
            inline: Pt(205.0),
            block: Pt(105.0),
            radius: Pt(105.0),
        };
        assert!(
            wrap(std::slice::from_ref(&wide), 1, Pt(10.0), left, RULES)
                .is_some_and(|k| k != SlotKind::Blocked)
        );
        let block = wide.wrapped_in(&[left, right], Pt(10.0), RULES);
        assert_eq!(
            block,
            Footprint::Rect {
                slots: 0..21,
                inline: (Pt(100.0), Pt(310.0)),
            }
        );
        assert_eq!(
            wrap(std::slice::from_ref(&block), 1, Pt(10.0), left, RULES),
            Some(SlotKind::Blocked)
        );
        assert_eq!(wrap(&[block], 21, Pt(10.0), left, RULES), None);
        // A rectangle is what it is.
        assert_eq!(
            rect(120.0, 180.0).wrapped_in(&[COLUMN], Pt(10.0), RULES),
            rect(120.0, 180.0)
        );
    }
}

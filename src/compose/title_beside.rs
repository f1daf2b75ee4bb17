//! Text run up beside a title block's shorter lines (题文穿插): a column
//! of the block that its last lines do not reach starts under the last
//! line that does, instead of under the whole block. The white beside a
//! headline's short last line (or a short one-line headline) was a hole
//! a column wide and a headline line deep; the compositor fills it with
//! the text of the columns beside it.

use super::holes::HOLE_EMS;
use super::title_fit::Stack;
use super::transform::LineAt;
use crate::linebreak::Line;
use crate::model::Grid;
use crate::units::Pt;

/// Least slots a column runs up: by one, its top would only be ragged
/// against its neighbours', with no hole closed.
const LEAST_GAIN: u32 = 2;

/// A heading line as set in the block: its slots and its ink along the
/// line, in frame points from the module's start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct InkLine {
    pub slot: u32,
    pub per: u32,
    pub size: Pt,
    pub ink: (Pt, Pt),
}

/// A heading line planned in the block: its header paragraph, the line,
/// where it is set and its ink.
pub(super) struct Planned {
    pub n: usize,
    /// A line of the headline (not of the kicker or deck).
    pub headline: bool,
    pub line: Line,
    pub at: LineAt,
    pub ink: InkLine,
}

/// The first slot of the body text in each of the block's `columns`:
/// under the whole block (`below`), or, where the headline's last line
/// ends the block, run up beside that line ([`column_tops`]), centred or
/// staggered (错落: set flush with the end of the block's widest line,
/// freeing the columns at its start), whichever runs up more text.
/// Never where the row keeps a stretch of white a hole wide beside the
/// line (between it and a column's text, or the block's end): text run
/// up next to it would only frame it, and on a page's top row it lifts
/// the type area's top past the white beside every other headline there.
pub(super) fn stagger(planned: &mut [Planned], grid: &Grid, columns: u32, below: u32) -> Vec<u32> {
    let under = vec![below; columns as usize];
    // Only beside the headline's own last line: text run up beside a
    // deck or kicker would start an article's columns beside its
    // subtitle, above the headline's foot.
    if !planned.last().is_some_and(|l| l.headline) {
        return under;
    }
    let inks: Vec<InkLine> = planned.iter().map(|p| p.ink).collect();
    let open = |ink: &[InkLine]| {
        let tops = column_tops(ink, grid, columns, below);
        let last = ink[ink.len() - 1];
        let ok = gain(&tops, below) > 0 && wide_whites(&last, &tops, grid, below) == 0;
        ok.then_some(tops)
    };
    let centred = open(&inks);
    let [.., above, last] = planned else {
        return centred.unwrap_or(under);
    };
    let end = (inks.iter()).fold(Pt::ZERO, |e, l| Pt(e.0.max(l.ink.1.0)));
    let shift = end - last.ink.ink.1;
    let mut moved = inks;
    if let Some(l) = moved.last_mut() {
        l.ink = (l.ink.0 + shift, l.ink.1 + shift);
    }
    let flush = (above.n == last.n && shift.0 > 0.0)
        .then(|| open(&moved))
        .flatten();
    match (centred, flush) {
        (Some(c), Some(f)) if gain(&f, below) <= gain(&c, below) => c,
        (_, Some(f)) => {
            last.at.inline += shift;
            last.ink = moved[moved.len() - 1];
            f
        }
        (c, None) => c.unwrap_or(under),
    }
}

/// Slots the columns run up, in all.
fn gain(tops: &[u32], below: u32) -> u32 {
    tops.iter().map(|&t| below - t).sum()
}

/// Stretches of white along `line`'s row wide enough for a hole: between
/// the line's ink and the text of the columns run up beside it, or the
/// block's ends (a glyph's cell and the one beside it are taken, as
/// [`super::holes`] counts: [`HOLE_EMS`] empty cells take that and two).
fn wide_whites(line: &InkLine, tops: &[u32], grid: &Grid, below: u32) -> usize {
    let wide = grid.body_size * (HOLE_EMS as f64 + 2.0);
    let end = grid.column_start(tops.len() as u32) - grid.gutter;
    let mut taken: Vec<(Pt, Pt)> = (0..tops.len() as u32)
        .filter(|&c| tops[c as usize] < below)
        .map(|c| grid.column_extent(c))
        .collect();
    taken.push(line.ink);
    taken.sort_by(|a, b| a.0.0.total_cmp(&b.0.0));
    let mut at = Pt::ZERO;
    let mut whites = 0;
    for (a, b) in taken.into_iter().chain([(end, end)]) {
        whites += (a - at >= wide) as usize;
        at = Pt(at.0.max(b.0));
    }
    whites
}

/// The first slot of each of the first `columns` columns where the body
/// text starts: under the last heading line whose ink, a body character
/// away from it, reaches into the column; `below` (the slot under the
/// whole block) where that gains fewer than [`LEAST_GAIN`] slots, or no
/// line reaches the column (text run up to the module's top beside a
/// short block would stand the block in the middle of its text, white
/// on both sides: a block narrower than its module spans fewer columns,
/// [`super::title::page_title`]).
pub(super) fn column_tops(lines: &[InkLine], grid: &Grid, columns: u32, below: u32) -> Vec<u32> {
    let gap = grid.body_size;
    (0..columns)
        .map(|c| {
            let (a, b) = grid.column_extent(c);
            let reaches = |l: &&InkLine| l.ink.0 - gap < b && l.ink.1 + gap > a;
            let free = (lines.iter().rev().find(reaches)).map_or(below, |l| under(l, grid));
            match free + LEAST_GAIN <= below {
                true => free,
                false => below,
            }
        })
        .collect()
}

/// The first slot under `line` where a line of body text clears its box.
fn under(line: &InkLine, grid: &Grid) -> u32 {
    Stack::under_line(grid, (line.slot, line.per), line.size)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Four columns of 130 pt with 10 pt gutters, 10 pt text, 15 pt slots.
    fn grid() -> Grid {
        Grid {
            vertical: false,
            columns: 4,
            column_width: Pt(130.0),
            gutter: Pt(10.0),
            body_size: Pt(10.0),
            pitch: Pt(15.0),
            left: Pt::ZERO,
            top: Pt::ZERO,
            right: Pt(550.0),
            lines: 60,
        }
    }

    fn line(slot: u32, from: f64, to: f64) -> InkLine {
        InkLine {
            slot,
            per: 3,
            size: Pt(30.0),
            ink: (Pt(from), Pt(to)),
        }
    }

    /// The four columns' tops under a long first line across them all and
    /// a second line whose ink runs from `from` to `to`; the slots under
    /// the first line and under the block.
    fn beside_second(from: f64, to: f64) -> (Vec<u32>, u32, u32) {
        let g = grid();
        let lines = [line(0, 20.0, 530.0), line(3, from, to)];
        let below = under(&lines[1], &g);
        (
            column_tops(&lines, &g, 4, below),
            under(&lines[0], &g),
            below,
        )
    }

    #[test]
    fn the_columns_beside_a_short_last_line_start_under_the_line_above() {
        // A short second line centred over the middle two (170..380).
        let (tops, first, below) = beside_second(170.0, 380.0);
        assert!(first + LEAST_GAIN <= below);
        assert_eq!(tops, vec![first, below, below, first]);
    }

    #[test]
    fn a_column_the_short_line_nearly_reaches_stays_under_it() {
        // The second line's ink ends 5 pt before the fourth column (at
        // 420): less than a body character away, the column stays under.
        let (tops, _, below) = beside_second(170.0, 415.0);
        assert_eq!(tops[3], below);
        assert!(tops[0] < below);
    }

    #[test]
    fn no_column_runs_up_beside_lines_of_the_blocks_width() {
        let g = grid();
        let lines = [line(0, 0.0, 550.0), line(3, 5.0, 545.0)];
        let below = under(&lines[1], &g);
        assert_eq!(column_tops(&lines, &g, 4, below), vec![below; 4]);
    }

    #[test]
    fn a_column_no_line_reaches_keeps_under_the_block() {
        let g = grid();
        // A short one-line headline over the middle columns: the outer
        // ones would run up to the module's top beside it.
        let lines = [line(0, 170.0, 380.0)];
        let below = under(&lines[0], &g);
        assert_eq!(column_tops(&lines, &g, 4, below), vec![below; 4]);
    }

    #[test]
    fn white_a_hole_wide_beside_the_last_line_is_counted() {
        let g = grid();
        let below = 10;
        // Centred over the middle columns, no column run up: 170 and 170
        // points of white at its ends (six body characters make a hole's
        // width with the cells beside type).
        let centred = line(3, 170.0, 380.0);
        assert_eq!(wide_whites(&centred, &[below; 4], &g, below), 2);
        // Flush with the block's end (340..550) beside the first two
        // columns run up: 70 points from the second column's end.
        let flush = line(3, 340.0, 550.0);
        assert_eq!(wide_whites(&flush, &[6, 6, below, below], &g, below), 1);
        // Wider (290..550): 20 points, no hole.
        let wider = line(3, 290.0, 550.0);
        assert_eq!(wide_whites(&wider, &[6, 6, below, below], &g, below), 0);
    }
}

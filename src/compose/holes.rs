//! White holes in a page's type area, counted as a compositor (and
//! ../shared/tools/pagecheck.py) counts them: the type area runs from the
//! first to the last body glyph; it is cut into body-em cells; a cell next
//! to type or a figure is taken (leading and gutters belong to the text);
//! every empty square of at least [`HOLE_EMS`] cells is white, and each
//! connected patch of it is a hole. A glyph covers the box a PDF reader
//! gives it (see [`boxes`]), not its em box: the count is the one
//! pagecheck makes of the written page.

use super::transform::{EM_ASCENT, FrameRect, Transform};
use super::{Page, PageItem, RunMode};
use crate::model::Grid;

/// Smallest hole, in body ems a side.
pub const HOLE_EMS: usize = 4;

/// A page's holes: how many, and the largest one's extent in ems (across,
/// down).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Holes {
    pub count: u32,
    pub largest: (u32, u32),
}

/// A rectangle in points: x0, y0, x1, y1.
pub(super) type Rect = (f64, f64, f64, f64);

/// The holes of `page`'s type area: where its body type stands, as
/// pagecheck takes it (not the page grid's).
pub fn holes(page: &Page) -> Holes {
    holes_as(page, READER_DROP)
}

/// The holes of a page with vertical lines on its glyphs' ink (see
/// [`holes_meeting_both`]); `None` for a page without: its count is
/// [`holes`]'.
pub fn holes_on_ink(page: &Page) -> Option<Holes> {
    has_vertical(&[page]).then(|| holes_as(page, 0.0))
}

/// Whether any of `pages` has a vertical line.
fn has_vertical(pages: &[&Page]) -> bool {
    (pages.iter().flat_map(|p| p.items.iter()))
        .any(|i| matches!(i, PageItem::Text(r) if r.mode == RunMode::Vertical))
}

/// [`holes`] with vertical glyphs' boxes dropped `drop` ems.
fn holes_as(page: &Page, drop: f64) -> Holes {
    let Some((white, _, _)) = white_of(&[page], drop) else {
        return Holes::default();
    };
    let mut out = Holes::default();
    for (r0, c0, r1, c1) in patches(&white) {
        out.count += 1;
        let size = ((c1 - c0 + 1) as u32, (r1 - r0 + 1) as u32);
        if size.0 * size.1 > out.largest.0 * out.largest.1 {
            out.largest = size;
        }
    }
    out
}

type Patch = (usize, usize, usize, usize);

/// How many holes the items of `pages` (the modules set on one page)
/// leave.
pub fn holes_among(pages: &[&Page]) -> u32 {
    white_of(pages, READER_DROP).map_or(0, |(white, _, _)| weighed(&white, &patches(&white)))
}

/// Holes `patches` of `white` counted once each and once more for every
/// [`HOLE_WEIGHT`] cells among them: a strip of white down a page is
/// worse than two small holes.
fn weighed(white: &[Vec<bool>], patches: &[Patch]) -> u32 {
    let cells = white.iter().flatten().filter(|&&w| w).count();
    (patches.len() + cells / HOLE_WEIGHT) as u32
}

/// A rectangle of the page grid: `columns` columns from the first, and
/// line slots `top..bottom`.
pub type GridRect = ((u32, u32), (u32, u32));

/// The holes among the items of `pages` (the modules set on one page),
/// weighed by their size (see [`weighed`]), and, per rectangle of
/// `rects` (of the page grid `grid`), how many of them reach into it:
/// counted on the page's own cells, as [`holes`] counts them, so that a
/// hole is the same wherever a rectangle cuts it.
pub fn holes_meeting(pages: &[&Page], grid: &Grid, rects: &[GridRect]) -> (u32, Vec<u32>) {
    meeting_as(pages, grid, rects, READER_DROP)
}

/// [`holes_meeting`] counted twice on a page with vertical lines, as a
/// reader boxes their glyphs and on their ink (see [`boxes`]), the counts
/// added: a reader's boxes stand 0.88 em under a vertical glyph's ink, so
/// that pagecheck finds white at the head of a large vertical headline
/// that is not there, and misses white at its foot that is. A make-up
/// kept for the fewest holes either way leaves the fewest a compositor
/// sees and the fewest the checker reports.
pub fn holes_meeting_both(pages: &[&Page], grid: &Grid, rects: &[GridRect]) -> (u32, Vec<u32>) {
    let (mut holes, mut met) = holes_meeting(pages, grid, rects);
    if has_vertical(pages) {
        let (ink, on_ink) = meeting_as(pages, grid, rects, 0.0);
        holes += ink;
        met.iter_mut().zip(on_ink).for_each(|(m, i)| *m += i);
    }
    (holes, met)
}

/// [`holes_meeting`] with vertical glyphs' boxes dropped `drop` ems
/// under their em boxes (see [`boxes`]).
fn meeting_as(pages: &[&Page], grid: &Grid, rects: &[GridRect], drop: f64) -> (u32, Vec<u32>) {
    let Some((white, area, em)) = white_of(pages, drop) else {
        return (0, vec![0; rects.len()]);
    };
    let patches = patches(&white);
    let meeting = |&((first, columns), (top, bottom)): &GridRect| {
        let span = (top as f64, bottom.saturating_sub(top) as f64);
        let (x0, y0, x1, y1) = columns_rect(grid, (first, columns), span);
        let cell = |v: f64, o: f64| ((v - o) / em).floor();
        let (c0, c1) = (cell(x0, area.0), cell(x1, area.0));
        let (r0, r1) = (cell(y0, area.1), cell(y1, area.1));
        let meets = |&&(pr0, pc0, pr1, pc1): &&Patch| {
            pc0 as f64 <= c1 && pc1 as f64 >= c0 && pr0 as f64 <= r1 && pr1 as f64 >= r0
        };
        patches.iter().filter(meets).count() as u32
    };
    (
        weighed(&white, &patches),
        rects.iter().map(meeting).collect(),
    )
}

/// The holes inside the rectangle `rect` of the page grid `grid` among
/// the items of `pages` (a module laid out on its own), [`weighed`] by
/// their size: the larger the hole, the worse the module. The rectangle is the type area, so
/// that white at a headline's ends, outside the body type's extent,
/// counts as it will on the page.
pub fn holes_inside(pages: &[&Page], grid: &Grid, rect: GridRect) -> u32 {
    inside_as(pages, grid, rect, READER_DROP)
}

/// [`holes_inside`] counted twice on pages with vertical lines, as a
/// reader boxes their glyphs and on their ink, the counts added (see
/// [`holes_meeting_both`]): white at the foot of a short vertical
/// headline line shows on the ink only.
pub fn holes_inside_both(pages: &[&Page], grid: &Grid, rect: GridRect) -> u32 {
    let ink = has_vertical(pages).then(|| inside_as(pages, grid, rect, 0.0));
    holes_inside(pages, grid, rect) + ink.unwrap_or(0)
}

/// [`holes_inside`] with vertical glyphs' boxes dropped `drop` ems.
fn inside_as(pages: &[&Page], grid: &Grid, rect: GridRect, drop: f64) -> u32 {
    let items = || pages.iter().flat_map(|p| p.items.iter());
    let Some(em) = body_size(items()) else {
        return 0;
    };
    let ((first, columns), (top, bottom)) = rect;
    let span = (top as f64, bottom.saturating_sub(top) as f64);
    let area = columns_rect(grid, (first, columns), span);
    let white = white_over(pages, area, (em, drop));
    weighed(&white, &patches(&white))
}

/// White cells that weigh as much as one more hole: an 8 × 8 em patch.
const HOLE_WEIGHT: usize = 64;

/// The white cells of the type area of `pages` laid over each other, the
/// area and its body size; `None` for pages without body text.
fn white_of(pages: &[&Page], drop: f64) -> Option<(Vec<Vec<bool>>, Rect, f64)> {
    let items = || pages.iter().flat_map(|p| p.items.iter());
    let em = body_size(items())?;
    let body = (items())
        .filter(|i| matches!(i, PageItem::Text(r) if (r.size.0 - em).abs() < 0.15 * em))
        .flat_map(|i| boxes(i, drop));
    let area = body.reduce(|a, b| (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3)))?;
    Some((white_over(pages, area, (em, drop)), area, em))
}

/// The white cells of `area` (cells of `em` points) among the items of
/// `pages` laid over each other.
fn white_over(pages: &[&Page], area: Rect, (em, drop): (f64, f64)) -> Vec<Vec<bool>> {
    let boxes: Vec<Rect> = (pages.iter())
        .flat_map(|p| p.items.iter())
        .flat_map(|i| boxes(i, drop))
        .collect();
    white(&used(&boxes, area, em))
}

/// The body size of `items`: the size most of their non-ASCII glyphs are
/// set in (of two alike, the smaller).
fn body_size<'a>(items: impl Iterator<Item = &'a PageItem>) -> Option<f64> {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for item in items {
        let PageItem::Text(run) = item else { continue };
        let text =
            |g: &super::PlacedGlyph| run.text.get(g.text.start as usize..g.text.end as usize);
        let n = (run.glyphs.iter())
            .filter(|g| text(g).is_some_and(|t| !t.is_empty() && !t.is_ascii()))
            .count();
        let key = (run.size.0 * 10.0).round() as i64;
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some(c) => c.1 += n,
            None => counts.push((key, n)),
        }
    }
    counts.sort_by_key(|&(k, n)| (std::cmp::Reverse(n), k));
    counts
        .first()
        .filter(|c| c.1 > 0)
        .map(|c| c.0 as f64 / 10.0)
}

/// The page rectangle of `columns` columns from `first`, `slots` slots from
/// `slot`, of the page grid.
pub(super) fn columns_rect(
    grid: &Grid,
    (first, columns): (u32, u32),
    (slot, slots): (f64, f64),
) -> Rect {
    let inline = grid.column_start(first);
    let length = grid.column_start(first + columns.max(1) - 1) + grid.column_width - inline;
    let r = Transform::of(grid).rect(FrameRect {
        slot,
        slots,
        inline,
        length,
    });
    (r.x.0, r.y.0, (r.x + r.width).0, (r.y + r.height).0)
}

/// The cells of `area` (in body ems of `em` points) next to one of `boxes`
/// or on it: leading and gutters belong to the text.
fn used(boxes: &[Rect], area: Rect, em: f64) -> Vec<Vec<bool>> {
    let cols = ((area.2 - area.0) / em).floor().max(1.0) as usize;
    let rows = ((area.3 - area.1) / em).floor().max(1.0) as usize;
    let mut used = vec![vec![false; cols]; rows];
    // Truncated toward zero, as pagecheck's int() does.
    let cell = |v: f64, o: f64| ((v - o) / em) as i64;
    let cells = |r: &Rect| Cells {
        across: (cell(r.0, area.0) - 1, cell(r.2, area.0) + 1),
        down: (cell(r.1, area.1) - 1, cell(r.3, area.1) + 1),
    };
    // A line's glyphs follow each other over the same cells across (down
    // a vertical line) or down (along a horizontal one): their cells are
    // marked once for the run.
    let mut run: Option<Cells> = None;
    for r in boxes {
        let next = cells(r);
        match run.as_mut().filter(|run| run.joins(&next)) {
            Some(run) => run.join(&next),
            None => {
                if let Some(done) = run.replace(next) {
                    done.mark(&mut used);
                }
            }
        }
    }
    if let Some(done) = run {
        done.mark(&mut used);
    }
    used
}

/// The cells a box takes, the cells next to it included: first and last
/// column across, first and last row down (either may fall outside the
/// area).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Cells {
    across: (i64, i64),
    down: (i64, i64),
}

impl Cells {
    /// Whether `other` takes the same cells one way and cells next to or
    /// over these the other: the two together are one rectangle.
    fn joins(&self, other: &Cells) -> bool {
        let touch = |a: (i64, i64), b: (i64, i64)| b.0 <= a.1 + 1 && b.1 >= a.0 - 1;
        (self.across == other.across && touch(self.down, other.down))
            || (self.down == other.down && touch(self.across, other.across))
    }

    fn join(&mut self, other: &Cells) {
        let span = |a: (i64, i64), b: (i64, i64)| (a.0.min(b.0), a.1.max(b.1));
        (self.across, self.down) = (span(self.across, other.across), span(self.down, other.down));
    }

    fn mark(&self, used: &mut [Vec<bool>]) {
        // Clipped to the area (empty where it lies outside).
        let range = |(a, b): (i64, i64), n: usize| {
            let end = ((b + 1).max(0) as usize).min(n);
            (a.max(0) as usize).min(end)..end
        };
        let (rows, cols) = (used.len(), used.first().map_or(0, Vec::len));
        let across = range(self.across, cols);
        for row in &mut used[range(self.down, rows)] {
            row[across.clone()].fill(true);
        }
    }
}

/// A glyph's reach over and under its baseline, in ems, as a PDF reader
/// boxes a glyph set along a horizontal baseline: the font's ascender and
/// descender (Noto CJK's, 1.16 and 0.29; MuPDF's figures, which
/// pagecheck reads), not the em box: a headline's box reaches a sixth of
/// its size higher than its ink.
const ASCENT: f64 = 1.16;
const DESCENT: f64 = 0.29;

/// The boxes an item covers as a reader gives them: a glyph along a
/// horizontal baseline from its ascender to its descender; an upright one
/// in a vertical line its em box dropped by `drop` ems: a reader's
/// [`READER_DROP`] (MuPDF, and so pagecheck, offsets it by the vertical
/// origin's height over the em box's foot, so that its box stands that
/// much lower than its ink; counted the same, holes are the ones
/// pagecheck finds), or none (on the ink); a turned one across from its
/// descender to its ascender; an image its frame.
fn boxes(item: &PageItem, drop: f64) -> Vec<Rect> {
    match item {
        PageItem::Text(run) => {
            let s = run.size.0;
            (run.glyphs.iter())
                .map(|g| {
                    let (x, y, a) = (g.x.0, g.y.0, g.advance.0.max(s * 0.5));
                    match run.mode {
                        RunMode::Horizontal | RunMode::Combined(_) => {
                            (x, y - s * ASCENT, x + a, y + s * DESCENT)
                        }
                        RunMode::Vertical => {
                            let y = y + s * drop;
                            (x - s / 2.0, y, x + s / 2.0, y + a)
                        }
                        RunMode::Rotated => (x - s * DESCENT, y, x + s * ASCENT, y + a),
                    }
                })
                .collect()
        }
        PageItem::Image(i) => vec![(i.x.0, i.y.0, i.x.0 + i.width.0, i.y.0 + i.height.0)],
        PageItem::Rule(_) | PageItem::Dot(_) => Vec::new(),
    }
}

/// How far a reader drops a vertical glyph's box under its em box, in
/// ems (see [`boxes`]).
const READER_DROP: f64 = EM_ASCENT;

/// The cells an empty square of [`HOLE_EMS`] cells covers.
fn white(used: &[Vec<bool>]) -> Vec<Vec<bool>> {
    let (rows, cols) = (used.len(), used.first().map_or(0, Vec::len));
    let n = HOLE_EMS;
    let mut sq = vec![vec![0usize; cols + 1]; rows + 1];
    let mut out = vec![vec![false; cols]; rows];
    for r in 0..rows {
        for c in 0..cols {
            if used[r][c] {
                continue;
            }
            sq[r + 1][c + 1] = 1 + sq[r][c + 1].min(sq[r + 1][c]).min(sq[r][c]);
            if sq[r + 1][c + 1] >= n {
                for row in out.iter_mut().take(r + 1).skip(r + 1 - n) {
                    row[c + 1 - n..=c].iter_mut().for_each(|x| *x = true);
                }
            }
        }
    }
    out
}

/// The connected patches of white cells, each by its bounding box in
/// cells: first row, first column, last row, last column.
fn patches(white: &[Vec<bool>]) -> Vec<Patch> {
    let (rows, cols) = (white.len(), white.first().map_or(0, Vec::len));
    let mut seen = vec![vec![false; cols]; rows];
    let mut out = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            if !white[r][c] || seen[r][c] {
                continue;
            }
            let (mut lo, mut hi) = ((r, c), (r, c));
            let mut stack = vec![(r, c)];
            seen[r][c] = true;
            while let Some((y, x)) = stack.pop() {
                lo = (lo.0.min(y), lo.1.min(x));
                hi = (hi.0.max(y), hi.1.max(x));
                let near = [
                    (y + 1, x),
                    (y.wrapping_sub(1), x),
                    (y, x + 1),
                    (y, x.wrapping_sub(1)),
                ];
                for (yy, xx) in near {
                    if yy < rows && xx < cols && white[yy][xx] && !seen[yy][xx] {
                        seen[yy][xx] = true;
                        stack.push((yy, xx));
                    }
                }
            }
            out.push((lo.0, lo.1, hi.0, hi.1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: usize, cols: usize, taken: &[(usize, usize, usize, usize)]) -> Vec<Vec<bool>> {
        let mut g = vec![vec![false; cols]; rows];
        for &(r0, r1, c0, c1) in taken {
            for row in g.iter_mut().take(r1).skip(r0) {
                row[c0..c1].iter_mut().for_each(|x| *x = true);
            }
        }
        g
    }

    #[test]
    fn a_full_area_has_no_hole_and_an_empty_corner_has_one() {
        assert!(patches(&white(&grid(10, 10, &[(0, 10, 0, 10)]))).is_empty());
        let h = patches(&white(&grid(10, 10, &[(0, 10, 0, 5), (0, 4, 5, 10)])));
        assert_eq!(h, vec![(4, 5, 9, 9)]);
    }

    #[test]
    fn a_strip_of_white_down_the_area_weighs_more_than_two_small_holes() {
        // Five cells by sixty, against two patches of four by five.
        let strip = white(&grid(60, 10, &[(0, 60, 0, 5)]));
        let taken = [
            (4, 40, 0, 10),
            (44, 60, 0, 10),
            (0, 4, 0, 5),
            (40, 44, 5, 10),
        ];
        let two = white(&grid(60, 10, &taken));
        let (ps, pt) = (patches(&strip), patches(&two));
        assert_eq!((ps.len(), pt.len()), (1, 2));
        assert!(weighed(&strip, &ps) > weighed(&two, &pt));
    }

    /// Glyph boxes marked a run at a time take the cells they take one
    /// at a time: lines of glyphs down and across, glyphs spaced wider
    /// than their margins, boxes reaching past the area's edges.
    #[test]
    fn a_line_of_glyphs_takes_the_cells_its_glyphs_take() {
        let (area, em) = ((0.0, 0.0, 300.0, 400.0), 10.0);
        let mut boxes: Vec<Rect> = Vec::new();
        // Down vertical lines, glyphs 1 to 6.5 ems apart: from 4.5 ems
        // on, white cells between their cells.
        let steps = [10.0, 12.0, 35.0, 45.0, 50.0, 55.0, 65.0];
        for (k, step) in steps.into_iter().enumerate() {
            let x = 20.0 + 40.0 * k as f64;
            boxes.extend((0..12).map(|i| {
                (
                    x - 5.0,
                    3.0 + step * i as f64,
                    x + 5.0,
                    13.0 + step * i as f64,
                )
            }));
        }
        // Along horizontal lines; one past the right edge, one over the top.
        boxes.extend((0..40).map(|i| (5.0 + 9.0 * i as f64, 250.0, 14.0 + 9.0 * i as f64, 262.0)));
        boxes.extend((0..8).map(|i| (100.0 + 25.0 * i as f64, -8.0, 108.0 + 25.0 * i as f64, 4.0)));
        let one_by_one = {
            let mut g = used(&[], area, em);
            for b in &boxes {
                let u = used(std::slice::from_ref(b), area, em);
                (g.iter_mut().flatten().zip(u.iter().flatten())).for_each(|(g, u)| *g |= u);
            }
            g
        };
        assert_eq!(used(&boxes, area, em), one_by_one);
    }

    #[test]
    fn white_three_cells_deep_is_no_hole() {
        let h = patches(&white(&grid(10, 10, &[(0, 7, 0, 10)])));
        assert!(h.is_empty());
    }
}

//! White holes in a page's type area, counted as a compositor (and
//! ../shared/tools/pagecheck.py) counts them: the area is cut into body-em
//! cells; a cell next to type or a figure is taken (leading and gutters
//! belong to the text); every empty square of at least [`HOLE_EMS`] cells
//! is white, and each connected patch of it is a hole.

use super::transform::{FrameRect, Transform};
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
type Rect = (f64, f64, f64, f64);

/// The holes of `page`'s type area on the page grid `grid`.
pub fn holes(page: &Page, grid: &Grid) -> Holes {
    let boxes: Vec<Rect> = page.items.iter().flat_map(boxes).collect();
    patches(&white(&used(&boxes, type_area(grid), grid.body_size.0)))
}

/// The holes in the rectangle of `columns` columns from `first`, slots
/// `top..bottom`, of the page grid `grid`, among the items of `pages` (the
/// modules set on one page so far).
pub fn holes_in(
    pages: &[&Page],
    grid: &Grid,
    (first, columns): (u32, u32),
    (top, bottom): (u32, u32),
) -> u32 {
    let area = columns_rect(
        grid,
        (first, columns),
        (top as f64, bottom.saturating_sub(top) as f64),
    );
    let items: Vec<Rect> = (pages.iter())
        .flat_map(|p| p.items.iter().flat_map(boxes))
        .collect();
    patches(&white(&used(&items, area, grid.body_size.0))).count
}

/// The page rectangle of `columns` columns from `first`, `slots` slots from
/// `slot`, of the page grid.
fn columns_rect(grid: &Grid, (first, columns): (u32, u32), (slot, slots): (f64, f64)) -> Rect {
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
    for r in boxes {
        let cell = |v: f64, o: f64| ((v - o) / em).floor() as i64;
        let (c0, c1) = (cell(r.0, area.0) - 1, cell(r.2, area.0) + 1);
        let (r0, r1) = (cell(r.1, area.1) - 1, cell(r.3, area.1) + 1);
        for row in used
            .iter_mut()
            .take((r1 + 1).max(0) as usize)
            .skip(r0.max(0) as usize)
        {
            for c in row
                .iter_mut()
                .take((c1 + 1).max(0) as usize)
                .skip(c0.max(0) as usize)
            {
                *c = true;
            }
        }
    }
    used
}

/// The page grid's type area.
fn type_area(g: &Grid) -> Rect {
    let depth = g.pitch.0 * g.lines as f64;
    if g.vertical {
        (
            g.right.0 - depth,
            g.top.0,
            g.right.0,
            g.top.0 + g.measure().0,
        )
    } else {
        (g.left.0, g.top.0, g.left.0 + g.measure().0, g.top.0 + depth)
    }
}

/// The boxes an item covers: a glyph's em box, an image's frame.
fn boxes(item: &PageItem) -> Vec<Rect> {
    match item {
        PageItem::Text(run) => {
            let s = run.size.0;
            (run.glyphs.iter())
                .map(|g| {
                    let (x, y, a) = (g.x.0, g.y.0, g.advance.0.max(s * 0.5));
                    match run.mode {
                        RunMode::Horizontal => (x, y - s * 0.88, x + a, y + s * 0.12),
                        RunMode::Vertical => (x - s / 2.0, y, x + s / 2.0, y + a),
                        _ => (x - s / 2.0, y - s / 2.0, x + s / 2.0, y + a),
                    }
                })
                .collect()
        }
        PageItem::Image(i) => vec![(i.x.0, i.y.0, i.x.0 + i.width.0, i.y.0 + i.height.0)],
        PageItem::Rule(_) | PageItem::Dot(_) => Vec::new(),
    }
}

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

/// The connected patches of white cells: how many, and the largest
/// bounding box.
fn patches(white: &[Vec<bool>]) -> Holes {
    let (rows, cols) = (white.len(), white.first().map_or(0, Vec::len));
    let mut seen = vec![vec![false; cols]; rows];
    let mut out = Holes::default();
    for r in 0..rows {
        for c in 0..cols {
            if !white[r][c] || seen[r][c] {
                continue;
            }
            out.count += 1;
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
            let size = ((hi.1 - lo.1 + 1) as u32, (hi.0 - lo.0 + 1) as u32);
            if size.0 * size.1 > out.largest.0 * out.largest.1 {
                out.largest = size;
            }
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
        assert_eq!(patches(&white(&grid(10, 10, &[(0, 10, 0, 10)]))).count, 0);
        let h = patches(&white(&grid(10, 10, &[(0, 10, 0, 5), (0, 4, 5, 10)])));
        assert_eq!(
            h,
            Holes {
                count: 1,
                largest: (5, 6)
            }
        );
    }

    #[test]
    fn white_three_cells_deep_is_no_hole() {
        let h = patches(&white(&grid(10, 10, &[(0, 7, 0, 10)])));
        assert_eq!(h.count, 0);
    }
}

//! The make-up's search ([`super::makeup`]): a guillotine dynamic program
//! over subsets of the articles. For every subset and width it keeps, per
//! height the subset can fill exactly, the cheapest way: one article's
//! module (a leaf), or two parts of the subset one above the other
//! (`Across`) or side by side at equal heights (`Down`).
//!
//! The search is exact and deterministic: the subsets of one size are
//! worked out in parallel, each on its own, in a fixed order; and a state
//! whose rectangle leaves too little of the band for the other articles'
//! smallest modules is dropped, as it can be part of no page.

use rayon::prelude::*;

use super::variants::{Fit, Height};

/// White lines a module may leave under its text (its columns balance
/// within a line; two more read as a ragged foot, not a hole).
const SLACK: u32 = 2;
/// Costs: a line × column of white inside a module — under its text
/// beside a deeper column or figure, or in the white lines under all its
/// columns — counted as unfilled (see [`filled`]): white left above the
/// next module's kicker band reads as a hole, white at the page's foot as
/// the remainder; a continued article, as much as eight lines of white
/// across the page (no short piece is cut to save a line or two: the
/// cut's own white is the smaller); a column the lead story lacks of the
/// full width.
const RAGGED: u64 = 1 << 40;
const CUT: u64 = 64 * RAGGED;
const LEAD_NARROW: u64 = 2_000;
/// The most articles the search takes (its tables grow as 2ⁿ).
const MOST: usize = 12;

/// Where the search puts an article: columns from `column`, `rows` lines
/// from `row` (0-based, page slots), continued on the next page or not,
/// and which of its variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub column: u32,
    pub columns: u32,
    pub row: u32,
    pub rows: u32,
    pub continued: bool,
    pub variant: usize,
}

/// The chosen page: a place for each article searched, the lines left
/// empty at the band's foot and the objective's cost.
#[derive(Debug, Clone)]
pub struct MadeUp {
    pub places: Vec<Option<Place>>,
    pub remainder: u32,
    pub cost: u64,
}

/// The band of the page the search fills: every column, slots `top..bottom`.
#[derive(Debug, Clone, Copy)]
pub struct Band {
    pub top: u32,
    pub bottom: u32,
}

/// One way a set of articles fills a rectangle.
#[derive(Debug, Clone, Copy)]
enum Choice {
    /// Article `i` alone in its `variant`, continued or not.
    Leaf {
        i: usize,
        continued: bool,
        variant: usize,
    },
    /// `top` (a subset) above the rest, `rows` high.
    Across { top: u32, rows: u32 },
    /// `left` (a subset) beside the rest, `columns` wide.
    Down { left: u32, columns: u32 },
}

/// A height a subset fills exactly at some width, its least cost and how.
type Entry = (u32, u64, Choice);
/// Per subset and width (index 0 unused), the entries by height.
type Table = Vec<Vec<Vec<Entry>>>;

/// What every state is checked against: the band's depth and area, and
/// per subset the least area its articles' modules take.
struct Bounds {
    depth: u32,
    columns: u32,
    area: u64,
    least: Vec<u64>,
}

impl Bounds {
    /// The tallest a subset `mask` may stand at `w` columns and still
    /// leave room for the least modules of the others.
    fn tallest(&self, mask: u32, w: u32) -> u32 {
        let full = self.least.len() - 1;
        let rest = self.least[full & !(mask as usize)];
        let room = self.area.saturating_sub(rest) / w as u64;
        room.min(self.depth as u64) as u32
    }
}

/// Searches the band for the articles: `fits[i][w - 1]` are article i's
/// modules at w columns; `may_cut[i]` whether it may continue on the next
/// page. `None` when no arrangement fits; the effort spent either way
/// (leaves and pairs of parts tried).
pub fn search(
    fits: &[Vec<Vec<Fit>>],
    may_cut: &[bool],
    columns: u32,
    band: Band,
) -> (Option<MadeUp>, usize) {
    let n = fits.len();
    if n == 0 || n > MOST {
        return (None, 0);
    }
    let depth = band.bottom.saturating_sub(band.top);
    let full = (1u32 << n) - 1;
    let mut table: Table = vec![vec![Vec::new(); columns as usize + 1]; 1 << n];
    let mut effort = 0;
    for (i, per_span) in fits.iter().enumerate() {
        for w in 1..=columns {
            let f = &per_span[w as usize - 1];
            table[1 << i][w as usize] = leaves(i, f, may_cut[i], (w, columns), depth);
            effort += table[1 << i][w as usize].len();
        }
    }
    let Some(bounds) = bounds(&table, (columns, depth), n) else {
        return (None, effort);
    };
    for (i, row) in table
        .iter_mut()
        .enumerate()
        .filter(|(m, _)| m.count_ones() == 1)
    {
        for (w, entries) in row.iter_mut().enumerate().skip(1) {
            let tallest = bounds.tallest(i as u32, w as u32);
            entries.retain(|e| e.0 <= tallest);
        }
    }
    // Subsets in order of size: their parts are done before them; those
    // of one size are independent of each other.
    for k in 2..=n as u32 {
        let masks: Vec<u32> = (1..=full).filter(|m| m.count_ones() == k).collect();
        let done: Vec<(Vec<Vec<Entry>>, usize)> = (masks.par_iter())
            .map(|&mask| subset(&table, mask, &bounds))
            .collect();
        for (&mask, (rows, tried)) in masks.iter().zip(done) {
            table[mask as usize] = rows;
            effort += tried;
        }
    }
    // The fullest page (white inside ragged modules unfilled), then the
    // cheapest.
    let best = (table[full as usize][columns as usize].iter())
        .filter(|e| e.0 <= depth)
        .max_by_key(|e| (filled(e.0, columns, e.1), std::cmp::Reverse(e.1)))
        .copied();
    let Some((rows, cost, _)) = best else {
        return (None, effort);
    };
    let mut places = vec![None; n];
    unwind(&table, (full, columns, rows), (0, band.top), &mut places);
    let m = MadeUp {
        places,
        remainder: depth - rows,
        cost,
    };
    (Some(m), effort)
}

/// Line-columns a page `rows` deep fills at a `cost`: its rectangle less
/// the white inside ragged modules the cost counts in [`RAGGED`]s.
fn filled(rows: u32, columns: u32, cost: u64) -> u64 {
    (rows as u64 * columns as u64).saturating_sub(cost / RAGGED)
}

/// The bounds of the search, or `None` when the articles' least modules
/// together take more than the band (or one has none): no page then.
fn bounds(table: &Table, (columns, depth): (u32, u32), n: usize) -> Option<Bounds> {
    let own: Vec<u64> = (0..n)
        .map(|i| {
            (1..=columns)
                .filter_map(|w| table[1 << i][w as usize].first().map(|e| (w * e.0) as u64))
                .min()
        })
        .collect::<Option<_>>()?;
    let mut least = vec![0u64; 1 << n];
    for mask in 1..least.len() {
        let low = mask.trailing_zeros() as usize;
        least[mask] = least[mask & (mask - 1)] + own[low];
    }
    let area = (columns * depth) as u64;
    (least[(1 << n) - 1] <= area).then_some(Bounds {
        depth,
        columns,
        area,
        least,
    })
}

/// A subset's entries at every width, and the pairs of parts tried.
fn subset(table: &Table, mask: u32, bounds: &Bounds) -> (Vec<Vec<Entry>>, usize) {
    let first = mask.trailing_zeros();
    let mut tried = 0;
    let mut rows = vec![Vec::new(); bounds.columns as usize + 1];
    for w in 1..=bounds.columns {
        let mut best = Best {
            by_height: vec![None; bounds.tallest(mask, w) as usize + 1],
        };
        // The part above or to the left holds the subset's first article.
        let mut a = (mask - 1) & mask;
        while a > 0 {
            if a & (1 << first) != 0 {
                let b = mask & !a;
                tried += combine(table, (a, b), w, &mut best);
            }
            a = (a - 1) & mask;
        }
        rows[w as usize] = (best.by_height.into_iter().enumerate())
            .filter_map(|(h, e)| e.map(|(cost, how)| (h as u32, cost, how)))
            .collect();
    }
    (rows, tried)
}

/// Per height up to the tallest a subset may stand, its cheapest way so
/// far: of two alike the first offered (the search's order decides).
struct Best {
    by_height: Vec<Option<(u64, Choice)>>,
}

impl Best {
    fn tallest(&self) -> u32 {
        self.by_height.len() as u32 - 1
    }

    fn offer(&mut self, h: u32, cost: u64, how: Choice) {
        let slot = &mut self.by_height[h as usize];
        if slot.is_none_or(|(c, _)| cost < c) {
            *slot = Some((cost, how));
        }
    }
}

/// The heights article `i` can take at `w` of `columns` columns in each of
/// its modules `fits`: its own (and up to SLACK white lines more); shorter
/// ones, continued, if it may be cut. Per height the cheapest, the
/// earlier variant of two alike (the article as written first).
fn leaves(
    i: usize,
    fits: &[Fit],
    may_cut: bool,
    (w, columns): (u32, u32),
    depth: u32,
) -> Vec<Entry> {
    let lead = if i == 0 {
        LEAD_NARROW * (columns - w) as u64
    } else {
        0
    };
    let mut out = Vec::new();
    for f in fits {
        let variant = f.variant;
        let (h, least) = match f.height {
            Height::No => continue,
            Height::Tall(least) => (None, least),
            Height::Rows(h, least) => (Some(h), least),
        };
        let leaf = |continued| Choice::Leaf {
            i,
            continued,
            variant,
        };
        if let Some(h) = h {
            let ragged = RAGGED * f.white as u64;
            for rows in h..=(h + SLACK).min(depth) {
                let white = RAGGED * ((rows - h) * w) as u64;
                out.push((rows, lead + ragged + white, leaf(false)));
            }
        }
        if may_cut {
            let tallest = h.map_or(depth, |h| h.saturating_sub(1)).min(depth);
            for rows in least..=tallest {
                out.push((rows, lead + CUT, leaf(true)));
            }
        }
    }
    out.sort_by_key(|e| (e.0, e.1));
    out.dedup_by_key(|e| e.0);
    out
}

/// Offers `best` the ways `a` and `b` fill a rectangle `w` wide and at
/// most its tallest high: one above the other, or side by side at equal
/// heights; the pairs tried.
fn combine(table: &Table, (a, b): (u32, u32), w: u32, best: &mut Best) -> usize {
    let mut tried = 0;
    let tallest = best.tallest();
    let (ta, tb) = (&table[a as usize], &table[b as usize]);
    for &(h1, c1, _) in &ta[w as usize] {
        // Both lists are sorted by height: the rest are taller still.
        for &(h2, c2, _) in tb[w as usize].iter().take_while(|e| h1 + e.0 <= tallest) {
            tried += 1;
            best.offer(h1 + h2, c1 + c2, Choice::Across { top: a, rows: h1 });
        }
    }
    for w1 in 1..w {
        let (left, right) = (&ta[w1 as usize], &tb[(w - w1) as usize]);
        let mut j = 0;
        // Both lists are sorted by height: walk them together.
        for &(h, c1, _) in left.iter().take_while(|e| e.0 <= tallest) {
            while j < right.len() && right[j].0 < h {
                j += 1;
            }
            tried += 1;
            if let Some(&(h2, c2, _)) = right.get(j)
                && h2 == h
            {
                let down = Choice::Down {
                    left: a,
                    columns: w1,
                };
                best.offer(h, c1 + c2, down);
            }
        }
    }
    tried
}

/// Follows the choices from (subset, width, height) down to the leaves,
/// placing each at (column, row).
fn unwind(
    table: &Table,
    (mask, w, h): (u32, u32, u32),
    (c, r): (u32, u32),
    places: &mut [Option<Place>],
) {
    // Every state unwound was stored by the search with this height.
    let Some(&(_, _, choice)) = table[mask as usize][w as usize].iter().find(|e| e.0 == h) else {
        return;
    };
    match choice {
        Choice::Leaf {
            i,
            continued,
            variant,
        } => {
            places[i] = Some(Place {
                column: c,
                columns: w,
                row: r,
                rows: h,
                continued,
                variant,
            });
        }
        Choice::Across { top, rows } => {
            unwind(table, (top, w, rows), (c, r), places);
            unwind(table, (mask & !top, w, h - rows), (c, r + rows), places);
        }
        Choice::Down { left, columns } => {
            unwind(table, (left, columns, h), (c, r), places);
            let right = (mask & !left, w - columns, h);
            unwind(table, right, (c + columns, r), places);
        }
    }
}

//! The make-up's search ([`super::makeup`]): a guillotine dynamic program
//! over subsets of the articles. For every subset and width it keeps, per
//! height the subset can fill exactly, the cheapest way: one article's
//! module (a leaf), or two parts of the subset one above the other
//! (`Across`) or side by side at equal heights (`Down`). A rectangle
//! whose modules leave white under their text (a short column, white
//! lines under all of them) keeps beside its cheapest way the cheapest
//! flat-footed one: white over another module's headline block is a hole.
//!
//! The search is exact and deterministic: the subsets of one size are
//! worked out in parallel, each on its own, in a fixed order; and a state
//! whose rectangle leaves too little of the band for the other articles'
//! smallest modules is dropped, as it can be part of no page.

use rayon::prelude::*;

use super::balance::HOLE_RUN;
use super::variants::{Fit, Height};

/// White lines a module may leave under its text (its columns balance
/// within a line; two more read as a ragged foot, not a hole).
pub(super) const SLACK: u32 = 2;
/// Costs: a line × column of white inside a module — under its text
/// beside a deeper column or figure, or in the white lines under all its
/// columns — counted as unfilled (see [`filled`]): white left above the
/// next module's kicker band reads as a hole, white at the page's foot as
/// the remainder; a continued article, as much as eight lines of white
/// across the page (no short piece is cut to save a line or two: the
/// cut's own white is the smaller); a column the lead story lacks of the
/// full width.
const RAGGED: u64 = 1 << 40;
/// White under a module's text with another module under it joins that
/// module's white above its headline (the rule's gap, the kicker's row):
/// a hole some three lines deeper than the white itself, counted so.
const STACKED: u64 = 3 * RAGGED;
const CUT: u64 = 64 * RAGGED;
/// White under a module's column deep enough to read as a hole (see
/// [`super::Module::holes`]): a page with one is worse than one filled a
/// few lines less.
const HOLE: u64 = 8 * RAGGED;
const LEAD_NARROW: u64 = 2_000;
/// A line × column a cut module keeps short of a third of its text (see
/// [`stub`]): a choice between pages as full, never white of its own (a
/// page's stubs together stay under one [`RAGGED`], which [`filled`]
/// counts in).
const STUB: u64 = 1 << 24;
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
    /// The remainder is in the band's last column alone (a vertical page
    /// of rests, see [`search_rests`]), not across every column.
    pub last_only: bool,
    pub cost: u64,
}

impl MadeUp {
    /// Line-columns of white inside the modules (and the white the
    /// continued articles and holes are charged as).
    pub fn white_inside(&self) -> u64 {
        self.cost / RAGGED
    }

    /// Articles continued on the next page.
    pub fn continued(&self) -> usize {
        self.places.iter().flatten().filter(|p| p.continued).count()
    }

    /// Articles held over whole to the next page (no place: the search
    /// places every article it keeps, see `makeup::hold`).
    pub fn held(&self) -> usize {
        self.places.iter().filter(|p| p.is_none()).count()
    }
}

/// The band of the page the search fills: `columns` columns from `first`,
/// slots `top..bottom`, less a `notch` at a top corner.
#[derive(Debug, Clone, Copy)]
pub struct Band {
    pub top: u32,
    pub bottom: u32,
    pub first: u32,
    pub columns: u32,
    pub notch: Option<Notch>,
}

/// A module pinned at one of the band's top corners, narrower than the
/// band and not as deep: the band is then an L, filled as two rectangles
/// cut across at the pin's foot — beside the pin, `columns` columns from
/// `first` down to slot `bottom`; under it, the band's width from there
/// (a serial box pinned across a vertical page's last bands, its text
/// some lines long, has the other articles beside it and under it).
#[derive(Debug, Clone, Copy)]
pub struct Notch {
    pub first: u32,
    pub columns: u32,
    pub bottom: u32,
    /// The lead story beside the pin, at the band's top, before a fuller
    /// page with another article there (see [`notched`]).
    pub lead_first: bool,
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
    /// `top` (a subset) above the rest, `rows` high; each part in its
    /// flat-footed way or its cheapest (see [`Entry::flat`]).
    Across { top: u32, rows: u32, flat: Feet },
    /// `left` (a subset) beside the rest, `columns` wide.
    Down { left: u32, columns: u32, flat: Feet },
}

/// Whether each of two parts was taken in its flat-footed way.
#[derive(Debug, Clone, Copy)]
struct Feet(bool, bool);

/// A height a subset fills exactly at some width, at a cost, with
/// `white` line-columns under its modules' text along its foot; and how.
/// Per height a subset keeps its cheapest entry and, where that one has
/// white at its foot, the cheapest without (when it costs less than the
/// white would stacked over another module).
#[derive(Debug, Clone, Copy)]
struct Entry {
    rows: u32,
    cost: u64,
    white: u32,
    how: Choice,
}

impl Entry {
    fn flat(&self) -> bool {
        self.white == 0
    }
}
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
pub fn search(fits: &[Vec<Vec<Fit>>], may_cut: &[bool], band: Band) -> (Option<MadeUp>, usize) {
    search_in(&Tables::default(), fits, may_cut, band)
}

/// [`search`] on a table `tables` kept from an earlier search of the same
/// modules, where there is one.
pub fn search_in(
    tables: &Tables,
    fits: &[Vec<Vec<Fit>>],
    may_cut: &[bool],
    band: Band,
) -> (Option<MadeUp>, usize) {
    let (table, effort) = tables.table(fits, may_cut, band);
    let m = table.and_then(|table| root(&table, fits.len(), band));
    (m, effort)
}

/// [`search`] of a page of rests, and where `stack`, on the same table,
/// the page with them stacked in its first columns and the one under
/// them ([`last_band::stacked`]: the make-up and the columns it takes);
/// the effort spent.
pub fn search_rests(
    fits: &[Vec<Vec<Fit>>],
    may_cut: &[bool],
    band: Band,
    stack: bool,
) -> (Option<MadeUp>, Option<(MadeUp, u32)>, usize) {
    let (table, effort) = tabulate(fits, may_cut, band);
    let Some(table) = table else {
        return (None, None, effort);
    };
    let n = fits.len();
    let stacked = (stack && band.notch.is_none())
        .then(|| last_band::stacked(&table, n, band))
        .flatten();
    (root(&table, n, band), stacked, effort)
}

/// The page [`search`] chooses from the table of its `n` articles: the
/// notched band's, or the fullest page, then the cheapest.
fn root(table: &Table, n: usize, band: Band) -> Option<MadeUp> {
    let columns = band.columns;
    let depth = band.bottom.saturating_sub(band.top);
    let full = (1u32 << n) - 1;
    if let Some(notch) = band.notch {
        return notched(table, n, band, notch);
    }
    // The fullest page (white inside ragged modules unfilled), then the
    // cheapest.
    // (White at the page's foot joins the remainder: no cost.)
    let best = (table[full as usize][columns as usize].iter())
        .filter(|e| e.rows <= depth)
        .max_by_key(|e| (filled(e.rows, columns, e.cost), std::cmp::Reverse(e.cost)))?;
    let mut places = vec![None; n];
    let at = (full, columns, best.rows, best.flat());
    unwind(table, at, (band.first, band.top), &mut places);
    Some(MadeUp {
        places,
        remainder: depth - best.rows,
        last_only: false,
        cost: best.cost,
    })
}

/// Every subset's entries at every width of the band (see [`search`]),
/// or `None` where no page can be made of the articles; the effort spent.
fn tabulate(fits: &[Vec<Vec<Fit>>], may_cut: &[bool], band: Band) -> (Option<Table>, usize) {
    let n = fits.len();
    let columns = band.columns;
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
    let pinned = band.notch.map_or(0, |t| {
        (columns - t.columns) as u64 * t.bottom.saturating_sub(band.top) as u64
    });
    let Some(bounds) = bounds(&table, (columns, depth), n, pinned) else {
        return (None, effort);
    };
    for (i, row) in table
        .iter_mut()
        .enumerate()
        .filter(|(m, _)| m.count_ones() == 1)
    {
        for (w, entries) in row.iter_mut().enumerate().skip(1) {
            let tallest = bounds.tallest(i as u32, w as u32);
            entries.retain(|e| e.rows <= tallest);
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
    (Some(table), effort)
}

/// Line-columns a page `rows` deep fills at a `cost`: its rectangle less
/// the white inside ragged modules the cost counts in [`RAGGED`]s.
fn filled(rows: u32, columns: u32, cost: u64) -> u64 {
    (rows as u64 * columns as u64).saturating_sub(cost / RAGGED)
}

/// The bounds of the search, or `None` when the articles' least modules
/// together take more than the band (or one has none): no page then.
fn bounds(table: &Table, (columns, depth): (u32, u32), n: usize, notched: u64) -> Option<Bounds> {
    let own: Vec<u64> = (0..n)
        .map(|i| {
            (1..=columns)
                .filter_map(|w| {
                    table[1 << i][w as usize]
                        .first()
                        .map(|e| (w * e.rows) as u64)
                })
                .min()
        })
        .collect::<Option<_>>()?;
    let mut least = vec![0u64; 1 << n];
    for mask in 1..least.len() {
        let low = mask.trailing_zeros() as usize;
        least[mask] = least[mask & (mask - 1)] + own[low];
    }
    let area = ((columns * depth) as u64).saturating_sub(notched);
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
        let mut best = Best::new(bounds.tallest(mask, w));
        // The part above or to the left holds the subset's first article.
        let mut a = (mask - 1) & mask;
        while a > 0 {
            if a & (1 << first) != 0 {
                let b = mask & !a;
                tried += combine(table, (a, b), w, &mut best);
            }
            a = (a - 1) & mask;
        }
        rows[w as usize] = best.entries();
    }
    (rows, tried)
}

/// Per height up to the tallest a subset may stand, its cheapest way so
/// far and its cheapest flat-footed one: of two alike the first offered
/// (the search's order decides).
struct Best {
    cheapest: Vec<Option<Entry>>,
    flat: Vec<Option<Entry>>,
}

impl Best {
    fn new(tallest: u32) -> Self {
        let n = tallest as usize + 1;
        Best {
            cheapest: vec![None; n],
            flat: vec![None; n],
        }
    }

    fn tallest(&self) -> u32 {
        self.cheapest.len() as u32 - 1
    }

    fn offer(&mut self, e: Entry) {
        let h = e.rows as usize;
        let slots = [
            Some(&mut self.cheapest[h]),
            e.flat().then_some(&mut self.flat[h]),
        ];
        for slot in slots.into_iter().flatten() {
            if slot.is_none_or(|o| e.cost < o.cost) {
                *slot = Some(e);
            }
        }
    }

    /// By height: the cheapest, then the flat-footed one where it differs
    /// and is not dominated (the cheapest's white stacked costs more).
    fn entries(self) -> Vec<Entry> {
        let mut out = Vec::new();
        for (cheapest, flat) in self.cheapest.into_iter().zip(self.flat) {
            let Some(c) = cheapest else { continue };
            out.push(c);
            if let Some(f) = flat
                && !c.flat()
                && f.cost < c.cost + STACKED * c.white as u64
            {
                out.push(f);
            }
        }
        out
    }
}

/// The heights article `i` can take at `w` of `columns` columns in each of
/// its modules `fits`: its own (and up to SLACK white lines more); shorter
/// ones, continued, if it may be cut. Per height the cheapest and the
/// cheapest flat-footed, the earlier variant of two alike (the article as
/// written first).
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
    let mut best = Best::new(depth);
    for f in fits {
        let variant = f.variant;
        let (h, least) = match f.height {
            Height::No => continue,
            Height::Tall(least) => (None, least),
            Height::Rows(h, least) => (Some(h), least),
        };
        let how = |continued| Choice::Leaf {
            i,
            continued,
            variant,
        };
        if let Some(h) = h {
            for rows in h..=(h + SLACK).min(depth) {
                let extra = (rows - h) * w;
                // A box stretched further than its lines spread shows
                // white lines inside its rule.
                let boxed = f.stretch.is_some_and(|k| rows - h > k) as u32;
                let holes = (f.holes + boxed) as u64;
                let deep = STACKED * deepened(f.shorts, rows - h) as u64;
                let cost = lead + RAGGED * (f.white + extra) as u64 + HOLE * holes + deep;
                let white = f.foot + extra;
                let how = how(false);
                best.offer(Entry {
                    rows,
                    cost,
                    white,
                    how,
                });
            }
        }
        if may_cut {
            let tallest = h.map_or(depth, |h| h.saturating_sub(1)).min(depth);
            // A cut module still shows its title block's holes.
            let head = HOLE * f.head as u64;
            for rows in least..=tallest {
                let stub = STUB * (stub(h.unwrap_or(depth), rows) * w) as u64;
                best.offer(Entry {
                    rows,
                    cost: lead + CUT + head + stub,
                    white: 0,
                    how: how(true),
                });
            }
        }
    }
    best.entries()
}

/// Rows a module cut at `rows` keeps short of a third of its text's
/// `height` (a page's depth where it is deeper): charged as [`STUB`]s,
/// line by column. A compositor's review: a story jumped after seven lines
/// under its headline is a stub (a headline over a jump line); of pages
/// as full, the one that keeps more of its cut stories on the page.
fn stub(height: u32, rows: u32) -> u32 {
    (height / 3).saturating_sub(rows)
}

/// The white a module's short columns (`shorts`: how many end one line
/// and two lines short of its text's foot) leave in a slot `extra` rows
/// deeper than its text, where it reads as a hole: each such column's
/// run of [`HOLE_RUN`] lines or more, in line-columns, as
/// [`super::Module::holes`] counts the runs under its own foot. (gq-set36
/// of a fresh batch: a module two rows short of its band, three of its
/// four columns a line short, left a 6 × 4-em hole over the next band's
/// rule, which the leaf charged as two lines of ragged foot.) Charged as
/// [`STACKED`] white, not as a [`HOLE`]: weighed as a hole, it turned the
/// search from pages whose other white it does not see (page-12's
/// articles with a short kicker: two holes in the lead's module where
/// the page before had none).
fn deepened(shorts: [u32; 2], extra: u32) -> u32 {
    if extra == 0 {
        return 0;
    }
    (1..=2)
        .zip(shorts)
        .filter(|&(short, _)| short + extra >= HOLE_RUN)
        .map(|(short, n)| n * (short + extra))
        .sum()
}

/// Offers `best` the ways `a` and `b` fill a rectangle `w` wide and at
/// most its tallest high: one above the other (the white at the upper
/// one's foot counted as stacked), or side by side at equal heights; the
/// pairs tried.
fn combine(table: &Table, (a, b): (u32, u32), w: u32, best: &mut Best) -> usize {
    let mut tried = 0;
    let tallest = best.tallest();
    let (ta, tb) = (&table[a as usize], &table[b as usize]);
    for e1 in &ta[w as usize] {
        // Both lists are sorted by height: the rest are taller still.
        for e2 in tb[w as usize]
            .iter()
            .take_while(|e| e1.rows + e.rows <= tallest)
        {
            tried += 1;
            best.offer(Entry {
                rows: e1.rows + e2.rows,
                cost: e1.cost + e2.cost + STACKED * e1.white as u64,
                white: e2.white,
                how: Choice::Across {
                    top: a,
                    rows: e1.rows,
                    flat: Feet(e1.flat(), e2.flat()),
                },
            });
        }
    }
    for w1 in 1..w {
        let (left, right) = (&ta[w1 as usize], &tb[(w - w1) as usize]);
        let mut j = 0;
        // Both lists are sorted by height: walk them together.
        for e1 in left.iter().take_while(|e| e.rows <= tallest) {
            while j < right.len() && right[j].rows < e1.rows {
                j += 1;
            }
            for e2 in right[j..].iter().take_while(|e| e.rows == e1.rows) {
                tried += 1;
                best.offer(Entry {
                    rows: e1.rows,
                    cost: e1.cost + e2.cost,
                    white: e1.white + e2.white,
                    how: Choice::Down {
                        left: a,
                        columns: w1,
                        flat: Feet(e1.flat(), e2.flat()),
                    },
                });
            }
        }
    }
    tried
}

/// Follows the choices from (subset, width, height, flat-footed) down to
/// the leaves, placing each at (column, row).
fn unwind(
    table: &Table,
    (mask, w, h, flat): (u32, u32, u32, bool),
    (c, r): (u32, u32),
    places: &mut [Option<Place>],
) {
    // Every state unwound was stored by the search with this height (and
    // flat-footed where it was taken so).
    let entries = &table[mask as usize][w as usize];
    let Some(e) = entries.iter().find(|e| e.rows == h && (!flat || e.flat())) else {
        return;
    };
    match e.how {
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
        Choice::Across { top, rows, flat } => {
            unwind(table, (top, w, rows, flat.0), (c, r), places);
            let rest = (mask & !top, w, h - rows, flat.1);
            unwind(table, rest, (c, r + rows), places);
        }
        Choice::Down {
            left,
            columns,
            flat,
        } => {
            unwind(table, (left, columns, h, flat.0), (c, r), places);
            let right = (mask & !left, w - columns, h, flat.1);
            unwind(table, right, (c + columns, r), places);
        }
    }
}

#[path = "makeup_last_band.rs"]
mod last_band;
#[path = "makeup_notch.rs"]
mod notch;
#[path = "makeup_tables.rs"]
mod tables;
use notch::notched;
pub use tables::Tables;

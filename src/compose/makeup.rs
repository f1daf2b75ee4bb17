//! Automatic page make-up (自动拼版, a manifest's `fill = true`): each
//! article gets the modules it can take — one per column span, each laid
//! out by the real composer to learn its height — and a guillotine search
//! (the free band of the page cut across or down, each part cut again,
//! each leaf one module) picks one module per article and its place so
//! that the page fills.
//!
//! The objective, in order: (1) the page filled: the modules reach the
//! foot of the band, or the smallest remainder is left at its foot;
//! (2) no article continued unless the text cannot fit, and then as few as
//! possible, the later in manifest order the better; (3) the manifest's
//! order: in every cut the part above (or to the left) holds the earliest
//! article of the two, so the first article (the lead story) is at the top
//! left, and it is as wide as the rest allows; (4) the fewest white lines
//! under the modules' text.

use rayon::prelude::*;

use super::heads::break_heading;
use super::page::{PageArticle, size};
use super::title::page_title;
use super::{Frame, compose_module};
use crate::error::Warning;
use crate::model::Grid;

/// Fewest lines a continued module keeps on this page.
const MIN_CUT: u32 = 12;
/// White lines a module may leave under its text (its columns balance
/// within a line; two more read as a ragged foot, not a hole).
const SLACK: u32 = 2;
/// Costs: a continued article; a column the lead story lacks of the full
/// width; a white line × column under a module's text.
const CUT: u64 = 1_000_000;
const LEAD_NARROW: u64 = 2_000;
const WHITE: u64 = 1;

/// Where the search puts an article: columns from `column`, `rows` lines
/// from `row` (0-based, page slots), continued on the next page or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub column: u32,
    pub columns: u32,
    pub row: u32,
    pub rows: u32,
    pub continued: bool,
}

/// The chosen page: a place for each article searched (`None`: pinned, or
/// left to the ordinary placement), the lines left empty at the band's
/// foot, the search's effort (states visited) and the objective's cost.
#[derive(Debug, Clone)]
pub struct MadeUp {
    pub places: Vec<Option<Place>>,
    pub remainder: u32,
    pub effort: usize,
    pub cost: u64,
}

/// The band of the page the search fills: every column, slots `top..bottom`.
#[derive(Debug, Clone, Copy)]
pub struct Band {
    pub top: u32,
    pub bottom: u32,
}

/// The page made up: the articles with the places the search chose (the
/// pinned ones — `column` and `row` given — as they were), and a summary
/// for stderr. Without an arrangement the articles keep their placement.
/// `taken`: slots at the page's top already taken across every column (an
/// edition's article continued from the page before).
pub fn make_up<'a>(
    articles: &[PageArticle<'a>],
    grid: &Grid,
    taken: u32,
) -> (Vec<PageArticle<'a>>, Warning) {
    let start = std::time::Instant::now();
    let pinned = |a: &PageArticle| a.placement.column.is_some() && a.placement.row.is_some();
    let mut band = free_band(articles, grid);
    band.top = band.top.max(taken);
    band.bottom = band.bottom.max(band.top);
    let searched: Vec<usize> = (0..articles.len())
        .filter(|&i| !pinned(&articles[i]))
        .collect();
    // Every (article, span) laid out on its own: the work spreads evenly.
    let pairs: Vec<(usize, u32)> = (searched.iter())
        .flat_map(|&i| (1..=grid.columns).map(move |w| (i, w)))
        .collect();
    let flat: Vec<Height> = (pairs.par_iter())
        .map(|&(i, w)| height_for(&articles[i], grid, w))
        .collect();
    let heights: Vec<Vec<Height>> = (flat.chunks(grid.columns as usize))
        .map(|h| without_strips(h.to_vec()))
        .collect();
    let sizes: Vec<usize> = searched.iter().map(|&i| size(&articles[i])).collect();
    // Continue as few articles as needed, the last ones first.
    let n = searched.len();
    let found = (0..=n).find_map(|k| {
        let may_cut = cuttable(&sizes, k);
        search(&heights, &may_cut, grid.columns, band)
    });
    let mut out: Vec<PageArticle<'a>> = articles.iter().map(PageArticle::copy).collect();
    let elapsed = start.elapsed().as_secs_f64() * 1000.0;
    let Some(m) = found else {
        let message = format!(
            "fill: no arrangement of the {n} articles fits the page ({:.0} ms); placed largest first",
            elapsed
        );
        return (
            out,
            Warning {
                location: None,
                message,
            },
        );
    };
    for (j, &i) in searched.iter().enumerate() {
        if let Some(p) = m.places[j] {
            let pl = &mut out[i].placement;
            pl.column = Some(p.column);
            pl.columns = Some(p.columns);
            pl.row = Some(p.row);
            // A module cut to continue fills its frame to the last slot:
            // the frame stops a slot short, where the rule under it runs.
            pl.rows = Some(if p.continued { p.rows - 1 } else { p.rows });
        }
    }
    let depth = band.bottom - band.top;
    let continued = m.places.iter().flatten().filter(|p| p.continued).count();
    let message = format!(
        "fill: {:.0}% of the free band filled ({} of {depth} lines; {} left at the foot), {continued} article(s) continued; search: {} states, {:.0} ms, cost {}",
        100.0 * (depth - m.remainder) as f64 / depth.max(1) as f64,
        depth - m.remainder,
        m.remainder,
        m.effort,
        elapsed,
        m.cost
    );
    (
        out,
        Warning {
            location: None,
            message,
        },
    )
}

/// The `k` articles that may continue on the next page: the longest
/// (a feature continues, a brief does not), the lead story last.
fn cuttable(sizes: &[usize], k: usize) -> Vec<bool> {
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by_key(|&j| (j == 0 && sizes.len() > 1, std::cmp::Reverse(sizes[j]), j));
    let mut out = vec![false; sizes.len()];
    for &j in order.iter().take(k) {
        out[j] = true;
    }
    out
}

/// The band the search fills: under the pinned modules at the page's top,
/// above the highest pinned module below them.
fn free_band(articles: &[PageArticle], grid: &Grid) -> Band {
    let mut band = Band {
        top: 0,
        bottom: grid.lines,
    };
    for a in articles {
        let (Some(c), Some(r)) = (a.placement.column, a.placement.row) else {
            continue;
        };
        let span = a.placement.columns.unwrap_or(grid.columns - c);
        let rows = a
            .placement
            .rows
            .or_else(|| height_at(a, grid, span).map(|(h, _)| h))
            .unwrap_or(grid.lines);
        if r == 0 {
            band.top = band.top.max(rows);
        } else {
            band.bottom = band.bottom.min(r);
        }
    }
    band.bottom = band.bottom.max(band.top);
    band
}

/// An article's module at one span: not to be used, taller than the
/// page (usable only continued), or this many page slots high (its foot
/// rule included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Height {
    No,
    /// Taller than the page; a cut keeps at least this many slots.
    Tall(u32),
    /// This many slots; a cut keeps at least the second.
    Rows(u32, u32),
    /// As `Rows`, with a hole in a column (see [`HOLE`]).
    Holed(u32, u32),
}

/// An article's height at `span` columns: `No` where the manifest gives it
/// another span, where one column is too narrow for it or where its
/// headline would break inside a phrase.
fn height_for(a: &PageArticle, grid: &Grid, span: u32) -> Height {
    if a.placement.columns.is_some_and(|c| c != span) {
        return Height::No;
    }
    // One column holds a brief, not an article with a headline to show;
    // no module so narrow that its headline breaks inside a phrase.
    if span == 1 && a.placement.columns.is_none() && size(a) > BRIEF {
        return Height::No;
    }
    // The lead story leads: across half the page or more.
    if a.placement.lead_story && a.placement.columns.is_none() && span * 2 < grid.columns {
        return Height::No;
    }
    let measure = Grid {
        columns: span,
        ..*grid
    }
    .measure();
    let own = (a.doc.writing == crate::model::Writing::Vertical) != grid.vertical;
    if !own && a.placement.columns.is_none() && !title_fits(a, grid, span) {
        return Height::No;
    }
    let least = least_rows(a, grid, measure);
    match height_at(a, grid, span) {
        None => Height::Tall(least),
        Some((h, white)) if white > HOLE => Height::Holed(h, least),
        Some((h, _)) => Height::Rows(h, least),
    }
}

/// White lines a column of a module may leave above its foot: more, and
/// a hole opens in the page (its figure set low, its columns unbalanced).
const HOLE: u32 = 3;

/// An article's heights with the spans that make a strip dropped: a module
/// as shallow as its headline block reads as a headline with a line of
/// text, so a span wider than the narrowest one it takes must give it
/// [`SHALLOW`] slots at least.
fn without_strips(mut heights: Vec<Height>) -> Vec<Height> {
    let mut narrower = false;
    for h in heights.iter_mut() {
        match *h {
            Height::Rows(rows, _) if narrower && rows < SHALLOW => *h = Height::No,
            Height::No | Height::Holed(..) => {}
            _ => narrower = true,
        }
    }
    // A module with a hole is a shape only when the article has no other.
    let whole = heights
        .iter()
        .any(|h| matches!(h, Height::Rows(..) | Height::Tall(_)));
    for h in heights.iter_mut() {
        if let Height::Holed(rows, least) = *h {
            *h = if whole {
                Height::No
            } else {
                Height::Rows(rows, least)
            };
        }
    }
    heights
}

/// Fewest slots of a module: less is a headline with a strip of text.
const SHALLOW: u32 = 12;

/// The fewest slots a cut module keeps on its page: its headline block,
/// the rule under it and six lines of text. A module with a figure set at
/// its place is not cut (the figure would stand across the cut).
fn least_rows(a: &PageArticle, grid: &Grid, measure: crate::units::Pt) -> u32 {
    let placed = (a.shaped.flow.iter())
        .any(|b| matches!(b, crate::shape::ShapedBlock::Figure { figure, .. } if figure.placed()));
    if placed {
        return u32::MAX;
    }
    let header: u32 = (a.shaped.header.iter())
        .map(|p| {
            let lines = break_heading(p, measure, &a.doc.rules).len() as u32;
            p.style.space_before + lines * p.style.lines.max(1) + p.style.space_after
        })
        .sum();
    (header + 1 + 6).max(MIN_CUT).min(grid.lines)
}

/// The most characters an article set in a single column may have.
const BRIEF: usize = 400;

/// The module's height at `span`: its text's foot on a frame that runs to
/// the page's foot, or for a module on a grid of its own (a vertical box)
/// the fewest rows that hold it.
fn height_at(a: &PageArticle, grid: &Grid, span: u32) -> Option<(u32, u32)> {
    let frame = |rows| frame_for(a, span, rows);
    let mut scratch = Vec::new();
    let lay =
        |rows, w: &mut Vec<_>| compose_module(a.doc, a.shaped, a.layout, grid, frame(rows), w);
    let vertical = a.doc.writing == crate::model::Writing::Vertical;
    if vertical == grid.vertical {
        let m = lay(None, &mut scratch).ok()?;
        let rows = (m.bottom + 1).min(grid.lines);
        return (m.pages.len() == 1).then_some((rows, m.white));
    }
    // Fewest rows holding the box whole (more rows never hold less).
    let fits = |rows: u32, w: &mut Vec<_>| lay(Some(rows), w).is_ok_and(|m| m.pages.len() == 1);
    let (mut lo, mut hi) = (8, grid.lines);
    if !fits(hi, &mut scratch) {
        return None;
    }
    while lo < hi {
        let mid = (lo + hi) / 2;
        if fits(mid, &mut scratch) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    // A box on a grid of its own fills its rows.
    Some((hi, 0))
}

/// The frame of article `a` at `span` columns from the page's top left,
/// `rows` deep (or to the foot).
fn frame_for(a: &PageArticle, span: u32, rows: Option<u32>) -> Frame {
    Frame {
        first: 0,
        columns: span,
        top: 0,
        rows,
        split: a
            .placement
            .split
            .filter(|_| a.placement.columns == Some(span)),
        boxed: a.placement.boxed,
        lead: a.placement.lead,
        fit_title: true,
        lead_story: a.placement.lead_story,
    }
}

/// Whether the article's title block, ranked and fitted as it would be
/// set at `span` columns, breaks only between phrases.
fn title_fits(a: &PageArticle, grid: &Grid, span: u32) -> bool {
    let frame = frame_for(a, span, None);
    let vertical = a.doc.writing == crate::model::Writing::Vertical;
    let module = frame.grid(grid, vertical, a.layout.grid.tier_chars);
    page_title(&a.shaped.header, &a.shaped.flow, (grid, &module), &frame).phrases_fit
}

/// One way a set of articles fills a rectangle.
#[derive(Debug, Clone, Copy)]
enum Choice {
    /// Article `i` alone, `natural` lines of text, continued or not.
    Leaf { i: usize, continued: bool },
    /// `top` (a subset) above the rest, `rows` high.
    Across { top: u32, rows: u32 },
    /// `left` (a subset) beside the rest, `columns` wide.
    Down { left: u32, columns: u32 },
}

/// Per subset and width, the heights the subset can fill exactly: the
/// least cost for each and how.
type Table = Vec<Vec<Vec<(u32, u64, Choice)>>>;

/// Searches the band for the articles `searched` (indices into `heights`):
/// `heights[i][w - 1]` is article i's height at w columns; `may_cut[i]`
/// whether it may continue on the next page.
pub fn search(
    heights: &[Vec<Height>],
    may_cut: &[bool],
    columns: u32,
    band: Band,
) -> Option<MadeUp> {
    let n = heights.len();
    if n == 0 || n > 12 {
        return None;
    }
    let depth = band.bottom.saturating_sub(band.top);
    let full = (1u32 << n) - 1;
    let mut table: Table = vec![vec![Vec::new(); columns as usize + 1]; 1 << n];
    let mut effort = 0;
    for (i, hs) in heights.iter().enumerate() {
        for w in 1..=columns {
            table[1 << i][w as usize] =
                leaves(i, hs[w as usize - 1], may_cut[i], (w, columns), depth);
        }
    }
    // Subsets in order of size: their parts are done before them.
    let mut masks: Vec<u32> = (1..=full).filter(|m| m.count_ones() > 1).collect();
    masks.sort_by_key(|m| m.count_ones());
    for mask in masks {
        let first = mask.trailing_zeros();
        for w in 1..=columns {
            let mut out: Vec<(u32, u64, Choice)> = Vec::new();
            // The part above or to the left holds the subset's first article.
            let mut a = (mask - 1) & mask;
            while a > 0 {
                if a & (1 << first) != 0 {
                    let b = mask & !a;
                    effort += combine(&table, (a, b), w, depth, &mut out);
                }
                a = (a - 1) & mask;
            }
            out.sort_by_key(|e| (e.0, e.1));
            out.dedup_by_key(|e| e.0);
            table[mask as usize][w as usize] = out;
        }
    }
    // The fullest page, then the cheapest.
    let (rows, cost, _) = (table[full as usize][columns as usize].iter())
        .filter(|e| e.0 <= depth)
        .max_by_key(|e| (e.0, std::cmp::Reverse(e.1)))
        .copied()?;
    let mut places = vec![None; n];
    unwind(&table, (full, columns, rows), (0, band.top), &mut places);
    Some(MadeUp {
        places,
        remainder: depth - rows,
        effort,
        cost,
    })
}

/// The heights article `i` can take at `w` of `columns` columns: its own
/// (and up to SLACK white lines more); shorter ones, continued, if it may
/// be cut.
fn leaves(
    i: usize,
    h: Height,
    may_cut: bool,
    (w, columns): (u32, u32),
    depth: u32,
) -> Vec<(u32, u64, Choice)> {
    let lead = if i == 0 {
        LEAD_NARROW * (columns - w) as u64
    } else {
        0
    };
    let mut out = Vec::new();
    let (h, least) = match h {
        Height::No => return out,
        Height::Tall(least) => (None, least),
        Height::Rows(h, least) | Height::Holed(h, least) => (Some(h), least),
    };
    if let Some(h) = h {
        for rows in h..=(h + SLACK).min(depth) {
            let white = WHITE * ((rows - h) * w) as u64;
            out.push((
                rows,
                lead + white,
                Choice::Leaf {
                    i,
                    continued: false,
                },
            ));
        }
    }
    if may_cut {
        let tallest = h.map_or(depth, |h| h.saturating_sub(1)).min(depth);
        let cut = CUT;
        for rows in least..=tallest {
            out.push((rows, lead + cut, Choice::Leaf { i, continued: true }));
        }
    }
    out
}

/// Adds to `out` the ways `a` and `b` fill a rectangle `w` wide: one
/// above the other, or side by side at equal heights; the pairs tried.
fn combine(
    table: &Table,
    (a, b): (u32, u32),
    w: u32,
    depth: u32,
    out: &mut Vec<(u32, u64, Choice)>,
) -> usize {
    let mut tried = 0;
    let (ta, tb) = (&table[a as usize], &table[b as usize]);
    for &(h1, c1, _) in &ta[w as usize] {
        for &(h2, c2, _) in &tb[w as usize] {
            tried += 1;
            if h1 + h2 <= depth {
                out.push((h1 + h2, c1 + c2, Choice::Across { top: a, rows: h1 }));
            }
        }
    }
    for w1 in 1..w {
        let (left, right) = (&ta[w1 as usize], &tb[(w - w1) as usize]);
        let mut j = 0;
        // Both lists are sorted by height: walk them together.
        for &(h, c1, _) in left {
            while j < right.len() && right[j].0 < h {
                j += 1;
            }
            tried += 1;
            if let Some(&(h2, c2, _)) = right.get(j)
                && h2 == h
            {
                out.push((
                    h,
                    c1 + c2,
                    Choice::Down {
                        left: a,
                        columns: w1,
                    },
                ));
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
        Choice::Leaf { i, continued } => {
            places[i] = Some(Place {
                column: c,
                columns: w,
                row: r,
                rows: h,
                continued,
            });
        }
        Choice::Across { top, rows } => {
            unwind(table, (top, w, rows), (c, r), places);
            unwind(table, (mask & !top, w, h - rows), (c, r + rows), places);
        }
        Choice::Down { left, columns } => {
            unwind(table, (left, columns, h), (c, r), places);
            unwind(
                table,
                (mask & !left, w - columns, h),
                (c + columns, r),
                places,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(depth: u32) -> Band {
        Band {
            top: 0,
            bottom: depth,
        }
    }

    /// Heights of an article of `area` line-columns: area / w rounded up,
    /// plus a 3-line headline.
    fn article(area: u32, columns: u32) -> Vec<Height> {
        (1..=columns)
            .map(|w| Height::Rows(area.div_ceil(w) + 3, MIN_CUT))
            .collect()
    }

    fn no_overlap(places: &[Option<Place>]) {
        let p: Vec<Place> = places.iter().flatten().copied().collect();
        for (i, a) in p.iter().enumerate() {
            for b in &p[i + 1..] {
                let apart = a.column + a.columns <= b.column
                    || b.column + b.columns <= a.column
                    || a.row + a.rows <= b.row
                    || b.row + b.rows <= a.row;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn two_articles_that_fill_the_page_are_set_whole_and_flush() {
        // 6 columns × 100 lines: 360 + 3×4 … chosen so that 4 + 2 columns fill.
        let hs = vec![article(4 * 97, 6), article(2 * 97, 6)];
        let m = search(&hs, &[false, false], 6, band(100)).expect("a page");
        assert_eq!(m.remainder, 0, "{m:?}");
        no_overlap(&m.places);
        let lead = m.places[0].unwrap();
        assert_eq!(
            (lead.column, lead.row),
            (0, 0),
            "the lead story at the top left"
        );
        assert!(m.places.iter().flatten().all(|p| !p.continued));
    }

    #[test]
    fn too_much_text_continues_the_last_article_and_fills_the_page() {
        let hs = vec![article(6 * 60, 6), article(6 * 90, 6)];
        let m = search(&hs, &[false, true], 6, band(100)).expect("a page");
        assert_eq!(m.remainder, 0, "{m:?}");
        no_overlap(&m.places);
        assert!(m.places[1].unwrap().continued);
        assert!(!m.places[0].unwrap().continued);
    }

    #[test]
    fn without_continuation_the_smallest_remainder_is_left_at_the_foot() {
        let hs = vec![article(6 * 40, 6), article(6 * 20, 6)];
        let m = search(&hs, &[false, false], 6, band(100)).expect("a page");
        assert!(m.remainder > 0);
        let used: u32 = (m.places.iter().flatten())
            .map(|p| p.row + p.rows)
            .max()
            .unwrap();
        assert_eq!(used + m.remainder, 100);
    }

    #[test]
    fn eight_articles_are_searched_and_placed_apart() {
        // About the page's 8 × 120 line-columns, headlines included.
        let areas = [260, 170, 120, 100, 80, 70, 60, 50];
        let hs: Vec<_> = areas.iter().map(|&a| article(a, 8)).collect();
        let cut: Vec<bool> = (0..8).map(|i| i == 7).collect();
        let t = std::time::Instant::now();
        let m = search(&hs, &cut, 8, band(120)).expect("a page");
        eprintln!(
            "8 articles: {:?}, effort {}, remainder {}",
            t.elapsed(),
            m.effort,
            m.remainder
        );
        no_overlap(&m.places);
        assert!(m.places.iter().all(Option::is_some));
        assert_eq!(m.places[0].unwrap().row, 0);
    }
}

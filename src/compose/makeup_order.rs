//! The lead story's headline the page's largest ([`super::choose`]): the
//! objective's third term, before the hierarchy of the others. The cap on
//! the other headlines ([`super::headline_ceiling`]) is refused where it
//! opens white at a headline's ends (`title::opens_more`), and the search
//! knows modules by their heights alone: a lead with a long headline at
//! four columns (h-set07: eleven characters, 40.7 pt) then stands beside
//! a short one at the same span set larger (nine, 48.6 pt). Where the
//! make-up so chosen sets a headline over the lead's, the page is searched
//! again with the lead's modules at a headline size from its smallest up
//! and the others' at most that size, and the first page that fills as
//! much and continues no more is taken: the lead wider, or the other
//! narrower. (From the largest down, var-set06's lead took the page's
//! width at 86.9 pt where 56 sufficed.)

use super::Prepared;
use crate::compose::makeup_search::MadeUp;
use crate::compose::page::PageArticle;
use crate::compose::variants::{Fit, headline_size};

/// Sizes within this many points are one (a headline's size is fitted to
/// its measure in steps far larger).
const SAME: f64 = 0.05;

/// Each searched article's headline size per span and fit (`None`
/// without a headline, or where it breaks inside a phrase).
type Sizes = Vec<Vec<Vec<Option<f64>>>>;

/// The headline sizes of every module the search may choose.
fn sizes(articles: &[PageArticle], prep: &Prepared, fits: &[Vec<Vec<Fit>>]) -> Sizes {
    (prep.searched.iter().zip(&prep.variants).zip(fits))
        .map(|((&i, v), per_span)| {
            (per_span.iter().enumerate())
                .map(|(k, fits)| {
                    let span = k as u32 + 1;
                    (fits.iter())
                        .map(|f| headline_size(&articles[i], v.list[f.variant], &prep.grid, span))
                        .map(|s| s.map(|s| s.0))
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// The size of the headline of searched article `j` as `m` places it.
fn chosen(m: &MadeUp, sizes: &Sizes, fits: &[Vec<Vec<Fit>>], j: usize) -> Option<f64> {
    let p = m.places[j]?;
    let k = p.columns as usize - 1;
    let at = fits[j][k].iter().position(|f| f.variant == p.variant)?;
    sizes[j][k][at]
}

/// Whether `m` sets a headline larger than the lead's (searched article
/// `lead`).
fn over(m: &MadeUp, sizes: &Sizes, fits: &[Vec<Vec<Fit>>], lead: usize) -> bool {
    let Some(top) = chosen(m, sizes, fits, lead) else {
        return false;
    };
    (0..fits.len())
        .filter(|&j| j != lead)
        .any(|j| chosen(m, sizes, fits, j).is_some_and(|s| s > top + SAME))
}

/// `fits` with the lead's modules whose headline is at least `size` and
/// the others' whose headline is at most that (or that have none).
fn under(fits: &[Vec<Vec<Fit>>], sizes: &Sizes, lead: usize, size: f64) -> Vec<Vec<Vec<Fit>>> {
    (fits.iter().enumerate())
        .map(|(j, per_span)| {
            (per_span.iter().enumerate())
                .map(|(k, fits)| {
                    (fits.iter().zip(&sizes[j][k]))
                        .filter(|(_, s)| match (j == lead, s) {
                            (true, Some(s)) => *s >= size - SAME,
                            (true, None) => false,
                            (false, Some(s)) => *s <= size + SAME,
                            (false, None) => true,
                        })
                        .map(|(f, _)| *f)
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// A make-up of `fits` (by `search`, as [`super::choose`] searches) whose
/// lead story's headline is the page's largest, where `m` sets another
/// larger (see [`reorder`]). `None` where `m` keeps the order already, or
/// no such page exists.
pub(super) fn lead_leads<T>(
    (articles, prep): (&[PageArticle], &Prepared),
    fits: &[Vec<Vec<Fit>>],
    m: &MadeUp,
    search: impl FnMut(&[Vec<Vec<Fit>>]) -> Option<(MadeUp, T)>,
) -> Option<(MadeUp, T)> {
    let lead = (prep.searched.iter()).position(|&i| articles[i].placement.lead_story)?;
    // The sizes of the modules `m` chose first: most pages keep the order.
    let size = |j: usize| {
        let p = m.places[j]?;
        let (i, v) = (prep.searched[j], &prep.variants[j]);
        headline_size(&articles[i], v.list[p.variant], &prep.grid, p.columns)
    };
    let top = size(lead)?;
    if (0..fits.len()).all(|j| j == lead || size(j).is_none_or(|s| s.0 <= top.0 + SAME)) {
        return None;
    }
    let sizes = sizes(articles, prep, fits);
    reorder((&sizes, lead), fits, m, search)
}

/// Where `m` sets a headline over the lead's (searched article `lead`,
/// headline sizes `sizes`): of the lead's sizes from the smallest up (the
/// least change to the page), the first whose page, its other headlines
/// at most that size, fills as much as `m` and continues no more articles.
fn reorder<T>(
    (sizes, lead): (&Sizes, usize),
    fits: &[Vec<Vec<Fit>>],
    m: &MadeUp,
    mut search: impl FnMut(&[Vec<Vec<Fit>>]) -> Option<(MadeUp, T)>,
) -> Option<(MadeUp, T)> {
    if !over(m, sizes, fits, lead) {
        return None;
    }
    let mut tops: Vec<f64> = sizes[lead].iter().flatten().flatten().copied().collect();
    tops.sort_by(|a, b| a.total_cmp(b));
    tops.dedup_by(|a, b| (*a - *b).abs() <= SAME);
    tops.into_iter().find_map(|top| {
        search(&under(fits, sizes, lead, top)).filter(|(found, _)| {
            found.continued() <= m.continued() && found.remainder <= m.remainder
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::makeup_search::{Band, search};
    use crate::compose::variants::Height;

    const COLUMNS: u32 = 8;
    const DEPTH: u32 = 10;

    /// A module `rows` deep with `white` line-columns under its text.
    fn fit(rows: u32, white: u32) -> Fit {
        Fit {
            variant: 0,
            height: Height::Rows(rows, rows),
            white,
            foot: 0,
            holes: 0,
        }
    }

    /// An article's modules: per span (from 1), a module `DEPTH` deep with
    /// that white and its headline's size, where it takes that span.
    fn article(spans: &[(u32, u32, f64)]) -> (Vec<Vec<Fit>>, Vec<Vec<Option<f64>>>) {
        let mut fits = vec![Vec::new(); COLUMNS as usize];
        let mut sizes = vec![Vec::new(); COLUMNS as usize];
        for &(span, white, size) in spans {
            fits[span as usize - 1].push(fit(DEPTH, white));
            sizes[span as usize - 1].push(Some(size));
        }
        (fits, sizes)
    }

    /// The lead (eleven characters a line: 40 pt at four columns, 50 at
    /// five, where its last line leaves a column's line white) and a short
    /// headline (48 pt at four columns, 40 at three) side by side: the
    /// whitest-free page sets them at four columns each, the short one the
    /// larger.
    fn page() -> (Vec<Vec<Vec<Fit>>>, Sizes) {
        let (lead, lead_sizes) = article(&[(4, 0, 40.0), (5, 1, 50.0)]);
        let (other, other_sizes) = article(&[(3, 0, 40.0), (4, 0, 48.0)]);
        (vec![lead, other], vec![lead_sizes, other_sizes])
    }

    fn band() -> Band {
        Band {
            top: 0,
            bottom: DEPTH,
            first: 0,
            columns: COLUMNS,
            notch: None,
        }
    }

    fn run(fits: &[Vec<Vec<Fit>>]) -> Option<(MadeUp, ())> {
        search(fits, &[false, false], band()).0.map(|m| (m, ()))
    }

    fn spans(m: &MadeUp) -> Vec<u32> {
        m.places
            .iter()
            .map(|p| p.expect("placed").columns)
            .collect()
    }

    #[test]
    fn a_headline_over_the_leads_makes_the_lead_wider() {
        let (fits, sizes) = page();
        let (m, _) = run(&fits).expect("a page");
        assert_eq!(spans(&m), [4, 4], "the search alone: {m:?}");
        let (led, _) = reorder((&sizes, 0), &fits, &m, run).expect("a page led");
        assert_eq!(spans(&led), [5, 3], "{led:?}");
        assert_eq!((led.remainder, led.continued()), (0, 0));
    }

    #[test]
    fn a_page_that_keeps_the_order_is_left_alone() {
        let (fits, mut sizes) = page();
        sizes[1][3][0] = Some(40.0);
        let (m, _) = run(&fits).expect("a page");
        assert!(reorder((&sizes, 0), &fits, &m, run).is_none());
    }

    #[test]
    fn the_order_never_costs_the_fill() {
        // The lead at five columns and the other at three are three lines
        // short of the page: the page they make keeps the order and leaves
        // its last lines white.
        let (mut fits, sizes) = page();
        (fits[0][4][0], fits[1][2][0]) = (fit(DEPTH - 3, 0), fit(DEPTH - 3, 0));
        let (m, _) = run(&fits).expect("a page");
        assert_eq!(m.remainder, 0);
        let (short, _) = run(&under(&fits, &sizes, 0, 40.0)).expect("a page led");
        assert_eq!((spans(&short), short.remainder), (vec![5, 3], 3));
        assert!(reorder((&sizes, 0), &fits, &m, run).is_none());
    }
}

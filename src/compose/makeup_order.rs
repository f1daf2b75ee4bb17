//! The lead story's headline the page's largest and widest
//! ([`super::choose`]): the objective's third term, before the hierarchy
//! of the others. The cap on the other headlines
//! ([`super::headline_ceiling`]) is refused where it opens white at a
//! headline's ends (`title::opens_more`), and the search knows modules by
//! their heights alone: a lead with a long headline at four columns
//! (h-set07: eleven characters, 40.7 pt) then stands beside a short one at
//! the same span set larger (nine, 48.6 pt), or a later article's line
//! reaches across more of the page than the lead's (h-set18). Where the
//! make-up so chosen sets a headline that outranks the lead's, the page is
//! searched again with the lead's modules at a headline from its smallest
//! up and the others' that outrank it left out; the first page that fills
//! as much, continues no more and sets no rival near the lead is set
//! too (`edition::tries` keeps it where it has no more holes): the lead
//! wider, or the other narrower. (From the largest down, var-set06's lead
//! took the page's width at 86.9 pt where 56 sufficed.)

use super::{Prepared, hold};
use crate::compose::makeup_search::MadeUp;
use crate::compose::page::PageArticle;
use crate::compose::variants::{Fit, Variant, headline_at};
use crate::model::Grid;

/// Sizes within this many points are one (a headline's size is fitted to
/// its measure in steps far larger).
const SAME: f64 = 0.05;

/// A headline reaching further than the lead's by this many body sizes
/// is the wider.
const WIDER: f64 = 2.0;
/// A headline in the lead's row this near its size (the lead's at most
/// this many times the other's) vies with it: a led page that sets one so
/// is refused (a compositor's review: a rival moved up beside the lead at
/// 0.87 of its size, reaching further, read worse than the wider rival
/// lower down it replaced).
const LEVEL: f64 = 1.3;
/// Anywhere on the page a headline this near the lead's size vies with
/// it (the review again: h-set07's second story grown to 48.6 pt under a
/// lead of 56.1, a row below it, weakened the lead more than the small
/// headline beside it that it replaced).
const NEAR: f64 = 1.2;

/// A module's headline: its size in points and the reach of its widest
/// line in body sizes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Head {
    size: f64,
    reach: f64,
}

impl Head {
    /// The headline of article `a` in `variant` at `span` columns, as
    /// fitted to that module (see [`headline_at`]).
    pub fn of(a: &PageArticle, variant: Variant, grid: &Grid, span: u32) -> Option<Head> {
        let (size, reach) = headline_at(a, variant, grid, span)?;
        Some(Head {
            size: size.0,
            reach: reach.0 / grid.body_size.0,
        })
    }

    /// Whether this headline outranks `lead`'s: larger, or (`by_reach`)
    /// reaching further by [`WIDER`].
    pub fn outranks(self, lead: Head, by_reach: bool) -> bool {
        self.size > lead.size + SAME || (by_reach && self.reach > lead.reach + WIDER)
    }

    /// Whether this headline vies with `lead`'s: within [`LEVEL`] of its
    /// size in the lead's row (`level`: a module from the same top line),
    /// or within [`NEAR`] anywhere.
    pub fn vies(self, lead: Head, level: bool) -> bool {
        self.size * if level { LEVEL } else { NEAR } >= lead.size
    }
}

/// Each searched article's headline per span and fit (`None` without a
/// headline, or where it breaks inside a phrase).
type Heads = Vec<Vec<Vec<Option<Head>>>>;

/// The headline of searched article `j` in `variant` at `span` columns.
fn head(
    articles: &[PageArticle],
    prep: &Prepared,
    j: usize,
    (variant, span): (usize, u32),
) -> Option<Head> {
    let (a, v) = (&articles[prep.searched[j]], &prep.variants[j]);
    Head::of(a, v.list[variant], &prep.grid, span)
}

/// The headlines of every module the search may choose.
fn heads(articles: &[PageArticle], prep: &Prepared, fits: &[Vec<Vec<Fit>>]) -> Heads {
    (fits.iter().enumerate())
        .map(|(j, per_span)| {
            (per_span.iter().zip(1..))
                .map(|(fits, span)| {
                    (fits.iter())
                        .map(|f| head(articles, prep, j, (f.variant, span)))
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// The headline of searched article `j` as `m` places it.
fn chosen(m: &MadeUp, heads: &Heads, fits: &[Vec<Vec<Fit>>], j: usize) -> Option<Head> {
    let p = m.places[j]?;
    let k = p.columns as usize - 1;
    let at = fits[j][k].iter().position(|f| f.variant == p.variant)?;
    heads[j][k][at]
}

/// Whether any of `others` outranks `lead`.
fn over(lead: Option<Head>, others: impl IntoIterator<Item = Option<Head>>) -> bool {
    let Some(lead) = lead else {
        return false;
    };
    others.into_iter().flatten().any(|h| h.outranks(lead, true))
}

/// `fits` with the lead's modules whose headline is `top`'s size at least
/// (and with `by_reach`, its reach), and the others' that do not outrank
/// it (or have none): larger, or with `by_reach` reaching further.
fn under(
    fits: &[Vec<Vec<Fit>>],
    heads: &Heads,
    lead: usize,
    (top, by_reach): (Head, bool),
) -> Vec<Vec<Vec<Fit>>> {
    (fits.iter().enumerate())
        .map(|(j, per_span)| {
            (per_span.iter().enumerate())
                .map(|(k, fits)| {
                    (fits.iter().zip(&heads[j][k]))
                        .filter(|(_, h)| match (j == lead, h) {
                            (true, Some(h)) => {
                                h.size >= top.size - SAME
                                    && (!by_reach || h.reach >= top.reach - 0.01)
                            }
                            (true, None) => false,
                            (false, Some(h)) => !h.outranks(top, by_reach),
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
/// lead story's headline is the page's largest and widest, where `m`
/// sets another larger or reaching further (see [`reorder`]). `None`
/// where `m` keeps the order already, or no such page exists.
pub(super) fn lead_leads<T>(
    (articles, prep): (&[PageArticle], &Prepared),
    fits: &[Vec<Vec<Fit>>],
    m: &MadeUp,
    search: impl FnMut(&[Vec<Vec<Fit>>]) -> Option<(MadeUp, T)>,
) -> Option<(MadeUp, T)> {
    let lead = (prep.searched.iter()).position(|&i| articles[i].placement.lead_story)?;
    // The headlines of the modules `m` chose first: most pages keep the
    // order.
    let placed = |j: usize| {
        let p = m.places[j]?;
        head(articles, prep, j, (p.variant, p.columns))
    };
    let others = (0..fits.len()).filter(|&j| j != lead).map(placed);
    if !over(placed(lead), others) {
        return None;
    }
    let heads = heads(articles, prep, fits);
    reorder((&heads, lead), fits, m, search)
}

/// Where `m` sets a headline that outranks the lead's (searched article
/// `lead`, headlines `heads`): of the lead's headlines from the smallest
/// up (the least change to the page), the first whose page, no other
/// headline outranking it (larger or reaching further; then, where none
/// serves, larger), fills as much as `m`, continues no more articles and
/// sets none near the lead's size ([`vies`]).
fn reorder<T>(
    (heads, lead): (&Heads, usize),
    fits: &[Vec<Vec<Fit>>],
    m: &MadeUp,
    mut search: impl FnMut(&[Vec<Vec<Fit>>]) -> Option<(MadeUp, T)>,
) -> Option<(MadeUp, T)> {
    let others = (0..fits.len())
        .filter(|&j| j != lead)
        .map(|j| chosen(m, heads, fits, j));
    if !over(chosen(m, heads, fits, lead), others) {
        return None;
    }
    let mut tops: Vec<Head> = heads[lead].iter().flatten().flatten().copied().collect();
    tops.sort_by(|a, b| {
        (a.size, a.reach)
            .partial_cmp(&(b.size, b.reach))
            .expect("sizes are finite")
    });
    tops.dedup_by(|a, b| (a.size - b.size).abs() <= SAME && (a.reach - b.reach).abs() < 0.01);
    // Largest and widest first; where no such page serves, the largest
    // alone (h-set07: every page with no line reaching past the lead's
    // vies with it; the one with its headline the largest does not).
    let mut sizes = tops.clone();
    sizes.dedup_by(|a, b| (a.size - b.size).abs() <= SAME);
    let mut tiers =
        (tops.into_iter().map(|t| (t, true))).chain(sizes.into_iter().map(|t| (t, false)));
    tiers.find_map(|top| {
        search(&under(fits, heads, lead, top)).filter(|(found, _)| {
            hold::faults(found.continued(), found.held()) <= hold::faults(m.continued(), m.held())
                && found.remainder <= m.remainder
                && !vies(found, (heads, fits), lead)
        })
    })
}

/// Whether `m` sets a headline in the lead's row (a module from the same
/// top line) within [`LEVEL`] of the lead's size, or one anywhere within
/// [`NEAR`].
fn vies(m: &MadeUp, (heads, fits): (&Heads, &[Vec<Vec<Fit>>]), lead: usize) -> bool {
    let (Some(at), Some(top)) = (m.places[lead], chosen(m, heads, fits, lead)) else {
        return false;
    };
    (0..fits.len()).filter(|&j| j != lead).any(|j| {
        let level = m.places[j].is_some_and(|p| p.row == at.row);
        chosen(m, heads, fits, j).is_some_and(|h| h.vies(top, level))
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
            shorts: [0; 2],
            head: 0,
            stretch: None,
        }
    }

    /// An article's modules: per span (from 1), a module `DEPTH` deep with
    /// that white and its headline's size, where it takes that span.
    fn article(spans: &[(u32, u32, f64)]) -> (Vec<Vec<Fit>>, Vec<Vec<Option<Head>>>) {
        let mut fits = vec![Vec::new(); COLUMNS as usize];
        let mut sizes = vec![Vec::new(); COLUMNS as usize];
        for &(span, white, size) in spans {
            fits[span as usize - 1].push(fit(DEPTH, white));
            let reach = (span * 14 - 1) as f64;
            sizes[span as usize - 1].push(Some(Head { size, reach }));
        }
        (fits, sizes)
    }

    /// The lead (eleven characters a line: 40 pt at four columns, 50 at
    /// five, where its last line leaves a column's line white) and a short
    /// headline (48 pt at four columns, 40 at three) side by side: the
    /// whitest-free page sets them at four columns each, the short one the
    /// larger.
    fn page() -> (Vec<Vec<Vec<Fit>>>, Heads) {
        let (lead, lead_sizes) = article(&[(4, 0, 40.0), (5, 1, 56.0)]);
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

    /// A headline vies with the lead's within 1.3 of its size in its row,
    /// within 1.2 anywhere: 40 pt beside a 50 pt lead does, under it not.
    #[test]
    fn a_headline_near_the_leads_size_vies_with_it_in_its_row_nearer_elsewhere() {
        let head = |size| Head { size, reach: 0.0 };
        let lead = head(50.0);
        assert!(head(40.0).vies(lead, true));
        assert!(!head(40.0).vies(lead, false));
        assert!(head(42.0).vies(lead, false));
        assert!(!head(38.0).vies(lead, true));
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
    fn a_headline_reaching_further_than_the_leads_makes_the_lead_wider() {
        // The lead is the larger at three columns (45 pt), but the other's
        // line reaches across five (40 pt).
        let (lead, lead_heads) = article(&[(3, 0, 45.0), (5, 1, 56.0)]);
        let (other, other_heads) = article(&[(3, 0, 40.0), (5, 0, 40.0)]);
        let (fits, heads) = (vec![lead, other], vec![lead_heads, other_heads]);
        let (m, _) = run(&fits).expect("a page");
        assert_eq!(spans(&m), [3, 5], "the search alone: {m:?}");
        let (led, _) = reorder((&heads, 0), &fits, &m, run).expect("a page led");
        assert_eq!(spans(&led), [5, 3], "{led:?}");
    }

    #[test]
    fn a_led_page_with_a_rival_in_the_leads_row_is_refused() {
        // The lead at five columns only 50 pt, the other beside it at 40.
        let (mut fits, mut sizes) = page();
        (fits[0][4][0], sizes[0][4][0]) = (
            fit(DEPTH, 1),
            Some(Head {
                size: 50.0,
                reach: 69.0,
            }),
        );
        let (m, _) = run(&fits).expect("a page");
        assert!(reorder((&sizes, 0), &fits, &m, run).is_none());
    }

    /// The lead (56 pt, five columns at the top) and another module
    /// beside it or under it, its headline `size`.
    fn two(row: u32, size: f64) -> (MadeUp, Heads, Vec<Vec<Vec<Fit>>>) {
        let place = |column, columns, row| {
            Some(crate::compose::makeup_search::Place {
                column,
                columns,
                row,
                rows: DEPTH,
                continued: false,
                variant: 0,
            })
        };
        let (lead, lead_heads) = article(&[(5, 0, 56.0)]);
        let (other, other_heads) = article(&[(3, 0, size)]);
        let m = MadeUp {
            places: vec![place(0, 5, 0), place(5, 3, row)],
            remainder: 0,
            last_only: false,
            cost: 0,
        };
        (m, vec![lead_heads, other_heads], vec![lead, other])
    }

    #[test]
    fn a_headline_near_the_leads_size_vies_with_it() {
        let vies_at = |row, size| {
            let (m, heads, fits) = two(row, size);
            vies(&m, (&heads, &fits), 0)
        };
        // In the lead's row, within 1.3 times; under it, within 1.2.
        assert!(vies_at(0, 45.0));
        assert!(!vies_at(0, 42.0));
        assert!(vies_at(20, 48.0));
        assert!(!vies_at(20, 45.0));
    }

    #[test]
    fn the_largest_alone_leaves_the_reach_free() {
        // The other, smaller, reaches 69 ems against the lead's 55.
        let (mut fits, mut heads) = page();
        fits[1][4].push(fit(DEPTH, 0));
        heads[1][4].push(Some(Head {
            size: 40.0,
            reach: 69.0,
        }));
        let top = Head {
            size: 48.0,
            reach: 55.0,
        };
        let kept = |by_reach| under(&fits, &heads, 0, (top, by_reach))[1][4].len();
        assert_eq!((kept(true), kept(false)), (0, 1));
    }

    #[test]
    fn a_page_that_keeps_the_order_is_left_alone() {
        let (fits, mut sizes) = page();
        sizes[1][3][0] = Some(Head {
            size: 40.0,
            reach: 55.0,
        });
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
        let top = Head {
            size: 40.0,
            reach: 55.0,
        };
        let (short, _) = run(&under(&fits, &sizes, 0, (top, true))).expect("a page led");
        assert_eq!((spans(&short), short.remainder), (vec![5, 3], 3));
        assert!(reorder((&sizes, 0), &fits, &m, run).is_none());
    }
}

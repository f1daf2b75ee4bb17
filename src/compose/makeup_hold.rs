//! Articles held over (压稿): a page with more copy than it holds cuts
//! one or two articles and continues them with jump lines; past that it
//! keeps its last-ranked articles off the page, whole, for the edition's
//! next page, rather than cut a third. A compositor's review of a page
//! that cut five of its eight stories after 7–16 lines each (the right
//! half of the page a stack of headlines over stubs): a compositor jumps
//! one or two and holds the rest. A held article is set on the next page
//! as one of its own (its headline, no jump lines); the summary says so.

use std::borrow::Cow;

use super::super::makeup_search::Place;
use super::super::makeup_search::search_in;
use super::super::variants::{Height, KEPT};
use super::{Band, Fit, MadeUp, PageArticle, Prepared, cuttable};

/// Articles a page cuts before it holds one over whole.
pub(crate) const MOST_CUT: usize = 2;

/// What a page's articles lose of it, in the objective's order: cuts past
/// [`MOST_CUT`], then articles held over, then articles cut (of pages
/// with as few cuts past the most, the one that holds fewer over; of
/// those, the one that cuts fewer).
pub(crate) fn faults(cut: usize, held: usize) -> (usize, usize, usize) {
    (cut.saturating_sub(MOST_CUT), held, cut)
}

/// What a made-up page falls short by: articles held over whole and
/// continued on the next page ([`faults`]'s order), then lines left
/// white at the band's foot (the objective's order: the text that fits,
/// then the page filled).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Short {
    pub held: usize,
    pub continued: usize,
    pub remainder: u32,
}

impl Short {
    pub(super) fn of(continued: usize, held: usize, remainder: u32) -> Short {
        Short {
            held,
            continued,
            remainder,
        }
    }

    /// The order's key: the faults first (derived from the counts, so
    /// that equal keys are equal values, as the derived `Eq` says).
    fn key(&self) -> ((usize, usize, usize), usize, usize, u32) {
        let faults = faults(self.continued, self.held);
        (faults, self.held, self.continued, self.remainder)
    }
}

impl Ord for Short {
    fn cmp(&self, other: &Short) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Short {
    fn partial_cmp(&self, other: &Short) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The searched articles (their indices among the page's searched ones)
/// the page may hold over, the last in the manifest's order first: its
/// own, not the lead story, not a rest (its jump line on the page before
/// names this page), not one the manifest gives a column (a serial box in
/// its slot: the page keeps it and jumps or holds a story instead;
/// gen-pages --tiers set10 and set28 held theirs over to page 2, where a
/// compositor's review looked for it on page 1). None where the page may
/// not hold (see [`Prepared::may_hold`]).
pub(super) fn holdable(articles: &[PageArticle], prep: &Prepared) -> Vec<usize> {
    if !prep.may_hold {
        return Vec::new();
    }
    let own = |&j: &usize| {
        let a = &articles[prep.searched[j]];
        a.rest.is_none() && !a.placement.lead_story && a.placement.column.is_none()
    };
    (0..prep.searched.len()).rev().filter(own).collect()
}

/// The page the objective chooses of `search(held, cut)`'s (holding the
/// first `held` of the holdable articles over, `cut` of the others
/// allowed to continue): of the fewest held, the first that continues at
/// most [`MOST_CUT`]; where every holdable article held still leaves more
/// cut, the one with the fewest [`faults`]. `n` articles, `holdable` of
/// them holdable, `first` the fewest allowed to continue; the levels
/// from `from` held. (`cut` is how many may continue, not how many do:
/// the search continues the fewest it can, and which of them it allows
/// is the longest first.)
pub(super) fn first_page(
    (n, holdable, first): (usize, usize, usize),
    from: usize,
    mut search: impl FnMut(usize, usize) -> Option<MadeUp>,
    stubs: impl Fn(&MadeUp) -> usize,
) -> Option<MadeUp> {
    // The page with the fewest faults so far, with them.
    let mut over: Option<((usize, usize, usize), MadeUp)> = None;
    // The first page within the cuts that cuts a stub: a page holding
    // more is kept instead only where it is as full (the objective's
    // first term; gqv60-set55 held two over and left 6 lines white).
    let mut stubbed: Option<MadeUp> = None;
    let most = holdable.min(n);
    for held in from.min(most)..=most {
        let Some(m) = (first..=n - held).find_map(|cut| search(held, cut)) else {
            continue;
        };
        let stubbed_here = stubs(&m);
        if m.continued() <= MOST_CUT {
            match stubbed_here {
                0 => match stubbed {
                    Some(s) if s.remainder < m.remainder => return Some(s),
                    _ => return Some(m),
                },
                _ if stubbed.is_none() => stubbed = Some(m.clone()),
                _ => {}
            }
        }
        // A stub counts as a cut past the most: a page holds an article
        // over rather than jump one after a few lines.
        let (past, held, cut) = faults(m.continued(), m.held());
        let fault = (past + stubbed_here, held, cut);
        if over.as_ref().is_none_or(|(o, _)| fault < *o) {
            over = Some((fault, m));
        }
    }
    over.map(|(_, m)| m)
}

/// The least part of its text a cut article keeps on the page: less is
/// a stub.
const STUB_PART: usize = 7;

/// Articles `m` cuts to a stub (see [`first_page`]): less than a
/// [`STUB_PART`] of their text in the lines under their title block (the
/// rows they keep less the fewest a cut keeps, its block's and
/// [`super::super::variants::KEPT`] lines more). A compositor's review
/// refused pages cutting stories after 7 % and 10 % of their text
/// (gq-set13, gqv2-set07): a headline over a few lines and a jump line.
/// Where the module's whole height at its span is known, the share is of
/// its text's rows (a figure and paragraphs' short last lines take their
/// part of them); of a module taller than the page, a body character an
/// em across its columns. (By characters alone gq-set13 kept two stories
/// after 13 and 14 % of their rows, each a headline and a picture over a
/// few lines: nine lines across three columns passed for 351 characters,
/// over a seventh of the story's 2,410, where the module's rows said 9 of
/// 71.)
pub(super) fn stubs(m: &MadeUp, prep: &Prepared, fits: &[Vec<Vec<Fit>>]) -> usize {
    let per_line = prep.grid.chars_per_line() as usize;
    let height = |j: usize, p: &Place| {
        (fits[j].get(p.columns.saturating_sub(1) as usize))
            .and_then(|fs| fs.iter().find(|f| f.variant == p.variant))
            .map_or(Height::No, |f| f.height)
    };
    (m.places.iter().enumerate())
        .filter_map(|(j, p)| p.filter(|p| p.continued).map(|p| (j, p)))
        .filter(|&(j, p)| {
            // The whole module's rows where it fits the page, and its
            // title block's.
            let (whole, title) = match height(j, &p) {
                Height::Rows(rows, least) => (Some(rows), least.saturating_sub(KEPT + 1)),
                Height::Tall(least) => (None, least.saturating_sub(KEPT + 1)),
                Height::No => (None, 0),
            };
            let lines = p.rows.saturating_sub(title) as usize;
            match whole {
                Some(rows) => lines * STUB_PART < rows.saturating_sub(title) as usize,
                None => lines * p.columns as usize * per_line * STUB_PART < prep.sizes[j],
            }
        })
        .count()
}

/// The search of the page's articles less `held` (indices of `fits`),
/// `cut` of them continued: its page with a place for each article of
/// `fits` (`None` for those held over); the effort spent.
pub(super) fn search_holding(
    prep: &Prepared,
    fits: &[Vec<Vec<Fit>>],
    (held, cut): (&[usize], usize),
    band: Band,
) -> (Option<MadeUp>, usize) {
    let kept: Vec<usize> = (0..fits.len()).filter(|j| !held.contains(j)).collect();
    let fits_kept: Cow<[Vec<Vec<Fit>>]> = match held.is_empty() {
        true => Cow::Borrowed(fits),
        false => Cow::Owned(kept.iter().map(|&j| fits[j].clone()).collect()),
    };
    let sizes: Vec<usize> = kept.iter().map(|&j| prep.sizes[j]).collect();
    let (m, tried) = search_in(&prep.tables, &fits_kept, &cuttable(&sizes, cut), band);
    let m = m.map(|m| {
        let mut places = vec![None; fits.len()];
        for (&j, p) in kept.iter().zip(m.places) {
            places[j] = p;
        }
        MadeUp { places, ..m }
    });
    (m, tried)
}

#[cfg(test)]
mod tests {
    use super::super::Place;
    use super::*;

    /// A page of `n` places, `cut` of them continued and `held` with none.
    fn page(n: usize, cut: usize, held: usize) -> MadeUp {
        let place = |continued| Place {
            column: 0,
            columns: 1,
            row: 0,
            rows: 1,
            continued,
            variant: 0,
        };
        let places = (0..n)
            .map(|i| (i >= held).then(|| place(i < held + cut)))
            .collect();
        MadeUp {
            places,
            remainder: 0,
            last_only: false,
            cost: 0,
        }
    }

    #[test]
    fn a_third_cut_comes_after_every_hold() {
        // Six articles, two holdable: unheld, the page cuts four; one
        // held, three; both held, two: the last is kept.
        let cuts = [4, 3, 2];
        let mut asked = Vec::new();
        let m = first_page(
            (6, 2, 0),
            0,
            |held, cut| {
                asked.push((held, cut));
                (cut >= cuts[held]).then(|| page(6, cuts[held], held))
            },
            |_| 0,
        );
        let m = m.expect("a page");
        assert_eq!((m.held(), m.continued()), (2, 2));
        // Each level searched from no cut up to the first page it found.
        assert_eq!(asked.iter().filter(|a| a.0 == 0).count(), 5);
        // Where holding every one still cuts three, the fewest faults:
        // three cuts with two held lose to three cuts with none held.
        let m = first_page(
            (6, 2, 0),
            0,
            |held, cut| (cut >= 3).then(|| page(6, 3, held)),
            |_| 0,
        );
        assert_eq!(m.map(|m| (m.held(), m.continued())), Some((0, 3)));
        // A page within two cuts is kept at once: nothing held.
        let m = first_page(
            (6, 2, 0),
            0,
            |held, cut| (cut >= 2).then(|| page(6, 2, held)),
            |_| 0,
        );
        assert_eq!(m.map(|m| m.held()), Some(0));
        assert!(faults(3, 0) > faults(2, 2));
    }

    #[test]
    fn a_page_that_cuts_a_stub_holds_an_article_over_instead() {
        // Within two cuts at every level, but with none held one of its
        // cuts keeps a few lines (a stub): the page holding one is kept.
        let stubbed = |m: &MadeUp| usize::from(m.held() == 0);
        let m = first_page(
            (6, 2, 0),
            0,
            |held, cut| (cut >= 2).then(|| page(6, 2, held)),
            stubbed,
        );
        assert_eq!(m.map(|m| m.held()), Some(1));
        // Only on a page as full: holding one over leaves 6 lines white.
        let emptier = |held: usize, cut: usize| {
            let remainder = 6 * held as u32;
            (cut >= 2).then(|| MadeUp {
                remainder,
                ..page(6, 2, held)
            })
        };
        let m = first_page((6, 2, 0), 0, emptier, stubbed);
        assert_eq!(m.map(|m| m.held()), Some(0));
        // Stubs at every level: the fewest faults, a stub counted as a
        // cut past the most (none held, one stub, beats two held).
        let always = |m: &MadeUp| usize::from(m.held() < 2) + 2 * usize::from(m.held() == 2);
        let m = first_page(
            (6, 2, 0),
            0,
            |held, cut| (cut >= 2).then(|| page(6, 2, held)),
            always,
        );
        assert_eq!(m.map(|m| m.held()), Some(0));
    }
}

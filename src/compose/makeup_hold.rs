//! Articles held over (压稿): a page with more copy than it holds cuts
//! one or two articles and continues them with jump lines; past that it
//! keeps its last-ranked articles off the page, whole, for the edition's
//! next page, rather than cut a third. A compositor's review of a page
//! that cut five of its eight stories after 7–16 lines each (the right
//! half of the page a stack of headlines over stubs): a compositor jumps
//! one or two and holds the rest. A held article is set on the next page
//! as one of its own (its headline, no jump lines); the summary says so.

use std::borrow::Cow;

use super::super::makeup_search::search_in;
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

/// The searched articles (their indices among the page's searched ones)
/// the page may hold over, the last in the manifest's order first: its
/// own, not the lead story, not a rest (its jump line on the page before
/// names this page). None where the page may not hold (see
/// [`Prepared::may_hold`]).
pub(super) fn holdable(articles: &[PageArticle], prep: &Prepared) -> Vec<usize> {
    if !prep.may_hold {
        return Vec::new();
    }
    let own = |&j: &usize| {
        let a = &articles[prep.searched[j]];
        a.rest.is_none() && !a.placement.lead_story
    };
    (0..prep.searched.len()).rev().filter(own).collect()
}

/// The searches in the objective's order: `(held, cut)`, holding the
/// first `held` of the holdable ones over and cutting `cut` of the
/// others; cuts past [`MOST_CUT`] only when every holdable article is
/// held. `n` articles, `first` the fewest cuts tried.
pub(super) fn attempts(n: usize, holdable: usize, first: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for held in 0..=holdable.min(n) {
        let most = match held == holdable {
            true => n - held,
            false => MOST_CUT.min(n - held),
        };
        out.extend((first..=most).map(|cut| (held, cut)));
    }
    out
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
    use super::*;

    #[test]
    fn a_third_cut_comes_after_every_hold() {
        // Four articles, two of them holdable: two cuts, then one held
        // with up to two cuts, then both held with any number.
        let order = attempts(4, 2, 0);
        let want = [
            (0, 0),
            (0, 1),
            (0, 2),
            (1, 0),
            (1, 1),
            (1, 2),
            (2, 0),
            (2, 1),
            (2, 2),
        ];
        assert_eq!(order, want);
        // The order is the faults' order.
        let keys: Vec<_> = order.iter().map(|&(h, c)| faults(c, h)).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
        // Nothing holdable: every cut in turn.
        assert_eq!(attempts(4, 0, 0).len(), 5);
        assert_eq!(faults(3, 0).cmp(&faults(2, 2)), std::cmp::Ordering::Greater);
    }
}

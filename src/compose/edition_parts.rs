//! The remedies for headlines that run into each other (撞题, see
//! [`clashes`](super::super::super::clash::clashes)) on a made-up page,
//! each a re-set of the same make-up: one of a pair parted from the
//! other by a column of its text run up between them (题文错开, as a
//! compositor staggers two headlines side by side), and where that cannot
//! be, one of them in its alternate face.

use crate::compose::frame::{Parted, SizeCap};
use crate::compose::page::PageArticle;
use crate::units::Pt;

/// `placed` with one headline of each pair in `pairs` parted from the
/// other by a column of its module's text run up between them
/// ([`Placement::parted`]), its headline no larger than it was set: the
/// first of the pair (before the other across the columns, over it down a
/// vertical page), leaving its last column — never the second, leaving
/// its first, where its text would start before its headline; not the
/// lead story's (it spans its module), a rest's or one of a single
/// column. `None` where none changes.
///
/// [`Placement::parted`]: crate::compose::page::Placement::parted
pub(in crate::compose) fn parted<'a>(
    placed: &[PageArticle<'a>],
    pairs: &[[(usize, Pt); 2]],
) -> Option<Vec<PageArticle<'a>>> {
    let mut out: Vec<PageArticle<'a>> = placed.iter().map(PageArticle::copy).collect();
    let mut changed = false;
    for &[(a, size), _] in pairs {
        let p = &out[a].placement;
        let may = !p.lead_story && out[a].rest.is_none() && p.columns.unwrap_or(1) >= 2;
        // Parted already (for an earlier pair): nothing more to do.
        if !may || p.parted != Parted::Not {
            continue;
        }
        let p = &mut out[a].placement;
        p.parted = Parted::Last;
        // No larger than it was set: narrowed, two lines may take a size
        // larger, which would only bring it nearer the other's.
        let own = SizeCap::of(size);
        p.headline_most = Some(p.headline_most.map_or(own, |c| c.min(own)));
        changed = true;
    }
    changed.then_some(out)
}

/// `placed` with one headline of each pair in `pairs` in its alternate face
/// (its article's `alt`): the smaller, or the other where that one is the
/// lead story's, a rest's or has no such face. `None` where none changes.
pub(in crate::compose) fn other_faces<'a>(
    placed: &[PageArticle<'a>],
    pairs: &[[(usize, Pt); 2]],
) -> Option<Vec<PageArticle<'a>>> {
    let mut out: Vec<PageArticle<'a>> = placed.iter().map(PageArticle::copy).collect();
    let mut changed = false;
    for &[a, b] in pairs {
        let (small, large) = if a.1 <= b.1 { (a.0, b.0) } else { (b.0, a.0) };
        let may = |j: usize| {
            let p = &placed[j];
            !p.placement.lead_story && p.rest.is_none() && p.alt.is_some()
        };
        // One of the pair already turned (by an earlier pair) parts them.
        let turned = |j: usize| out[j].in_alternate_face();
        if turned(small) || turned(large) {
            continue;
        }
        // Not one whose headline meets one already turned: the two
        // would run together in the alternate face.
        let partners = |j: usize| {
            (pairs.iter())
                .filter_map(|&[p, q]| match (p.0 == j, q.0 == j) {
                    (true, _) => Some(q.0),
                    (_, true) => Some(p.0),
                    _ => None,
                })
                .any(turned)
        };
        let Some(j) = [small, large].into_iter().find(|&j| may(j) && !partners(j)) else {
            continue;
        };
        // Checked by `may`.
        let alt = placed[j]
            .alt
            .expect("an article with an alternate headline");
        out[j].shaped = alt;
        // Its modules were keyed by its text in its own face.
        out[j].recall = None;
        changed = true;
    }
    changed.then_some(out)
}

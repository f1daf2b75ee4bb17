//! The modules the search takes ([`super::choose`]): each article's at
//! each span, charged for the holes a page's make-up met, and with its
//! strips where no page sets every article whole without them.

use super::{Avoid, MET, Prepared, cuttable};
use crate::compose::makeup_search::{Band, MadeUp, search};
use crate::compose::variants::{Fit, Height};

/// Each searched article's modules at each span (index `span - 1`), with
/// its strips where `strips` (see [`crate::compose::Variants::strips`]), the modules in
/// `avoid` charged as holes of [`MET`] line-columns.
pub(super) fn charged(prep: &Prepared, avoid: &[Avoid], strips: bool) -> Vec<Vec<Vec<Fit>>> {
    (prep.searched.iter().zip(&prep.variants))
        .map(|(&i, v)| {
            let mut fits = v.fits.clone();
            if strips {
                fits.iter_mut()
                    .zip(&v.strips)
                    .for_each(|(f, s)| f.extend(s));
            }
            for a in avoid.iter().filter(|a| a.article == i) {
                let Some(at) = fits.get_mut(a.columns as usize - 1) else {
                    continue;
                };
                for f in at.iter_mut().filter(|f| v.list[f.variant] == a.variant) {
                    f.holes += MET;
                }
            }
            fits
        })
        .collect()
}

/// The page with every article set whole, strips among their modules
/// (see [`crate::compose::Variants::strips`]); `None` on a vertical page,
/// where none has strips, or where their least areas together exceed the
/// band (no such page can exist: the search is not run).
pub(super) fn whole_in_strips(
    prep: &Prepared,
    (avoid, band): (&[Avoid], Band),
    effort: &mut usize,
) -> Option<MadeUp> {
    // Down a vertical page a strip is a few lines down several bands, the
    // bands' rules a ladder beside it: no module (a page of rests keeps
    // none there either).
    let any = (prep.variants.iter()).any(|v| v.strips.iter().any(|s| !s.is_empty()));
    if prep.grid.vertical || !any {
        return None;
    }
    let fits = charged(prep, avoid, true);
    let least = |spans: &Vec<Vec<Fit>>| {
        (spans.iter().enumerate())
            .flat_map(|(w, fits)| fits.iter().map(move |f| (w as u32 + 1, f.height)))
            .filter_map(|(w, h)| match h {
                Height::Rows(rows, _) => Some(w * rows),
                _ => None,
            })
            .min()
    };
    let mut need = 0;
    for spans in &fits {
        need += least(spans)?;
    }
    if need > band.columns * (band.bottom - band.top) {
        return None;
    }
    let (m, tried) = search(&fits, &cuttable(&prep.sizes, 0), band);
    *effort += tried;
    m
}

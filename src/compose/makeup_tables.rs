//! The tables of a page's searches kept for the searches after them
//! ([`Tables`]): a page beside a pin at a top corner searches the same
//! modules twice at each level of headline caps (the lead story in the
//! start corner, then the fuller page: the same table, another root),
//! and a retry may search modules it searched before.

use std::cell::RefCell;
use std::rc::Rc;

use super::super::variants::Fit;
use super::{Band, Table, tabulate};

/// Tables kept at most: the first (the search with nothing to avoid,
/// which the next pass repeats) and the last few.
const KEPT: usize = 4;

/// The last tables a page's searches made, each with what it was made
/// from; a table is a function of its articles' modules, which of them
/// may be cut and the band's shape (not of where the lead story goes:
/// that is the root's choice).
#[derive(Default)]
pub struct Tables(RefCell<Vec<Kept>>);

struct Kept {
    fits: Vec<Vec<Vec<Fit>>>,
    may_cut: Vec<bool>,
    shape: Shape,
    table: Rc<Table>,
    effort: usize,
}

/// The band as the table sees it: its rectangle and the pin's.
type Shape = (u32, u32, u32, u32, Option<(u32, u32, u32)>);

fn shape(band: Band) -> Shape {
    let notch = band.notch.map(|n| (n.first, n.columns, n.bottom));
    (band.top, band.bottom, band.first, band.columns, notch)
}

impl Tables {
    /// [`tabulate`]'s table, or the same one kept from an earlier search
    /// (its effort the states that table holds); `None` where no page can
    /// be made of the articles.
    pub(super) fn table(
        &self,
        fits: &[Vec<Vec<Fit>>],
        may_cut: &[bool],
        band: Band,
    ) -> (Option<Rc<Table>>, usize) {
        let shape = shape(band);
        let same = |k: &Kept| k.shape == shape && k.may_cut == may_cut && k.fits == fits;
        if let Some(k) = self.0.borrow().iter().find(|k| same(k)) {
            return (Some(k.table.clone()), k.effort);
        }
        let (table, effort) = tabulate(fits, may_cut, band);
        let table = table.map(Rc::new);
        // Tables that hold no page are cheap: the bounds refuse them.
        if let Some(table) = &table {
            let mut kept = self.0.borrow_mut();
            if kept.len() == KEPT {
                kept.remove(1);
            }
            kept.push(Kept {
                fits: fits.to_vec(),
                may_cut: may_cut.to_vec(),
                shape,
                table: table.clone(),
                effort,
            });
        }
        (table, effort)
    }

    /// Tables kept.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.0.borrow().len()
    }
}

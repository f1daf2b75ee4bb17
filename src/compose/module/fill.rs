//! A page's module the make-up gave more rows than its text takes (as
//! many as the search's slack): the white lines go to its title area, so
//! that its columns end at its foot — the block loosened as a compositor
//! does, not white left under the text (h-set09's module ended a line
//! and a half short over the next module's kicker row, a hole). Under a
//! block narrower than the module the white spreads over all its
//! columns, and the text, all of it, may then leave its last column short
//! of the foot where every column stood short before (page-12's foot
//! module, its block three of five columns wide: four columns end at the
//! foot, the column rules no longer run two lines past the text).

use super::super::columns::Composer;
use super::super::holes::holes_inside;
use super::ModuleSet;
use crate::linebreak::Line;
use crate::model::Grid;
use crate::resolve::Layout;
use crate::shape::ShapedDoc;

/// The most lines of white a title block takes to fill its module: the
/// make-up's slack (white lines a module may leave under its text).
const MOST_TITLE_WHITE: u32 = 2;

impl<'d> ModuleSet<'d> {
    /// The module laid out again with the white lines its text leaves
    /// under it (`c`) under its title block, where that ends its columns
    /// squarer and opens no hole in the module (white under a deck much
    /// shorter than the module joins the white beside it). Never above
    /// the block: white over a kicker joins the kicker's row and the white
    /// under the module over it (not seen here) into a hole — tried, it
    /// moved h-set09's hole rather than closing it. `None` where no line
    /// is left or the white does not fill.
    pub(super) fn filled<'a>(
        &self,
        c: &Composer,
        layout: &'a Layout,
        (shaped, broken): (&ShapedDoc, &[Option<Vec<Line>>]),
        page: &Grid,
    ) -> Option<(ModuleSet<'d>, Composer<'a>, Option<ShapedDoc>)> {
        let short = self.target()?.saturating_sub(c.first_page_bottom());
        let placed = self.frame.rows.is_some() && self.frame.fit_title && !self.own;
        let some = (1..=MOST_TITLE_WHITE).contains(&short);
        if !placed || !some || self.title.header.is_empty() || c.pages.len() > 1 {
            return None;
        }
        let holes = self.holes_in(c, page);
        let mut title = self.title.clone();
        title.white_below = short;
        let set = ModuleSet { title, ..*self };
        let (f, lifted) = set.lay_out_settled(layout, (shaped, broken)).ok()?;
        (self.fills_better(c, &f) && set.holes_in(&f, page) <= holes).then_some((set, f, lifted))
    }

    /// Where the module's text ends at most (exclusive): its last slot
    /// stays white, the rule under it (at the page's foot, the type
    /// area's last line, as on every page).
    fn target(&self) -> Option<u32> {
        self.slots.1.checked_sub(1)
    }

    /// Whether `filled` ends squarer than `c`: on one page, no column
    /// further from the module's foot than `c`'s furthest (nor than a
    /// line), fewer line-columns short of it.
    fn fills_better(&self, c: &Composer, filled: &Composer) -> bool {
        let Some(t) = self.target() else {
            return false;
        };
        filled.pages.len() == 1
            && filled.first_page_bottom() <= t
            && filled.most_short_of(0, t) <= c.most_short_of(0, t).max(1)
            && filled.short_of(0, t, true) < c.short_of(0, t, true)
    }

    /// The holes in the module's frame on its first page as laid out in
    /// `c` (on the `page` grid).
    fn holes_in(&self, c: &Composer, page: &Grid) -> u32 {
        let f = self.frame;
        let rect = ((f.first, f.columns), (f.top, f.bottom(page)));
        holes_inside(&[&c.first_page_copy()], page, rect)
    }
}

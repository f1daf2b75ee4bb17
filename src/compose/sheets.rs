//! What the modules placed so far take of each page of a manifest or an
//! edition, and where a module cut on a page continues.

use super::{Frame, Module, Placement};
use crate::model::Grid;

/// Fewest line slots a module needs to be worth starting on a page; also
/// the fewest a continuation needs at the top of an edition's next page.
pub(super) const MIN_ROWS: u32 = 12;

/// A rectangle of the grid a module takes: columns `c0..c1`, slots
/// `t0..t1`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Taken {
    pub c0: u32,
    pub c1: u32,
    pub t0: u32,
    pub t1: u32,
}

/// Where a cut module goes on: its first later page and, on an edition's
/// page, the band (top slot, rows) it may take there; `None`: whole pages.
#[derive(Debug, Clone, Copy)]
pub(super) struct Onward {
    pub page: usize,
    pub band: Option<(u32, u32)>,
}

/// The pages: the edition's (`edition` of them; a single page manifest is
/// an edition of one) and the extra ones continued articles need after it.
#[derive(Clone)]
pub(super) struct Sheets {
    pub columns: u32,
    pub edition: usize,
    /// The edition's pages the make-up fills (`fill = true`).
    pub fill: Vec<bool>,
    /// Per extra page, the slots promised to the rests left to its
    /// make-up (see [`Sheets::promise`]).
    promised: Vec<u32>,
    /// Per page and column, the first free slot from the top.
    sky: Vec<Vec<u32>>,
    pub taken: Vec<Vec<Taken>>,
    pub frames: Vec<Vec<Frame>>,
}

impl Sheets {
    pub fn new(columns: u32, edition: usize) -> Sheets {
        let mut s = Sheets {
            columns,
            edition,
            fill: Vec::new(),
            promised: Vec::new(),
            sky: Vec::new(),
            taken: Vec::new(),
            frames: Vec::new(),
        };
        s.reach(edition.max(1) - 1);
        s
    }

    /// Makes sure page `at` exists.
    pub fn reach(&mut self, at: usize) {
        while self.frames.len() <= at {
            self.sky.push(vec![0; self.columns as usize]);
            self.taken.push(Vec::new());
            self.frames.push(Vec::new());
            self.promised.push(0);
        }
    }

    /// The first free slot under all of `span` columns from `c0`.
    pub fn height(&self, page: usize, c0: u32, span: u32) -> u32 {
        self.sky[page][c0 as usize..(c0 + span) as usize]
            .iter()
            .copied()
            .max()
            .unwrap_or(0)
    }

    /// The page, first column and top slot of a module: the given place,
    /// or the highest free one on the first page from `from` with room.
    /// `need`: the slots the article keeps at its place at least (its
    /// headline block and some text); a page with less room is passed.
    pub fn find(
        &mut self,
        p: Placement,
        (span, need): (u32, u32),
        lines: u32,
        from: usize,
    ) -> (usize, u32, u32) {
        let mut page = from;
        loop {
            self.reach(page);
            let c0 = p.column.unwrap_or_else(|| {
                (0..=self.columns - span)
                    .min_by_key(|&c0| (self.height(page, c0, span), c0))
                    .unwrap_or(0)
            });
            let top = p.row.unwrap_or_else(|| self.height(page, c0, span));
            if p.row.is_some() || top + need.max(MIN_ROWS) <= lines {
                return (page, c0, top);
            }
            page += 1;
        }
    }

    /// Whether page `at` is made up: one of the edition's with `fill =
    /// true`, or a page after the edition (made up of the rests left to
    /// it, if any).
    pub fn made_up(&self, at: usize) -> bool {
        self.fill.get(at).copied().unwrap_or(at >= self.edition)
    }

    /// The first page from `from` on with nothing on it yet.
    pub fn free_from(&mut self, from: usize) -> usize {
        let mut at = from;
        loop {
            self.reach(at);
            if self.frames[at].is_empty() {
                return at;
            }
            at += 1;
        }
    }

    /// Where a module cut on `page` continues: on the edition's next page
    /// with room, in a band across its top under what is there already
    /// (at most half the page, so that the page's own articles keep the
    /// rest); after the edition's last page, on the next page nothing has
    /// taken, whole. A made-up page's rests share the extra pages after
    /// the edition: each goes to the first one with slots left to promise
    /// ([`Sheets::promise`]), which is made up in its turn (a whole page
    /// for each would leave most of it white).
    /// `skip`: the first extra page it may go to.
    pub fn onward(&mut self, page: usize, lines: u32, skip: usize) -> Onward {
        let mut next = page + 1;
        while next < self.edition {
            let top = self.height(next, 0, self.columns);
            let rows = (lines / 2).min(lines.saturating_sub(top));
            if rows >= MIN_ROWS {
                return Onward {
                    page: next,
                    band: Some((top, rows)),
                };
            }
            next += 1;
        }
        let mut at = self.free_from(next.max(self.edition).max(skip));
        if !self.made_up(page) {
            while self.promised(at) {
                at = self.free_from(at + 1);
            }
            return Onward {
                page: at,
                band: None,
            };
        }
        while self.promised[at] + MIN_ROWS > lines {
            at = self.free_from(at + 1);
        }
        Onward {
            page: at,
            band: Some((0, lines)),
        }
    }

    /// Promises `rows` slots of extra page `at` (the rule under the rest
    /// counted, see [`band_foot`]) to a rest left to its make-up; `false`
    /// (nothing promised) where they are not left. Rests that could be stacked
    /// across the page, each as it was laid out across the whole page, can
    /// always be made up on it: the search finds that or better.
    pub fn promise(&mut self, at: usize, rows: u32, lines: u32) -> bool {
        // As many as a page keeps for a module at least (see `find`).
        let rows = rows.max(MIN_ROWS);
        let room = lines.saturating_sub(self.promised[at]);
        if rows > room {
            return false;
        }
        self.promised[at] += rows;
        true
    }

    /// Promises nothing more on extra page `at`: a rest did not fit what
    /// was left, or a rest of more than a page takes it whole.
    pub fn close(&mut self, at: usize, lines: u32) {
        self.promised[at] = lines;
    }

    /// Whether anything was promised on page `at`.
    pub fn promised(&self, at: usize) -> bool {
        self.promised.get(at).is_some_and(|&p| p > 0)
    }

    /// A module placed on `page` that the rectangle overlaps.
    pub fn overlap(&self, page: usize, r: Taken) -> Option<Taken> {
        (self.taken[page].iter())
            .find(|t| r.c0 < t.c1 && t.c0 < r.c1 && r.t0 < t.t1 && t.t0 < r.t1)
            .copied()
    }

    /// Records a module's frame and rectangle on `page`.
    pub fn take(&mut self, page: usize, frame: Frame, r: Taken) {
        self.reach(page);
        self.frames[page].push(frame);
        self.taken[page].push(r);
        for col in r.c0..r.c1 {
            let sky = &mut self.sky[page][col as usize];
            *sky = (*sky).max(r.t1);
        }
    }

    /// Records a cut module's later pages: whole pages, or in the band
    /// down to the rule under its text (all of the band for a module on a
    /// grid of its own, which fills its frame).
    pub fn take_rest(
        &mut self,
        module: &Module,
        onward: Onward,
        (frame, own): (Frame, bool),
        grid: &Grid,
    ) {
        let whole = frame.whole_page(grid);
        for k in 1..module.pages.len() {
            let at = onward.page + k - 1;
            let Some((top, rows)) = onward.band else {
                let all = Taken {
                    c0: 0,
                    c1: self.columns,
                    t0: 0,
                    t1: grid.lines,
                };
                self.take(at, whole, all);
                continue;
            };
            let foot = band_foot(module, k, (top, rows), (own, frame.boxed), grid);
            let band = Frame {
                top,
                rows: Some(foot - top),
                ..whole
            };
            let r = Taken {
                c0: 0,
                c1: self.columns,
                t0: top,
                t1: foot,
            };
            self.take(at, band, r);
        }
    }
}

/// Where module page `k` of a rest set in the band (`top`, `rows`) ends:
/// the box's lower edge, then the rule under the module, under its text
/// and figures (all of the band for a module on a grid of its own, which
/// fills its frame).
pub(super) fn band_foot(
    module: &Module,
    k: usize,
    (top, rows): (u32, u32),
    (own, boxed): (bool, bool),
    grid: &Grid,
) -> u32 {
    let text = (module.lines.iter())
        .filter(|l| l.page == k)
        .map(|l| l.slot + 1)
        .chain(figure_foot(&module.pages[k], grid))
        .max();
    match text {
        Some(end) if !own => (end + boxed as u32 + 1).min(top + rows),
        _ => top + rows,
    }
}

/// The slot under the lowest figure on a horizontal page (a figure may
/// end a continuation below its last line).
fn figure_foot(page: &super::Page, grid: &Grid) -> Option<u32> {
    if grid.vertical {
        return None;
    }
    (page.items.iter())
        .filter_map(|i| match i {
            super::PageItem::Image(img) => {
                let slots = ((img.y + img.height).0 - grid.top.0) / grid.pitch.0;
                Some((slots - 0.01).ceil().max(0.0) as u32)
            }
            _ => None,
        })
        .max()
}

/// The lines of a page `lines` deep that no rectangle of `taken` reaches
/// in any column: white across the page.
pub(super) fn white_lines(taken: &[Taken], lines: u32) -> u32 {
    let across = |r: u32| !taken.iter().any(|t| t.t0 <= r && r < t.t1);
    (0..lines).filter(|&r| across(r)).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LeadPlacement;

    /// Lines no module reaches in any column: those under every module at
    /// the foot and between two bands of modules, not those one column
    /// leaves while another takes them.
    #[test]
    fn white_lines_are_those_no_column_takes() {
        let t = |c0, c1, t0, t1| Taken { c0, c1, t0, t1 };
        let taken = [t(0, 4, 0, 30), t(4, 8, 0, 20), t(0, 8, 33, 90)];
        // 30..33 across, and 90..100 at the foot.
        assert_eq!(white_lines(&taken, 100), 13);
        assert_eq!(white_lines(&[], 10), 10);
    }

    fn frame(columns: u32) -> Frame {
        Frame {
            first: 0,
            columns,
            top: 0,
            rows: None,
            split: None,
            boxed: false,
            lead: LeadPlacement::Auto,
            fit_title: true,
            lead_story: false,
            edge_above: false,
            kicker_end: false,
            headline_most: None,
            grown_most: None,
            parted: crate::compose::frame::Parted::Not,
        }
    }

    /// An article whose headline block and first lines need more slots
    /// than are left under the modules placed so far starts on the next
    /// page instead of failing there ("the headline block does not fit").
    #[test]
    fn a_page_without_room_for_the_headline_block_is_passed() {
        let mut sheets = Sheets::new(8, 1);
        let r = Taken {
            c0: 0,
            c1: 8,
            t0: 0,
            t1: 80,
        };
        sheets.take(0, frame(8), r);
        let p = Placement::default();
        assert_eq!(sheets.find(p, (4, 12), 96, 0), (0, 0, 80));
        assert_eq!(sheets.find(p, (4, 20), 96, 0), (1, 0, 0));
        // Less than the least a module is worth never lowers it.
        assert_eq!(sheets.find(p, (4, 2), 88, 0), (1, 0, 0));
    }
}

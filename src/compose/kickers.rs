//! A kicker turned to the headline's end where the module over it ends a
//! column short. A kicker stands flush with the headline's start, the
//! white after it at the block's end; a module over it ends its last
//! columns a line short (balanced columns do). Where the two meet, that
//! white, the rule's slot and the missing line make a hole four ems deep
//! (pagecheck's least). A compositor moves the kicker: set flush with the
//! headline's end, its white stands under the full columns.

use super::Frame;
use super::furniture::Furniture;
use super::holes::{GridRect, holes_meeting};
use super::items::SetLine;
use super::jumps::{JumpPages, Jumps};
use super::page::{PageArticle, PageOptions, Placed, jump_pages, module_for, module_key};
use crate::model::{Grid, Role};

/// Slots over a module's top the check reaches: the rule's and the last
/// line of the module over it.
const OVER: u32 = 3;
/// Slots of a module's head the check takes in: a kicker and the top of
/// a headline of some size.
const HEAD: u32 = 8;

/// Each article's lines as set, with the page its module starts on.
type Lines = (usize, Vec<SetLine>);

/// A module set on a made-up page: its article, frame and where its
/// pages and lines are kept.
pub struct OnPage<'p, 'a> {
    pub article: &'p PageArticle<'a>,
    pub frame: Frame,
    pub index: usize,
}

/// Sets again, with the kicker at the headline's end, each module of
/// page `k` whose kicker meets white over it in a hole, where that
/// leaves fewer holes at its head; its pages and lines replaced. A module
/// that starts on the page is turned, whole or continued (with its jump
/// lines, `jumps`), where it keeps its lines and pages: a kicker's place
/// on its line moves no text, so the cut and the rest stay as they were.
pub fn turn_kickers(
    k: usize,
    grid: &Grid,
    (on_page, jumps): (&[OnPage], &mut PageOptions),
    (placed, lines): (&mut [Option<Placed>], &mut [Lines]),
) {
    let region = |m: &OnPage| -> GridRect {
        (
            (m.frame.first, m.frame.columns),
            (m.frame.top.saturating_sub(OVER), m.frame.top + HEAD),
        )
    };
    let regions: Vec<GridRect> = on_page.iter().map(region).collect();
    // The holes meeting each module's head, counted on the page as it is
    // (once for all modules, again after a kicker is turned).
    let mut as_set: Option<Vec<u32>> = None;
    let first = jumps.first_number;
    // The modules a kicker may turn in: where it meets a hole as the page
    // stands, laid out ahead, in parallel (`ahead`).
    let turnable: Vec<(usize, Frame, JumpPages)> = (on_page.iter().enumerate())
        .filter_map(|(at, m)| {
            let a = m.article;
            let has_kicker = a.shaped.header.iter().any(|p| p.style.role == Role::Kicker);
            let placed = placed[m.index].as_ref().filter(|p| p.page == k)?;
            let frame = Frame {
                kicker_end: true,
                ..m.frame
            };
            let pages = jump_pages(first, k, placed.onward);
            (has_kicker && a.rest.is_none()).then_some((at, frame, pages))
        })
        .collect();
    if turnable.len() > 1 {
        let before = page_holes((k, grid), placed, None, &regions);
        let ahead = (turnable.iter())
            .filter(|(at, ..)| before[*at] > 0)
            .map(|&(at, frame, pages)| {
                let a = on_page[at].article;
                let key = module_key(a, grid, frame, pages);
                super::ahead::Ahead {
                    a,
                    frame,
                    key,
                    jumps: Some(pages),
                }
            })
            .collect();
        super::ahead::lay_out(ahead, grid, jumps);
        as_set = Some(before);
    }
    for (at, frame, pages) in turnable {
        let m = &on_page[at];
        let a = m.article;
        let before =
            as_set.get_or_insert_with(|| page_holes((k, grid), placed, None, &regions))[at];
        if before == 0 {
            continue;
        }
        // Its warnings were given when it was first set.
        let mut said = Vec::new();
        let mut shape = |f: Furniture, text: &str| (jumps.shape)(a.doc, f, text);
        let mut j = Jumps::at(pages, &mut shape);
        // A page's make-ups turn the same kicker in the same frame alike.
        let laid = (&mut j, &jumps.laid);
        let Ok((mut module, _)) = module_for(a, (grid, frame), laid, &mut said) else {
            continue;
        };
        // A module whose rest was left to the next page's make-up holds
        // its first page only: the new one is kept to as many pages.
        let kept = placed[m.index].as_ref().map_or(0, |p| p.pages.len());
        module.pages.truncate(kept);
        module.lines.retain(|l| l.page < kept);
        let own = module.pages.first().map(|p| (m.index, p));
        if !same_lines(&module.lines, &lines[m.index].1)
            || page_holes((k, grid), placed, own, &regions[at..=at])[0] >= before
        {
            continue;
        }
        if let Some(p) = placed[m.index].as_mut() {
            p.pages = module.pages;
            lines[m.index].1 = module.lines;
        }
        as_set = None;
    }
}

/// The holes meeting each of `regions` on page `k` as its modules are
/// placed, or with `own`'s module (by its index) set as its page instead.
fn page_holes(
    (k, grid): (usize, &Grid),
    placed: &[Option<Placed>],
    own: Option<(usize, &super::Page)>,
    regions: &[GridRect],
) -> Vec<u32> {
    let pages: Vec<&super::Page> = (placed.iter().enumerate())
        .filter_map(|(i, p)| {
            let p = p.as_ref().filter(|p| p.page == k)?;
            match own.filter(|&(at, _)| at == i) {
                Some((_, page)) => Some(page),
                None => p.pages.first(),
            }
        })
        .collect();
    holes_meeting(&pages, grid, regions).1
}

/// Whether two layouts of a module set the same text in the same lines
/// and slots (a turned kicker moves no text).
fn same_lines(a: &[SetLine], b: &[SetLine]) -> bool {
    let key = |l: &SetLine| (l.page, l.column, l.slot, l.source, l.items);
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| key(x) == key(y))
}

#[cfg(test)]
mod tests {
    use super::super::tests_lead::first_page;
    use super::super::{Frame, Page, PageItem};
    use crate::resolve::load_layout;

    /// The first and last inline edges of the text runs holding `text`.
    fn extent(page: &Page, text: &str) -> (f64, f64) {
        let mut out = (f64::MAX, f64::MIN);
        for item in &page.items {
            let PageItem::Text(run) = item else { continue };
            if !run.text.contains(text) {
                continue;
            }
            for g in &run.glyphs {
                out = (out.0.min(g.x.0), out.1.max((g.x + g.advance).0));
            }
        }
        out
    }

    #[test]
    fn a_kicker_stands_flush_with_the_headlines_start_or_turned_with_its_end() {
        let layout = load_layout("broadsheet", None).unwrap();
        let text = "+++\nkicker = \"夜色里的城\"\ntitle = \"城南菜市场　改了三年才开门\"\n+++\n"
            .to_string()
            + &"早上七点五十分，书房门口已经有人在等。".repeat(40);
        let set = |kicker_end: bool| {
            let frame = |grid: &_| Frame {
                columns: 4,
                fit_title: true,
                lead_story: true,
                kicker_end,
                ..Frame::full(grid)
            };
            first_page(text.clone(), &layout, frame).0
        };
        for turned in [false, true] {
            let page = set(turned);
            let (k, h) = (extent(&page, "夜色"), extent(&page, "三年"));
            assert!(h.1 - h.0 > 200.0 && k.1 - k.0 < 100.0, "{k:?} {h:?}");
            let (flush, other) = match turned {
                true => (k.1 - h.1, k.0 - h.0),
                false => (k.0 - h.0, k.1 - h.1),
            };
            assert!(flush.abs() < 1.0, "turned {turned}: {k:?} {h:?}");
            assert!(other.abs() > 50.0, "turned {turned}: {k:?} {h:?}");
        }
    }
}

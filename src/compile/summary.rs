//! The page summary on stderr: per page, how much of the grid its modules
//! take and which articles continue from or onto it.

use crate::compose::ComposedPages;
use crate::compose::holes::{Holes, holes, holes_on_ink};
use crate::error::Warning;
use crate::source::Located;

use super::job::{Job, PagePlan};

/// The summary's lines: a single page's as the make-up reports it, or a
/// line for every page of an edition.
pub fn summary(job: &Job, plan: &PagePlan, composed: &ComposedPages) -> Vec<Warning> {
    if plan.pages.len() == 1 {
        single(plan, composed)
    } else {
        edition(job, plan, composed)
    }
}

fn warning(at: &std::path::Path, message: String) -> Warning {
    Warning {
        location: Some(Located::new(at, Default::default())),
        message,
    }
}

/// A single page manifest: how full the page is (made up or placed by
/// hand: a placed page left half white is as unready as a made-up one)
/// and what the pages after it hold; and whether articles go on over
/// more pages.
fn single(plan: &PagePlan, composed: &ComposedPages) -> Vec<Warning> {
    let mut out = Vec::new();
    let n = composed.pages.len();
    let first = plan.pages[0].head.first_number;
    let fill = plan.pages[0].fill;
    for (k, f) in composed.filled.iter().take(n).enumerate() {
        let number = first as usize + k;
        let message = if k == 0 {
            let more = if n > 1 {
                "; continued articles go on over the next pages"
            } else {
                ""
            };
            format!(
                "page {number}: {:.0}% of the grid in modules, {}{}{more}",
                f * 100.0,
                holes_note(composed, k),
                underfilled((*f, white_at(composed, k)), fill)
            )
        } else {
            format!(
                "page {number}: continued articles, {:.0}% of the grid in modules, {}",
                f * 100.0,
                holes_note(composed, k)
            )
        };
        out.push(warning(&plan.manifest, message));
    }
    if n > 1 {
        out.push(warning(
            &plan.manifest,
            format!(
                "the articles do not fit on one page: continued on {}",
                pages_named(first as usize + 1, first as usize + n - 1)
            ),
        ));
    }
    out
}

/// An edition: every page's share of the grid in modules and the articles
/// continued from and onto it; and the extra pages after its last, if any.
fn edition(job: &Job, plan: &PagePlan, composed: &ComposedPages) -> Vec<Warning> {
    let mut out = Vec::new();
    let first = plan.pages[0].head.first_number as usize;
    let edition = plan.pages.len();
    let title = |i: usize| &job.docs[i].title;
    for k in 0..composed.pages.len() {
        let number = first + k;
        let mut message = match composed.filled.get(k) {
            Some(f) if k < edition => format!(
                "page {number}: {:.0}% of the grid in modules{}",
                f * 100.0,
                underfilled((*f, white_at(composed, k)), plan.pages[k].fill)
            ),
            Some(f) => format!(
                "page {number} (after the edition's last page): continued articles, {:.0}% of the grid in modules",
                f * 100.0
            ),
            None => format!("page {number} (after the edition's last page): continued articles"),
        };
        message.push_str(&format!(", {}", holes_note(composed, k)));
        for c in &composed.continued {
            if c.onto.contains(&k) {
                // The rest's first page follows the page it was cut on;
                // its later pages each the one before.
                let from = if k == c.onto.start {
                    first + c.from
                } else {
                    number - 1
                };
                message.push_str(&format!(
                    "; \"{}\" continued from page {from}",
                    title(c.article)
                ));
            }
            if c.from == k {
                let (a, b) = (first + c.onto.start, first + c.onto.end - 1);
                let onto = if a == b {
                    format!("{a}")
                } else {
                    format!("{a}–{b}")
                };
                message.push_str(&format!(
                    "; \"{}\" continues on page {onto}",
                    title(c.article)
                ));
            }
        }
        let at = plan.pages.get(k).map_or(&plan.manifest, |p| &p.manifest);
        out.push(warning(at, message));
    }
    if composed.pages.len() > edition {
        out.push(warning(
            &plan.manifest,
            format!(
                "the edition's articles do not fit its {edition} pages: continued on {} after its last",
                pages_named(first + edition, first + composed.pages.len() - 1)
            ),
        ));
    }
    out
}

/// The share of the grid, in percent, under which a page of its own
/// articles is not ready to print: its white shows as a gap a desk sends
/// back (a compositor's review of pages 49–65 % full, which the summary
/// called "no holes" as their white stood at the foot).
const READY: f64 = 85.0;

/// Lines white across a page from which it is not ready to print however
/// full: three lines are some four ems, a hole's height. At 85 % of the
/// grid a page may leave 17 lines white at its foot (gq40-set37 of
/// `tools/gen-pages.py`), which the holes, counted where the type stands,
/// do not see (a compositor's review).
const WHITE_LINES: u32 = 3;

/// The lines white across page `k` (none for a page the edition's
/// make-up did not count).
fn white_at(composed: &ComposedPages, k: usize) -> u32 {
    composed.white_lines.get(k).copied().unwrap_or(0)
}

/// A note for a page whose modules take less than [`READY`] of its grid
/// (as the line rounds it: a page said to be 85 % full is not called
/// under 85 %), or that leaves [`WHITE_LINES`] or more of its lines white
/// across the page, and what a compositor would do: a page made up
/// (`fill`) has too little copy for its grid; a page placed by hand may
/// only be placed badly.
fn underfilled((filled, white): (f64, u32), fill: bool) -> String {
    let shown = (filled * 100.0).round();
    let what = match fill {
        true => {
            "add copy or figures, or set it on a smaller page: \
                 layout = \"tabloid\" is half a broadsheet"
        }
        false => {
            "place the articles to fill it, or let typeset make it up: \
                  fill = true in [page]"
        }
    };
    if shown < READY {
        return format!(
            "; UNDERFILLED: {:.0}% of the grid left white, not ready to print ({what})",
            100.0 - shown
        );
    }
    match white >= WHITE_LINES {
        true => format!(
            "; UNDERFILLED: {white} lines left white across the page, not ready to print ({what})"
        ),
        false => String::new(),
    }
}

/// "page 2", or "pages 2–4".
fn pages_named(a: usize, b: usize) -> String {
    match a == b {
        true => format!("page {a}"),
        false => format!("pages {a}–{b}"),
    }
}

/// "no holes", or how many white holes of 4 × 4 body ems or more page `k`
/// leaves in its type area and the largest one's size.
fn holes_note(composed: &ComposedPages, k: usize) -> String {
    let Some(page) = composed.pages.get(k) else {
        return String::new();
    };
    let said = |h: Holes| match h.count {
        0 => "no holes".to_string(),
        n => format!(
            "{n} hole(s) of 4 × 4 ems or more (largest {} × {} ems)",
            h.largest.0, h.largest.1
        ),
    };
    let read = holes(page);
    // A reader boxes a vertical glyph 0.88 em under its ink (see
    // `holes_meeting_both`): both counts, the ink's first.
    match holes_on_ink(page) {
        None => said(read),
        Some(ink) => format!(
            "{} on the glyphs' ink ({} as a PDF reader boxes vertical glyphs)",
            said(ink),
            read.count
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::underfilled;

    /// A page 85 % full is ready by its share, not with 17 of its lines
    /// white across it (gq40-set37's foot, which no hole counted); two
    /// lines white are a wider space, not a hole.
    #[test]
    fn lines_white_across_a_page_make_it_unready_however_full() {
        let note = underfilled((0.85, 17), true);
        assert!(
            note.contains("UNDERFILLED: 17 lines left white across the page"),
            "{note}"
        );
        assert_eq!(underfilled((0.85, 2), true), "");
        let share = underfilled((0.60, 17), false);
        assert!(share.contains("40% of the grid left white"), "{share}");
    }
}

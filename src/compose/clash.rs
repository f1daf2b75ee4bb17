//! Headlines that run into each other (撞题): two modules side by side
//! across the columns (on a vertical page, one band over the other),
//! their headlines of one size on one line (one axis) with only a rule
//! between, read as one headline (varv-set08: 睡的裡把些了信 over
//! 艞了了戭旔了… down one axis). A compositor never lets two headlines of
//! one size and face meet so: one of a clearly larger size, or in another
//! face (a Song beside a Hei), reads as its own.

use super::holes::{Rect, columns_rect};
use super::{Frame, Page, PageItem, PlacedGlyph, RunMode, TextRun};
use crate::model::{FontId, Grid};
use crate::units::Pt;

/// Headlines within this ratio of sizes read as one where they meet.
const ALIKE: f64 = 1.25;
/// Lines of two headlines whose ems overlap by this much of the smaller
/// size stand on one line.
const MEET: f64 = 0.2;
/// Type this many times the body size is a headline.
const DISPLAY: f64 = 1.6;

/// Two modules (by index) whose headlines run into each other, and
/// their headlines' sizes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clash {
    pub modules: (usize, usize),
    pub sizes: (Pt, Pt),
}

/// The pairs of `frames` whose headlines run into each other on `pages`
/// (the items of one page).
pub fn clashes(pages: &[&Page], grid: &Grid, frames: &[Frame]) -> Vec<Clash> {
    let heads: Vec<Option<Head>> = frames.iter().map(|f| headline(pages, grid, f)).collect();
    let mut out = Vec::new();
    for (i, a) in frames.iter().enumerate() {
        for (j, b) in frames.iter().enumerate() {
            // Side by side across the columns, touching.
            if b.first != a.first + a.columns {
                continue;
            }
            let (Some(ha), Some(hb)) = (&heads[i], &heads[j]) else {
                continue;
            };
            let alike = ha.size.max(hb.size) / ha.size.min(hb.size) <= ALIKE && ha.font == hb.font;
            if alike && run_together(pages, grid.pitch.0, ha, hb) {
                out.push(Clash {
                    modules: (i, j),
                    sizes: (Pt(ha.size), Pt(hb.size)),
                });
            }
        }
    }
    out
}

/// Whether a line of each headline stands on one line with the other's
/// and no type between them: their ems overlap across the line by a fifth
/// of the smaller size (a two-line headline's second line beside the
/// other's first runs on as well; so do two a kicker staggers by three
/// quarters of a line, h-set03's 她庈昫氭水不了了 beside 嶱了里重偩).
/// On a vertical page a module's headline and the next's down the same
/// axis with its body's lines between do not meet (varv-set11); nor do
/// two with body lines between them across the columns (h-set01: a module
/// whose headline stands over its last columns only). Type is looked for
/// a line pitch wide at least, so that a thin overlap finds body lines.
fn run_together(pages: &[&Page], pitch: f64, ha: &Head, hb: &Head) -> bool {
    let least = MEET * ha.size.min(hb.size);
    let meet = |a: &Line, b: &Line| {
        let stripe = (a.across.0.max(b.across.0), a.across.1.min(b.across.1));
        let mid = (stripe.0 + stripe.1) / 2.0;
        let wide = (
            stripe.0.min(mid - pitch / 2.0),
            stripe.1.max(mid + pitch / 2.0),
        );
        let gap = (a.along.1.min(b.along.1), a.along.0.max(b.along.0));
        stripe.1 - stripe.0 > least && !type_in(pages, wide, gap)
    };
    let (ba, bb) = (blocks(ha), blocks(hb));
    (ha.lines.iter()).any(|a| bb.iter().any(|b| meet(a, b)))
        || (hb.lines.iter()).any(|b| ba.iter().any(|a| meet(a, b)))
}

/// A headline's lines, and each two lines after each other taken as one:
/// a line beside the space between another's two lines reads on into
/// both (gq-set30 of a fresh batch: 年摜蹹了园下缅矉涕长起, one line of
/// 31.4 pt, beside 擗了底的下经有，/封里口樉的河犻 of 30.2, its em a
/// sixth into each of theirs — a compositor's review found the 撞题).
fn blocks(h: &Head) -> Vec<Line> {
    let mut lines = h.lines.clone();
    lines.sort_by(|a, b| a.across.0.total_cmp(&b.across.0));
    let pairs = lines.windows(2).map(|w| Line {
        across: (w[0].across.0, w[1].across.1),
        along: (
            w[0].along.0.min(w[1].along.0),
            w[0].along.1.max(w[1].along.1),
        ),
    });
    h.lines.iter().copied().chain(pairs).collect()
}

/// Whether a glyph on `pages` stands inside `stripe` across the line and
/// strictly inside `gap` along it.
fn type_in(pages: &[&Page], stripe: (f64, f64), gap: (f64, f64)) -> bool {
    let inside = |(c, l): (f64, f64)| stripe.0 < c && c < stripe.1 && gap.0 < l && l < gap.1;
    text_runs(pages).any(|r| r.glyphs.iter().any(|g| inside(spot(r, g))))
}

fn text_runs<'p>(pages: &'p [&Page]) -> impl Iterator<Item = &'p TextRun> {
    pages
        .iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|i| match i {
            PageItem::Text(run) => Some(run),
            _ => None,
        })
}

/// A module's headline: its size and font, and its lines.
#[derive(Debug, Clone)]
struct Head {
    size: f64,
    font: FontId,
    lines: Vec<Line>,
}

/// A headline's line: where its em stands across the line direction (y on
/// a horizontal page, x on a vertical) and how far it reaches along it.
#[derive(Debug, Clone, Copy)]
struct Line {
    across: (f64, f64),
    along: (f64, f64),
}

/// The largest display runs in `frame` on `pages`: its headline's lines.
fn headline(pages: &[&Page], grid: &Grid, frame: &Frame) -> Option<Head> {
    let span = (
        frame.top as f64,
        frame.bottom(grid).saturating_sub(frame.top) as f64,
    );
    let area = columns_rect(grid, (frame.first, frame.columns), span);
    let inside: Vec<&TextRun> = text_runs(pages)
        .filter(|r| r.glyphs.first().is_some_and(|g| within(area, g.x.0, g.y.0)))
        .collect();
    let run = inside.iter().max_by(|a, b| a.size.0.total_cmp(&b.size.0))?;
    if run.size.0 < DISPLAY * grid.body_size.0 {
        return None;
    }
    // Its lines at that size (a line stepped down to fit is left out).
    let lines = (inside.iter())
        .filter(|r| r.font == run.font && (r.size.0 - run.size.0).abs() < 0.01)
        .map(|r| line(r))
        .collect();
    Some(Head {
        size: run.size.0,
        font: run.font,
        lines,
    })
}

/// Where a run's em stands across its line, and its reach along it.
fn line(run: &TextRun) -> Line {
    let s = run.size.0;
    // Invariant: only runs with a first glyph are headlines (`headline`).
    let g = &run.glyphs[0];
    let across = match run.mode {
        RunMode::Vertical | RunMode::Rotated => (g.x.0 - s / 2.0, g.x.0 + s / 2.0),
        RunMode::Horizontal | RunMode::Combined(_) => (g.y.0 - s * 0.88, g.y.0 + s * 0.12),
    };
    let along = (run.glyphs.iter()).fold((f64::MAX, f64::MIN), |(lo, hi), g| {
        let (_, l) = spot(run, g);
        (lo.min(l - s / 2.0), hi.max(l + s / 2.0))
    });
    Line { across, along }
}

/// The middle of a glyph's em: across its line, and along it.
fn spot(run: &TextRun, g: &PlacedGlyph) -> (f64, f64) {
    let half = g.advance.0 / 2.0;
    match run.mode {
        // (x, y): the top centre of the em, or the turned glyph's origin.
        RunMode::Vertical | RunMode::Rotated => (g.x.0, g.y.0 + half),
        // (x, y): the origin on the baseline.
        RunMode::Horizontal | RunMode::Combined(_) => (g.y.0 - 0.38 * run.size.0, g.x.0 + half),
    }
}

fn within(r: Rect, x: f64, y: f64) -> bool {
    (r.0..=r.2).contains(&x) && (r.1..=r.3).contains(&y)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body line pitch.
    const PITCH: f64 = 15.0;

    /// A run of `n` glyphs of `size` from (x, y), along its line.
    fn run(mode: RunMode, size: f64, (x, y): (f64, f64), n: usize) -> TextRun {
        let step = |k: usize| k as f64 * size;
        let glyphs = (0..n)
            .map(|k| {
                let (gx, gy) = match mode {
                    RunMode::Vertical => (x, y + step(k)),
                    _ => (x + step(k), y),
                };
                PlacedGlyph {
                    id: 1,
                    x: Pt(gx),
                    y: Pt(gy),
                    advance: Pt(size),
                    text: 0..1,
                }
            })
            .collect();
        TextRun {
            font: FontId(0),
            size: Pt(size),
            mode,
            oblique: false,
            actual_text: false,
            hung: None,
            joins: false,
            text: "字".repeat(n),
            glyphs,
            source: None,
        }
    }

    fn head(runs: &[&TextRun]) -> Head {
        Head {
            size: runs[0].size.0,
            font: runs[0].font,
            lines: runs.iter().map(|r| line(r)).collect(),
        }
    }

    fn page(runs: &[&TextRun]) -> Page {
        Page {
            number: 1,
            width: Pt(1000.0),
            height: Pt(1400.0),
            items: runs.iter().map(|&r| PageItem::Text(r.clone())).collect(),
        }
    }

    /// var-set02: the lead's one line beside the second line of a
    /// two-line headline (the other's largest line was its second).
    #[test]
    fn a_second_line_beside_the_other_headline_runs_together() {
        let h = RunMode::Horizontal;
        let lead = run(h, 56.0, (40.0, 180.0), 9);
        let (first, second) = (
            run(h, 46.0, (600.0, 130.0), 8),
            run(h, 46.0, (660.0, 185.0), 5),
        );
        let p = page(&[&lead, &first, &second]);
        assert!(run_together(
            &[&p],
            PITCH,
            &head(&[&lead]),
            &head(&[&first, &second])
        ));
        // Its first line alone stands clear of the lead's.
        assert!(!run_together(
            &[&p],
            PITCH,
            &head(&[&lead]),
            &head(&[&first])
        ));
        // And a two-line headline's first line beside another's one.
        let (top, under) = (
            run(h, 46.0, (40.0, 130.0), 8),
            run(h, 46.0, (60.0, 185.0), 5),
        );
        let beside = run(h, 44.0, (600.0, 128.0), 6);
        let p = page(&[&top, &under, &beside]);
        assert!(run_together(
            &[&p],
            PITCH,
            &head(&[&top, &under]),
            &head(&[&beside])
        ));
    }

    /// gq-set30 of a fresh batch: a one-line headline of 31.4 pt beside
    /// the space between another's two lines of 30.2, its em less than a
    /// fifth into either: it reads on into both.
    #[test]
    fn a_line_beside_the_space_between_two_lines_runs_together() {
        let h = RunMode::Horizontal;
        let one = run(h, 31.4, (65.0, 1186.0), 11);
        let (first, second) = (
            run(h, 30.2, (432.0, 1159.0), 8),
            run(h, 30.2, (447.0, 1213.0), 7),
        );
        let p = page(&[&one, &first, &second]);
        let (a, b) = (head(&[&one]), head(&[&first, &second]));
        assert!(run_together(&[&p], PITCH, &a, &b));
        assert!(run_together(&[&p], PITCH, &b, &a));
        // Neither line alone meets it by a fifth of an em.
        assert!(!run_together(&[&p], PITCH, &a, &head(&[&first])));
        assert!(!run_together(&[&p], PITCH, &a, &head(&[&second])));
    }

    /// h-set03: a kicker staggers the second headline by three quarters
    /// of a line; a whole line apart they stand clear.
    #[test]
    fn headlines_staggered_by_less_than_a_line_run_together() {
        let h = RunMode::Horizontal;
        let a = run(h, 32.6, (40.0, 447.4), 8);
        let near = run(h, 32.7, (600.0, 472.5), 6);
        let far = run(h, 32.7, (600.0, 482.0), 6);
        let p = page(&[&a, &near, &far]);
        assert!(run_together(&[&p], PITCH, &head(&[&a]), &head(&[&near])));
        assert!(!run_together(&[&p], PITCH, &head(&[&a]), &head(&[&far])));
    }

    /// h-set01: the second module's headline stands over its last columns,
    /// its body's lines beside it reach to the first's; the two overlap by
    /// a quarter of a size, between two body lines' middles.
    #[test]
    fn headlines_with_body_lines_between_across_the_columns_stand_apart() {
        let h = RunMode::Horizontal;
        let a = run(h, 32.6, (90.0, 847.5), 9);
        let b = run(h, 32.6, (595.0, 822.5), 9);
        // Body lines of 9 pt at 15 pt, their middles at 812 and 827: outside
        // the overlap of the ems (818.8 to 826.4), inside a pitch round it.
        let lines: Vec<TextRun> = (0..3)
            .map(|k| run(h, 9.0, (400.0, 815.4 + 15.0 * k as f64), 18))
            .collect();
        let bare = page(&[&a, &b]);
        assert!(run_together(&[&bare], PITCH, &head(&[&a]), &head(&[&b])));
        let mut with_body = page(&[&a, &b]);
        with_body
            .items
            .extend(lines.into_iter().map(PageItem::Text));
        assert!(!run_together(
            &[&with_body],
            PITCH,
            &head(&[&a]),
            &head(&[&b])
        ));
    }

    /// varv-set11: two headlines down one axis of a vertical page, the
    /// first module's body lines between them: they do not meet.
    #[test]
    fn headlines_down_one_axis_with_type_between_stand_apart() {
        let v = RunMode::Vertical;
        let a = run(v, 41.8, (900.0, 60.0), 6);
        let b = run(v, 41.8, (900.0, 700.0), 6);
        let body = run(v, 9.5, (900.0, 400.0), 20);
        let bare = page(&[&a, &b]);
        assert!(run_together(&[&bare], PITCH, &head(&[&a]), &head(&[&b])));
        let with_body = page(&[&a, &b, &body]);
        assert!(!run_together(
            &[&with_body],
            PITCH,
            &head(&[&a]),
            &head(&[&b])
        ));
    }
}

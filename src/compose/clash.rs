//! Headlines that run into each other (撞题): two modules side by side
//! across the columns (on a vertical page, one band over the other),
//! their headlines of one size on one line (one axis) with only a rule
//! between, read as one headline (varv-set08: 睡的裡把些了信 over
//! 艞了了戭旔了… down one axis). A compositor never lets two headlines of
//! one size and face meet so: one of a clearly larger size, or in another
//! face (a Song beside a Hei), reads as its own.

use super::holes::{Rect, columns_rect};
use super::{Frame, Page, PageItem, RunMode, TextRun};
use crate::model::{FontId, Grid};
use crate::units::Pt;

/// Headlines within this ratio of sizes read as one where they meet.
const ALIKE: f64 = 1.25;
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
            let (Some(ha), Some(hb)) = (heads[i], heads[j]) else {
                continue;
            };
            let alike = ha.size.max(hb.size) / ha.size.min(hb.size) <= ALIKE && ha.font == hb.font;
            // On one line: their extents across the line overlap by half
            // the smaller size.
            let overlap = ha.across.1.min(hb.across.1) - ha.across.0.max(hb.across.0);
            if alike && overlap > 0.5 * ha.size.min(hb.size) {
                out.push(Clash {
                    modules: (i, j),
                    sizes: (Pt(ha.size), Pt(hb.size)),
                });
            }
        }
    }
    out
}

/// A module's headline: its size and where its largest line stands
/// across the line direction (y on a horizontal page, x on a vertical).
#[derive(Debug, Clone, Copy)]
struct Head {
    size: f64,
    font: FontId,
    across: (f64, f64),
}

/// The largest display run in `frame` on `pages`, its first line.
fn headline(pages: &[&Page], grid: &Grid, frame: &Frame) -> Option<Head> {
    let span = (
        frame.top as f64,
        frame.bottom(grid).saturating_sub(frame.top) as f64,
    );
    let area = columns_rect(grid, (frame.first, frame.columns), span);
    let runs = pages
        .iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|i| match i {
            PageItem::Text(run) => Some(run),
            _ => None,
        });
    let inside = runs.filter(|r| r.glyphs.first().is_some_and(|g| within(area, g.x.0, g.y.0)));
    let run = inside.max_by(|a, b| a.size.0.total_cmp(&b.size.0))?;
    (run.size.0 >= DISPLAY * grid.body_size.0).then(|| Head {
        size: run.size.0,
        font: run.font,
        across: across(run),
    })
}

/// Where a run's first glyph stands across its line: its em.
fn across(run: &TextRun) -> (f64, f64) {
    // Invariant: only runs with a first glyph are headlines (`headline`).
    let (s, g) = (run.size.0, &run.glyphs[0]);
    match run.mode {
        RunMode::Vertical | RunMode::Rotated => (g.x.0 - s / 2.0, g.x.0 + s / 2.0),
        RunMode::Horizontal | RunMode::Combined(_) => (g.y.0 - s * 0.88, g.y.0 + s * 0.12),
    }
}

fn within(r: Rect, x: f64, y: f64) -> bool {
    (r.0..=r.2).contains(&x) && (r.1..=r.3).contains(&y)
}

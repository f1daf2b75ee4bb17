//! A vertical serial box on a horizontal page, on its own grid of tiers:
//! its lines spread to fill the box, even where its text ends a single
//! line short of the box's end edge.

use super::tests_lead::shaped;
use super::*;
use crate::model::{Grid, Writing};
use crate::resolve::load_layout;

/// The installment examples/changhe/0790.md, its text cut after `chars`
/// characters of its body, at the last sentence's end before them.
fn installment(chars: usize) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/changhe/0790.md");
    // Invariant: the example is in the repository.
    let src = std::fs::read_to_string(path).expect("examples/changhe/0790.md");
    let (head, body) = src.split_at(src.rfind("+++\n").expect("front matter") + 4);
    let cut: String = body.chars().take(chars).collect();
    // At a sentence's end: a cut inside a bracket or a mark's pair would
    // not parse.
    let end = cut.rfind('。').map_or(0, |i| i + '。'.len_utf8());
    format!("{head}{}\n", &cut[..end])
}

/// The article set as a box in a frame of the page's first `columns`
/// columns and `rows` lines; `None` where it cannot be laid out there.
pub(super) fn boxed_module(
    (doc, shaped): (&crate::resolve::Doc, &crate::shape::ShapedDoc),
    layout: &crate::resolve::Layout,
    page: &Grid,
    (columns, rows): (u32, u32),
) -> Option<Module> {
    let frame = Frame {
        columns,
        rows: Some(rows),
        boxed: true,
        ..Frame::full(page)
    };
    let mut warnings = Vec::new();
    compose_module(doc, shaped, layout, page, frame, &mut warnings).ok()
}

/// The box set in a frame of the supplement's first four columns and
/// `rows` lines: its first tier's white between its last line and the
/// box's left edge, in line pitches; `None` where the text goes on past
/// the box.
fn white_at_first_tier_end(chars: usize, rows: u32) -> Option<f64> {
    let layout = load_layout("supplement", None).expect("the supplement layout");
    let (doc, shaped) = shaped(installment(chars), &layout);
    let page = layout.grid_for(Writing::Horizontal);
    let m = boxed_module((&doc, &shaped), &layout, &page, (4, rows))?;
    let [p] = &m.pages[..] else { return None };
    // The box's left edge: its leftmost upright rule; its first tier runs
    // from the box's top to the first rule across it.
    let rules = || {
        p.items.iter().filter_map(|i| match i {
            PageItem::Rule(r) => Some(*r),
            _ => None,
        })
    };
    let left = rules()
        .filter(|r| r.x0 == r.x1)
        .map(|r| r.x0.0)
        .reduce(f64::min)?;
    let top = rules()
        .filter(|r| r.y0 == r.y1)
        .map(|r| r.y0.0)
        .reduce(f64::min)?;
    let across = (rules().filter(|r| r.y0 == r.y1 && r.y0.0 > top + 1.0))
        .map(|r| r.y0.0)
        .reduce(f64::min)?;
    let body = page.body_size;
    let last = (p.items.iter())
        .filter_map(|i| match i {
            PageItem::Text(r) if r.mode == RunMode::Vertical && r.size == body => Some(r),
            _ => None,
        })
        .flat_map(|r| r.glyphs.iter())
        .filter(|g| g.y.0 > top && g.y.0 < across)
        .map(|g| g.x.0 - body.0 / 2.0)
        .reduce(f64::min)?;
    Some((last - left) / page.pitch.0)
}

/// Before, a box whose text ended one line short of it (its tiers'
/// lines a slot short of the left edge) kept that slot white: its lines
/// spread only two lines short or more (310 characters here, for one:
/// 1.64 pitches of white, the padding and the slot). Now no box, in the
/// fewest lines that hold its text, ends a slot short at the page's
/// pitch: its first tier's last line stands in the box's last slot (0.6
/// to 0.8 pitches of white), or a slot of the spread pitch off where
/// even lines spread their most fall short (1.8 to 1.9).
#[test]
fn a_box_one_line_short_spreads_its_lines_to_its_edge() {
    let mut seen = 0;
    for chars in (100..=560).step_by(6) {
        let Some(white) = (12..60).find_map(|rows| white_at_first_tier_end(chars, rows)) else {
            continue;
        };
        seen += 1;
        assert!(
            !(1.2..1.75).contains(&white),
            "{chars} characters: {white:.2} pitches of white"
        );
    }
    assert!(seen >= 40, "the box held {seen} of the lengths");
}

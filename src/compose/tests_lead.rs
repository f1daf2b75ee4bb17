//! The lead across columns (破栏) and boxed, in both writing modes, on
//! real fonts: where its lines go, where the columns under it start.

use std::path::Path;

use super::*;
use crate::model::{Grid, LeadPlacement, Writing};
use crate::parse::parse_article;
use crate::resolve::{FontBook, Layout, load_layout, resolve_doc};
use crate::shape::{Shaper, prepare_fallbacks, shape_doc};

const LEAD: &str = "三年前，这座城市只有一座市图书馆和七座区馆。到今年十月，街道和社区里已经开起六十二间城市书房，面积不大，刷身份证就能进门。";

fn article(writing: &str) -> String {
    let mut s = format!(
        "+++\ntitle = \"城市书房越开越多\"\nwriting = \"{writing}\"\nlead = \"\"\"\n{LEAD}\n\"\"\"\n+++\n"
    );
    for i in 0..14 {
        s.push_str(&format!(
            "第{i}段。早上七点五十分，书房门口已经有人在等。退休教师每天这个时候来，先看报，再挑两本书带回家。\n\n"
        ));
    }
    s
}

/// The module's first page and its grid: `lead` set as a manifest would.
fn module(writing: &str, lead: LeadPlacement) -> (Page, Grid, Pt) {
    let mut layout = load_layout("broadsheet", None).unwrap();
    if lead.is_across() {
        layout.styles.lead = layout.styles.lead_span.clone();
    }
    let frame = |grid: &Grid| Frame {
        columns: 4,
        rows: Some(grid.lines),
        lead,
        ..Frame::full(grid)
    };
    let (page, grid) = first_page(article(writing), &layout, frame);
    (page, grid, layout.styles.lead.size.0)
}

/// The article `text` resolved and shaped on real fonts for `layout`.
pub(super) fn shaped(
    text: String,
    layout: &Layout,
) -> (crate::resolve::Doc, crate::shape::ShapedDoc) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/t.md");
    let article = parse_article(&path, text.into_bytes()).unwrap();
    let mut book = FontBook::new(&[], false).unwrap();
    let roles = book.resolve_roles(layout).unwrap();
    let doc = resolve_doc(&article, layout, &roles, None).unwrap();
    let mut warnings = Vec::new();
    let fb = prepare_fallbacks(&doc, &mut book, &mut warnings);
    let mut shaper = Shaper::new(&book, &doc.lang, fb).vertical(doc.writing == Writing::Vertical);
    let shaped = shape_doc(&doc, &mut shaper);
    (doc, shaped)
}

/// The article `text` set on real fonts as one module of `layout`'s grid,
/// in the frame `frame` makes of it: its first page and the grid.
pub(super) fn first_page(
    text: String,
    layout: &Layout,
    frame: impl FnOnce(&Grid) -> Frame,
) -> (Page, Grid) {
    let (doc, shaped) = shaped(text, layout);
    let mut warnings = Vec::new();
    let grid = layout.grid_for(doc.writing);
    let m = compose_module(&doc, &shaped, layout, &grid, frame(&grid), &mut warnings).unwrap();
    (m.pages.into_iter().next().unwrap(), grid)
}

/// A glyph in module terms: (inline from the type area's start edge,
/// block from its start edge, run size). Horizontal: x and y; vertical:
/// down from the top, and leftward from the right edge.
pub(super) fn glyphs(page: &Page, g: &Grid) -> Vec<(f64, f64, Pt)> {
    let mut out = Vec::new();
    for item in &page.items {
        let PageItem::Text(run) = item else { continue };
        for gl in &run.glyphs {
            out.push(if g.vertical {
                ((gl.y - g.top).0, (g.right - gl.x).0, run.size)
            } else {
                ((gl.x - g.left).0, gl.y.0, run.size)
            });
        }
    }
    out
}

fn column_of(inline: f64, g: &Grid) -> u32 {
    (inline / (g.column_width + g.gutter).0).floor() as u32
}

/// A lead across two of four columns: its lines run past the first
/// column's end and stay inside the two; the body of those two columns
/// starts after its last line; the other two columns start beside it.
fn lead_across_two_columns(writing: &str) {
    let lead = LeadPlacement::Across {
        columns: Some(2),
        boxed: false,
    };
    let (page, g, size) = module(writing, lead);
    let all = glyphs(&page, &g);
    let leads: Vec<_> = all.iter().filter(|x| x.2 == size).collect();
    let body: Vec<_> = all.iter().filter(|x| x.2 == g.body_size).collect();
    assert!(
        leads.len() >= LEAD.chars().count() - 2,
        "{writing}: lead glyphs"
    );
    let two = (g.column_width * 2.0 + g.gutter).0;
    assert!(
        leads.iter().all(|l| l.0 >= -0.01 && l.0 < two + 0.01),
        "{writing}: lead inside two columns"
    );
    assert!(
        leads.iter().any(|l| l.0 > (g.column_width + g.gutter).0),
        "{writing}: lead crosses the gutter"
    );
    let lead_end = leads.iter().map(|l| l.1).fold(f64::MIN, f64::max);
    let lead_start = leads.iter().map(|l| l.1).fold(f64::MAX, f64::min);
    for column in 0..2 {
        let first = (body.iter().filter(|b| column_of(b.0, &g) == column))
            .map(|b| b.1)
            .fold(f64::MAX, f64::min);
        assert!(
            first > lead_end,
            "{writing}: column {column} starts under the lead"
        );
    }
    for column in 2..4 {
        let first = (body.iter().filter(|b| column_of(b.0, &g) == column))
            .map(|b| b.1)
            .fold(f64::MAX, f64::min);
        assert!(
            first < lead_end && first >= lead_start - g.pitch.0,
            "{writing}: column {column} starts beside the lead"
        );
    }
}

#[test]
fn a_lead_across_two_columns_horizontal() {
    lead_across_two_columns("horizontal");
}

#[test]
fn a_lead_across_two_columns_vertical() {
    lead_across_two_columns("vertical");
}

/// A boxed lead: every lead glyph inside the box, clear of its edges by
/// half a character; no body glyph inside it.
fn boxed_lead(writing: &str) {
    let lead = LeadPlacement::Across {
        columns: None,
        boxed: true,
    };
    let (page, g, size) = module(writing, lead);
    let rules: Vec<&Rule> = (page.items.iter())
        .filter_map(|i| match i {
            PageItem::Rule(r) if r.width == Pt(0.75) => Some(r),
            _ => None,
        })
        .collect();
    assert_eq!(rules.len(), 4, "{writing}: the lead's box");
    let x0 = rules
        .iter()
        .map(|r| r.x0.0.min(r.x1.0))
        .fold(f64::MAX, f64::min);
    let x1 = rules
        .iter()
        .map(|r| r.x0.0.max(r.x1.0))
        .fold(f64::MIN, f64::max);
    let y0 = rules
        .iter()
        .map(|r| r.y0.0.min(r.y1.0))
        .fold(f64::MAX, f64::min);
    let y1 = rules
        .iter()
        .map(|r| r.y0.0.max(r.y1.0))
        .fold(f64::MIN, f64::max);
    let half = g.body_size.0 / 2.0 - 0.01;
    for item in &page.items {
        let PageItem::Text(run) = item else { continue };
        for gl in &run.glyphs {
            // The glyph's em box, from its origin.
            let (gx0, gx1, gy0, gy1) = if g.vertical {
                let h = run.size.0 / 2.0;
                (gl.x.0 - h, gl.x.0 + h, gl.y.0, gl.y.0 + gl.advance.0)
            } else {
                (
                    gl.x.0,
                    gl.x.0 + gl.advance.0,
                    gl.y.0 - run.size.0 * 0.88,
                    gl.y.0 + run.size.0 * 0.12,
                )
            };
            let inside = gx0 >= x0 && gx1 <= x1 && gy0 >= y0 && gy1 <= y1;
            if run.size == size {
                assert!(
                    inside,
                    "{writing}: a lead glyph outside its box: {:?} in {:?}",
                    (gx0, gx1, gy0, gy1),
                    (x0, x1, y0, y1)
                );
                let clear = (gx0 - x0).min(x1 - gx1).min(gy0 - y0).min(y1 - gy1);
                assert!(
                    clear >= half * 0.5,
                    "{writing}: a lead glyph {clear:.1} pt from its box"
                );
            } else {
                let apart = gx1 <= x0 || gx0 >= x1 || gy1 <= y0 || gy0 >= y1;
                assert!(
                    apart || run.size != g.body_size,
                    "{writing}: body text in the lead's box"
                );
            }
        }
    }
}

#[test]
fn a_boxed_lead_horizontal() {
    boxed_lead("horizontal");
}

#[test]
fn a_boxed_lead_vertical() {
    boxed_lead("vertical");
}

/// A lead across four columns (55 characters) is re-split into two
/// columns of 27 (破栏), a rule between them: its lines ran to 53–59
/// characters across such modules (var-set16, varv-set12). Its text runs
/// down the first and on in the second, in order.
fn a_lead_across_four_columns_is_resplit(writing: &str) {
    let lead = LeadPlacement::Across {
        columns: None,
        boxed: false,
    };
    let (page, g, size) = module(writing, lead);
    let leads: Vec<_> = (glyphs(&page, &g).into_iter())
        .filter(|x| x.2 == size)
        .collect();
    assert!(
        leads.len() >= LEAD.chars().count() - 2,
        "{writing}: lead glyphs"
    );
    let half = (g.column_width * 2.0 + g.gutter).0;
    let (first, second): (Vec<&(f64, f64, Pt)>, Vec<_>) = leads.iter().partition(|l| l.0 < half);
    assert!(
        !first.is_empty() && !second.is_empty(),
        "{writing}: both halves hold lead lines"
    );
    // No line runs across the middle: the first half's glyphs end before
    // the gutter, the second's start after it.
    let first_end = first.iter().map(|l| l.0 + size.0).fold(f64::MIN, f64::max);
    let second_start = second.iter().map(|l| l.0).fold(f64::MAX, f64::min);
    assert!(
        first_end <= half + 0.5 && second_start >= first_end + g.gutter.0 - 0.5,
        "{writing}: the halves end {first_end:.1} and start {second_start:.1} (two columns {half:.1})"
    );
    // Read in order: the second half starts level with the first, and the
    // first holds at least as many lines.
    let rows = |v: &[&(f64, f64, Pt)]| {
        let mut r: Vec<i64> = v.iter().map(|l| l.1.round() as i64).collect();
        r.sort();
        r.dedup();
        r
    };
    let (a, b) = (rows(&first), rows(&second));
    assert!(
        a[0] == b[0] && a.len() >= b.len(),
        "{writing}: rows {a:?} then {b:?}"
    );
    // A thin rule between the halves, along the block axis.
    let rule = page.items.iter().any(|i| match i {
        PageItem::Rule(r) if r.width == Pt(0.5) => {
            let (i0, i1) = match g.vertical {
                true => ((r.y0 - g.top).0, (r.y1 - g.top).0),
                false => ((r.x0 - g.left).0, (r.x1 - g.left).0),
            };
            (i0 - i1).abs() < 0.01 && i0 > first_end - 0.5 && i0 < second_start + 0.5
        }
        _ => false,
    });
    assert!(rule, "{writing}: a rule between the halves");
}

#[test]
fn a_lead_across_four_columns_is_resplit_horizontal() {
    a_lead_across_four_columns_is_resplit("horizontal");
}

#[test]
fn a_lead_across_four_columns_is_resplit_vertical() {
    a_lead_across_four_columns_is_resplit("vertical");
}

/// A lead of one line across four columns stays whole: cut in two halves
/// beside a rule it read as a line with a bar through it (a compositor's
/// review of var-set06).
#[test]
fn a_lead_of_one_line_is_not_resplit() {
    for writing in ["horizontal", "vertical"] {
        let mut layout = load_layout("broadsheet", None).unwrap();
        layout.styles.lead = layout.styles.lead_span.clone();
        let short = "三年前，这座城市只有一座市图书馆和七座区馆。到今年十月，街道和社区里已经开起六十二间城市书房。";
        let text = article(writing).replace(LEAD, short);
        let frame = |grid: &Grid| Frame {
            columns: 4,
            rows: Some(grid.lines),
            lead: LeadPlacement::Across {
                columns: None,
                boxed: false,
            },
            ..Frame::full(grid)
        };
        let (page, g) = first_page(text, &layout, frame);
        let size = layout.styles.lead.size.0;
        let lead: Vec<(f64, f64, Pt)> = (glyphs(&page, &g).into_iter())
            .filter(|x| x.2 == size)
            .collect();
        assert_eq!(
            lead.len(),
            short.chars().count(),
            "{writing}: the lead's glyphs"
        );
        // One line: on one row, no gap along it wider than a character
        // and a half (two halves stand a gutter and a rule apart).
        let mut along: Vec<f64> = lead.iter().map(|x| x.0).collect();
        along.sort_by(f64::total_cmp);
        let gap = along.windows(2).map(|w| w[1] - w[0]).fold(0.0, f64::max);
        assert!(
            lead.iter().all(|x| (x.1 - lead[0].1).abs() < 0.5) && gap < size.0 * 1.5,
            "{writing}: one line, not two halves (widest gap {gap:.1} pt)"
        );
    }
}

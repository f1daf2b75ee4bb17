//! Headings in both writing modes: a phrase too wide for the column steps
//! the size down; a heading keeps its text with it at a column's foot.

use super::tests::{article, pages_in};
use super::*;
use crate::resolve::load_layout;

/// Text runs of `size` (within 0.01 pt) and the glyphs' (inline, block)
/// positions: block is the line's place across the column.
fn runs_of(
    pages: &[Page],
    g: &crate::model::Grid,
    keep: impl Fn(Pt) -> bool,
) -> Vec<(u32, f64, f64, Pt)> {
    let mut out = Vec::new();
    for (n, p) in pages.iter().enumerate() {
        for item in &p.items {
            let PageItem::Text(run) = item else { continue };
            if !keep(run.size) {
                continue;
            }
            for gl in &run.glyphs {
                let (inline, block) = if g.vertical {
                    ((gl.y - g.top).0, (g.right - gl.x).0)
                } else {
                    ((gl.x - g.left).0, gl.y.0)
                };
                out.push((n as u32, inline, block, run.size));
            }
        }
    }
    out
}

/// A section head of a phrase one character wider than the column at its
/// size: set on one line at a smaller size, no smaller than min_scale.
fn too_wide_head_steps_down(layout: &str) {
    let l = load_layout(layout, None).unwrap();
    let (size, width) = (l.styles.heading.size.0, l.grid_for(l.writing).column_width);
    let n = (width.0 / size.0).floor() as usize + 1;
    let head: String = "城市书房全天开放借阅服务走进社区街道"
        .chars()
        .cycle()
        .take(n)
        .collect();
    let body = "早上七点五十分，书房门口已经有人在等。".repeat(12);
    let src = format!("+++\ntitle = \"标题\"\n+++\n{body}\n\n## {head}\n\n{body}\n");
    let (pages, g) = pages_in(&src, layout);
    let heads = runs_of(&pages, &g, |s| {
        s != g.body_size && s.0 < size.0 && s.0 >= size.0 * 0.8 - 1e-6
    });
    assert_eq!(
        heads.len(),
        n,
        "{layout}: the head is set whole at a smaller size"
    );
    let block = heads[0].2;
    assert!(
        heads.iter().all(|h| (h.2 - block).abs() < 0.01),
        "{layout}: on one line"
    );
    assert!(
        runs_of(&pages, &g, |s| s == size).is_empty(),
        "{layout}: nothing left at full size"
    );
}

#[test]
fn a_head_too_wide_steps_down_horizontal() {
    too_wide_head_steps_down("feature");
}

#[test]
fn a_head_too_wide_steps_down_vertical() {
    too_wide_head_steps_down("vertical");
}

/// In vertical text the columns are bands down the page: no heading line
/// is the last line of its band; body lines follow it there.
#[test]
fn a_vertical_section_head_is_never_last_in_its_band() {
    let l = load_layout("vertical", None).unwrap();
    let size = l.styles.heading.size.0;
    let (pages, g) = pages_in(&article(120, 3), "vertical");
    assert!(g.vertical);
    let band = |inline: f64| (inline / (g.column_width + g.gutter).0).floor() as u32;
    let heads = runs_of(&pages, &g, |s| s == size);
    let body = runs_of(&pages, &g, |s| s == g.body_size);
    assert!(heads.len() > 20, "heads were set");
    for (page, inline, block, _) in heads {
        let b = band(inline);
        assert!(
            body.iter()
                .any(|&(p, i, k, _)| p == page && band(i) == b && k > block + 0.5),
            "a head at the end of band {b} on page {page}"
        );
    }
}

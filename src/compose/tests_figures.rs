//! A round figure set at a place (`x`, `row`), straddling a gutter, in
//! both writing modes: no glyph within the gap of its rim, text on both
//! sides of it, its caption read where the article has it.

use super::tests::pages_in;
use super::*;

/// A glyph's em box on the page: (x0, y0, x1, y1); a stop or comma's
/// ink stays in the first half of its advance (its other half may be cut
/// at a line's end).
fn em_box(run: &TextRun, gl: &PlacedGlyph) -> (f64, f64, f64, f64) {
    let text = &run.text[gl.text.start as usize..gl.text.end as usize];
    let half = text
        .chars()
        .next()
        .is_some_and(|c| "，。、；：！？".contains(c));
    let (s, a) = (run.size.0, gl.advance.0 / if half { 2.0 } else { 1.0 });
    match run.mode {
        RunMode::Horizontal => (gl.x.0, gl.y.0 - s * 0.88, gl.x.0 + a, gl.y.0 + s * 0.12),
        _ => (gl.x.0 - s / 2.0, gl.y.0, gl.x.0 + s / 2.0, gl.y.0 + a),
    }
}

fn placed_round_figure(layout: &str) {
    let para = "村口的老槐树下，有人在下棋，有人在聊天，孩子们在一旁追逐嬉戏。".repeat(5);
    let mut src = String::from("+++\ntitle = \"标题\"\n+++\n");
    for i in 0..16 {
        if i == 1 {
            src.push_str(
                "![徽记：一枚定位针](figures/badge.png \"wrap=round width=0.9 x=2 row=6\")\n\n",
            );
        }
        src.push_str(&format!("{para}\n\n"));
    }
    let (pages, g) = pages_in(&src, layout);
    let image = (pages[0].items.iter())
        .find_map(|i| match i {
            PageItem::Image(im) => Some((**im).clone()),
            _ => None,
        })
        .expect("the figure");
    let (cx, cy) = (
        (image.x + image.width / 2.0).0,
        (image.y + image.height / 2.0).0,
    );
    let r = (image.width.min(image.height) / 2.0).0;
    // The centre lies on the gutter after the second column (band).
    let middle = g.column_start(2) - g.gutter / 2.0;
    let gutter = if g.vertical {
        (g.top + middle).0 - cy
    } else {
        (g.left + middle).0 - cx
    };
    assert!(
        gutter.abs() < 0.5,
        "{layout}: centred on the gutter, {gutter:.1} pt off"
    );
    let (mut before, mut after) = (0, 0);
    for item in &pages[0].items {
        let PageItem::Text(run) = item else { continue };
        if run.size != g.body_size {
            continue;
        }
        for gl in &run.glyphs {
            let (x0, y0, x1, y1) = em_box(run, gl);
            let (nx, ny) = (cx.clamp(x0, x1), cy.clamp(y0, y1));
            let d = ((nx - cx).powi(2) + (ny - cy).powi(2)).sqrt();
            assert!(
                d > r + 0.45 * g.body_size.0,
                "{layout}: glyph {d:.1} pt from the centre, r {r:.1}: box {:?} centre {:?} pitch {:?} text {:?}",
                (x0, y0, x1, y1),
                (cx, cy),
                g.pitch,
                &run.text
            );
            // Beside the disc: across the lines it takes.
            let (along, across, c_along, c_across) = if g.vertical {
                ((y0 + y1) / 2.0, (x0 + x1) / 2.0, cy, cx)
            } else {
                ((x0 + x1) / 2.0, (y0 + y1) / 2.0, cx, cy)
            };
            if (across - c_across).abs() < r * 0.5 {
                if along < c_along - r {
                    before += 1;
                } else if along > c_along + r {
                    after += 1;
                }
            }
        }
    }
    assert!(
        before > 20 && after > 20,
        "{layout}: text on both sides ({before}, {after})"
    );
}

#[test]
fn a_placed_round_figure_straddles_a_gutter_horizontal() {
    placed_round_figure("feature");
}

#[test]
fn a_placed_round_figure_straddles_a_gutter_vertical() {
    placed_round_figure("vertical");
}

/// The columns (bands) of a one-page article end within a line of each
/// other, the last not below all the others: in both writing modes.
fn columns_end_within_a_line(layout: &str) {
    let (pages, g) = pages_in(&super::tests::article(9, 0), layout);
    assert_eq!(pages.len(), 1, "{layout}");
    let per = (g.column_width + g.gutter).0;
    let mut deepest = vec![f64::MIN; g.columns as usize];
    for item in &pages[0].items {
        let PageItem::Text(run) = item else { continue };
        if run.size != g.body_size {
            continue;
        }
        for gl in &run.glyphs {
            // Along the line: which column; across: how deep.
            let (along, across) = if g.vertical {
                ((gl.y - g.top).0, (g.right - gl.x).0)
            } else {
                ((gl.x - g.left).0, gl.y.0)
            };
            let c = ((along / per).floor() as usize).min(deepest.len() - 1);
            deepest[c] = deepest[c].max(across);
        }
    }
    assert!(
        deepest.iter().all(|d| *d > f64::MIN),
        "{layout}: every column used: {deepest:?}"
    );
    let max = deepest.iter().copied().fold(f64::MIN, f64::max);
    for d in &deepest {
        assert!(
            max - d <= g.pitch.0 + 0.01,
            "{layout}: unbalanced {deepest:?}"
        );
    }
    let (last, others) = deepest.split_last().unwrap();
    assert!(
        others.iter().any(|d| last <= &(d + 0.01)),
        "{layout}: the last column longest {deepest:?}"
    );
}

#[test]
fn columns_end_within_a_line_horizontal() {
    columns_end_within_a_line("feature");
}

#[test]
fn columns_end_within_a_line_vertical() {
    columns_end_within_a_line("vertical");
}

/// A round figure set right after a vertical headline, in the slots after
/// the headline's (a module of a made-up page, its title fitted): the
/// white its slots leave past the image is shared out to both its sides,
/// so that the image stands clear of the headline (all of it after the
/// image, varv-set10's round figure stood 1.6 pt from a 21.9 pt
/// headline). Measured: the gap between the headline's em boxes and the
/// image's edge along the lines' progression.
#[test]
fn a_round_figure_after_a_vertical_headline_stands_clear_of_it() {
    let para = "村口的老槐树下，有人在下棋，有人在聊天，孩子们在一旁追逐嬉戏。".repeat(4);
    let mut src = String::from("+++\ntitle = \"老槐树下的夏夜\"\nwriting = \"vertical\"\n+++\n");
    src.push_str("![徽记：一枚定位针](figures/badge.png \"wrap=round\")\n\n");
    for _ in 0..12 {
        src.push_str(&format!("{para}\n\n"));
    }
    let layout = crate::resolve::load_layout("broadsheet", None).unwrap();
    let frame = |grid: &crate::model::Grid| Frame {
        columns: 4,
        rows: Some(grid.lines),
        fit_title: true,
        ..Frame::full(grid)
    };
    let (page, g) = super::tests_lead::first_page(src, &layout, frame);
    assert!(g.vertical);
    let image = (page.items.iter())
        .find_map(|i| match i {
            PageItem::Image(im) => Some((**im).clone()),
            _ => None,
        })
        .expect("the figure");
    let largest = (page.items.iter())
        .filter_map(|i| match i {
            PageItem::Text(run) => Some(run.size.0),
            _ => None,
        })
        .fold(0.0, f64::max);
    // Lines progress from the right: the headline stands right of the image.
    let mut gap = f64::MAX;
    for item in &page.items {
        let PageItem::Text(run) = item else { continue };
        if run.size.0 < largest - 0.01 {
            continue;
        }
        for gl in &run.glyphs {
            let (x0, ..) = em_box(run, gl);
            gap = gap.min(x0 - (image.x + image.width).0);
        }
    }
    // Its slots are 125 pt for its 117: 4 pt on each side (8.1 pt from
    // the headline with all 8 after it, 12.1 with them shared).
    let pitch = g.pitch.0;
    let off = ((g.right.0 - (image.x + image.width).0) / pitch).rem_euclid(1.0) * pitch;
    assert!(
        (1.0..pitch - 1.0).contains(&off),
        "the image's edge {off:.1} pt inside its first slot"
    );
    assert!(
        gap >= 0.8 * pitch,
        "the image {gap:.1} pt from the headline (a slot is {pitch:.1} pt)"
    );
}

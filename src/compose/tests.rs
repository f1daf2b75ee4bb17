//! The composer on real fonts: glyphs stay in their columns, columns are
//! balanced on the last page, heads keep their text.

use std::path::Path;

use super::*;
use crate::compose::RunMode;
use crate::compose::items::{LineSource, SetLine};
use crate::model::LeadPlacement;
use crate::parse::parse_article;
use crate::resolve::{FontBook, load_layout, resolve_doc};
use crate::shape::{Shaper, prepare_fallbacks, shape_doc, shape_plain};

fn pages_of(src: &str) -> (Vec<Page>, crate::model::Grid) {
    pages_in(src, "feature")
}

pub(super) fn pages_in(src: &str, layout: &str) -> (Vec<Page>, crate::model::Grid) {
    // Beside the examples, so that figures/route.png resolves.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/t.md");
    let article = parse_article(&path, src.as_bytes().to_vec()).unwrap();
    let layout = load_layout(layout, None).unwrap();
    let mut book = FontBook::new(&[], false).unwrap();
    let roles = book.resolve_roles(&layout).unwrap();
    let doc = resolve_doc(&article, &layout, &roles, None).unwrap();
    let mut warnings = Vec::new();
    let fb = prepare_fallbacks(&doc, &mut book, &mut warnings);
    let mut shaper =
        Shaper::new(&book, &doc.lang, fb).vertical(doc.writing == crate::model::Writing::Vertical);
    let shaped = shape_doc(&doc, &mut shaper);
    let mut furniture = |f: Furniture, t: &str| {
        let style = furniture_style(&doc, f);
        shape_plain(&mut shaper, style, t)
    };
    let pages = compose(&doc, &shaped, &layout, &mut furniture, &mut warnings).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    (pages, layout.grid_for(doc.writing))
}

pub(super) fn article(paragraphs: usize, heads_every: usize) -> String {
    let mut s = String::from("+++\ntitle = \"标题\"\n+++\n");
    for i in 0..paragraphs {
        if heads_every > 0 && i % heads_every == 0 {
            s.push_str(&format!("## 小标题{i}\n\n"));
        }
        for k in 0..(3 + i % 4) {
            s.push_str(if k % 2 == 0 {
                "春风吹过田野，麦苗一天天长高了。"
            } else {
                "村口的老槐树下，有人在下棋，有人在聊天。"
            });
        }
        s.push_str("\n\n");
    }
    s
}

/// Body glyphs by column: (column index, baseline) of every glyph of the
/// body size, with a check that each stays inside its column.
fn body_glyphs(page: &Page, g: &crate::model::Grid) -> Vec<(u32, Pt)> {
    let mut out = Vec::new();
    for item in &page.items {
        let PageItem::Text(run) = item else { continue };
        if run.size != g.body_size || run.glyphs.iter().all(|gl| gl.y.0 < g.top.0) {
            continue;
        }
        for gl in &run.glyphs {
            let rel = (gl.x - g.left).0;
            let col = (rel / (g.column_width + g.gutter).0).floor() as u32;
            let col_left = g.left + (g.column_width + g.gutter) * col as f64;
            assert!(gl.x.0 >= col_left.0 - 0.01, "glyph left of its column");
            assert!(
                (gl.x + gl.advance).0 <= (col_left + g.column_width).0 + 0.01,
                "glyph past its column at x {:?}",
                gl.x
            );
            out.push((col, gl.y));
        }
    }
    out
}

#[test]
fn glyphs_stay_inside_their_columns_and_pages_follow() {
    let (pages, g) = pages_of(&article(120, 10));
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for p in &pages {
        let glyphs = body_glyphs(p, &g);
        assert!(!glyphs.is_empty());
        for (_, y) in glyphs {
            assert!(
                y.0 > g.top.0 && y.0 <= (g.top + g.pitch * g.lines as f64).0,
                "baseline {y:?} outside the type area"
            );
        }
    }
}

#[test]
fn last_page_columns_are_balanced() {
    let (pages, g) = pages_of(&article(14, 0));
    assert_eq!(pages.len(), 1);
    let glyphs = body_glyphs(&pages[0], &g);
    let mut deepest = vec![Pt::ZERO; g.columns as usize];
    for (c, y) in glyphs {
        deepest[c as usize] = deepest[c as usize].max(y);
    }
    let used: Vec<Pt> = deepest.into_iter().filter(|y| y.0 > 0.0).collect();
    assert_eq!(
        used.len(),
        g.columns as usize,
        "text in every column: {used:?}"
    );
    let max = used.iter().fold(Pt::ZERO, |a, &b| a.max(b));
    for y in &used[..used.len() - 1] {
        // Keep rules (widows, orphans) may leave a column two lines short.
        assert!(
            (max - *y).0 <= g.pitch.0 * 2.0 + 0.01,
            "unbalanced columns: {used:?}"
        );
    }
}

#[test]
fn a_section_head_is_never_last_in_its_column() {
    let (pages, g) = pages_of(&article(200, 3));
    for p in &pages {
        let mut heads = Vec::new();
        let mut body: Vec<(u32, Pt)> = Vec::new();
        for item in &p.items {
            let PageItem::Text(run) = item else { continue };
            let Some(first) = run.glyphs.first() else {
                continue;
            };
            if first.y.0 < g.top.0 {
                continue;
            }
            let col = ((first.x - g.left).0 / (g.column_width + g.gutter).0).floor() as u32;
            if run.size.0 == 12.0 {
                heads.push((col, first.y));
            } else if run.size == g.body_size {
                body.push((col, first.y));
            }
        }
        for (c, y) in heads {
            assert!(
                body.iter().any(|&(bc, by)| bc == c && by > y),
                "head at the foot of column {c}"
            );
        }
    }
}

#[test]
fn vertical_lines_run_down_and_right_to_left_with_dots_on_the_right() {
    let para = "村口的老槐树下，有人在下棋，有人在聊天，孩子们在一旁追逐嬉戏。".repeat(6);
    let src = format!("+++\ntitle = \"标题\"\n+++\n春风吹过田野，*麦苗*一天天长高了。{para}\n");
    let (pages, g) = pages_in(&src, "vertical");
    assert!(g.vertical);
    let mut body: Vec<&PlacedGlyph> = Vec::new();
    let mut dots = Vec::new();
    for item in &pages[0].items {
        match item {
            PageItem::Text(r) if r.mode == RunMode::Vertical && r.size == g.body_size => {
                body.extend(&r.glyphs)
            }
            PageItem::Dot(d) => dots.push(*d),
            _ => {}
        }
    }
    assert!(body.len() > 30);
    // Down the line, then the next line to the left.
    let first_x = body[0].x;
    assert!(body[1].y > body[0].y && body[1].x == first_x);
    let band0: Vec<_> = body
        .iter()
        .filter(|gl| gl.y < g.top + g.column_width)
        .collect();
    assert!(band0.last().unwrap().x < first_x, "later lines to the left");
    // Two emphasis dots, right of their characters.
    assert_eq!(dots.len(), 2);
    for d in &dots {
        let g = body
            .iter()
            .min_by(|a, b| (a.y - d.y).abs().0.total_cmp(&(b.y - d.y).abs().0))
            .unwrap();
        assert!(d.x.0 > g.x.0 + 4.0, "dot right of the column: {d:?} {g:?}");
    }
}

#[test]
fn traditional_chinese_centres_vertical_stops_and_uses_corner_quotes() {
    let src = "+++\ntitle = \"標題\"\nlang = \"zh-Hant\"\nwriting = \"vertical\"\n+++\n他說：“好，明天見。”\n";
    let (pages, g) = pages_in(src, "vertical");
    let runs: Vec<&TextRun> = pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            PageItem::Text(r) if r.mode == RunMode::Vertical && r.size == g.body_size => Some(r),
            _ => None,
        })
        .collect();
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    assert!(text.contains("「好，明天見。」"), "{text}");
    // The comma is moved across from the column's centre line toward the
    // middle of its em (the font draws it top right).
    let r = runs.iter().find(|r| r.text.contains('，')).unwrap();
    let comma = r
        .glyphs
        .iter()
        .find(|gl| &r.text[gl.text.start as usize..gl.text.end as usize] == "，")
        .unwrap();
    let han = r
        .glyphs
        .iter()
        .find(|gl| &r.text[gl.text.start as usize..gl.text.end as usize] == "好")
        .unwrap();
    assert!(
        comma.x.0 < han.x.0 - 1.0,
        "centred across: {comma:?} vs {han:?}"
    );
}

#[test]
fn a_three_column_block_re_split_as_two_has_twenty_character_columns() {
    // 破栏 (newspaper-page.md): 3 × 13 + 2 − 1 = 40, over 2 columns: 20.
    let layout = load_layout("broadsheet", None).unwrap();
    let page = layout.grid();
    let frame = Frame {
        first: 2,
        columns: 3,
        top: 0,
        rows: None,
        split: Some(2),
        boxed: false,
        lead: LeadPlacement::Column,
        fit_title: false,
        lead_story: false,
        edge_above: false,
        kicker_end: false,
        headline_most: None,
        grown_most: None,
        parted: super::frame::Parted::Not,
    };
    let g = frame.grid(&page, false, None);
    assert_eq!(g.columns, 2);
    assert_eq!(g.column_width, page.body_size * 20.0);
    assert!(
        (g.measure().0 - (page.body_size * 41.0).0).abs() < 1e-6,
        "the module keeps its width"
    );
    assert!((g.left - page.left - page.column_start(2)).0.abs() < 1e-6);
}

#[test]
fn the_largest_article_spans_two_thirds_and_the_rest_a_third() {
    assert_eq!(
        spans(&[100, 3000, 500], &[None, None, None], 8),
        vec![2, 6, 2]
    );
    assert_eq!(spans(&[100, 3000], &[Some(4), None], 8), vec![4, 6]);
    assert_eq!(spans(&[10], &[None], 5), vec![5]);
}

#[test]
fn a_vertical_module_on_a_horizontal_page_is_set_in_tiers_inside_its_box() {
    let layout = load_layout("supplement", None).unwrap();
    let page = layout.grid();
    let frame = Frame {
        first: 2,
        columns: 3,
        top: 0,
        rows: Some(40),
        split: None,
        boxed: true,
        lead: LeadPlacement::Column,
        fit_title: false,
        lead_story: false,
        edge_above: false,
        kicker_end: false,
        headline_most: None,
        grown_most: None,
        parted: super::frame::Parted::Not,
    };
    let g = frame.grid(&page, true, None);
    let body = page.body_size.0;
    // 40 slots of 14 pt = 560 pt = 56 characters, less two each end for
    // the box and a mark hanging past a line's end: 52 characters, two
    // tiers near 27 (default 2 × 13 + 1) at least three apart: 24 and 24,
    // the four left over between them.
    assert!(g.vertical);
    assert_eq!((g.columns, g.column_width.0 / body), (2, 24.0));
    assert!((g.gutter.0 / body - 4.0).abs() < 1e-9);
    assert!(g.measure().0 <= 40.0 * page.pitch.0 - 4.0 * body + 1e-6);
    // Lines right to left inside the box: a pitch in from each side.
    let width = page.column_width * 3.0 + page.gutter * 2.0;
    let right = page.left + page.column_start(2) + width - page.pitch;
    assert!((g.right - right).0.abs() < 1e-6);
    assert_eq!(
        g.lines,
        ((width - page.pitch * 2.0).0 / page.pitch.0).floor() as u32
    );
    assert!((g.top - page.top - page.body_size * 2.0).0.abs() < 1e-6);
    // The layout's tier height, as near as whole tiers allow: 52 = 3 × 15
    // + 2 gaps of 3.5.
    let g = frame.grid(&page, true, Some(13));
    assert_eq!((g.columns, g.column_width.0 / body), (3, 15.0));
    assert!((g.gutter.0 / body - 3.5).abs() < 1e-9);
}

#[test]
fn tiers_share_the_length_and_keep_at_least_a_gutter_between() {
    use super::frame::Tiers;
    let t = Tiers::fit(98, 27, 1);
    assert_eq!((t.count, t.chars), (4, 23));
    assert!((t.gap - 2.0).abs() < 1e-9);
    assert!(t.count * t.chars + 3 * 2 <= 98);
    // Shorter than a tier: one tier, the whole length.
    assert_eq!(
        Tiers::fit(20, 27, 1),
        Tiers {
            count: 1,
            chars: 20,
            gap: 0.0
        }
    );
    // Nearer one tier of 27 than two, 38 characters are still two tiers:
    // no tier over 30 characters.
    let t = Tiers::fit(38, 27, 3);
    assert_eq!((t.count, t.chars), (2, 17));
    assert!((t.gap - 4.0).abs() < 1e-9);
    // A layout asking for taller tiers gets them.
    assert_eq!(Tiers::fit(38, 36, 3).count, 1);
    // The broadsheet's 153-character frame: no line as tall as the frame.
    let t = Tiers::fit(153, 27, 1);
    assert_eq!((t.count, t.chars), (6, 24));
    assert!((t.gap - 1.8).abs() < 1e-9);
}

#[test]
fn text_flows_around_a_figure_spanning_two_columns() {
    let para = "村口的老槐树下，有人在下棋，有人在聊天，孩子们在一旁追逐嬉戏。".repeat(4);
    let mut src = String::from("+++\ntitle = \"标题\"\n+++\n");
    for i in 0..14 {
        src.push_str(&format!("{para}\n\n"));
        if i == 1 {
            src.push_str("![线路图](figures/route.png \"columns=2\")\n\n");
        }
    }
    let (pages, g) = pages_in(&src, "feature");
    let image = pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            PageItem::Image(im) => Some((**im).clone()),
            _ => None,
        })
        .expect("the figure");
    // Two columns and the gutter wide.
    assert!(
        (image.width.0 - (g.column_width * 2.0 + g.gutter).0).abs() < 0.5,
        "{:?}",
        image.width
    );
    let mut beside = 0;
    for item in &pages[0].items {
        let PageItem::Text(r) = item else { continue };
        for gl in &r.glyphs {
            let inside_x = gl.x.0 > image.x.0 - 0.1 && gl.x.0 < (image.x + image.width).0;
            let inside_y = gl.y.0 > image.y.0 && gl.y.0 - r.size.0 < (image.y + image.height).0;
            assert!(
                !(inside_x && inside_y),
                "glyph at {:?},{:?} inside the figure",
                gl.x,
                gl.y
            );
            if inside_x && gl.y.0 < image.y.0 {
                beside += 1;
            }
        }
    }
    assert!(beside > 0, "text above the figure in its columns");
}

#[test]
fn round_wrap_gives_each_line_beside_the_circle_its_own_measure() {
    let para = "村口的老槐树下，有人在下棋，有人在聊天，孩子们在一旁追逐嬉戏。".repeat(5);
    let mut src = String::from("+++\ntitle = \"标题\"\n+++\n");
    for i in 0..16 {
        if i == 1 {
            src.push_str("![徽记](figures/badge.png \"width=1.4 wrap=round\")\n\n");
        }
        src.push_str(&format!("{para}\n\n"));
    }
    let (pages, g) = pages_in(&src, "feature");
    let image = pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            PageItem::Image(im) => Some((**im).clone()),
            _ => None,
        })
        .expect("the figure");
    let (cx, cy) = (image.x + image.width / 2.0, image.y + image.height / 2.0);
    let r = image.width.min(image.height) / 2.0;
    // Line starts beside the circle, in the second column.
    let col2 = g.left + g.column_width + g.gutter;
    let mut starts = Vec::new();
    for item in &pages[0].items {
        let PageItem::Text(run) = item else { continue };
        if run.size != g.body_size {
            continue;
        }
        for gl in &run.glyphs {
            // No glyph inside the circle (its em box's centre, 0.5 em).
            let (gx, gy) = (gl.x + run.size / 2.0, gl.y - run.size * 0.38);
            let d = ((gx - cx).0.powi(2) + (gy - cy).0.powi(2)).sqrt();
            assert!(d > r.0, "glyph at {:?},{:?} inside the circle", gl.x, gl.y);
        }
        let first = &run.glyphs[0];
        if first.x.0 > col2.0 + 1.0
            && first.x.0 < (col2 + g.column_width).0
            && first.y.0 > image.y.0
            && first.y.0 < (image.y + image.height).0
        {
            starts.push((first.y, first.x));
        }
    }
    starts.sort_by(|a, b| a.0.0.total_cmp(&b.0.0));
    starts.dedup_by(|a, b| (a.0 - b.0).abs().0 < 0.1);
    assert!(starts.len() >= 4, "lines beside the circle: {starts:?}");
    let distinct: std::collections::BTreeSet<i64> =
        starts.iter().map(|s| (s.1.0 * 10.0) as i64).collect();
    assert!(
        distinct.len() >= 3,
        "each line starts where the circle leaves it: {starts:?}"
    );
}

#[test]
fn a_frame_too_small_names_the_writing_mode_in_words() {
    for (writing, word) in [("horizontal", "horizontal"), ("vertical", "vertical")] {
        let src = format!("+++\ntitle = \"标题\"\nwriting = \"{writing}\"\n+++\n春风吹过田野。\n");
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/t.md");
        let article = parse_article(&path, src.into_bytes()).unwrap();
        let layout = load_layout("feature", None).unwrap();
        let mut book = FontBook::new(&[], false).unwrap();
        let roles = book.resolve_roles(&layout).unwrap();
        let doc = resolve_doc(&article, &layout, &roles, None).unwrap();
        let mut warnings = Vec::new();
        let fb = prepare_fallbacks(&doc, &mut book, &mut warnings);
        let vertical = doc.writing == crate::model::Writing::Vertical;
        let mut shaper = Shaper::new(&book, &doc.lang, fb).vertical(vertical);
        let shaped = shape_doc(&doc, &mut shaper);
        // Three line slots of one column: too few for any text.
        let frame = Frame {
            rows: Some(3),
            ..Frame::full(&layout.grid())
        };
        let page = layout.grid_for(doc.writing);
        let Err(e) = compose_module(&doc, &shaped, &layout, &page, frame, &mut warnings) else {
            panic!("a three-slot frame holds no {writing} text");
        };
        let message = e.to_string();
        assert!(
            message.contains(&format!("no room for {word} text")),
            "{message}"
        );
    }
}

/// Bands of `page` holding one line alone of a paragraph that goes on in
/// another band (its last at the band's head, its first at its foot).
fn lone_lines_in_bands(lines: &[SetLine], page: usize) -> Vec<(u32, usize)> {
    let para = |l: &SetLine| match l.source {
        LineSource::Flow(b) => Some(b),
        LineSource::Header(_) => None,
    };
    let mut lone = Vec::new();
    let on: Vec<usize> = (0..lines.len())
        .filter(|&k| lines[k].page == page && lines[k].column.is_some())
        .collect();
    for &k in &on {
        let (c, b) = (lines[k].column, para(&lines[k]));
        if b.is_none() {
            continue;
        }
        let same = |j: usize| para(&lines[j]) == b;
        let in_band = on
            .iter()
            .filter(|&&j| lines[j].column == c && same(j))
            .count();
        let elsewhere = (0..lines.len()).any(|j| same(j) && lines[j].column != c);
        if in_band == 1 && elsewhere {
            lone.push((c.unwrap_or(0), b.unwrap_or(0)));
        }
    }
    lone
}

#[test]
fn a_vertical_articles_last_page_has_no_lone_line_in_a_band() {
    // CLREQ §3.4.4: balanced over three bands, a last page of five lines
    // was set 2/2/1, a paragraph's last line alone in the third band; the
    // bands may now end unused instead (3/2 here).
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/t.md");
    let layout = load_layout("vertical", None).unwrap();
    let mut book = FontBook::new(&[], false).unwrap();
    let roles = book.resolve_roles(&layout).unwrap();
    let mut continued = 0;
    for n in 30..70 {
        let src = article(n, 0).replace("+++\ntitle", "+++\nwriting = \"vertical\"\ntitle");
        let a = parse_article(&path, src.into_bytes()).unwrap();
        let doc = resolve_doc(&a, &layout, &roles, None).unwrap();
        let mut warnings = Vec::new();
        let fb = prepare_fallbacks(&doc, &mut book, &mut warnings);
        let mut shaper = Shaper::new(&book, &doc.lang, fb).vertical(true);
        let shaped = shape_doc(&doc, &mut shaper);
        let grid = layout.grid_for(doc.writing);
        let m = compose_module(
            &doc,
            &shaped,
            &layout,
            &grid,
            Frame::full(&grid),
            &mut warnings,
        )
        .unwrap();
        let last = m.pages.len() - 1;
        // A last page filled to its foot has no room to move a line.
        let on_last = m.lines.iter().filter(|l| l.page == last).count();
        if last > 0 && on_last <= 30 {
            continued += 1;
            let lone = lone_lines_in_bands(&m.lines, last);
            assert!(
                lone.is_empty(),
                "{n} paragraphs: lone (band, paragraph) {lone:?}"
            );
        }
    }
    assert!(continued > 5, "{continued} articles ran onto a second page");
}

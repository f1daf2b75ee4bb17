//! A made-up page's title block in both writing modes: a display line
//! takes the slots its box across the line needs (ascent and descent
//! across a horizontal line, the em across a vertical one), so that a
//! short kicker or deck leaves no white strip beside it wider than the
//! glyphs need.

use super::*;
use crate::model::Grid;
use crate::resolve::load_layout;

fn article(writing: &str) -> String {
    let mut s = format!(
        "+++\nwriting = \"{writing}\"\nkicker = \"城市夜行记\"\ntitle = \"凌晨一点，末班车还在路上\"\ndeck = \"一条夜班线路的十二年\"\n+++\n"
    );
    for i in 0..24 {
        s.push_str(&format!(
            "第{i}段。早上七点五十分，书房门口已经有人在等。退休教师每天这个时候来，先看报，再挑两本书带回家。\n\n"
        ));
    }
    s
}

/// A page's module of four columns (bands) with its title block fitted,
/// on the broadsheet's grid in `writing`: its first page and the grid.
fn module(writing: &str) -> (Page, Grid) {
    let layout = load_layout("broadsheet", None).unwrap();
    let frame = |grid: &Grid| Frame {
        columns: 4,
        rows: Some(grid.lines),
        fit_title: true,
        ..Frame::full(grid)
    };
    super::tests_lead::first_page(article(writing), &layout, frame)
}

/// Each line of the block's first column as (start, end) across the
/// lines, from the module's start edge, and its size: the box a checker
/// gives its glyphs (1.45 of the size across a horizontal line, centred
/// 0.055 above the em's middle; the em across a vertical one).
fn line_boxes(page: &Page, g: &Grid) -> Vec<(f64, f64, f64)> {
    let mut out: Vec<(f64, f64, f64)> = Vec::new();
    for item in &page.items {
        let PageItem::Text(run) = item else { continue };
        let s = run.size.0;
        for gl in &run.glyphs {
            let (inline, block) = match g.vertical {
                true => ((gl.y - g.top).0, (g.right - gl.x).0),
                false => ((gl.x - g.left).0, gl.y.0),
            };
            if inline > g.column_width.0 {
                continue;
            }
            let b = match g.vertical {
                true => (block - s / 2.0, block + s / 2.0),
                false => (block - s * 1.16, block + s * 0.29),
            };
            if !out.iter().any(|o| (o.0 - b.0).abs() < 0.5 && o.2 == s) {
                out.push((b.0, b.1, s));
            }
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

/// The white across between the kicker's box and the headline's, and
/// between the deck's and the first line of text under it, in body sizes.
fn white_beside_display(writing: &str) -> Vec<f64> {
    let (page, g) = module(writing);
    let boxes = line_boxes(&page, &g);
    let body = g.body_size.0;
    let display: Vec<usize> = (0..boxes.len()).filter(|&i| boxes[i].2 > body).collect();
    let last = *display.last().unwrap();
    assert!(
        display.len() >= 3,
        "{writing}: kicker, headline and deck: {boxes:?}"
    );
    let first = display[0];
    vec![
        (boxes[first + 1].0 - boxes[first].1) / body,
        (boxes[last + 1].0 - boxes[last].1) / body,
    ]
}

/// Across a vertical line a display line's box is about its em: a
/// vertical kicker or deck stands a little over a body em at most from
/// the line beside it, and never touches it (before, its slots were
/// counted 1.56 of its size across, as a horizontal line's: 1.8 body ems
/// of white beside the kicker, and a hole of 4 × 4 ems beside a short
/// deck on page 12 set vertically).
#[test]
fn white_beside_a_vertical_display_line_is_about_an_em() {
    let v = white_beside_display("vertical");
    for w in &v {
        assert!((0.25..=1.5).contains(w), "white beside: {v:?} body ems");
    }
    // Horizontally the box a checker gives (white above and below the
    // ink included) fills the slots as it did, within 0.6 em: the
    // headline, grown to close the white at its ends, takes the largest
    // size its slots hold up to 8/7 of its own (0.55 em above it here).
    let h = white_beside_display("horizontal");
    assert!(h.iter().all(|w| (0.0..=0.6).contains(w)), "{h:?}");
}

/// The frame of a lead story's module `columns` wide, to the page's foot,
/// its title block fitted.
fn lead_frame(columns: u32) -> impl FnOnce(&Grid) -> Frame {
    move |grid: &Grid| Frame {
        columns,
        rows: Some(grid.lines),
        fit_title: true,
        lead_story: true,
        ..Frame::full(grid)
    }
}

/// The white beside the lead story's one-line banner across `columns`
/// columns (bands) of `writing`, both ends together, in body ems.
fn white_beside_banner(writing: &str, title: &str, columns: u32) -> f64 {
    let (lo, hi, g) = banner_span((writing, 40), title, lead_frame(columns));
    let extent = (g.column_width + g.gutter).0 * columns as f64 - g.gutter.0;
    (extent - (hi - lo)) / g.body_size.0
}

/// An article of `paragraphs` paragraphs in `writing` under the one-line
/// headline `title`.
fn titled((writing, paragraphs): (&str, usize), title: &str) -> String {
    let mut s = format!("+++\nwriting = \"{writing}\"\ntitle = \"{title}\"\n+++\n");
    for i in 0..paragraphs {
        s.push_str(&format!(
            "第{i}段。早上七点五十分，书房门口已经有人在等。退休教师每天这个时候来，先看报，再挑两本书带回家。\n\n"
        ));
    }
    s
}

/// Where the one-line headline `title` of an article of `paragraphs`
/// paragraphs stands along its line in the module `frame` of `writing`
/// (the lead story's banner in [`lead_frame`]): from and to,
/// in points from the type area's start, and the page's grid.
fn banner_span(
    (writing, paragraphs): (&str, usize),
    title: &str,
    frame: impl FnOnce(&Grid) -> Frame,
) -> (f64, f64, Grid) {
    let layout = load_layout("broadsheet", None).unwrap();
    let s = titled((writing, paragraphs), title);
    let (page, g) = super::tests_lead::first_page(s, &layout, frame);
    let body = g.body_size.0;
    // The banner's glyphs: the run larger than body text, along its line.
    let (mut lo, mut hi) = (f64::MAX, f64::MIN);
    for item in &page.items {
        let PageItem::Text(run) = item else { continue };
        if run.size.0 < body * 1.5 {
            continue;
        }
        for gl in &run.glyphs {
            let inline = match g.vertical {
                true => (gl.y - g.top).0,
                false => (gl.x - g.left).0,
            };
            lo = lo.min(inline);
            hi = hi.max(inline + run.size.0);
        }
    }
    assert!(lo < hi, "{writing}: no banner glyphs");
    (lo, hi, g)
}

/// A vertical lead's one-line banner of eight characters across six
/// bands, at its largest size (1.75) 14.5 body ems short of its block, a
/// 7-em hole at each end, is set a size larger (1.95) until under 3½ ems
/// of white stand at each end (7 both together).
#[test]
fn a_short_banner_is_grown_to_its_block() {
    let w = white_beside_banner("vertical", "了面了了匵堋疣里", 6);
    assert!(w <= 7.05, "white beside the banner: {w:.2} body ems");
    assert!(w >= 0.0, "the banner past its block: {w:.2}");
}

/// A story under the lead, its module two columns wide: its one-line
/// headline of five characters at the largest size its share of the page
/// gives it leaves 9.4 body ems beside it, centred a 4½-em hole at each
/// end over the text (var-set14 of `tools/gen-pages.py --variants` had
/// one). It is set a size larger until no more than 3½ ems stand at each
/// end, as the lead's banner and a vertical headline are.
#[test]
fn a_short_headline_under_the_lead_is_grown_to_close_its_ends() {
    let frame = |g: &Grid| Frame {
        columns: 2,
        rows: Some(20),
        fit_title: true,
        ..Frame::full(g)
    };
    let (lo, hi, g) = banner_span(("horizontal", 20), "上不听了来", frame);
    let extent = super::title::extent(&g, 2).0;
    let white = (extent - (hi - lo)) / g.body_size.0;
    assert!(
        white <= 7.05,
        "white beside the headline: {white:.2} body ems"
    );
    assert!(white >= 0.0, "the headline past its block: {white:.2}");
}

/// The one-line headline of the module above grows to close its ends,
/// but never past the lead story's (`grown_most`), whether or not its own
/// size was capped: held under a size between its own and its grown one,
/// it stops there (a second story's headline a little over the lead's at
/// its own size had grown further over it, varv-set09).
#[test]
fn a_grown_headline_stays_under_the_leads() {
    let size = |grown: Option<f64>| {
        let frame = |g: &Grid| Frame {
            columns: 2,
            rows: Some(20),
            fit_title: true,
            grown_most: grown.map(|m| super::frame::SizeCap::of(crate::units::Pt(m))),
            ..Frame::full(g)
        };
        let layout = load_layout("broadsheet", None).unwrap();
        let s = titled(("horizontal", 20), "上不听了来");
        largest_size(&super::tests_lead::first_page(s, &layout, frame).0)
    };
    let (own, grown) = (size(Some(1.0)), size(None));
    assert!(grown > own + 1.0, "grown {grown} from {own}");
    let most = (own + grown) / 2.0;
    let held = size(Some(most));
    assert!(held <= most + 0.01 && held >= own, "{held} under {most}");
}

/// A six-character vertical banner down a module of all ten bands is a
/// third of its length even grown to 2.0 and tracked: across half the
/// bands it still leaves some 20 ems of white, a hole at each end. It
/// spans the fewest bands that bring its white under the hole's size
/// (four, some 7 ems), less than half the module.
#[test]
fn a_very_short_vertical_banner_spans_under_half_its_bands() {
    let (lo, hi, g) = banner_span(("vertical", 40), "城西夜读书房", lead_frame(10));
    let four = super::title::extent(&g, 4).0;
    assert!(
        hi <= four + 0.5,
        "banner to {hi:.0} pt, four bands {four:.0} pt"
    );
    let white = (four - (hi - lo)) / g.body_size.0;
    assert!(white <= 8.0, "white beside the banner: {white:.1} body ems");
}

/// A module's holes counted inside its own rectangle (what the make-up
/// charges a variant, [`super::holes::holes_inside`]) see the white at a
/// short headline's ends, outside the body type's extent where a page's
/// count starts: a lead story's block with its lead set across under it
/// runs across all its bands, and across all ten of a vertical
/// broadsheet 凌晨一点，末班车还在路上 leaves white above and below it;
/// across four it fills them.
#[test]
fn white_at_a_short_headlines_ends_counts_inside_its_module() {
    let layout = load_layout("broadsheet", None).unwrap();
    let holes_at = |columns: u32| {
        let frame = |g: &Grid| Frame {
            lead: crate::model::LeadPlacement::Across {
                columns: None,
                boxed: false,
            },
            ..lead_frame(columns)(g)
        };
        let (page, grid) = super::tests_lead::first_page(article("vertical"), &layout, frame);
        let inside = super::holes::holes_inside(&[&page], &grid, ((0, columns), (0, 10)));
        (inside, super::holes::holes(&page).count)
    };
    let (wide, wide_page) = holes_at(10);
    assert!(wide >= 2, "white at both ends of the block: {wide}");
    assert_eq!(
        wide_page, 0,
        "outside the body type: the page count misses it"
    );
    assert_eq!(holes_at(4).0, 0);
}

/// A vertical kicker up to a tenth too large for one slot steps down into
/// it (on the broadsheet's vertical grid, 12.5 pt takes two slots of
/// 12.5 pt, 11.5 pt one): the column of white under a short kicker, from
/// the headline to the next module's text, is a slot narrower. One much
/// too large (15.2 pt) keeps its size where its line nearly fills the
/// block, and steps into one slot where it leaves white under it that
/// would read as a hole (a short kicker down four bands).
#[test]
fn a_vertical_kicker_a_little_too_large_for_a_slot_steps_into_it() {
    let layout = load_layout("broadsheet", None).unwrap();
    let (_, shaped) = super::tests_lead::shaped(article("vertical"), &layout);
    let g = layout.grid_for(crate::model::Writing::Vertical);
    let kicker = (shaped.header.iter())
        .find(|p| p.style.role == crate::model::Role::Kicker)
        .unwrap();
    let at = |size: f64| super::title::rescaled(kicker, size / kicker.style.size.0, &g);
    let slots = |p: &crate::shape::ShapedPara| super::title::display_slots(p.style.size, &g);
    // Measures its line nearly fills (two ems over) and one it is short in.
    let tight = |p: &crate::shape::ShapedPara| {
        super::furniture::natural_width(p) + crate::units::Pt(g.body_size.0 * 2.0)
    };
    let long = super::title::extent(&g, 4);
    let big = at(12.5);
    assert_eq!(slots(&big), 2);
    let snug = super::title::snug(&big, &g, tight(&big));
    assert_eq!(slots(&snug), 1);
    assert!(snug.style.size.0 >= 12.5 * 0.9, "{}", snug.style.size.0);
    let far = at(15.2);
    assert_eq!(
        super::title::snug(&far, &g, tight(&far)).style.size,
        far.style.size
    );
    let short = super::title::snug(&far, &g, long);
    assert_eq!(slots(&short), 1);
    assert!(
        short.style.size.0 >= g.body_size.0 * 1.25,
        "{}",
        short.style.size.0
    );
}

/// A vertical banner too short for its module even at its largest and
/// tracked (凌晨一点，末班车还在路上 down all ten bands of the
/// broadsheet) spans fewer bands, the text running on under it: body
/// lines stand beyond the banner's end in the lines beside it. Across a
/// horizontal page's top it stays across every column.
#[test]
fn a_vertical_banner_too_short_for_its_module_spans_fewer_bands() {
    let layout = load_layout("broadsheet", None).unwrap();
    let (page, g) = super::tests_lead::first_page(article("vertical"), &layout, lead_frame(10));
    let glyphs = super::tests_lead::glyphs(&page, &g);
    let banner: Vec<_> = glyphs.iter().filter(|(_, _, s)| s.0 > 30.0).collect();
    let end = banner.iter().map(|(i, _, _)| *i).fold(f64::MIN, f64::max);
    // The banner's line across the block axis: its glyphs' block
    // positions, a size either side.
    let size = banner.first().map_or(0.0, |(_, _, s)| s.0);
    let (lo, hi) = banner
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), (_, b, _)| {
            (lo.min(*b - size), hi.max(*b + size))
        });
    assert!(end < super::title::extent(&g, 9).0, "banner to {end:.0} pt");
    let under = (glyphs.iter())
        .filter(|(i, b, s)| *s == g.body_size && *i > end && *b >= lo && *b <= hi)
        .count();
    assert!(under > 0, "no text under the banner");
    let (page, g) = super::tests_lead::first_page(article("horizontal"), &layout, lead_frame(10));
    let glyphs = super::tests_lead::glyphs(&page, &g);
    // The least block position of the glyphs of sizes `of`.
    let top = |of: &dyn Fn(Pt) -> bool| {
        (glyphs.iter())
            .filter(|(_, _, s)| of(*s))
            .map(|(_, b, _)| *b)
            .fold(f64::MAX, f64::min)
    };
    let (top, first_body) = (top(&|s| s.0 > 30.0), top(&|s| s == g.body_size));
    assert!(top < first_body, "horizontal: text beside the banner");
}

/// The headline's size in a module of `columns` columns (bands) in
/// `writing`, not the lead story, its headline capped at `most` points.
fn capped_headline(writing: &str, title: &str, columns: u32, most: Option<f64>) -> f64 {
    held_headline(writing, title, columns, (most, None))
}

/// [`capped_headline`], its headline also grown at most to `grown` points
/// (the make-up's first level: capped a size clear of the lead's, grown
/// to it at most).
fn held_headline(
    writing: &str,
    title: &str,
    columns: u32,
    (most, grown): (Option<f64>, Option<f64>),
) -> f64 {
    let cap = |m: f64| super::frame::SizeCap::of(crate::units::Pt(m));
    let layout = load_layout("broadsheet", None).unwrap();
    let text = article(writing).replace("凌晨一点，末班车还在路上", title);
    let frame = |grid: &Grid| Frame {
        columns,
        rows: Some(grid.lines),
        fit_title: true,
        headline_most: most.map(cap),
        grown_most: grown.map(cap),
        ..Frame::full(grid)
    };
    let (page, _) = super::tests_lead::first_page(text, &layout, frame);
    largest_size(&page)
}

/// The largest size a text run of `page` is set in: its headline's.
fn largest_size(page: &Page) -> f64 {
    (page.items.iter())
        .filter_map(|i| match i {
            PageItem::Text(run) => Some(run.size.0),
            _ => None,
        })
        .fold(0.0, f64::max)
}

/// Under the lead story's headline: a headline that fills its block as
/// well at the cap is set under it; one that would leave more white at
/// its ends (a hole beside it) keeps its own size.
#[test]
fn a_headline_stays_under_the_leads_unless_that_opens_its_ends() {
    let title = "凌晨一点，末班车还在路上";
    let free = capped_headline("horizontal", title, 4, None);
    let capped = capped_headline("horizontal", title, 4, Some(free * 0.8));
    assert!(capped <= free * 0.8 + 0.01, "{capped} over {}", free * 0.8);
    for (writing, columns) in [("horizontal", 3), ("vertical", 2)] {
        let short = "末班车还在路上";
        let free = capped_headline(writing, short, columns, None);
        let capped = capped_headline(writing, short, columns, Some(free * 0.8));
        assert_eq!(capped, free, "{writing}");
    }
}

/// A headline capped a size clear of the lead story's where that is
/// under the least its style steps down to is set at the cap, not at its
/// own size over the lead's (gq60-set59 of the generated pages: a 43.1 pt
/// style's least, 34.5 pt, over a cap of 32.0 left a second story's
/// headline at 48.5 pt over the lead's 40.7).
#[test]
fn a_headline_capped_under_its_styles_least_is_set_at_the_cap() {
    let title = "凌晨一点，末班车还在路上";
    let free = capped_headline("horizontal", title, 4, None);
    let (most, grown) = (free * 0.55, free * 0.6);
    let held = held_headline("horizontal", title, 4, (Some(most), Some(grown)));
    assert!(held <= grown + 0.01, "{held} over {grown:.1} (free {free})");
}

/// A one-line deck far shorter than the lead story's banner is grown, as
/// a compositor sets it a size larger, until its line ends less than a
/// hole's width (four empty ems and the em beside type at each side)
/// short of the block's end; it stays under half the headline's size.
/// At its own size it left the white at its end a hole (gq-set13's lead,
/// 15 × 5 ems).
#[test]
fn a_short_deck_under_a_wide_banner_is_grown_to_close_its_end() {
    let text = titled(("horizontal", 40), "末班车还在路上");
    let text = text.replacen(
        "+++\n",
        "+++\ndeck = \"一条夜班公交线路的十二年和它的乘客\"\n",
        1,
    );
    let layout = load_layout("broadsheet", None).unwrap();
    let (page, g) = super::tests_lead::first_page(text, &layout, lead_frame(4));
    let runs: Vec<&TextRun> = (page.items.iter())
        .filter_map(|i| match i {
            PageItem::Text(r) => Some(r),
            _ => None,
        })
        .collect();
    let headline = runs.iter().map(|r| r.size.0).fold(0.0, f64::max);
    let deck = (runs.iter())
        .find(|r| r.text.contains("夜班公交"))
        .expect("the deck is set");
    // The broadsheet's deck is 20 pt (layouts/broadsheet.toml).
    assert!(deck.size.0 > 20.5, "grown: {} pt", deck.size.0);
    assert!(
        deck.size.0 <= headline * 0.5 + 1e-6,
        "{} under {headline}",
        deck.size.0
    );
    let end = (deck.glyphs.iter())
        .map(|gl| gl.x.0 + gl.advance.0)
        .fold(0.0, f64::max);
    let block_end = (g.left + (g.column_width + g.gutter) * 4.0 - g.gutter).0;
    let white = (block_end - end) / g.body_size.0;
    assert!(white < 6.0, "{white:.1} body ems white at the deck's end");
}

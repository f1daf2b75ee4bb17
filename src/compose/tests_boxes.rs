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
    first_tier_white(("supplement", installment(chars)), (4, rows))
}

/// [`white_at_first_tier_end`] for article `src` on layout `name`, in a
/// frame of the page's first `columns` columns and `rows` lines.
fn first_tier_white((name, src): (&str, String), (columns, rows): (u32, u32)) -> Option<f64> {
    let layout = load_layout(name, None).expect("a bundled layout");
    let (doc, shaped) = shaped(src, &layout);
    let page = layout.grid_for(Writing::Horizontal);
    let m = boxed_module((&doc, &shaped), &layout, &page, (columns, rows))?;
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

/// A stretch of a page, from and to, in points.
type Span = (f64, f64);

/// Examples/page-9's installment (第十二回　雪夜过渡口, one line) set as a
/// box in the tabloid's first three columns, `rows` lines deep: the
/// horizontal extent of its headline's glyphs, and of its serial label's
/// (连载 12　《北窗》　顾青禾 著), with the top of the label's first glyph
/// and the foot of the headline's last; `None` where it cannot be set.
fn headline_and_label(rows: u32) -> Option<(Span, Span, Span)> {
    let src = north_window();
    let layout = load_layout("tabloid", None).expect("the tabloid layout");
    let (doc, shaped) = shaped(src, &layout);
    let page = layout.grid_for(Writing::Horizontal);
    let m = boxed_module((&doc, &shaped), &layout, &page, (3, rows))?;
    let runs = text_runs(&m.pages.first()?.items);
    let glyphs = |pick: &dyn Fn(&TextRun) -> bool| {
        let g: Vec<(f64, f64)> = (runs.iter().filter(|r| pick(r)))
            .flat_map(|r| r.glyphs.iter().map(|g| (g.x.0, g.y.0)))
            .collect();
        let xs = g.iter().map(|p| p.0);
        let ys = g.iter().map(|p| p.1);
        let span = |v: &mut dyn Iterator<Item = f64>| {
            v.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)))
        };
        (span(&mut xs.clone()), span(&mut ys.clone()))
    };
    let largest = runs.iter().map(|r| r.size.0).fold(0.0, f64::max);
    let (head_x, head_y) = glyphs(&|r| r.size.0 == largest);
    let (label_x, label_y) = glyphs(&|r| r.text.contains("顾青禾") || r.text.contains("北窗"));
    Some((head_x, label_x, (label_y.0, head_y.1)))
}

/// A vertical serial box's label stands at the foot of its one-line
/// headline's line, as a compositor sets a title column (题下署名): its
/// glyphs within the headline's, under its last character, in a box of
/// two tiers (36 to 45 rows here; at 36 to 42 the headline up to a
/// quarter smaller to make room: at a size smaller at most, from 39),
/// not where it would stand further from the headline than its own
/// length (60 rows). Before, the label took a line of its own beside the
/// headline, and the headline's line stayed white under 第十二回　雪夜
/// 过渡口 (8 × 14 ems on page-9).
#[test]
fn a_vertical_serial_label_stands_under_its_headline() {
    let mut seen = 0;
    for rows in 36..=45 {
        let Some((head, label, (label_top, head_foot))) = headline_and_label(rows) else {
            continue;
        };
        seen += 1;
        assert!(
            label.0 >= head.0 - 1.0 && label.1 <= head.1 + 1.0,
            "{rows} rows: the label at x {label:?}, beside the headline at x {head:?}"
        );
        assert!(
            label_top > head_foot,
            "{rows} rows: the label starts at {label_top:.1}, over the headline's foot {head_foot:.1}"
        );
    }
    assert_eq!(seen, 10, "the box held the installment at {seen} depths");
    // Deeper, the label would stand further from the headline than its
    // own length: it stays beside it.
    let (head, label, _) = headline_and_label(60).expect("a box of 60 rows");
    assert!(
        label.1 < head.0,
        "60 rows: the label at x {label:?} under the headline"
    );
}

/// The text runs among a page's `items`.
fn text_runs(items: &[PageItem]) -> Vec<&TextRun> {
    (items.iter())
        .filter_map(|i| match i {
            PageItem::Text(r) => Some(r),
            _ => None,
        })
        .collect()
}

/// Examples/page-9's installment.
fn north_window() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/page-9/north-window-12.md"
    );
    // Invariant: the example is in the repository.
    std::fs::read_to_string(path).expect("examples/page-9/north-window-12.md")
}

/// A box whose tiers, balanced, end short of its edge spreads its lines
/// in as many lines as hold its text on the page, not only in as many as
/// its text took balanced (where the keep rules want a line more): page-9's
/// serial, its label under its headline, in 39 rows kept two lines white
/// at every tier's end (2.64 pitches with the padding; now 1.72) where the
/// fewest lines, 23 of 25, did not hold it and 24 did. Its depths that
/// two tiers fill: a slot of the spread pitch white at most, with the
/// padding's 0.78 (1.91 at 42 rows, its end mark run in: 21 of 25 lines
/// did not hold it, 22 did, at 1.14 pitches).
#[test]
fn a_box_spreads_its_lines_in_the_fewest_that_hold_its_text() {
    let mut seen = 0;
    for rows in 39..=43 {
        let Some(white) = first_tier_white(("tabloid", north_window()), (3, rows)) else {
            continue;
        };
        seen += 1;
        assert!(white < 2.0, "{rows} rows: {white:.2} pitches of white");
    }
    assert_eq!(seen, 5, "the box held the installment at {seen} depths");
}

/// A vertical serial box a page deep (a serial held over alone to a page
/// of its own, gen-pages --tiers set10) sets its title in the fewest
/// tiers that take its lines at its size, the text running on under it
/// in the others (题在上段), not across every tier: there the title's
/// lines ran down all five tiers, the headline ending in the second and
/// the rest of its lines white (a 4 × 7 ems hole and a column of white
/// down the box). Its text's glyphs now stand under the headline's foot,
/// within the headline's lines.
#[test]
fn a_tall_boxs_title_keeps_to_the_fewest_tiers_that_take_it() {
    let under = text_under_title(5, None).expect("a box the page's depth holds the installment");
    assert!(
        under > 100,
        "{under} characters of text under the title's lines"
    );
}

/// The heavy rule between a vertical box's title block and its text
/// stands midway between the two inks: page-9's serial (its label under
/// its headline) in 41 rows. In the middle of the slot left for it, it
/// stood 12 pt from the headline and 6 from the text (a compositor's
/// review): the headline's line is centred in slots made for its size.
#[test]
fn a_boxs_title_rule_stands_midway_between_title_and_text() {
    let layout = load_layout("tabloid", None).expect("the tabloid layout");
    let (doc, shaped) = shaped(north_window(), &layout);
    let page = layout.grid_for(Writing::Horizontal);
    let m = boxed_module((&doc, &shaped), &layout, &page, (3, 41)).expect("a box of 41 rows");
    let items = &m.pages[0].items;
    let rule = (items.iter())
        .find_map(|i| match i {
            PageItem::Rule(r) if r.width == super::rules::RULE_HEAVY && r.x0 == r.x1 => {
                Some(r.x0.0)
            }
            _ => None,
        })
        .expect("a heavy rule down the box");
    let runs = text_runs(items);
    let largest = runs.iter().map(|r| r.size.0).fold(0.0, f64::max);
    // A vertical glyph's x is its line's centre; its ink half its size
    // either side.
    let head = (runs.iter().filter(|r| r.size.0 == largest))
        .flat_map(|r| r.glyphs.iter().map(|g| g.x.0 - largest / 2.0))
        .fold(f64::MAX, f64::min);
    let body = page.body_size.0;
    let text = (runs.iter().filter(|r| (r.size.0 - body).abs() < 0.01))
        .flat_map(|r| r.glyphs.iter().map(|g| g.x.0 + body / 2.0))
        .filter(|&x| x < rule)
        .fold(f64::MIN, f64::max);
    let (to_head, to_text) = (head - rule, rule - text);
    assert!(
        to_head > 0.0 && to_text > 0.0 && (to_head - to_text).abs() < 2.0,
        "the rule {to_head:.1} pt from the headline, {to_text:.1} from the text"
    );
}

/// A vertical box's edges stand a character and a half from its type
/// and inside its frame whatever gap its whole tiers leave between them:
/// page-9's serial in frames 39 to 60 rows deep, its top edge at the same
/// place in every one. The box kept half the tiers' gap from the type
/// (the edge moved by 4.5 pt with the depth here), and where whole tiers
/// left more than four ems between them its foot ran past the frame,
/// through the rule over the module under it (gen-pages --tiers set01:
/// 5.7 pt).
#[test]
fn a_vertical_boxs_edges_stay_inside_its_frame() {
    let layout = load_layout("tabloid", None).expect("the tabloid layout");
    let (doc, shaped) = shaped(north_window(), &layout);
    let page = layout.grid_for(Writing::Horizontal);
    let mut tops = Vec::new();
    for rows in 39..=60 {
        let Some(m) = boxed_module((&doc, &shaped), &layout, &page, (3, rows)) else {
            continue;
        };
        let across: Vec<f64> = (m.pages[0].items.iter())
            .filter_map(|i| match i {
                PageItem::Rule(r) if r.y0 == r.y1 && r.width.0 == 1.0 => Some(r.y0.0),
                _ => None,
            })
            .collect();
        let (top, foot) = (page.top.0, page.top.0 + page.pitch.0 * rows as f64);
        for &y in &across {
            assert!(
                y >= top - 0.01 && y <= foot + 0.01,
                "{rows} rows: a box edge at {y:.1} outside the frame {top:.1}–{foot:.1}"
            );
        }
        tops.extend(across.iter().copied().reduce(f64::min));
    }
    assert!(
        tops.len() >= 15,
        "the box held the installment at {} depths",
        tops.len()
    );
    let (least, most) = tops
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &y| (a.min(y), b.max(y)));
    assert!(
        most - least < 0.01,
        "the box's top edge from {least:.2} to {most:.2}"
    );
}

/// Examples/changhe/0789.md set vertically, as a serial box on a
/// horizontal page is.
fn vertical_0789() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/changhe/0789.md");
    // Invariant: the example is in the repository.
    let src = std::fs::read_to_string(path).expect("examples/changhe/0789.md");
    src.replacen(
        "kind = \"serial\"",
        "kind = \"serial\"\nwriting = \"vertical\"",
        1,
    )
}

/// Examples/changhe/0789.md set vertically, as a serial box on a
/// horizontal page is, as a box in the broadsheet's first `columns`
/// columns, `rows` lines deep (the page's depth by default): the text's
/// glyphs under the foot of its title's headline, within the headline's
/// lines; `None` where it cannot be set there.
fn text_under_title(columns: u32, rows: Option<u32>) -> Option<usize> {
    let src = vertical_0789();
    let layout = load_layout("broadsheet", None).expect("the broadsheet layout");
    let (doc, shaped) = shaped(src, &layout);
    let page = layout.grid_for(Writing::Horizontal);
    let rows = rows.unwrap_or(page.lines);
    let m = boxed_module((&doc, &shaped), &layout, &page, (columns, rows))?;
    let [p] = &m.pages[..] else { return None };
    let runs = text_runs(&p.items);
    let largest = runs.iter().map(|r| r.size.0).fold(0.0, f64::max);
    let head: Vec<(f64, f64)> = (runs.iter().filter(|r| r.size.0 == largest))
        .flat_map(|r| r.glyphs.iter().map(|g| (g.x.0, g.y.0)))
        .collect();
    let (x0, x1) = (head.iter()).fold((f64::MAX, f64::MIN), |(a, b), g| (a.min(g.0), b.max(g.0)));
    let foot = head.iter().map(|g| g.1).fold(f64::MIN, f64::max);
    let body = page.body_size.0;
    let under = (runs.iter().filter(|r| (r.size.0 - body).abs() < 0.01))
        .flat_map(|r| r.glyphs.iter())
        .filter(|g| g.x.0 >= x0 - body && g.x.0 <= x1 + body && g.y.0 > foot + largest)
        .count();
    Some(under)
}

/// A box of two tiers whose title, across both, would leave a hole under
/// its lines (第七百八十九回 too long for a tier at its size, too short for
/// two: gen-pages --tiers set02's box kept 15 × 28 ems white under its
/// headline, 雨夜的来信 and its label) sets the title in the first tier,
/// its headline stepped down as far as a third, and runs the text on
/// under it (题在上段): at 43 to 48 rows, text under the headline's foot
/// (none before: the headline ran into the second tier, white under it).
#[test]
fn a_title_too_long_for_a_tier_and_short_for_two_stands_in_the_first() {
    for rows in 43..=48 {
        let under = text_under_title(3, Some(rows)).expect("the box holds the installment");
        assert!(
            under > 50,
            "{rows} rows: {under} characters of text under the title"
        );
    }
}

/// A box whose text takes three quarters of its lines or so spreads them
/// to a line gap of up to 0.8 of its size, within JLREQ's half to a whole
/// em (the 0789 installment in a three-column box of 42 to 51 rows, its
/// title in the first tier): at a fifth more pitch (1.2) at most, its
/// first tier ended 4.3 to 5.5 pitches short of the box's edge at 43 to
/// 48 rows (gen-pages --tiers set22: 5 × 20 ems white in the box), 2.0
/// and 3.2 at 42 and 51 rows; now 2.2 to 3.5, and under a pitch.
#[test]
fn a_box_spreads_its_lines_to_a_gap_of_up_to_four_fifths_of_their_size() {
    for rows in 42..=51 {
        let white = first_tier_white(("broadsheet", vertical_0789()), (3, rows))
            .expect("the box holds the installment");
        let most = match rows {
            42 | 51 => 1.0,
            _ => 3.6,
        };
        assert!(white < most, "{rows} rows: {white:.2} pitches of white");
    }
}

//! A serial box set horizontally on a page set vertically
//! (edition-12's page 13 set with `--writing vertical`: the edition as
//! these tests were written for it, tests/fixtures/examples-then).

mod common;

use common::*;

/// Edition-12 (tests/fixtures/examples-then) set vertically into `dir`.
fn edition_12_vertical(dir: &std::path::Path) -> Outputs {
    need("pdftotext");
    let src = root().join("tests/fixtures/examples-then/edition-12.toml");
    // Its articles are the examples' own, outside its folder.
    let args = [
        src.as_os_str(),
        "--writing".as_ref(),
        "vertical".as_ref(),
        "--allow-outside".as_ref(),
    ];
    let (out, page) = run_into(dir, &args);
    assert_ok(&out);
    page
}

/// A serial box set horizontally on a page set vertically: its headline
/// breaks between its phrases (第七百九十回　灯下的旧账 in two lines), the
/// box as wide as that takes. Before, the make-up chose a box too narrow
/// for them at the headline's least size, and the headline broke inside
/// a phrase (第七百 / 九十回 / 　灯下 / 的旧账), a full-width space at a
/// line's start.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_horizontal_serial_box_on_a_vertical_page_breaks_its_headline_between_phrases() {
    let dir = tempdir();
    let pages = edition_12_vertical(dir.path()).pdf_pages();
    let lines: Vec<&str> = pages[1].lines().map(str::trim).collect();
    for head in [["第七百九十回", "灯下的旧账"], ["第十二回", "雪夜过渡口"]] {
        let at = lines.iter().position(|l| *l == head[0]);
        let next = at.and_then(|i| lines.get(i + 1));
        assert_eq!(next, Some(&head[1]), "{head:?} in\n{}", pages[1]);
    }
}

/// The same box's headings stand centred over its text, as a page's
/// headline over its module: flush with the start of a box whose lines
/// run across, 第十二回 left 18 body ems of white at its end, a hole
/// beside it (a vertical box keeps its headings at the head of its
/// lines, the top).
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_horizontal_serial_box_on_a_vertical_page_centres_its_headings() {
    let dir = tempdir();
    let words = word_boxes(&edition_12_vertical(dir.path()).pdf, 2);
    let find = |t: &str| (words.iter().find(|w| w.text == t)).unwrap_or_else(|| panic!("{t}"));
    let (number, title) = (find("第十二回"), find("雪夜过渡口"));
    // The box's text: the lines across under its block, 300 pt down.
    let text: Vec<&WordBox> = (words.iter())
        .filter(|w| w.y_min > title.y_max + 30.0 && w.y_min < title.y_max + 330.0)
        .filter(|w| w.x_min > title.x_min - 30.0 && w.x_max < title.x_max + 30.0)
        .filter(|w| w.x_max - w.x_min > 100.0)
        .collect();
    assert!(text.len() > 10, "{text:?}");
    let left = text.iter().map(|w| w.x_min).fold(f64::MAX, f64::min);
    let right = text.iter().map(|w| w.x_max).fold(f64::MIN, f64::max);
    for head in [number, title] {
        let white = (head.x_min - left, right - head.x_max);
        // Within some half an em (the lines' last glyphs stand a little
        // short of the measure).
        assert!((white.0 - white.1).abs() < 6.0, "{}: {white:?}", head.text);
    }
}

/// A horizontal box on a vertical page fills its box to the foot: the box
/// is as deep as the bands the make-up gave it, and its lines spread to
/// reach it. examples/edition-12.toml set vertically: 第十二回's box on
/// page 13 held its text in 60 of its 64 lines spread at most an eighth,
/// four lines white at its foot (a hole of 20 × 9 ems); spread a fifth, it
/// fills them.
#[test]
fn a_horizontal_box_on_a_vertical_page_leaves_no_lines_white_at_its_foot() {
    let dir = tempdir();
    let src = root().join("examples/edition-12.toml");
    let args = [src.as_os_str(), "--writing".as_ref(), "vertical".as_ref()];
    let (out, _) = run_into(dir.path(), &args);
    let stderr = assert_ok(&out);
    assert!(!stderr.contains("stay empty"), "{stderr}");
}

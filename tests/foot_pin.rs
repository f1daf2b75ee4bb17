//! A module pinned at the page's foot (`row = "foot"`): its last line on
//! the page's last, as deep as its text takes.

mod common;

use common::*;
use std::path::Path;

/// Writes a filled broadsheet manifest of examples/page-12.toml's articles
/// into `dir`, the serial box given `pin` (manifest lines), and sets it.
fn page_with_pin(dir: &Path, pin: &str) -> (std::process::Output, Outputs) {
    let ex = root().join("examples");
    let article = |f: &str| {
        format!(
            "[[article]]\nfile = {:?}\n",
            ex.join(f).display().to_string()
        )
    };
    let manifest = format!(
        "layout = \"broadsheet\"\n[page]\nnumber = 12\nfill = true\n\n{}{}{}{}{}box = true\n{pin}\n",
        article("page-9/reading-rooms.md"),
        article("night-bus.md"),
        article("old-lift.md"),
        article("bridge-news.md"),
        article("changhe/0789.md"),
    );
    let path = dir.join("page.toml");
    std::fs::write(&path, manifest).unwrap();
    // The articles are the examples': outside the manifest's folder.
    run_into(dir, &[path.as_os_str(), "--allow-outside".as_ref()])
}

/// The serial box's title (第七百八十九回, the installment) among `words`.
fn serial_title(words: &[WordBox]) -> &WordBox {
    (words.iter().find(|w| w.text.contains("第七百八十九回"))).expect("the serial's title")
}

/// The lowest line of the serial box's text on page 1: under its title,
/// within the title's extent across the page (the box's columns; the
/// title stands near the box's sides).
fn lowest_in_box(pdf: &Path) -> f64 {
    let words = word_boxes(pdf, 1);
    let t = serial_title(&words);
    (words.iter())
        .filter(|w| w.y_min > t.y_max && w.x_min > t.x_min - 40.0 && w.x_max < t.x_max + 40.0)
        .map(|w| w.y_max)
        .fold(f64::MIN, f64::max)
}

/// The lowest line of text on page 1 (the folio, digits alone, left out).
fn lowest_text(pdf: &Path) -> f64 {
    (word_boxes(pdf, 1).iter())
        .filter(|w| !w.text.chars().all(|c| c.is_ascii_digit()))
        .map(|w| w.y_max)
        .fold(f64::MIN, f64::max)
}

/// A serial box across the page pinned at its foot ends on the page's last
/// line, where the made-up page-12's box at the foot ends (a box's text
/// a line over the page's last, which its edge takes; on this page the
/// make-up above it fills 97 of its 100 lines: the white is above the
/// box, not under it, see the test after this one); the same box
/// pinned at a row above (as tools/gen-pages.py pinned it, row 96) left
/// the lines under its short text white across the whole page.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_box_pinned_at_the_foot_ends_on_the_pages_last_line() {
    let dir = tempdir();
    let (out, foot) = page_with_pin(dir.path(), "column = 1\ncolumns = 8\nrow = \"foot\"");
    let said = assert_ok(&out);
    // As deep as its text: no line of the box left empty.
    assert!(!said.contains("stay empty"), "{said}");
    // The same page with the box placed by the make-up (page-12.toml, its
    // furniture aside) fills to the last line.
    let full = tempdir();
    let (out, page12) = page_with_pin(full.path(), "");
    assert_ok(&out);
    let (at_foot, last) = (lowest_text(&foot.pdf), lowest_in_box(&page12.pdf));
    assert!(
        (at_foot - last).abs() < 2.0,
        "foot pin's lowest line {at_foot}, page-12's box's {last}"
    );
    // The box's text reaches the page's last line: its end mark, flush
    // in its last column, a line short at most (the box's columns end
    // square, the last not the longest; a line is 12.5 pt).
    let words = word_boxes(&foot.pdf, 1);
    let end = (words.iter())
        .find(|w| w.text.contains("未完待续"))
        .expect("the end mark");
    let short = at_foot - end.y_max;
    assert!(
        (-2.0..14.0).contains(&short),
        "end mark at {}, foot {at_foot}",
        end.y_max
    );
    // The box's title stands above its text, near the foot: the box is as
    // deep as its text, not the page's lower half.
    let title = serial_title(&words);
    assert!(
        at_foot - title.y_max < 250.0,
        "title at {}, foot {at_foot}",
        title.y_max
    );
    // Pinned above the foot, white stays under it.
    let above = tempdir();
    let (out, high) = page_with_pin(above.path(), "column = 1\ncolumns = 8\nrow = 90");
    assert_ok(&out);
    assert!(lowest_text(&high.pdf) < at_foot - 20.0);
}

/// Over a box pinned at the foot, the lines the articles above leave
/// white open the spaces between their modules (a line each at most), not
/// a strip across the page over the box: page-12's articles fill 97 of
/// the band's 100 lines, and the 3 left stood over the box, its title
/// 49.8 pt under the lowest line above it (a hole 69 × 4 ems pagecheck
/// counts); one of them now opens the boundary between the two rows of
/// modules above (37.3 pt).
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn the_white_over_a_foot_pin_opens_the_spaces_between_the_modules() {
    let dir = tempdir();
    let (out, foot) = page_with_pin(dir.path(), "column = 1\ncolumns = 8\nrow = \"foot\"");
    assert_ok(&out);
    let words = word_boxes(&foot.pdf, 1);
    let title = serial_title(&words);
    let over = (words.iter())
        .filter(|w| w.y_max < title.y_min - 5.0)
        .map(|w| w.y_max)
        .fold(f64::MIN, f64::max);
    let gap = title.y_min - over;
    assert!(
        gap < 40.0,
        "{gap:.1} pt between the band's lowest line and the box"
    );
}

/// A row that is neither a line nor "foot" is an error at its place.
#[test]
fn a_row_neither_a_line_nor_foot_is_an_error_where_it_is_written() {
    let dir = tempdir();
    let (out, _) = page_with_pin(dir.path(), "column = 1\nrow = \"top\"");
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains("page.toml:") && said.contains("row = \"top\""),
        "{said}"
    );
    assert!(
        said.contains("row = \"foot\""),
        "the hint names the foot: {said}"
    );
}

/// A pin past the grid's columns on a made-up page is an error at its
/// place, before anything is laid out: `column = 30` on the broadsheet's
/// eight aborted the make-up (its free band read the pin's columns, and
/// `8 - 29` wrapped round to an allocation of gigabytes).
#[test]
fn a_pin_past_the_grid_is_an_error_where_it_is_written() {
    for pin in [
        "column = 30\nrow = 1",
        "column = 30\nrow = \"foot\"",
        "column = 1\ncolumns = 20\nrow = 1",
    ] {
        let dir = tempdir();
        let (out, _) = page_with_pin(dir.path(), pin);
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{pin}: {said}");
        assert!(
            said.contains("page.toml:") && said.contains("but the layout has 8"),
            "{pin}: {said}"
        );
    }
}

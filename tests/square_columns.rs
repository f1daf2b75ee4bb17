//! Made-up pages whose modules end square: no column a line short beside
//! full ones, whose white, over the next module's kicker or a short line
//! at its head, read as a hole of 4 × 4 ems.

mod common;

use common::dump::fixture_pdf;
use common::*;

/// The page summaries (`page N: … holes …`) of a generated set.
fn summaries(set: &str) -> Vec<String> {
    let src = root().join(format!("tests/fixtures/{set}/fill.toml"));
    let dir = tempdir();
    let (out, _) = run_into(dir.path(), &[src.as_os_str()]);
    let stderr = assert_ok(&out);
    (stderr.lines())
        .filter(|l| l.contains("of the grid in modules"))
        .map(str::to_string)
        .collect()
}

/// A balanced module's last page: two middle columns a line short, side
/// by side over the module under them (set 00 of the generator, page 2),
/// were taken for square. Only the last columns may now end a line short.
#[test]
fn a_balanced_module_ends_short_only_in_its_last_columns() {
    let pages = summaries("gen-horizontal-00");
    assert_eq!(pages.len(), 2, "{pages:?}");
    for p in &pages {
        assert!(p.contains("no holes"), "{p}");
    }
}

/// A module cut to continue fills every column to the cut: its second
/// column stood a line short (a paragraph's first line kept off its
/// foot) over the next module's kicker, a hole (set 07, page 1).
#[test]
fn a_continued_module_fills_every_column_to_the_cut() {
    let pages = summaries("gen-horizontal-07");
    assert!(pages.len() >= 2, "{pages:?}");
    assert!(pages[0].contains("no holes"), "{}", pages[0]);
}

/// A continued module's kicker under a column of the module over it that
/// ends a line short is turned to the headline's end, as a whole module's
/// is: flush with the headline's start its white joined that column's
/// into a 4 × 5-em hole (set 02, page 1). Only the kicker moves: the cut
/// and the rest on page 2 stay.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_continued_modules_kicker_turns_to_the_headlines_end() {
    need("pdftotext");
    let (_dir, pdf, page1) = fixture_pdf("gen-horizontal-02/fill.toml");
    assert!(page1.contains("no holes"), "{page1}");
    let words = word_boxes(&pdf, 1);
    let find = |t: &str| words.iter().find(|w| w.text == t).expect(t).clone();
    let (kicker, headline) = (find("竝裡了一鳱外"), find("蘞了不最的，簭裡把了敲了下"));
    assert!(
        (kicker.x_max - headline.x_max).abs() < 2.0 && kicker.x_min > headline.x_min + 100.0,
        "the kicker ends where the headline does: {kicker:?} {headline:?}"
    );
    let pages = pdf_pages(&pdf);
    assert!(pages[0].contains("（下轉第2版）"), "{}", pages[0]);
    assert!(pages[1].contains("（上接第1版）"), "{}", pages[1]);
}

/// A module the make-up gives a line or two more than its text takes
/// fills them under its title block: its last column stood a line and a
/// half short over the next module's kicker row, a 5 × 4-em hole (set 09).
#[test]
fn a_module_given_rows_its_text_leaves_white_ends_square_over_the_next() {
    let pages = summaries("gen-horizontal-09");
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert!(pages[0].contains("no holes"), "{}", pages[0]);
}

/// examples/page-12.toml: the module at the page's foot (六楼的电梯, its
/// title block three of its five columns wide) was given two lines more
/// than its text took and left them white under all five columns, the
/// column rules running two lines past its text and the serial box
/// beside it reaching lower. Its white goes under the block: its columns
/// end on the page's last text line.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn the_foot_module_under_a_narrower_block_ends_on_the_last_line() {
    need("pdftotext");
    let dir = tempdir();
    let pdf = dir.path().join("p.pdf");
    let src = root().join("examples/page-12.toml");
    let out = run(&[src.as_os_str(), "--pdf".as_ref(), pdf.as_os_str()]);
    assert_ok(&out);
    let words = word_boxes(&pdf, 1);
    // Body type: words about 9 pt high, over the furniture's line (the
    // folio and the credits, the page's lowest words).
    let furniture = words.iter().map(|w| w.y_min).fold(0f64, f64::max) - 5.0;
    let body = (words.iter()).filter(|w| (w.y_max - w.y_min) < 14.0 && w.y_min < furniture);
    let head = words
        .iter()
        .find(|w| w.text == "施工比想象的慢")
        .expect("the foot module's head");
    let (mut foot_module, mut elsewhere) = (0f64, 0f64);
    for w in body {
        // The foot module's columns: from the page's start to the end of
        // the column of its section head and two more.
        let inside = w.y_min > head.y_min && w.x_max < head.x_max + 2.0 * 126.0;
        let low = if inside {
            &mut foot_module
        } else {
            &mut elsewhere
        };
        *low = low.max(w.y_max);
    }
    assert!(
        foot_module + 1.0 >= elsewhere,
        "the foot module's text ends at {foot_module:.1} pt, other text at {elsewhere:.1}"
    );
}

//! Two headlines side by side on a made-up page, of one size within a
//! quarter, are parted by a column of text, not by a face alone
//! (tests/fixtures/gen-variants-01: `tools/gen-pages.py --variants`, set
//! 01). The second row's 一了有岸了没纂同门里澠晨 and 卮在角一崋的菆个，
//! stood on one line with only the rule between, the second in its
//! alternate face (a compositor's review refused such pairs: 撞题); the
//! first module's title block now spans all its columns but the last,
//! whose text runs up between the two (题文错开).

mod common;

use common::dump::fixture_pdf;
use common::{WordBox, word_boxes};

fn word<'w>(words: &'w [WordBox], start: &str) -> &'w WordBox {
    (words.iter())
        .find(|w| w.text.starts_with(start))
        .unwrap_or_else(|| panic!("a word starting {start}"))
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn headlines_side_by_side_are_parted_by_a_column_of_text() {
    let (_dir, pdf, _) = fixture_pdf("gen-variants-01/fill.toml");
    let words = word_boxes(&pdf, 1);
    let (left, right) = (word(&words, "一了有岸"), word(&words, "卮在角"));
    // Side by side on one line: their boxes overlap down the page.
    let (top, foot) = (left.y_min.max(right.y_min), left.y_max.min(right.y_max));
    assert!(foot > top, "not on one line: {left:?} {right:?}");
    // Body lines (a box under 15 pt high) between them, on that line.
    let between = (words.iter())
        .filter(|w| w.y_max - w.y_min < 15.0)
        .filter(|w| w.x_min >= left.x_max && w.x_max <= right.x_min)
        .filter(|w| w.y_max > top && w.y_min < foot)
        .count();
    assert!(
        between >= 2,
        "{between} line(s) of text between {} and {}",
        left.text,
        right.text
    );
}

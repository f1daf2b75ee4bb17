//! A module with a figure is measured at the depth the page gives it
//! (tests/fixtures/gen-figure-settle: `tools/gen-pages.py DIR 60`, set 59).
//! Its figure is placed by its column's depth: laid out to the page's
//! foot, the held article 柫掏了裡最礌了綩傍裡 took 12 lines under its
//! headline, and at the 13 rows the page then gave it its disc stood
//! elsewhere, the column beside it kept no line, and its text ran into
//! the white line under it, over the rule and into the box of the
//! headline under it (聲窮外銂孩了裡了重, on page 2). The make-up lays
//! such a module out again at its rows until its text ends above that
//! line.

mod common;

use common::dump::fixture_pdf;
use common::{WordBox, word_boxes};

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_module_with_a_figure_ends_above_the_module_under_it() {
    let (_dir, pdf, _) = fixture_pdf("gen-figure-settle/fill.toml");
    let words = word_boxes(&pdf, 2);
    let head = (words.iter())
        .find(|w| w.text.starts_with("聲窮外銂孩"))
        .expect("the headline under the held article, on page 2");
    // Body lines (boxes under 15 pt high) over the headline's columns.
    let over: Vec<&WordBox> = (words.iter())
        .filter(|w| w.y_max - w.y_min < 15.0)
        .filter(|w| w.x_min >= head.x_min - 5.0 && w.x_max <= head.x_max + 200.0)
        .filter(|w| w.y_min < head.y_min)
        .collect();
    let lowest = (over.iter())
        .max_by(|a, b| a.y_max.total_cmp(&b.y_max))
        .expect("the held article's lines over it");
    assert!(
        lowest.y_max + 4.0 < head.y_min,
        "{lowest:?} runs into {head:?}"
    );
}

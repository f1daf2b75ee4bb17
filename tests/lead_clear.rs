//! The lead story's headline stands a size clear of every other on a
//! made-up page (tests/fixtures/gen-horizontal-10: `tools/gen-pages.py`,
//! set 10). Its second story's headline, 霁碛觯咢的谰窗塞门, was set at
//! the lead's own size (48.4 pt beside 48.4): capped at the lead's, not
//! under it.

mod common;

use common::dump::fixture_pdf;
use common::word_boxes;

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn the_leads_headline_is_a_size_clear_of_every_other() {
    let (_dir, pdf, _) = fixture_pdf("gen-horizontal-10/fill.toml");
    // A display line is one word; its box's height goes with its size.
    let words: Vec<(f64, String)> = (word_boxes(&pdf, 1).into_iter())
        .map(|w| (w.y_max - w.y_min, w.text))
        .collect();
    let lead = (words.iter())
        .find(|(_, t)| t.starts_with("了里铭上郆"))
        .map(|(h, _)| *h)
        .expect("the lead's headline");
    let (other, text) = (words.iter())
        .filter(|(_, t)| !t.starts_with("了里铭上郆"))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .expect("other words");
    assert!(
        lead >= 1.1 * other - 0.5,
        "the lead's headline ({lead:.1} pt high) is not a size clear of {text} ({other:.1})"
    );
}

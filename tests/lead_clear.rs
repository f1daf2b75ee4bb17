//! The lead story's headline stands a size clear of every other on a
//! made-up page (tests/fixtures/gen-horizontal-10: `tools/gen-pages.py`,
//! set 10). Its second story's headline, 霁碛觯咢的谰窗塞门, was set at
//! the lead's own size (48.4 pt beside 48.4): capped at the lead's, not
//! under it.

mod common;

use common::dump::fixture_pdf;
use std::process::Command;

/// The height of each word's box on page 1 of `pdf`, with its text
/// (`pdftotext -bbox`: a display line is one word; its box's height goes
/// with its size).
fn word_heights(pdf: &std::path::Path) -> Vec<(f64, String)> {
    let out = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1", "-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |w: &str, name: &str| -> f64 {
        let at = w.find(&format!("{name}=\"")).expect("the attribute") + name.len() + 2;
        w[at..]
            .split('"')
            .next()
            .and_then(|v| v.parse().ok())
            .expect("a number")
    };
    (html.lines())
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|w| {
            let text = w.split('>').nth(1).unwrap_or("").trim_end_matches("</word");
            (attr(w, "yMax") - attr(w, "yMin"), text.to_string())
        })
        .collect()
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn the_leads_headline_is_a_size_clear_of_every_other() {
    let (_dir, pdf, _) = fixture_pdf("gen-horizontal-10/fill.toml");
    let words = word_heights(&pdf);
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

//! A page's make-ups are bounded: at most sixteen composed, every level of
//! headline caps and every re-set with headlines parted or in their
//! alternate face together (tests/fixtures/gen-varv-05:
//! `tools/gen-pages.py --variants`, set 05, set vertically). Its make-ups
//! left it a line short of its foot whatever they tried, so every level of
//! caps was searched to its own bound: 41 make-ups, some 10 ms each,
//! the page kept the 13th. With the band cut down at its pin's side the
//! third fills it, its lead in the top right corner, but a hole on a
//! reader's boxes of its glyphs keeps the make-up going to the bound.

mod common;

use std::ffi::OsStr;

use common::{assert_ok, run};

/// The count of make-ups the summary line of page 1 gives.
fn composed(stderr: &str) -> usize {
    let line = (stderr.lines())
        .find(|l| l.contains("fill:") && l.contains("make-ups composed"))
        .unwrap_or_else(|| panic!("a summary with its make-ups:\n{stderr}"));
    let head = &line[..line.find(" make-ups composed").expect("found above")];
    let digits = head.rsplit(|c: char| !c.is_ascii_digit()).next();
    digits.and_then(|d| d.parse().ok()).expect("a count")
}

#[test]
fn a_page_composes_at_most_sixteen_make_ups() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = root.join("tests/fixtures/gen-varv-05/fill.toml");
    let dir = common::tempdir();
    let pdf = dir.path().join("p.pdf");
    let args = [
        manifest.as_os_str(),
        OsStr::new("--writing"),
        OsStr::new("vertical"),
        OsStr::new("--pdf"),
        pdf.as_os_str(),
    ];
    let stderr = assert_ok(&run(&args));
    let n = composed(&stderr);
    // The bound reached: the page goes on trying to the last make-up.
    assert_eq!(n, 16, "{n} make-ups composed:\n{stderr}");
    // And the page as kept before the bound: the third make-up (the
    // lead's, cut down at the pin).
    assert!(stderr.contains("the third kept"), "{stderr}");
}

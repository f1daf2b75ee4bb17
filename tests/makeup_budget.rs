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
    let stderr = set_vertically("gen-varv-05");
    let n = composed(&stderr);
    // The bound reached: the page goes on trying to the last make-up.
    assert_eq!(n, 16, "{n} make-ups composed:\n{stderr}");
    // And the page as kept before the bound: the third make-up (the
    // lead's, cut down at the pin).
    assert!(stderr.contains("the third kept"), "{stderr}");
}

/// What `typeset` says on stderr setting generated set `set` vertically.
fn set_vertically(set: &str) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = root.join("tests/fixtures").join(set).join("fill.toml");
    let dir = common::tempdir();
    let pdf = dir.path().join("p.pdf");
    let args = [
        manifest.as_os_str(),
        OsStr::new("--writing"),
        OsStr::new("vertical"),
        OsStr::new("--pdf"),
        pdf.as_os_str(),
    ];
    assert_ok(&run(&args))
}

/// The summary line of page 1 of a generated set, set vertically.
fn summary_of(set: &str) -> String {
    let stderr = set_vertically(set);
    let line = (stderr.lines()).find(|l| l.contains("fill:") && l.contains("make-ups composed"));
    line.unwrap_or_else(|| panic!("a summary:\n{stderr}"))
        .to_string()
}

/// A retry whose search finds a page its pass set already (the modules
/// its holes met avoided, nothing cheaper) takes that page's outcome: the
/// summary counts it, not set again (gen-vertical-04: the lead's pass
/// finds its first page again).
#[test]
fn a_page_a_retry_finds_again_is_not_set_again() {
    let line = summary_of("gen-vertical-04");
    assert!(
        line.contains("1 of them found again by a retry's search, not set again"),
        "{line}"
    );
}

/// The make-ups' modules are laid out ahead, in parallel, each in the
/// frame the make-up gives it; placing them one after another lays out
/// only those it finds in other frames or with other jump lines (here
/// the rests, and kickers turned where the page before them changed).
#[test]
fn the_make_ups_modules_are_laid_out_ahead_in_parallel() {
    let line = summary_of("gen-varv-05");
    let counts = line
        .split("their modules laid out: ")
        .nth(1)
        .expect("counted");
    let number = |s: &str| -> usize {
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().expect("a count")
    };
    let ahead = number(counts);
    let placing = number(counts.split(" ahead in parallel, ").nth(1).expect("both"));
    assert!(
        ahead > 0 && placing * 4 <= ahead,
        "{ahead} ahead, {placing} after: {line}"
    );
}

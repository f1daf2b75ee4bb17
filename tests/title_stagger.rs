//! Text run up beside a headline's short last line (题文穿插) and the
//! headline staggered (错落) to free a column for it, on a generated page
//! (tests/fixtures/gen-variants-02: `tools/gen-pages.py --variants`, set
//! 02, its second article given three columns: left to the search, it is
//! set across four under its headline on one line, the holes a cut
//! module's two-line headline leaves charged before the stagger closes
//! them).

mod common;

use common::dump::fixture_pdf;
use common::*;
use std::ffi::OsStr;

/// `--dump-lines` of the set, from the module whose headline ends in
/// `last` on: its lines across the module, then its columns.
fn module_dump(last: &str) -> String {
    let src = root().join("tests/fixtures/gen-variants-02/fill.toml");
    let out = run(&[src.as_os_str(), OsStr::new("--dump-lines")]);
    let set = String::from_utf8_lossy(&out.stdout).into_owned();
    let at = set
        .find(&format!("│{last}│"))
        .expect("the headline's last line");
    let start = set[..at].rfind("across the module").expect("the module");
    let end = (set[at..].find("##").into_iter())
        .chain(set[at..].find("across the module"))
        .min()
        .map_or(set.len(), |e| at + e);
    set[start..end].to_string()
}

/// The slot of a dump line (`slot  8 │…`).
fn slot(line: &str) -> u32 {
    let s = line.trim_start().strip_prefix("slot").expect("a set line");
    s.split('│')
        .next()
        .unwrap_or("")
        .trim()
        .parse()
        .expect("a slot")
}

/// A three-column module under a two-line headline, `的進是上畕裡下，` /
/// `椑來了了炘`: its second line, centred, left white at both ends (two
/// holes of 6 × 5 body ems, page 1), neither a column wide. Set flush with
/// the first line's end, it frees the first column, whose byline and text
/// run up beside it; the other columns start under it. The page has no
/// holes.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_short_last_headline_line_is_staggered_and_the_first_column_runs_up_beside_it() {
    let module = module_dump("椑來了了炘");
    let across: Vec<&str> = (module.lines())
        .take_while(|l| !l.contains("column 1"))
        .filter(|l| l.trim_start().starts_with("slot"))
        .collect();
    let last = slot(across.last().expect("the headline"));
    let first_slot = |column: u32| {
        let head = format!("column {column}\n");
        let from = module.find(&head).expect("the column") + head.len();
        slot(module[from..].lines().next().expect("a line"))
    };
    // The first column starts beside the headline's last line (its
    // byline first), the second under it.
    assert_eq!(first_slot(1), last, "{module}");
    assert!(first_slot(2) > last, "{module}");
    assert!(
        module.contains(&format!("slot {last:>3} │本報記者")),
        "{module}"
    );
    // The second line ends where the first does.
    need("pdftotext");
    let (_dir, pdf, page1) = fixture_pdf("gen-variants-02/fill.toml");
    assert!(page1.contains("no holes"), "{page1}");
    let words = word_boxes(&pdf, 1);
    let find = |t: &str| words.iter().find(|w| w.text.contains(t)).expect(t).clone();
    let (first, second) = (find("的進是上畕裡下"), find("椑來了了炘"));
    assert!(
        (first.x_max - second.x_max).abs() < 2.0 && second.x_min > first.x_min + 100.0,
        "flush with the first line's end: {first:?} {second:?}"
    );
}

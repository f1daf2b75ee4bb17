//! Made-up pages whose modules end square: no column a line short beside
//! full ones, whose white, over the next module's kicker or a short line
//! at its head, read as a hole of 4 × 4 ems.

mod common;

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

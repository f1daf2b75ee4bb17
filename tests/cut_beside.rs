//! Continuations take up their text where page 1 left it: no line set
//! twice, none lost.

mod common;

use std::ffi::OsStr;

use common::*;

/// A module cut where its text runs beside a figure: the continuation
/// goes on from the first line page 1 did not set. Before, a column ended
/// beside the figure recorded the last line set as where the rest began,
/// and page 2 set it again (tests/fixtures/cut-beside, a generated set:
/// 下了筄街一。冰了了 printed at page 1's cut and again at page 2's head).
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_cut_beside_a_figure_sets_no_line_twice() {
    let dir = tempdir();
    let src = root().join("tests/fixtures/cut-beside/fill.toml");
    let paras = dir.path().join("p.txt");
    let args: [&OsStr; 3] = [src.as_os_str(), "--paragraphs".as_ref(), paras.as_os_str()];
    let (out, outputs) = run_into(dir.path(), &args);
    let stderr = assert_ok(&out);
    assert!(stderr.contains("continues on"), "{stderr}");
    need("pdftotext");
    let listed = std::fs::read_to_string(&paras).unwrap();
    let pages = outputs.pdf_pages();
    assert_eq!(pages.len(), 2);
    // Every run of eight characters of the body (not of a headline, which
    // a continuation head repeats) printed no more often than written.
    let grams = |lines: &mut dyn Iterator<Item = &str>| {
        let mut n = std::collections::HashMap::<String, usize>::new();
        for line in lines {
            let c: Vec<char> = squeeze(line).chars().collect();
            for w in c.windows(8) {
                *n.entry(w.iter().collect()).or_default() += 1;
            }
        }
        n
    };
    let body = grams(&mut listed.lines().filter(|l| l.chars().count() > 40));
    let heads = grams(&mut listed.lines().filter(|l| l.chars().count() <= 40));
    let printed = grams(&mut pages.iter().flat_map(|p| p.lines()));
    let twice: Vec<&String> = (printed.iter())
        .filter(|(g, n)| body.get(*g).is_some_and(|b| *n > b) && !heads.contains_key(*g))
        .map(|(g, _)| g)
        .collect();
    assert!(
        twice.is_empty(),
        "printed more often than written: {twice:?}"
    );
    assert!(body.len() > 5000);
}
